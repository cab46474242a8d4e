package text

import (
	"math"
	"strings"
	"testing"
)

func TestCompareSpans(t *testing.T) {
	tests := []struct {
		name                  string
		gold, pred            []Span
		matched               int
		precision, recall, f1 float64
	}{
		{"identical", []Span{{0, 3}, {4, 7}}, []Span{{4, 7}, {0, 3}}, 2, 1, 1, 1},
		{"one split wrongly", []Span{{0, 7}}, []Span{{0, 3}, {3, 7}}, 0, 0, 0, 0},
		{"half right", []Span{{0, 3}, {4, 7}}, []Span{{0, 3}, {4, 5}, {5, 7}}, 1, 1.0 / 3, 0.5, 0.4},
		{"duplicates count once", []Span{{0, 3}}, []Span{{0, 3}, {0, 3}}, 1, 1, 1, 1},
		{"nothing predicted", []Span{{0, 3}}, nil, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := CompareSpans(tt.gold, tt.pred)
			if s.Matched != tt.matched || !near(s.Precision, tt.precision) || !near(s.Recall, tt.recall) || !near(s.F1, tt.f1) {
				t.Errorf("got %v, want matched %d P %.3f R %.3f F1 %.3f", s, tt.matched, tt.precision, tt.recall, tt.f1)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestReadGoldDocuments(t *testing.T) {
	conllu := "# newdoc id = d1\n" +
		"# newpar\n" +
		"# text = Russia didn't go.\n" +
		"1\tRussia\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2\tdid\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"4\tgo\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n" +
		"5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"\n" +
		"# text = Yes.\n" +
		"1\tYes\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n" +
		"2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"\n" +
		"# newpar\n" +
		"# text = Gonna win\n" +
		"1-2\tGonna\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"1\tGon\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2\tgoing\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"3\twin\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"\n" +
		"# newdoc id = d2\n" +
		"# text = Hi\n" +
		"1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n"
	docs, err := ReadGoldDocuments(strings.NewReader(conllu), "test.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "d1" || docs[1].ID != "d2" {
		t.Fatalf("got %d documents: %+v", len(docs), docs)
	}
	d := docs[0]
	if want := "Russia didn't go. Yes.\n\nGonna win"; d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	var sents, toks []string
	for _, s := range d.Sentences {
		sents = append(sents, d.Text[s.Start:s.End])
	}
	for _, s := range d.Tokens {
		toks = append(toks, d.Text[s.Start:s.End])
	}
	if got, want := strings.Join(sents, "|"), "Russia didn't go.|Yes.|Gonna win"; got != want {
		t.Errorf("sentences %q, want %q", got, want)
	}
	// "Gonna" = "Gon" + "going" does not spell the token: it is scored whole
	if got, want := strings.Join(toks, "|"), "Russia|did|n't|go|.|Yes|.|Gonna|win"; got != want {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

func TestReadGoldDocumentsReportsTheLine(t *testing.T) {
	bad := "# text = Hello there\n1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\n2\tthere!\t_\t_\t_\t_\t_\t_\t_\t_\n"
	_, err := ReadGoldDocuments(strings.NewReader(bad), "bad.conllu")
	if err == nil || !strings.Contains(err.Error(), "bad.conllu:3") {
		t.Errorf("error %v, want one naming bad.conllu:3", err)
	}
}
