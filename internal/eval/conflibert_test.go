package eval

import (
	"strings"
	"testing"

	"dyad/internal/event"
	"dyad/internal/shareddata"
)

func TestPentaClassFromCAMEORoot(t *testing.T) {
	tests := []struct {
		ev   *event.Event
		want int
	}{
		{&event.Event{CAMEO: "010"}, 0},
		{&event.Event{CAMEO: "0211"}, 0},
		{&event.Event{CAMEO: "036"}, 1},
		{&event.Event{CAMEO: "057"}, 1},
		{&event.Event{CAMEO: "061"}, 2},
		{&event.Event{CAMEO: "0874"}, 2},
		{&event.Event{CAMEO: "090"}, 3},
		{&event.Event{CAMEO: "138"}, 3},
		{&event.Event{CAMEO: "141"}, 4},
		{&event.Event{CAMEO: "20"}, 4},
		{&event.Event{CAMEO: "21"}, -1}, // no such root
		{&event.Event{CAMEO: "xx"}, -1},
		{&event.Event{Plover: &event.Plover{Event: "ASSAULT"}}, 4}, // no CAMEO: from PLOVER
		{&event.Event{Plover: &event.Plover{Event: "CONCEDE"}}, 2},
		{&event.Event{}, -1},
		{nil, -1},
	}
	for _, tt := range tests {
		if got := PentaClass(tt.ev); got != tt.want {
			t.Errorf("PentaClass(%+v) = %d, want %d", tt.ev, got, tt.want)
		}
	}
}

func TestPentaScoresHandComputed(t *testing.T) {
	// class 0: TP 1, predicted 1, gold 2 → P 1, R .5, F1 2/3
	// class 1: TP 1, predicted 2, gold 2 → P .5, R .5, F1 .5
	// class 2: TP 1, predicted 1, gold 1 → F1 1
	// classes 3 and 4 occur nowhere and are left out of the average;
	// the missing prediction (-1) lowers class 1's recall only.
	gold := []int{0, 0, 1, 1, 2}
	pred := []int{0, 1, 1, -1, 2}
	s := pentaScores(gold, pred)
	if s.correct != 3 {
		t.Errorf("correct %d, want 3", s.correct)
	}
	wantF1 := []float64{2.0 / 3, 0.5, 1, 0, 0}
	for c, w := range wantF1 {
		if !approxEqual(s.f1[c], w) {
			t.Errorf("F1[%d] = %.4f, want %.4f", c, s.f1[c], w)
		}
	}
	if want := (2.0/3 + 0.5 + 1) / 3; !approxEqual(s.macroF1, want) {
		t.Errorf("macro-F1 = %.4f, want %.4f", s.macroF1, want)
	}
	if s.classesInMacro != 3 {
		t.Errorf("classes in macro %d, want 3", s.classesInMacro)
	}
}

func TestPentaScoresPredictedOnlyClassCounts(t *testing.T) {
	// A class that is only predicted (never gold) has F1 0 and enters the average.
	s := pentaScores([]int{0, 0}, []int{0, 4})
	if want := (2.0/3 + 0) / 2; !approxEqual(s.macroF1, want) {
		t.Errorf("macro-F1 = %.4f, want %.4f", s.macroF1, want)
	}
}

func TestLoadConfliBERT(t *testing.T) {
	long := strings.Repeat("word ", 30000) // a 150 KB line
	in := "sentence\tlabel\n" +
		"A bomb killed two.\t4\r\n" +
		"\n" +
		"no tab here\n" +
		"Bad class.\t7\n" +
		"\t2\n" +
		long + "\t0\n" +
		"Tabs\tinside\tthe sentence.\t1" // no final newline
	problems := &goldProblems{path: "c.tsv"}
	recs, skipped, err := loadConfliBERT(strings.NewReader(in), problems)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3: %+v", len(recs), recs)
	}
	if recs[0].text != "A bomb killed two." || recs[0].class != 4 || recs[0].line != 2 {
		t.Errorf("first record %+v", recs[0])
	}
	if len(recs[1].text) < 100000 || recs[1].class != 0 {
		t.Errorf("long line not read whole: %d bytes, class %d", len(recs[1].text), recs[1].class)
	}
	if recs[2].text != "Tabs\tinside\tthe sentence." || recs[2].class != 1 {
		t.Errorf("class must come from after the last tab: %+v", recs[2])
	}
	if skipped != 3 {
		t.Errorf("skipped %d, want 3 (header not counted)", skipped)
	}
	got := strings.Join(problems.list(), "\n")
	for _, want := range []string{"c.tsv:4: no tab", "c.tsv:5: class \"7\"", "c.tsv:6: empty sentence"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
}

func TestScoreConfliBERT(t *testing.T) {
	path := writeGoldFile(t, "c.tsv", "Russia expelled diplomats.\t4\nThey met in Paris.\t1\nHe spoke.\t0\n")
	tests := []struct {
		name          string
		events        map[string][]event.Event
		accuracy, mf1 float64
	}{
		{"all right", map[string][]event.Event{
			"Russia expelled diplomats.": {{CAMEO: "1246", Confidence: 0.1}, {CAMEO: "1711", Confidence: 0.9}},
			"They met in Paris.":         {{CAMEO: "040"}},
			"He spoke.":                  {{CAMEO: "010"}},
		}, 1, 1},
		{"all wrong", map[string][]event.Event{
			"Russia expelled diplomats.": {{CAMEO: "040"}},
			"They met in Paris.":         {{CAMEO: "190"}},
			"He spoke.":                  {{CAMEO: "120"}},
		}, 0, 0},
		{"no events", map[string][]event.Event{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := newGoldCoder()
			fc.events = tt.events
			rep, err := scoreConfliBERT(Options{Code: fc.code}, path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Records != 3 {
				t.Errorf("records %d, want 3", rep.Records)
			}
			if got := mustMetric(t, rep, "accuracy"); !approxEqual(got, tt.accuracy) {
				t.Errorf("accuracy %.3f, want %.3f", got, tt.accuracy)
			}
			if got := mustMetric(t, rep, "macro-F1"); !approxEqual(got, tt.mf1) {
				t.Errorf("macro-F1 %.3f, want %.3f", got, tt.mf1)
			}
		})
	}
}

func TestConfliBERTRealFileLoads(t *testing.T) {
	path := shareddata.Path(t, "data/gold/conflibert/cameo_class_train.tsv")
	rep, err := scoreConfliBERT(Options{Code: newGoldCoder().code}, path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 1349 || rep.Skipped != 0 || len(rep.Problems) != 0 {
		t.Errorf("records %d skipped %d problems %q; want 1349, 0, none", rep.Records, rep.Skipped, rep.Problems)
	}
}
