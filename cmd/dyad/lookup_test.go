package main

import (
	"strings"
	"testing"
)

func TestDictLookup(t *testing.T) {
	tests := []struct{ args, want string }{
		{"the Kremlin --date 2020-12-24", "RUSGOV"},
		{"Sergei Lavrov --date 2020-12-24", "RUSGOV"},
		{"Migration Colombia", "COLGOV"},
		{"declared personae non gratae", "161"},
		{"zzzz qqqq", "nothing in the lexicon"},
	}
	for _, tt := range tests {
		out, _, err := run(t, "", append([]string{"dict", "lookup"}, strings.Fields(tt.args)...)...)
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("dict lookup %s = %q, %v; want %q", tt.args, out, err, tt.want)
		}
	}
	if _, _, err := run(t, "", "dict", "lookup", "x", "--date", "soon"); err == nil {
		t.Error("a bad --date was accepted")
	}
}
