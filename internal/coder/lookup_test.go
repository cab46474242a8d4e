package coder

import (
	"testing"

	"dyad/internal/lexicon"
)

// TestLookupRealLexicon checks what the shipped lexicon makes of phrases from the
// issue and the gold sets, the way `dyad dict lookup` shows them.
func TestLookupRealLexicon(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatalf("the embedded lexicon does not load: %v", err)
	}
	c := New(lex, nil)
	tests := []struct{ text, date, code string }{
		{"the Kremlin", "2020-12-24", "RUSGOV"},
		{"Colombian Ambassador", "2020-12-24", "COLGOV"},
		{"Migration Colombia", "2020-12-24", "COLGOV"},
		{"Sergei Lavrov", "2020-12-24", "RUSGOV"},
		{"Bogotá", "2020-12-24", "COLGOV"},
		{"NATO", "2020-12-24", "IGOWSTNAT"},
		{"the Russian Foreign Ministry", "2020-12-24", "RUSGOV"},
		{"two Colombian diplomats", "2020-12-24", "COLGOV"},
		{"Russian troops", "2020-12-24", "RUSMIL"},
		{"Barack Obama", "2012-01-01", "USAGOV"},
		{"Nicolás Maduro", "2020-12-24", "VENGOV"},
		{"the United Nations", "2020-12-24", "IGOUNO"},
	}
	for _, tt := range tests {
		got := c.Actors(tt.text, tt.date)
		if len(got) != 1 || got[0].Code != tt.code {
			var codes []string
			for _, a := range got {
				codes = append(codes, a.Text+"="+a.Code)
			}
			t.Errorf("%q on %s = %v, want %s", tt.text, tt.date, codes, tt.code)
		}
	}
}
