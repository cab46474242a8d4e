package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/gazetteer"
)

func TestGazetteerImport(t *testing.T) {
	dir := t.TempDir()
	dump := filepath.Join(dir, "cities.txt")
	// Two rows in the GeoNames dump format: a village too small for the embedded
	// gazetteer and a town under the threshold.
	rows := []string{
		"9999001\tZzyzxville\tZzyzxville\tZzyzx Springs\t35.14\t-116.10\tP\tPPL\tUS\t\tCA\t071\t\t\t120\t0\t300\tAmerica/Los_Angeles\t2020-01-01",
		"9999002\tTinyplace\tTinyplace\t\t35.0\t-116.0\tP\tPPL\tUS\t\tCA\t071\t\t\t5\t0\t300\tAmerica/Los_Angeles\t2020-01-01",
	}
	if err := os.WriteFile(dump, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "test.gaz")
	if _, stderr, err := run(t, "", "gazetteer", "import", "--min-population", "100", "--out", out, dump); err != nil {
		t.Fatalf("import: %v (%s)", err, stderr)
	}
	g, err := gazetteer.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		found bool
	}{
		// Alternate names of small towns are left out (gazetteer.MinAltPopulation).
		{"Zzyzxville", true}, {"Zzyzx Springs", false}, {"Tinyplace", false}, {"Colombia", true}, {"Texas", true},
	} {
		if got := len(g.Lookup(tc.name)) > 0; got != tc.found {
			t.Errorf("Lookup(%q) found = %v, want %v", tc.name, got, tc.found)
		}
	}
	if _, _, err := run(t, "", "gazetteer", "import", "--out", out, filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("importing a missing file succeeded")
	}
}
