package petrarch

import (
	"strings"
	"testing"

	"dyad/internal/event"
)

// TestMatchBlock checks that whole patterns pick the code, PETRARCH-1 style: words
// before the verb count, "_" keeps words together, other words may stand between.
func TestMatchBlock(t *testing.T) {
	const dict = `&NEGAUX
+DID N'T
+WO N'T

--- CLASH [223] ---
CLASH
- &NEGAUX * OVER EFFORTS [904]
- MOST_CERTAINLY_&NEGAUX_EVER * OVER EFFORTS [907]
- * OVER EFFORTS [121]
- * OVER SPILT MILK [---]
`
	v, probs, err := ReadVerbs("v.txt", strings.NewReader(dict))
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	b := blockOf{block: v.Blocks[0], dict: v, p1: true}
	tests := []struct {
		sentence string
		code     string
		matched  bool
	}{
		{"Bree clashed over the efforts of Eriador.", "121", true},
		{"Bree didn't clash over the efforts of Eriador.", "904", true},
		{"Bree most certainly won't ever clash over the efforts of Eriador.", "907", true},
		{"Bree most certainly won't even ever clash over the efforts of Eriador.", "904", true},
		{"Bree clashed over spilt milk.", "---", true},
		{"Bree clashed with Eriador.", "", false},
	}
	for _, tt := range tests {
		verb := "clash"
		if !strings.Contains(tt.sentence, "clash ") {
			verb = "clashed"
		}
		i := strings.Index(tt.sentence, verb)
		ev := event.Event{Evidence: tt.sentence, Trigger: event.Span{Text: verb, Start: i, End: i + len(verb)}}
		code, matched := matchBlock(b, tt.sentence, ev)
		if code != tt.code || matched != tt.matched {
			t.Errorf("%q: got %q %v, want %q %v", tt.sentence, code, matched, tt.code, tt.matched)
		}
	}
}

func TestPatternWords(t *testing.T) {
	got := strings.Join(patternWords("Gondor's army won't, he said."), " ")
	if want := "gondor 's army wo n't he said"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
