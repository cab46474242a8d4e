package rerank_test

import (
	"os"
	"strings"
	"testing"

	"dyad/internal/eval"
	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/pipeline"
	"dyad/internal/rerank"
	"dyad/internal/shareddata"
	"dyad/internal/text"
)

// TestCV prints the 5-fold cross-validation tables on the gold train sets. It is a
// measurement, not a check, and takes minutes: it runs only with DYAD_RERANK_CV=1.
func TestCV(t *testing.T) {
	if os.Getenv("DYAD_RERANK_CV") == "" {
		t.Skip("set DYAD_RERANK_CV=1 to run the cross-validation")
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	k := rerank.NewCoder(lex, nil)
	load := func(set, rel string) []rerank.Coded {
		xs, _, err := rerank.LoadGold(set, shareddata.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		return k.CodeAll(xs)
	}
	plv := load(rerank.SetPLV, "data/gold/plv/plv-train.csv")
	gsr := load(rerank.SetPloverGSR, "data/gold/plover-gsr/PLOVER_GSR_CAMEO.txt")
	cb := load(rerank.SetConfliBERT, "data/gold/conflibert/cameo_class_train.tsv")
	for _, run := range []struct {
		name  string
		items []rerank.Coded
		extra []rerank.Coded
	}{
		{"PLV (the shipped model's data)", plv, nil},
		{"PLV, with PLOVER GSR in every training fold", plv, gsr},
		{"ConfliBERT alone (no PLOVER labels: no fallback)", cb, nil},
		{"ConfliBERT, with PLV in every training fold", cb, plv},
	} {
		rep, err := rerank.CrossValidate(run.items, rerank.CVOptions{Seed: 1, Extra: run.extra})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s\n%s", run.name, rep)
	}
}

// TestCVOnASlice runs the harness on the first 60 PLV sentences: the coder's row must
// be what counting the coder's own picks gives, and no system may beat the oracle
// among the coded events without a fallback.
func TestCVOnASlice(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	xs, _, err := rerank.LoadGold(rerank.SetPLV, shareddata.Path(t, "data/gold/plv/plv-train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	items := rerank.NewCoder(lex, nil).CodeAll(xs[:60])
	rep, err := rerank.CrossValidate(items, rerank.CVOptions{Folds: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, it := range items {
		var best *event.Event
		for i := range it.Events {
			if best == nil || it.Events[i].Confidence > best.Confidence {
				best = &it.Events[i]
			}
		}
		if rerank.EventPlover(best) == it.Plover {
			want++
		}
	}
	coder, oracle := rep.Scores[rerank.SystemCoder], rep.Scores[rerank.SystemOracle]
	if coder.N != 60 || coder.TypeCorrect != want {
		t.Errorf("coder row: %d of %d right, want %d of 60", coder.TypeCorrect, coder.N, want)
	}
	if r := rep.Scores[rerank.SystemRerank]; r.TypeCorrect > oracle.TypeCorrect || r.NoEvent != coder.NoEvent {
		t.Errorf("rerank row %+v against oracle %+v", r, oracle)
	}
	if fb := rep.Scores[rerank.SystemFallback]; fb.NoEvent != 0 {
		t.Errorf("with the fallback, %d examples still have no prediction", fb.NoEvent)
	}
}

// TestShippedModelOnPloverGSR scores the embedded model, through dyad eval's own
// scorer, on the PLOVER gold-standard records, which it was not trained on: the one
// held-out check of the shipped file available here. Runs with DYAD_RERANK_CV=1.
func TestShippedModelOnPloverGSR(t *testing.T) {
	if os.Getenv("DYAD_RERANK_CV") == "" {
		t.Skip("set DYAD_RERANK_CV=1 to run the held-out check")
	}
	path := shareddata.Path(t, "data/gold/plover-gsr/PLOVER_GSR_CAMEO.txt")
	m, err := rerank.Default()
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	f, ok := eval.Lookup("plover-gsr")
	if !ok {
		t.Fatal("no plover-gsr scorer")
	}
	for _, syntax := range []bool{false, true} {
		p, err := pipeline.New(pipeline.Options{NoSyntax: !syntax, Partial: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []string{rerank.SystemCoder, rerank.SystemRerank, rerank.SystemFallback, rerank.SystemCompete} {
			code := func(s, published string) []event.Event {
				evs := p.CodeText(s, published)
				if mode == rerank.SystemCoder {
					return evs
				}
				sents := text.Split(s)
				m.Rerank(s, sents, evs)
				if mode == rerank.SystemRerank {
					return evs
				}
				if g, ok := m.FallbackEvent(s, sents, lex); ok && (mode == rerank.SystemCompete || len(evs) == 0) {
					evs = append(evs, g)
				}
				return evs
			}
			rep, err := f.Score(eval.Options{Code: code}, path)
			if err != nil {
				t.Fatal(err)
			}
			typ, _ := rep.Metric("event-type accuracy")
			src, _ := rep.Metric("source country match")
			t.Logf("syntax=%-5v %-26s event-type accuracy %.1f%%  source country match %.1f%%", syntax, mode, 100*typ, 100*src)
		}
	}
}

// TestWritePicks checks the error-analysis rows: matches by the scorer's rules, "-"
// where the gold names no one, and a tab in the words kept out of the columns.
func TestWritePicks(t *testing.T) {
	items := []rerank.Coded{
		{Example: rerank.Example{Text: "Russia expelled two\tdiplomats.", Plover: "SANCTION", Source: "Russia", Target: "two diplomats"}},
		{Example: rerank.Example{Text: "Nothing.", Plover: "ACCUSE"}},
	}
	picks := []*event.Event{
		{Plover: &event.Plover{Event: "SANCTION"}, Source: &event.Actor{Text: "Russia"}, Target: &event.Actor{Text: "two\tdiplomats"}},
		nil,
	}
	var b strings.Builder
	if err := rerank.WritePicks(&b, items, picks); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"1\t1\t1\tSANCTION\tSANCTION\tRussia\tRussia\ttwo diplomats\ttwo diplomats\tRussia expelled two diplomats.",
		"0\t-\t-\tACCUSE\t\t\t\t\t\tNothing.",
	}
	if len(lines) != 3 || lines[1] != want[0] || lines[2] != want[1] {
		t.Errorf("rows:\n%s\nwant header and\n%s", b.String(), strings.Join(want, "\n"))
	}
}
