package petrarch_test

import (
	"path/filepath"
	"testing"

	"dyad/internal/eval"
	"dyad/internal/pipeline"
	"dyad/internal/shareddata"
)

// TestSuiteAccuracy scores the PETRARCH validation suites with their own dictionaries,
// as `dyad eval --gold petrarch FILE --dict DIR` does, and also as PETRARCH codes
// (every modality, require_dyad as the suite sets it), to show how much of the gap
// is policy rather than dictionaries; the last (as `dyad eval` scores) must stay above
// a floor. It skips without ../shared.
func TestSuiteAccuracy(t *testing.T) {
	suites := []struct {
		dir, records string
		floor        float64 // records fully correct, coded as PETRARCH codes, measured 2026-11 less a margin
	}{
		{"data/gold/petrarch/petr2-unittest", "PETR.UnitTest.records.xml", 0.69},
		{"data/gold/petrarch/ud-validate", "PETR_Validate_records_2_02.xml", 0.69},
	}
	for _, s := range suites {
		dir := shareddata.Path(t, s.dir)
		for _, v := range []struct {
			name     string
			all      bool
			petrarch bool
		}{{"as dyad eval codes", false, false}, {"every modality", true, false}, {"PETRARCH's conventions (every modality, require_dyad as the suite sets it)", true, true}} {
			p, err := pipeline.New(pipeline.Options{Dict: dir, All: v.all, Partial: v.petrarch})
			if err != nil {
				t.Fatal(err)
			}
			opt := eval.Options{Code: p.CodeText, Dict: dir}
			if v.petrarch {
				opt.CodePETRARCH = p.CodeText
			}
			f, _ := eval.Lookup("petrarch")
			rep, err := f.Score(opt, filepath.Join(dir, s.records))
			if err != nil {
				t.Fatal(err)
			}
			m := rep.Metrics[0]
			t.Logf("%s, %s: %s %.1f%% (n=%d)", s.records, v.name, m.Name, 100*m.Value, m.N)
			if v.petrarch && m.Value < s.floor {
				t.Errorf("%s, %s: %s %.1f%%, below the floor of %.0f%%", s.records, v.name, m.Name, 100*m.Value, 100*s.floor)
			}
		}
	}
}
