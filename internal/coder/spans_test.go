package coder

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"dyad/internal/syntax"
	"dyad/internal/text"
)

// TestSpanModelChoosesWordsNotCodes checks that the span model moves only the words
// of an actor: the code stays, the words keep the coded phrase, and without a model
// the words are the hand rules'.
func TestSpanModelChoosesWordsNotCodes(t *testing.T) {
	in := "Russia condemned the Chinese ambassador in Berlin."
	parse := "PROPN 2 nsubj|VERB 0 root|DET 5 det|ADJ 5 amod|NOUN 2 obj|ADP 7 case|PROPN 5 nmod|PUNCT 2 punct"
	forms := []string{}
	for _, tk := range text.Tokenize(in, 0) {
		forms = append(forms, tk.Norm)
	}
	c := parsedCoder(t, map[string]string{strings.Join(forms, " "): parse})
	prefer := func(f string) *SpanModel { return &SpanModel{w: map[string]float64{f: 5}} }
	tests := []struct {
		name  string
		model *SpanModel
		want  string
	}{
		{"without a model, the hand rules' words", nil, "the Chinese ambassador"},
		{"a model for whole noun phrases", prefer("t:k=full@0"), "the Chinese ambassador in Berlin"},
		{"a model for the coded phrase alone (its article with it)", prefer("t:k=own"), "the Chinese ambassador"},
	}
	for _, tt := range tests {
		evs := codeOne(c.WithSpanModel(tt.model), in)
		if len(evs) != 1 || evs[0].Target == nil {
			t.Fatalf("%s: got %d events, want 1 with a target", tt.name, len(evs))
		}
		tg := evs[0].Target
		if tg.Text != tt.want || in[tg.Start:tg.End] != tg.Text {
			t.Errorf("%s: target words %q [%d:%d], want %q", tt.name, tg.Text, tg.Start, tg.End, tt.want)
		}
		if tg.Code != "CHNGOV" || evs[0].Source.Code != "RUS" || evs[0].CAMEO != "111" {
			t.Errorf("%s: got %s %s %s, want RUS 111 CHNGOV", tt.name, evs[0].Source.Code, evs[0].CAMEO, tg.Code)
		}
	}
}

// A conjunct's words may be the whole coordination, as annotators write targets
// ("Baghdad and Najaf"), from either conjunct; a noun in no coordination has none.
func TestCoordinationOfAConjunct(t *testing.T) {
	forms := strings.Fields("meetings in Baghdad and Najaf to convince factions")
	parse := "NOUN 0 root|ADP 3 case|PROPN 1 nmod|CCONJ 5 cc|PROPN 3 conj|PART 7 mark|VERB 1 acl|NOUN 7 obj"
	var words []syntax.Word
	for i, w := range strings.Split(parse, "|") {
		f := strings.Fields(w)
		h, _ := strconv.Atoi(f[1])
		words = append(words, syntax.Word{Form: forms[i], UPOS: f[0], Head: h, Rel: f[2]})
	}
	tr := newTree(words)
	for _, tc := range []struct {
		w      int
		want   string
		wantOK bool
	}{
		{2, "Baghdad and Najaf", true},
		{4, "Baghdad and Najaf", true},
		{7, "", false},
	} {
		lo, hi, ok := tr.coordination(tc.w)
		got := ""
		if ok {
			got = strings.Join(forms[lo:hi], " ")
		}
		if ok != tc.wantOK || got != tc.want {
			t.Errorf("coordination of %s: %q %v, want %q %v", forms[tc.w], got, ok, tc.want, tc.wantOK)
		}
	}
}

// TestTrainSpanModel checks that the learner finds the feature that marks the correct
// option, writes a model that reads back to the same choices, and is deterministic.
func TestTrainSpanModel(t *testing.T) {
	var exs []SpanExample
	for i := range 40 {
		good, bad := SpanOption{Features: []string{"t:own", "noise" + string(rune('a'+i%5))}}, SpanOption{Features: []string{"t:full"}}
		if i%2 == 0 {
			exs = append(exs, SpanExample{Options: []SpanOption{bad, good}, Correct: []bool{false, true}})
		} else {
			exs = append(exs, SpanExample{Options: []SpanOption{good, bad}, Correct: []bool{true, false}})
		}
	}
	opt := DefaultSpanTrainOptions
	opt.MinWeight = 0
	m := TrainSpanModel(exs, opt)
	for i, ex := range exs {
		if got := m.Choose(ex.Options); !ex.Correct[got] {
			t.Fatalf("example %d: chose option %d, a wrong one", i, got)
		}
	}
	var a, b bytes.Buffer
	if err := m.WriteTo(&a, "test"); err != nil {
		t.Fatal(err)
	}
	if err := TrainSpanModel(exs, opt).WriteTo(&b, "test"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with one seed wrote different models")
	}
	r, err := ReadSpanModel(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for i, ex := range exs {
		if r.Choose(ex.Options) != m.Choose(ex.Options) {
			t.Errorf("example %d: the model read back chooses differently", i)
		}
	}
}

// TestDefaultSpanModelLoads checks that the model built in reads (an empty file would
// silently give the hand rules' words).
func TestDefaultSpanModelLoads(t *testing.T) {
	if m := DefaultSpanModel(); m == nil || m.Len() == 0 {
		t.Error("no built-in span model")
	}
}

// treeOf builds a tree from forms and "UPOS head rel" triples.
func treeOf(t *testing.T, sentence, parse string) (*tree, []string) {
	t.Helper()
	forms := strings.Fields(sentence)
	var words []syntax.Word
	for i, w := range strings.Split(parse, "|") {
		f := strings.Fields(w)
		h, err := strconv.Atoi(f[1])
		if err != nil || len(f) != 3 {
			t.Fatalf("bad parse entry %q", w)
		}
		words = append(words, syntax.Word{Form: forms[i], UPOS: f[0], Head: h, Rel: f[2]})
	}
	if len(words) != len(forms) {
		t.Fatalf("%d words, %d parse entries", len(forms), len(words))
	}
	return newTree(words), forms
}

// Extents that annotators never give an actor: a time, a relative clause, a number
// cut from its "around"; and the head of "a military" under "academy" is "military".
func TestExtentRules(t *testing.T) {
	tr, forms := treeOf(t, "militants held around 20,000 civilians who fled on Tuesday",
		"NOUN 2 nsubj|VERB 0 root|ADP 4 case|NUM 5 nummod|NOUN 2 obj|PRON 7 nsubj|VERB 5 acl:relcl|ADP 9 case|PROPN 7 obl")
	if lo, hi := tr.headedSpan(4, tr.leftOnly(4)); strings.Join(forms[lo:hi], " ") != "around 20,000 civilians" {
		t.Errorf("left words of civilians: %q, want %q", strings.Join(forms[lo:hi], " "), "around 20,000 civilians")
	}
	if !tr.sane(2, 5, 4, 5) {
		t.Error(`"around 20,000 civilians" is no sane extent`)
	}
	if !tr.hasRelClause(2, 9) || tr.hasRelClause(2, 5) {
		t.Error("hasRelClause: want true for the whole phrase, false without the clause")
	}
	if !tr.temporal(8, 9) || tr.temporal(4, 5) {
		t.Error("temporal: want true for Tuesday, false for civilians")
	}
	if !tr.quantifier(2) || tr.quantifier(5) {
		t.Error(`quantifier: want true for "around", false for "who"`)
	}

	tr, forms = treeOf(t, "condemned the bombing of a military academy in May",
		"VERB 0 root|DET 3 det|NOUN 1 obj|ADP 7 case|DET 7 det|ADJ 7 amod|NOUN 3 nmod|ADP 9 case|PROPN 7 nmod")
	if h := tr.headOf(4, 6); forms[h] != "military" {
		t.Errorf(`head of "a military": %q, want "military"`, forms[h])
	}
	tr2, _ := treeOf(t, "condemned Colombia 's actions saying nothing",
		"VERB 0 root|PROPN 4 nmod:poss|PART 2 case|NOUN 1 obj|VERB 4 acl|PRON 5 obj")
	if !tr2.sane(1, 4, 1, 2) || tr2.sane(1, 5, 1, 2) {
		t.Error(`sane: want "Colombia 's actions" and not "Colombia 's actions saying"`)
	}
	tr3, _ := treeOf(t, "criticized Afghanistan since the invasion",
		"VERB 0 root|PROPN 1 obj|ADP 5 case|DET 5 det|NOUN 2 nmod")
	if tr3.sane(1, 5, 1, 2) {
		t.Error(`"Afghanistan since the invasion" passes as an extent; "since" says when`)
	}
	if tr.sane(4, 9, 5, 6) {
		t.Error(`"a military academy in May" passes as an extent; a time is no part of an actor`)
	}
}

// Two subjects of one verb with "and" between them are a coordination the parser
// missed; a subject and a clause's subject are not.
func TestJoinSubjects(t *testing.T) {
	tr, forms := treeOf(t, "The United States and the Taliban signed a pact",
		"DET 3 det|PROPN 3 compound|PROPN 7 nsubj|CCONJ 7 cc|DET 6 det|PROPN 7 nsubj|VERB 0 root|DET 9 det|NOUN 7 obj")
	if tr.head(5) != 2 || tr.rel(5) != "conj" || tr.head(3) != 5 || tr.rel(3) != "cc" {
		t.Errorf("Taliban: head %s %s, and: head %s %s; want conj of States, cc of Taliban",
			forms[tr.head(5)], tr.rel(5), forms[tr.head(3)], tr.rel(3))
	}
	// The second subject's determiner and adjective hung on the verb go with it.
	tr, forms = treeOf(t, "Fornost and the evil Gondor welcomed talks",
		"PROPN 6 nsubj|CCONJ 6 cc|DET 6 det|ADJ 6 amod|PROPN 6 nsubj|VERB 0 root|NOUN 6 obj")
	if tr.rel(4) != "conj" || tr.head(4) != 0 || tr.head(2) != 4 || tr.head(3) != 4 {
		t.Errorf("Gondor %s of %s, the of %s, evil of %s; want conj of Fornost, the and evil of Gondor",
			tr.rel(4), forms[max(tr.head(4), 0)], forms[max(tr.head(2), 0)], forms[max(tr.head(3), 0)])
	}
	tr, _ = treeOf(t, "Russia said Colombia expelled diplomats",
		"PROPN 2 nsubj|VERB 0 root|PROPN 4 nsubj|VERB 2 ccomp|NOUN 4 obj")
	if tr.rel(2) != "nsubj" {
		t.Errorf("Colombia became %s; the subject of another verb is no conjunct", tr.rel(2))
	}
}

// A number with a thousands comma is words an actor may have; a name the parse split
// at its hyphens is widened back to the whole ("Mazar-i-Sharif").
func TestNumbersAndHyphens(t *testing.T) {
	if !wordLike("20,000") || wordLike("a,b") {
		t.Error(`wordLike: want "20,000" alone`)
	}
	in := "They fled Mazar-i-Sharif ."
	toks := text.Tokenize(in, 0)
	sc := spanContext{text: in, toks: toks}
	var at int
	for i, tk := range toks {
		if tk.Text == "Mazar" {
			at = i
		}
	}
	lo, hi := sc.joinHyphens(at, at+1)
	if got := in[toks[lo].Start:toks[hi-1].End]; got != "Mazar-i-Sharif" {
		t.Errorf("joinHyphens: %q, want Mazar-i-Sharif (tokens %q)", got, in[toks[at].Start:toks[at].End])
	}
}

func TestAbstractNoun(t *testing.T) {
	for _, tc := range []struct {
		w    syntax.Word
		want bool
	}{
		{syntax.Word{Form: "efforts", Lemma: "effort", UPOS: "NOUN"}, true},
		{syntax.Word{Form: "declaration", Lemma: "declaration", UPOS: "NOUN"}, true},
		{syntax.Word{Form: "soldiers", Lemma: "soldier", UPOS: "NOUN"}, false},
		{syntax.Word{Form: "Action", Lemma: "Action", UPOS: "PROPN"}, false},
	} {
		if got := abstractNoun(tc.w); got != tc.want {
			t.Errorf("abstractNoun(%s) = %v, want %v", tc.w.Form, got, tc.want)
		}
	}
}
