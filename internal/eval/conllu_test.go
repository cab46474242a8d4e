package eval

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/conllu"
)

func conlluRow(id, form, upos, head, rel string) string {
	return strings.Join([]string{id, form, "_", upos, "_", "_", head, rel, "_", "_"}, "\t")
}

func metric(t *testing.T, r *Report, name string) float64 {
	t.Helper()
	v, ok := r.Metric(name)
	if !ok {
		t.Fatalf("no metric %s in %+v", name, r.Metrics)
	}
	return v
}

// scoreStrings scores a predicted CoNLL-U text against a gold one, as --pred does
// files.
func scoreStrings(gold, pred string) (*Report, error) {
	g, err := conllu.ReadAll(strings.NewReader(gold), "gold")
	if err != nil {
		return nil, err
	}
	p, err := conllu.ReadAll(strings.NewReader(pred), "predicted")
	if err != nil {
		return nil, err
	}
	rep := &Report{Format: "conllu"}
	scoreAligned(rep, g, p, nil, nil)
	return rep, nil
}

func TestScoreAligned(t *testing.T) {
	gold := conlluRow("1", "I", "PRON", "2", "nsubj") + "\n" +
		conlluRow("2", "do", "AUX", "0", "root") + "\n" +
		conlluRow("3", "n't", "PART", "2", "advmod") + "\n" +
		conlluRow("4", ".", "PUNCT", "2", "punct") + "\n\n"
	tests := []struct {
		name string
		pred string
		want map[string]float64
	}{
		{"identical", gold, map[string]float64{"words": 1, "sentences": 1, "UPOS": 1, "UAS": 1, "LAS": 1}},
		{"one wrong label and tag", conlluRow("1", "I", "PRON", "2", "nsubj") + "\n" +
			conlluRow("2", "do", "VERB", "0", "root") + "\n" +
			conlluRow("3", "n't", "PART", "2", "advmod") + "\n" +
			conlluRow("4", ".", "PUNCT", "2", "dep") + "\n\n",
			map[string]float64{"words": 1, "UPOS": 0.75, "UAS": 1, "LAS": 0.75}},
		{"different tokenisation", conlluRow("1", "I", "PRON", "2", "nsubj") + "\n" +
			conlluRow("2", "don't", "AUX", "0", "root") + "\n" +
			conlluRow("3", ".", "PUNCT", "2", "punct") + "\n\n",
			// 2 of 4 gold and 2 of 3 predicted words align: F1 = 4/7.
			map[string]float64{"words": 4.0 / 7, "sentences": 1, "UPOS": 4.0 / 7, "UAS": 0}}, // both heads are the unaligned "don't"
		{"no heads (a tagger's output)", conlluRow("1", "I", "PRON", "_", "_") + "\n" +
			conlluRow("2", "do", "AUX", "_", "_") + "\n" +
			conlluRow("3", "n't", "PART", "_", "_") + "\n" +
			conlluRow("4", ".", "PUNCT", "_", "_") + "\n\n",
			map[string]float64{"words": 1, "UPOS": 1, "UAS": 0, "LAS": 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := scoreStrings(gold, tc.pred)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tc.want {
				if got := metric(t, rep, name); math.Abs(got-want) > 1e-9 {
					t.Errorf("%s = %.4f, want %.4f", name, got, want)
				}
			}
		})
	}
}

func TestConlluFormatIsRegistered(t *testing.T) {
	if _, ok := Lookup("conllu"); !ok {
		t.Fatal("format conllu is not registered")
	}
}

// TestCoNLLUByGenre: gold sentences from two genres get a table with a row each;
// genreOf reads GUM's and EWT's sent_ids.
func TestCoNLLUByGenre(t *testing.T) {
	for id, want := range map[string]string{
		"GUM_news_iodine-12": "news",
		"weblog-juancole.com_juancole_20051126063000_ENG_20051126_063000-0001": "weblog",
		"email-enronsent01_01-0002": "email",
		"tiny-1":                    "tiny",
		"7":                         "",
	} {
		s := &conllu.Sentence{Comments: []string{"# sent_id = " + id}}
		if got := genreOf(s); got != want {
			t.Errorf("genreOf(%q) = %q, want %q", id, got, want)
		}
	}
	sent := func(id string) string {
		return "# sent_id = " + id + "\n" + conlluRow("1", "Police", "NOUN", "2", "nsubj") + "\n" +
			conlluRow("2", "arrived", "VERB", "0", "root") + "\n" + conlluRow("3", ".", "PUNCT", "2", "punct") + "\n\n"
	}
	path := filepath.Join(t.TempDir(), "gold.conllu")
	if err := os.WriteFile(path, []byte(sent("GUM_news_a-1")+sent("GUM_news_a-2")+sent("GUM_vlog_b-1")), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := scoreCoNLLUGold(Options{}, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Tables) != 1 || len(rep.Tables[0].Rows) != 2 {
		t.Fatalf("tables %+v, want one with a row for news and one for vlog", rep.Tables)
	}
	news, vlog := rep.Tables[0].Rows[0], rep.Tables[0].Rows[1]
	if news[0] != "news" || news[1] != "6" || vlog[0] != "vlog" || vlog[1] != "3" {
		t.Errorf("rows %v and %v, want news with 6 words and vlog with 3", news, vlog)
	}
}

// FuzzScoreAligned: any pair of files, well-formed or not, is scored or refused with an
// error, never a panic, and every F1 stays within 0–1.
func FuzzScoreAligned(f *testing.F) {
	gold := conlluRow("1", "I", "PRON", "2", "nsubj") + "\n" + conlluRow("2", "go", "VERB", "0", "root") + "\n\n"
	f.Add(gold, gold)
	f.Add(gold, conlluRow("1", "Igo", "X", "_", "_")+"\n\n")
	f.Add("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"+conlluRow("1", "do", "AUX", "0", "root")+"\n"+conlluRow("2", "n't", "PART", "1", "advmod")+"\n\n", gold)
	f.Fuzz(func(t *testing.T, gold, pred string) {
		rep, err := scoreStrings(gold, pred)
		if err != nil {
			return
		}
		for _, m := range rep.Metrics {
			if m.Value < 0 || m.Value > 1 {
				t.Errorf("%s = %v", m.Name, m.Value)
			}
		}
	})
}

// twoDocs is a small treebank: two documents, the first of two paragraphs, one
// sentence without "# text =" and with a multi-word token.
var twoDocs = strings.Join([]string{
	"# newdoc id = a",
	"# sent_id = GUM_news_a-1",
	"# newpar",
	"# text = I don't.",
	conlluRow("1", "I", "PRON", "2", "nsubj"),
	"2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
	conlluRow("2", "do", "AUX", "0", "root"),
	noSpaceAfter(conlluRow("3", "n't", "PART", "2", "advmod")),
	conlluRow("4", ".", "PUNCT", "2", "punct"),
	"",
	"# text = Go.",
	noSpaceAfter(conlluRow("1", "Go", "VERB", "0", "root")),
	conlluRow("2", ".", "PUNCT", "1", "punct"),
	"",
	"# newpar",
	"1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_",
	conlluRow("1", "Do", "AUX", "3", "aux"),
	conlluRow("2", "n't", "PART", "3", "advmod"),
	noSpaceAfter(conlluRow("3", "go", "VERB", "0", "root")),
	conlluRow("4", "!", "PUNCT", "3", "punct"),
	"",
	"# newdoc id = b",
	"# sent_id = GUM_vlog_b-1",
	"# text = Yes",
	conlluRow("1", "Yes", "INTJ", "0", "root"),
	"", "",
}, "\n")

// noSpaceAfter gives a conlluRow SpaceAfter=No in its MISC column.
func noSpaceAfter(row string) string { return strings.TrimSuffix(row, "_") + "SpaceAfter=No" }

func TestGoldDocumentTexts(t *testing.T) {
	gold, err := conllu.ReadAll(strings.NewReader(twoDocs), "two.conllu")
	if err != nil {
		t.Fatal(err)
	}
	got := goldDocumentTexts(gold)
	want := []struct {
		text  string
		sents int
	}{{"I don't. Go.\n\nDon't go!", 3}, {"Yes", 1}}
	if len(got) != len(want) {
		t.Fatalf("got %d documents %+v, want %+v", len(got), got, want)
	}
	for i, w := range want {
		if got[i].text != w.text || len(got[i].sents) != w.sents {
			t.Errorf("document %d: %q with %d sentences, want %q with %d", i, got[i].text, len(got[i].sents), w.text, w.sents)
		}
	}
}

// splitOnSpace is a stand-in for dyad's text stage and parser: one sentence per
// line of text, one word per space-separated piece, every word a NOUN on the root.
func splitOnSpace(text string) []*conllu.Sentence {
	var out []*conllu.Sentence
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		s := &conllu.Sentence{}
		for i, f := range strings.Fields(line) {
			s.Words = append(s.Words, conllu.Word{ID: i + 1, Form: f, UPOS: "NOUN", Head: 0, Deprel: "root"})
		}
		out = append(out, s)
	}
	return out
}

func TestScoreRawText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gold.conllu")
	if err := os.WriteFile(path, []byte(twoDocs), 0o644); err != nil {
		t.Fatal(err)
	}
	var texts []string
	parse := func(text string) []*conllu.Sentence {
		texts = append(texts, text)
		return splitOnSpace(text)
	}
	rep, err := scoreCoNLLUGold(Options{ParseText: parse}, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) != 2 {
		t.Fatalf("ParseText called %d times, want once per document", len(texts))
	}
	// Gold: 4 sentences, 11 words. Predicted: "I don't. Go.", "Don't go!" and "Yes",
	// split on spaces: I / don't. / Go. / Don't / go! / Yes = 6 words, of which only
	// "I" and "Yes" span a gold word; the last two sentences are the gold's. Tokens:
	// 9 in the gold (don't and Don't one each), 6 predicted, of which I, Don't and
	// Yes match.
	want := map[string]float64{
		"sentences": 2 * 2.0 / (4 + 3),
		"tokens":    2 * 3.0 / (9 + 6),
		"words":     2 * 2.0 / (11 + 6),
		"UPOS":      2 * 0.0 / (11 + 6), // I is PRON, Yes INTJ
		"UAS":       2 * 1.0 / (11 + 6), // Yes is the root in both
		"LAS":       2 * 1.0 / (11 + 6), // and labelled root
		"lemma":     2 * 2.0 / (11 + 6), // both "_"
		"features":  2 * 2.0 / (11 + 6), // both "_"
		"XPOS":      2 * 2.0 / (11 + 6), // "_" in the gold, empty in the prediction
	}
	metric(t, rep, "speed") // reported
	// By genre, the document's first sentence's: news has 10 gold words, 5 predicted,
	// "I" right; vlog its one word.
	var byGenre *Table
	for i := range rep.Tables {
		if strings.HasPrefix(rep.Tables[i].Title, "by genre") {
			byGenre = &rep.Tables[i]
		}
	}
	if byGenre == nil || len(byGenre.Rows) != 2 ||
		strings.Join(byGenre.Rows[0][:4], " ") != "news 10 5 13.33%" || strings.Join(byGenre.Rows[1][:4], " ") != "vlog 1 1 100.00%" {
		t.Errorf("by genre: %+v", byGenre)
	}
	for name, w := range want {
		if got := metric(t, rep, name); math.Abs(got-w) > 1e-9 {
			t.Errorf("%s = %.4f, want %.4f", name, got, w)
		}
	}
	if len(rep.Problems) != 0 {
		t.Errorf("problems: %q", rep.Problems)
	}
}

func TestScorePredictedFile(t *testing.T) {
	dir := t.TempDir()
	goldPath, predPath := filepath.Join(dir, "gold.conllu"), filepath.Join(dir, "pred.conllu")
	if err := os.WriteFile(goldPath, []byte(twoDocs), 0o644); err != nil {
		t.Fatal(err)
	}
	// The gold itself, as a prediction: everything right.
	if err := os.WriteFile(predPath, []byte(twoDocs), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := scoreCoNLLUGold(Options{Predicted: predPath}, goldPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sentences", "tokens", "words", "UPOS", "UAS", "LAS"} {
		if got := metric(t, rep, name); got != 1 {
			t.Errorf("%s = %.4f, want 1", name, got)
		}
	}

	// A prediction with another text: the report says where it differs.
	other := strings.Replace(twoDocs, "\tYes\t", "\tNo\t", 1)
	if err := os.WriteFile(predPath, []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	if rep, err = scoreCoNLLUGold(Options{Predicted: predPath}, goldPath); err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "at byte 18") {
		t.Errorf("problems %q, want one naming where the texts differ", rep.Problems)
	}

	// A malformed prediction is an error naming its line, not a shifted alignment.
	bad := strings.Replace(twoDocs, "1\tGo\t_\tVERB", "1\tGo", 1)
	if err := os.WriteFile(predPath, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = scoreCoNLLUGold(Options{Predicted: predPath}, goldPath)
	if err == nil || !strings.Contains(err.Error(), "pred.conllu:12") {
		t.Errorf("err = %v, want one naming pred.conllu:12", err)
	}
}
