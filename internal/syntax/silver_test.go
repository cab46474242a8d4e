package syntax

import (
	"bytes"
	"strings"
	"testing"

	"dyad/internal/conllu"
)

func sentence(text string, rows ...string) string {
	var b strings.Builder
	b.WriteString("# text = " + text + "\n")
	for _, r := range rows {
		b.WriteString(strings.ReplaceAll(r, " ", "\t") + "\n")
	}
	b.WriteString("\n")
	return b.String()
}

// TestAgree: only sentences whose two parses agree on every tag, head and label are
// kept, once each, within the length bounds, renumbered; parses of different texts
// are an error.
func TestAgree(t *testing.T) {
	agreed := sentence("Russia expelled diplomats .",
		"1 Russia Russia PROPN NNP _ 2 nsubj _ _",
		"2 expelled expel VERB VBD _ 0 root _ _",
		"3 diplomats diplomat NOUN NNS _ 2 obj _ _",
		"4 . . PUNCT . _ 2 punct _ _")
	otherHead := sentence("Colombia expelled two Russians .",
		"1 Colombia Colombia PROPN NNP _ 2 nsubj _ _",
		"2 expelled expel VERB VBD _ 0 root _ _",
		"3 two two NUM CD _ 4 nummod _ _",
		"4 Russians Russian PROPN NNPS _ 2 obj _ _",
		"5 . . PUNCT . _ 2 punct _ _")
	otherHeadB := strings.Replace(otherHead, "3\ttwo\ttwo\tNUM\tCD\t_\t4", "3\ttwo\ttwo\tNUM\tCD\t_\t2", 1)
	otherTag := sentence("They met today .",
		"1 They they PRON PRP _ 2 nsubj _ _",
		"2 met meet VERB VBD _ 0 root _ _",
		"3 today today NOUN NN _ 2 obl:tmod _ _",
		"4 . . PUNCT . _ 2 punct _ _")
	otherTagB := strings.Replace(otherTag, "NOUN\tNN", "ADV\tRB", 1)
	short := sentence("Yes .", "1 Yes yes INTJ UH _ 0 root _ _", "2 . . PUNCT . _ 1 punct _ _")

	a := agreed + otherHead + short + agreed + otherTag + agreed
	b := agreed + otherHeadB + short + agreed + otherTagB + agreed
	var out bytes.Buffer
	st, err := Agree(conllu.NewReader(strings.NewReader(a), "a"), conllu.NewReader(strings.NewReader(b), "b"),
		&out, AgreeOptions{MinWords: 3, MaxWords: 60})
	if err != nil {
		t.Fatal(err)
	}
	want := AgreeStats{Read: 6, Length: 1, Duplicate: 2, Disagree: 2, Kept: 1}
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	got, err := conllu.ReadAll(&out, "out")
	if err != nil || len(got) != 1 {
		t.Fatalf("kept %d sentences (%v), want 1", len(got), err)
	}
	if id := got[0].Comment("sent_id"); id != "news-1" {
		t.Errorf("sent_id %q, want news-1", id)
	}
	if got[0].Words[0].Form != "Russia" || got[0].Words[2].Lemma != "diplomat" {
		t.Errorf("kept sentence %v, want the Russia one with its lemmas", got[0].Forms())
	}

	// Too long for MaxWords.
	out.Reset()
	st, err = Agree(conllu.NewReader(strings.NewReader(agreed), "a"), conllu.NewReader(strings.NewReader(agreed), "b"),
		&out, AgreeOptions{MaxWords: 3})
	if err != nil || st.Kept != 0 || st.Length != 1 || out.Len() != 0 {
		t.Errorf("MaxWords 3 on a 4-word sentence: %+v, %v, wrote %d bytes", st, err, out.Len())
	}

	// Not the same text.
	if _, err := Agree(conllu.NewReader(strings.NewReader(agreed), "a"), conllu.NewReader(strings.NewReader(otherTag), "b"),
		&out, AgreeOptions{}); err == nil || !strings.Contains(err.Error(), "words differ") {
		t.Errorf("different texts: error %v, want one saying the words differ", err)
	}
	if _, err := Agree(conllu.NewReader(strings.NewReader(agreed+agreed), "a"), conllu.NewReader(strings.NewReader(agreed), "b"),
		&out, AgreeOptions{}); err == nil || !strings.Contains(err.Error(), "different places") {
		t.Errorf("one file longer: error %v, want one saying so", err)
	}
}
