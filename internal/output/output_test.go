package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"dyad/internal/event"
)

func sample() event.Event {
	g := -4.0
	return event.Event{
		ID: "e1", ArticleID: "a1", Published: "2020-12-24", Sentence: 0,
		Trigger: event.Span{Text: "expelled", Start: 7, End: 15},
		Source:  &event.Actor{Text: "Russia", Code: "RUS", Country: "RUS"},
		Target:  &event.Actor{Text: "two\tColombian\ndiplomats", Code: "COLGOV", Country: "COL"},
		CAMEO:   "161", QuadClass: 4, Goldstein: &g,
		Plover:     &event.Plover{Event: "SANCTION", Mode: "expel"},
		Modality:   event.Modality{Mood: event.MoodAsserted, Tense: "past"},
		Confidence: 0.9, Rule: "lexicon:expel-diplomats/tree", Evidence: "Russia expelled <two> diplomats.",
	}
}

func TestJSONLRoundTrips(t *testing.T) {
	var buf bytes.Buffer
	w, err := New("jsonl", &buf)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(sample())
	w.Close()
	if strings.Contains(buf.String(), `\u003c`) {
		t.Errorf("JSON escapes HTML characters in evidence: %s", buf.String())
	}
	var back event.Event
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Target.Code != "COLGOV" || *back.Goldstein != -4 || back.Plover.Mode != "expel" || back.Location != nil {
		t.Errorf("round trip lost fields: %+v", back)
	}
}

func TestTSVHasOneRowPerEventAndAHeader(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New("tsv", &buf)
	w.Write(sample())
	w.Write(sample())
	w.Close()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want header + 2 rows:\n%s", len(lines), buf.String())
	}
	for i, l := range lines {
		if n := len(strings.Split(l, "\t")); n != len(TSVColumns) {
			t.Errorf("line %d has %d columns, want %d", i, n, len(TSVColumns))
		}
	}
	if !strings.Contains(lines[1], "two Colombian diplomats") {
		t.Errorf("tabs and newlines inside values are not flattened: %q", lines[1])
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("xml", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "jsonl") {
		t.Errorf("err = %v, want it to list the formats", err)
	}
}
