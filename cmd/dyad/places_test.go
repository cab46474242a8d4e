package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlacesCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "news.jsonl")
	text := "Russia expelled two Colombian diplomats after a move against Russian officials at the embassy in Bogotá."
	if err := os.WriteFile(good, []byte(`{"id":"a1","text":"`+text+`"}`+"\n"+`{"id":"cut","text":"Mosc`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := run(t, "", "places", "-q", good)
	placesFlagReset()
	if !errors.Is(err, errSkipped) {
		t.Errorf("err = %v, want the skipped-input status (the second record is cut)", err)
	}
	if !strings.Contains(stderr, good+":2:") {
		t.Errorf("stderr %q does not report the cut record with file and line", stderr)
	}
	var got []placeRecord
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r placeRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		got = append(got, r)
	}
	want := map[string]string{"Russia": "RUS", "Bogotá": "COL"}
	if len(got) != len(want) {
		t.Fatalf("got %d mentions %+v, want %d", len(got), got, len(want))
	}
	for _, r := range got {
		if r.ArticleID != "a1" || want[r.Text] != r.Country || text[r.Start:r.End] != r.Text {
			t.Errorf("unexpected mention %+v", r)
		}
	}
}

func TestPlacesCommandBadGazetteer(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.gaz")
	os.WriteFile(bad, []byte("not a gazetteer\n"), 0o644)
	_, _, err := run(t, "", "places", "--gazetteer", bad, "-")
	placesFlagReset()
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("err = %v, want one naming %s", err, bad)
	}
}

// placesFlagReset puts the places command's flags back to their defaults.
func placesFlagReset() {
	for _, c := range root.Commands() {
		if c.Name() == "places" {
			for _, name := range []string{"gazetteer", "quiet"} {
				if f := c.Flags().Lookup(name); f != nil {
					f.Value.Set(f.DefValue)
					f.Changed = false
				}
			}
		}
	}
}
