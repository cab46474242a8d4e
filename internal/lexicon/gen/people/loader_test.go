package main

import (
	"testing"

	"dyad/internal/lexicon"
)

// The people files must load with the lexicon's own loader, and its date lookup must
// agree with this package's reading of them.
func TestLexiconLoaderReadsPeople(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatalf("lexicon.Default: %v", err)
	}
	tests := []struct{ id, date, want string }{
		{"lavrov-sergei", "2020-12-24", "RUSGOV"},
		{"obama-barack", "2017-01-20", "USAGOV"},
		{"obama-barack", "2017-06-01", "USAELI"},
		{"trump-donald", "2023-01-01", "USAELI"},
		{"trump-donald", "2025-06-01", "USAGOV"},
		{"duque-ivan", "2023-03-01", "COLELI"},
		{"maduro-nicolas", "2010-01-01", "VENGOV"},
		{"guterres-antonio", "2020-12-24", "IGOUNO"},
		{"navalny-alexei", "2020-12-24", "RUSOPP"},
		// Without a date the loader takes the last role: the latest one, as the files
		// list roles oldest first.
		{"netanyahu-benjamin", "", "ISRGOV"},
		{"obama-barack", "", "USAELI"},
		{"putin-vladimir", "", "RUSGOV"},
	}
	for _, tc := range tests {
		a := lex.ActorByID(tc.id)
		if a == nil {
			t.Errorf("%s: not in the loaded lexicon", tc.id)
			continue
		}
		if got := a.CodeOn(tc.date); got != tc.want {
			t.Errorf("%s on %s: %s, want %s", tc.id, tc.date, got, tc.want)
		}
	}
}
