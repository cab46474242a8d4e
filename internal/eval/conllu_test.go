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
		{"no heads (a tagger's output)", conlluRow("1", "I", "PRON", "_", "_") + "\n" +
			conlluRow("2", "do", "AUX", "_", "_") + "\n" +
			conlluRow("3", "n't", "PART", "_", "_") + "\n" +
			conlluRow("4", ".", "PUNCT", "_", "_") + "\n\n",
			map[string]float64{"words": 1, "UPOS": 1, "UAS": 0, "LAS": 0}},
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

// FuzzScoreCoNLLU: any pair of files, well-formed or not, is scored or refused with an
// error, never a panic, and every F1 stays within 0–1.
func FuzzScoreCoNLLU(f *testing.F) {
	gold := conlluRow("1", "I", "PRON", "2", "nsubj") + "\n" + conlluRow("2", "go", "VERB", "0", "root") + "\n\n"
	f.Add(gold, gold)
	f.Add(gold, conlluRow("1", "Igo", "X", "_", "_")+"\n\n")
	f.Add("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"+conlluRow("1", "do", "AUX", "0", "root")+"\n"+conlluRow("2", "n't", "PART", "1", "advmod")+"\n\n", gold)
	f.Fuzz(func(t *testing.T, gold, pred string) {
		rep, err := ScoreCoNLLU(strings.NewReader(gold), strings.NewReader(pred))
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
