package eval

import (
	"math"
	"strings"
	"testing"
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

func TestScoreCoNLLU(t *testing.T) {
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := ScoreCoNLLU(strings.NewReader(gold), strings.NewReader(tc.pred))
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
