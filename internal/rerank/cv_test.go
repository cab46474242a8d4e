package rerank_test

import (
	"os"
	"testing"

	"dyad/internal/lexicon"
	"dyad/internal/rerank"
	"dyad/internal/shareddata"
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
	k := rerank.NewCoder(lex)
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
		{"PLV alone", plv, nil},
		{"PLV, with PLOVER GSR in every training fold", plv, gsr},
		{"ConfliBERT alone", cb, nil},
		{"ConfliBERT, with PLV and PLOVER GSR in every training fold", cb, append(append([]rerank.Coded(nil), plv...), gsr...)},
	} {
		rep, err := rerank.CrossValidate(run.items, rerank.CVOptions{Seed: 1, Extra: run.extra})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s\n%s", run.name, rep)
	}
}
