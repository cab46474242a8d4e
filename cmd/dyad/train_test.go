package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/shareddata"
)

// TestTrainFlagErrors: flags that make no sense together are refused before any
// training starts, with a message that names them.
func TestTrainFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "rerank", "--picks", "x.tsv"}, "needs --cv"},
		{[]string{"train", "rerank", "--cv-seeds", "3"}, "--cv-seeds 3: want 1, or more with --cv"},
		{[]string{"train", "rerank", "--cv", "--cv-seeds", "0"}, "--cv-seeds 0: want 1"},
		{[]string{"train", "rerank", "--cv", "--cv-seeds", "2", "--picks", "x.tsv"}, "cannot go with --cv-seeds"},
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
		{[]string{"train", "syntax", "--super-doubt", "--supertags=false"}, "--super-doubt needs a supertagger"},
		{[]string{"train", "syntax", "--super-doubt", "--lstm-supertagger", "8", "--lstm-joint"}, "without --lstm-joint"},
	} {
		_, _, err := run(t, "", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("dyad %s: error %v, want one saying %q", strings.Join(tc.args, " "), err, tc.want)
		}
		// Flags keep their values between runs: put these back.
		cmd, _, _ := root.Find(tc.args[:2])
		for _, name := range []string{"picks", "cv", "cv-seeds", "parsers", "taggers", "beam", "tag-cost", "lstm-supertagger", "lstm-epochs", "lstm-with-perceptron", "supertags", "lstm-tagger", "lstm-joint", "super-doubt", "folds"} {
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

// TestCVSeeds: each seed's row of --cv-seeds is what --cv --seed gives for that seed,
// and the mean is theirs.
func TestCVSeeds(t *testing.T) {
	gold := filepath.Dir(filepath.Dir(shareddata.Path(t, "data/gold/plv/plv-train.csv")))
	if testing.Short() {
		t.Skip("codes the PLV gold set three times")
	}
	reset := func() {
		cmd, _, _ := root.Find([]string{"train", "rerank"})
		for _, name := range []string{"cv", "cv-seeds", "seed", "gold"} {
			f := cmd.Flags().Lookup(name)
			f.Value.Set(f.DefValue)
			f.Changed = false
		}
	}
	defer reset()
	out, _, err := run(t, "", "train", "rerank", "--gold", gold, "--cv", "--cv-seeds", "2", "--seed", "4")
	if err != nil {
		t.Fatal(err)
	}
	reset()
	one, _, err := run(t, "", "train", "rerank", "--gold", gold, "--cv", "--seed", "5")
	if err != nil {
		t.Fatal(err)
	}
	// The PLV table's rerank row ends with its source and target match.
	var want []string
	for _, line := range strings.Split(one, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "rerank" && len(want) == 0 {
			want = f[len(f)-2:]
		}
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 4 {
			rows[f[0]] = f[len(f)-2:]
		}
	}
	if got := rows["5"]; want == nil || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("seed 5: --cv-seeds gives source/target %v, --cv --seed 5 gives %v\n%s", got, want, out)
	}
	var a, b, mean float64
	fmt.Sscanf(rows["4"][1], "%f%%", &a)
	fmt.Sscanf(rows["5"][1], "%f%%", &b)
	if m := rows["mean"]; m == nil {
		t.Fatalf("no mean row in\n%s", out)
	} else {
		fmt.Sscanf(m[1], "%f%%", &mean)
	}
	if math.Abs(mean-(a+b)/2) > 0.06 {
		t.Errorf("mean target match %.2f, seeds %.1f and %.1f", mean, a, b)
	}
}
