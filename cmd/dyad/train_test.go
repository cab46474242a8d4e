package main

import (
	"os"
	"path/filepath"
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
		{[]string{"train", "syntax", "--tag-cost", "0"}, "--tag-cost must be at least 1"},
		{[]string{"train", "syntax", "--lstm-supertagger", "-1"}, "--lstm-supertagger must be between 0 and 1024"},
		{[]string{"train", "syntax", "--lstm-epochs", "0"}, "--lstm-epochs at least 1"},
		{[]string{"train", "syntax", "--supertags=false", "--lstm-supertagger", "64"}, "--lstm-supertagger needs the supertagger"},
		{[]string{"train", "syntax", "--lstm-with-perceptron"}, "--lstm-with-perceptron needs the BiLSTM supertagger"},
		{[]string{"train", "syntax", "--lstm-tagger", "2000"}, "--lstm-tagger must be between 0 and 1024"},
		{[]string{"train", "syntax", "--lstm-tagger", "8", "--folds", "0"}, "needs --folds 2 or more"},
		{[]string{"train", "syntax", "--lstm-joint"}, "--lstm-joint needs the BiLSTM supertagger"},
		{[]string{"train", "syntax", "--lstm-joint", "--lstm-supertagger", "8", "--lstm-tagger", "8"}, "replaces --lstm-tagger"},
	} {
		_, _, err := run(t, "", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("dyad %s: error %v, want one saying %q", strings.Join(tc.args, " "), err, tc.want)
		}
		// Flags keep their values between runs: put these back.
		cmd, _, _ := root.Find(tc.args[:2])
		for _, name := range []string{"picks", "parsers", "taggers", "beam", "tag-cost", "lstm-supertagger", "lstm-epochs", "lstm-with-perceptron", "supertags", "lstm-tagger", "lstm-joint", "folds"} {
			if f := cmd.Flags().Lookup(name); f != nil {
				f.Value.Set(f.DefValue)
				f.Changed = false
			}
		}
	}
}

// TestTrainAgree: the agreed sentences are written with a summary; parses of
// different texts are refused and leave no half-written file behind.
func TestTrainAgree(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(s, " ", "\t")), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.conllu", "1 Russia _ PROPN NNP _ 2 nsubj _ _\n2 expelled _ VERB VBD _ 0 root _ _\n"+
		"3 diplomats _ NOUN NNS _ 2 obj _ _\n4 . _ PUNCT . _ 2 punct _ _\n\n")
	other := write("b.conllu", "1 Colombia _ PROPN NNP _ 2 nsubj _ _\n2 expelled _ VERB VBD _ 0 root _ _\n"+
		"3 diplomats _ NOUN NNS _ 2 obj _ _\n4 . _ PUNCT . _ 2 punct _ _\n\n")
	out := filepath.Join(dir, "agreed.conllu")
	_, stderr, err := run(t, "", "train", "agree", a, a, "--out", out)
	if err != nil || !strings.Contains(stderr, "1 sentences read: 1 kept") {
		t.Fatalf("agree: %v, stderr %q", err, stderr)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "# sent_id = news-1") {
		t.Errorf("output %q has no news-1 sentence", data)
	}
	_, _, err = run(t, "", "train", "agree", a, other, "--out", out)
	if err == nil || !strings.Contains(err.Error(), "words differ") {
		t.Errorf("different texts: error %v", err)
	}
	if _, serr := os.Stat(out); !os.IsNotExist(serr) {
		t.Errorf("a failed run left %s behind", out)
	}
}
