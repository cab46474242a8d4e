package main

import (
	"strings"
	"testing"
)

// TestTrainFlagErrors: flags that make no sense together are refused before any
// training starts, with a message that names them.
func TestTrainFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "rerank", "--picks", "x.tsv"}, "needs --cv"},
		{[]string{"train", "syntax", "--parsers", "0"}, "at least 1"},
		{[]string{"train", "syntax", "--taggers", "-2"}, "at least 1"},
		{[]string{"train", "syntax", "--beam", "0"}, "--beam must be between 1 and 64"},
		{[]string{"train", "syntax", "--beam", "65"}, "--beam must be between 1 and 64"},
	} {
		_, _, err := run(t, "", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("dyad %s: error %v, want one saying %q", strings.Join(tc.args, " "), err, tc.want)
		}
		// Flags keep their values between runs: put these back.
		cmd, _, _ := root.Find(tc.args[:2])
		for _, name := range []string{"picks", "parsers", "taggers"} {
			if f := cmd.Flags().Lookup(name); f != nil {
				f.Value.Set(f.DefValue)
				f.Changed = false
			}
		}
	}
}
