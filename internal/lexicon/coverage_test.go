package lexicon

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"dyad/internal/shareddata"
	"dyad/internal/text"
)

// TestPLVActorCoverage measures the share of PLV training sentences whose gold source
// and gold target texts each contain at least one actor the lexicon recognises.
func TestPLVActorCoverage(t *testing.T) {
	path := shareddata.Path(t, "data/gold/plv/plv-train.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	col := func(name string) int {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		t.Fatalf("no column %q in %v", name, header)
		return -1
	}
	src, tgt := col("source"), col("target")
	known := func(s string) bool {
		return len(lex.Match(text.Tokenize(s, 0)).Actors) > 0
	}
	both, n := 0, 0
	var missed []string
	for _, r := range rows[1:] {
		n++
		okS, okT := known(r[src]), known(r[tgt])
		if okS && okT {
			both++
		} else if len(missed) < 40 {
			if !okS {
				missed = append(missed, "source: "+r[src])
			}
			if !okT {
				missed = append(missed, "target: "+r[tgt])
			}
		}
	}
	share := float64(both) / float64(n)
	t.Logf("PLV train: %d of %d sentences (%.1f%%) have a recognised actor in both gold source and target", both, n, 100*share)
	for _, m := range missed {
		t.Logf("  not recognised: %s", m)
	}
	// The target is 90% (reached: 90.2%). Most of what is left is not an actor
	// (an election, "car bomb", a pronoun, the placeholders "actor" and "recipient"),
	// a private person, or a misspelling.
	const floor = 0.90
	if share < floor {
		t.Errorf("actor coverage %.1f%% fell under %.0f%%", 100*share, 100*floor)
	}
}
