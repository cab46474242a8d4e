package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runDict runs a dict subcommand and resets --out, which cobra keeps between runs.
func runDict(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	defer func() {
		for _, c := range dictCmd.Commands() {
			if f := c.Flags().Lookup("out"); f != nil {
				f.Value.Set(f.DefValue)
				f.Changed = false
			}
		}
	}()
	return run(t, "", append([]string{"dict"}, args...)...)
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDictImportReportsAndWrites(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"t.verbs.txt":  "--- EXPEL [174] ---\nEXPEL\n- * DIPLOMAT [161]\n- * (BROKEN [161]\n",
		"t.actors.txt": "RUSSIA [RUS]\n+RUSSIAN\nLAVROV [RUSGOV >040309]\nBAD [XYZ 2004017-20061201]\n",
		"t.agents.txt": "DIPLOMAT [~GOV]\n",
	})
	out := filepath.Join(t.TempDir(), "lex")
	stdout, stderr, err := runDict(t, "import", "petrarch", dir, "--out", out)
	if !errors.Is(err, errSkipped) {
		t.Fatalf("err %v, want errSkipped (two lines cannot be read)", err)
	}
	for _, want := range []string{
		"patterns                                 1",
		"date-restricted codes                    1",
		"unreadable lines                         2",
		"t.verbs.txt:4: pattern \"- * (BROKEN [161]\": '(' without ')' (line skipped)",
		"t.actors.txt:4: code [XYZ 2004017-20061201]",
		"wrote 3 files to " + out,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "2 dictionary lines could not be read") {
		t.Errorf("stderr %q", stderr)
	}
	// The written files are dyad lexicon files that lint finds nothing wrong with.
	stdout, _, err = runDict(t, "lint", out)
	if err != nil || !strings.Contains(stdout, ": 0 problems") {
		t.Errorf("lint of the imported files: %v\n%s", err, stdout)
	}
}

func TestDictLintFindsProblems(t *testing.T) {
	dir := writeFiles(t, map[string]string{"x.txt": `country RUS  Russia
  names     Russia

group wagner  Wagner
  names     Russia
  code      RUSMIL

event expel  161
  plover    SANCTION nonsense
  verbs     expel

event oust  0999
  verbs     oust

event kick-out  174
  verbs     expel

person someone  Someone
  names     Someone
  role      RUSGOV 2000..2010
  role      RUSMIL 2000..2012

event broken  161
  wrong     field
  verbs     wreck
`})
	stdout, _, err := runDict(t, "lint", dir)
	if !errors.Is(err, errSkipped) {
		t.Fatalf("err %v, want errSkipped", err)
	}
	for _, want := range []string{
		"x.txt:24: unknown field \"wrong\" for an event entry",
		"x.txt:12: event oust: CAMEO code \"0999\" is not in the CAMEO codebook",
		"x.txt:8: event expel: \"nonsense\" is not a mode of PLOVER SANCTION",
		"phrase \"russia\" names entries with different codes",
		"phrase \"expel\" triggers events without an object restriction and different codes",
		"x.txt:18: person someone: roles RUSGOV 2000..2010 and RUSMIL 2000..2012 overlap with different codes",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("lint output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestShippedLexiconLintsClean: the lexicon dyad ships passes its own lint.
func TestShippedLexiconLintsClean(t *testing.T) {
	stdout, _, err := runDict(t, "lint")
	if err != nil || !strings.Contains(stdout, ": 0 problems") {
		t.Errorf("dyad dict lint: %v\n%s", err, stdout)
	}
}
