package text

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"dyad/internal/shareddata"
)

// TestAgreementWithUD rebuilds the raw text of the UD English dev treebanks and
// compares our sentences and tokens with the gold ones by byte span. The floors sit a
// little under the measured scores, so a regression fails the test.
// DYAD_TEXT_ERRORS=N prints up to N mismatches of each kind.
func TestAgreementWithUD(t *testing.T) {
	tests := []struct {
		file                  string
		minToken, minSentence float64
	}{
		{"data/ud/en_ewt-ud-dev.conllu", 0.99, 0.85},
		{"data/ud/en_gum-ud-dev.conllu", 0.995, 0.94},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := shareddata.Path(t, tt.file)
			tok, sent := scoreTreebank(t, path)
			t.Logf("%s tokens:    %v", tt.file, tok)
			t.Logf("%s sentences: %v", tt.file, sent)
			if tok.F1 < tt.minToken {
				t.Errorf("token F1 %.4f < %.4f", tok.F1, tt.minToken)
			}
			if sent.F1 < tt.minSentence {
				t.Errorf("sentence F1 %.4f < %.4f", sent.F1, tt.minSentence)
			}
		})
	}
}

func scoreTreebank(t *testing.T, path string) (tok, sent SpanScore) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadGoldDocuments(f, path)
	if err != nil {
		t.Fatal(err)
	}
	show := 0
	fmt.Sscan(os.Getenv("DYAD_TEXT_ERRORS"), &show)
	tokShown, sentShown := 0, 0
	for _, d := range docs {
		sents := Split(d.Text)
		tok = tok.Add(CompareSpans(d.Tokens, TokenSpans(sents)))
		sent = sent.Add(CompareSpans(d.Sentences, SentenceSpans(sents)))
		if show > 0 {
			tokShown += printMismatches(t, "token", d.Text, d.Tokens, TokenSpans(sents), show-tokShown)
			sentShown += printMismatches(t, "sentence", d.Text, d.Sentences, SentenceSpans(sents), show-sentShown)
			sentShown += printMismatches(t, "extra sentence", d.Text, SentenceSpans(sents), d.Sentences, show-sentShown)
		}
	}
	return tok, sent
}

// printMismatches logs gold spans that were not predicted, with the predicted spans
// that overlap them.
func printMismatches(t *testing.T, kind, text string, gold, pred []Span, limit int) int {
	predSet := map[Span]bool{}
	for _, p := range pred {
		predSet[p] = true
	}
	shown := 0
	for _, g := range gold {
		if shown >= limit {
			break
		}
		if predSet[g] {
			continue
		}
		var got []string
		for _, p := range pred {
			if p.End > g.Start && p.Start < g.End {
				got = append(got, fmt.Sprintf("%q", text[p.Start:p.End]))
			}
		}
		ctx := text[max(0, g.Start-20):min(len(text), g.End+20)]
		if kind != "token" {
			ctx = ""
		}
		t.Logf("%s gold %q got %s   ctx %q", kind, text[g.Start:g.End], strings.Join(got, " | "), ctx)
		shown++
	}
	return shown
}
