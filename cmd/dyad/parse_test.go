package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// resetFlags puts the named flags of the command at path back to their defaults:
// flags keep their values between runs of the same command tree.
func resetFlags(t *testing.T, path []string, names ...string) {
	t.Helper()
	cmd, _, err := root.Find(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if f := cmd.Flags().Lookup(name); f != nil {
			f.Value.Set(f.DefValue)
			f.Changed = false
		}
	}
}

func conlluLine(id, form, upos, xpos string) string {
	return id + "\t" + form + "\t_\t" + upos + "\t" + xpos + "\t_\t_\t_\t_\t_\n"
}

// TestParseKeepTags: --keep-tags parses with the input's tags, so a tagging the
// tagger gets wrong ("fire" as a noun) no longer misleads the parser; a sentence with
// a tag the model does not know is reported with its line and skipped, the others
// are written.
func TestParseKeepTags(t *testing.T) {
	defer resetFlags(t, []string{"parse"}, "input", "keep-tags")
	good := conlluLine("1", "Police", "NOUN", "NNS") + conlluLine("2", "fire", "VERB", "VBP") +
		conlluLine("3", "tear", "NOUN", "NN") + conlluLine("4", "gas", "NOUN", "NN") + conlluLine("5", ".", "PUNCT", ".") + "\n"
	bad := conlluLine("1", "Hello", "NOTAPOS", "NOTATAG") + "\n"
	path := filepath.Join(t.TempDir(), "in.conllu")
	if err := os.WriteFile(path, []byte(good+bad+good), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := run(t, "", "parse", "--input", "conllu", "--keep-tags", path)
	if err == nil || !strings.Contains(stderr, "in.conllu:7") || !strings.Contains(stderr, "NOTATAG") {
		t.Errorf("bad tag: err %v, stderr %q; want the file, line 7 and the tag named", err, stderr)
	}
	if n := strings.Count(out, "\tPolice\t"); n != 2 {
		t.Fatalf("%d good sentences written, want 2:\n%s", n, out)
	}
	for _, line := range strings.Split(out, "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) == 10 && cols[1] == "Police" && (cols[6] != "2" || cols[7] != "nsubj") {
			t.Errorf("Police: head %s %s, want nsubj of fire (2):\n%s", cols[6], cols[7], out)
		}
		if len(cols) == 10 && cols[1] == "fire" && cols[4] != "VBP" {
			t.Errorf("fire: XPOS %s, want the given VBP", cols[4])
		}
	}

	resetFlags(t, []string{"parse"}, "input", "keep-tags")
	if _, _, err := run(t, "", "parse", "--keep-tags", path); err == nil || !strings.Contains(err.Error(), "--input conllu") {
		t.Errorf("--keep-tags on text: err %v, want one asking for --input conllu", err)
	}
}

// TestEvalConlluFlags: --model, --gold-tags, --raw and --pred belong to the conllu
// format, and the ones that mean nothing together are refused.
func TestEvalConlluFlags(t *testing.T) {
	defer resetFlags(t, []string{"eval"}, "gold", "gold-tags", "model", "raw", "pred")
	path := filepath.Join(t.TempDir(), "gold.csv")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := run(t, "", "eval", "--gold", "plv", "--gold-tags", path)
	if err == nil || !strings.Contains(err.Error(), "--gold conllu") {
		t.Errorf("--gold-tags with plv: err %v, want one saying it goes with --gold conllu", err)
	}
	_, _, err = run(t, "", "eval", "--gold", "conllu", "--model", filepath.Join(t.TempDir(), "none.gz"), path)
	if err == nil || !strings.Contains(err.Error(), "none.gz") {
		t.Errorf("missing model: err %v, want one naming the file", err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--gold", "plv", "--raw"}, "--gold conllu"},
		{[]string{"--gold", "conllu", "--raw", "--pred", path}, "give one"},
		{[]string{"--gold", "conllu", "--raw", "--gold-tags"}, "gold tokenisation"},
		{[]string{"--gold", "conllu", "--pred", path, "--model", path}, "means nothing"},
	} {
		resetFlags(t, []string{"eval"}, "gold", "gold-tags", "model", "raw", "pred")
		_, _, err = run(t, "", append(append([]string{"eval"}, tc.args...), path)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want one saying %q", tc.args, err, tc.want)
		}
	}
}

// TestEvalRawText: --raw parses the gold's text with dyad's own split and
// tokenisation; a two-sentence paragraph it reads exactly, "Colombia's" as one
// multiword token of two words, scores sentences, tokens and words right.
func TestEvalRawText(t *testing.T) {
	defer resetFlags(t, []string{"eval"}, "gold", "raw", "json")
	gold := "# newdoc id = d\n# newpar\n# text = Russia expelled two diplomats.\n" +
		conlluLine("1", "Russia", "PROPN", "NNP") + conlluLine("2", "expelled", "VERB", "VBD") +
		conlluLine("3", "two", "NUM", "CD") + conlluLine("4", "diplomats", "NOUN", "NNS") +
		strings.TrimSuffix(conlluLine("5", ".", "PUNCT", "."), "_\n") + "SpaceAfter=No\n\n" +
		"# text = Colombia's envoy protested.\n" + "1-2\tColombia's\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		conlluLine("1", "Colombia", "PROPN", "NNP") + conlluLine("2", "'s", "PART", "POS") +
		conlluLine("3", "envoy", "NOUN", "NN") + conlluLine("4", "protested", "VERB", "VBD") +
		conlluLine("5", ".", "PUNCT", ".") + "\n"
	path := filepath.Join(t.TempDir(), "gold.conllu")
	if err := os.WriteFile(path, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "", "eval", "--gold", "conllu", "--raw", "--json", path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Metrics []struct {
			Name  string
			Value float64
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, m := range rep.Metrics {
		got[m.Name] = m.Value
	}
	if got["sentences"] != 1 || got["tokens"] != 1 || got["words"] != 1 {
		t.Errorf("sentences %.3f, tokens %.3f, words %.3f, want 1, 1 and 1:\n%s", got["sentences"], got["tokens"], got["words"], out)
	}
}
