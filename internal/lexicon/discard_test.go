package lexicon

import (
	"testing"

	"dyad/internal/text"
)

func TestDiscarded(t *testing.T) {
	l := Construct(nil, nil)
	l.AddDiscards([]Discard{
		{Words: []string{"african", "nations", "cup"}},
		{Words: []string{"baseball"}, Stem: true},
		{Words: []string{"typhoon"}, Story: true},
	})
	tests := []struct {
		in              string
		sentence, story bool
	}{
		{"Arnor is about to restore the African Nations Cup to Gondor.", true, false},
		{"Arnor restored ties with the African nations.", false, false},
		{"Arnor will restore baseballs competitions with Gondor.", true, false},
		{"A typhoon trashed the embassy.", true, true},
		{"Arnor restored ties with Gondor.", false, false},
	}
	for _, tt := range tests {
		keys := Keys(text.Tokenize(tt.in, 0))
		if s, st := l.Discarded(keys); s != tt.sentence || st != tt.story {
			t.Errorf("%q: discarded %v, story %v; want %v, %v", tt.in, s, st, tt.sentence, tt.story)
		}
	}
}

// TestNotForms: a "not" phrase that starts with the entry's own verb cancels every
// form of it ("strike down" also "struck down").
func TestNotForms(t *testing.T) {
	p := &Predicate{ID: "strike", CAMEO: "190", Verbs: []string{"strike"}, Not: []string{"strike down", "heart attack"}}
	got := map[string]bool{}
	for _, n := range notForms(p) {
		got[n] = true
	}
	for _, want := range []string{"strike down", "struck down", "strikes down", "striking down", "heart attack"} {
		if !got[want] {
			t.Errorf("not forms %v lack %q", got, want)
		}
	}
}
