package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/analysis"
	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/store"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

func f64(v float64) *float64 { return &v }

// fixtureEvent makes a hand-made event; the fields the filters read are arguments.
func fixtureEvent(id, art, day, src, tgt, cameo string, quad int, plover string, conf float64, mood string, negated bool, place, evidence string) event.Event {
	actor := func(code string) *event.Actor {
		if code == "" {
			return nil
		}
		return &event.Actor{Text: code + " text", Name: code[:3] + " name", Code: code, Country: code[:3]}
	}
	e := event.Event{
		ID: id, ArticleID: art, URL: "https://news.example/" + art, Publisher: "Wire", Published: day,
		Trigger: event.Span{Text: "acted", Start: 0, End: 5},
		Source:  actor(src), Target: actor(tgt),
		CAMEO: cameo, QuadClass: quad, Goldstein: f64(float64(quad) - 2.5),
		Date:       &event.Date{Value: day, Precision: "day"},
		Modality:   event.Modality{Mood: mood, Negated: negated},
		Confidence: conf, Rule: "test", Evidence: evidence,
	}
	if plover != "" {
		e.Plover = &event.Plover{Event: plover}
	}
	if place != "" {
		e.Location = &event.Location{Name: place + " city", Country: place, Lat: f64(1.5), Lon: f64(2.5), Precision: "city"}
	}
	return e
}

// fixtureDB stores hand-made events in a new SQLite file and returns its path.
func fixtureDB(t *testing.T) string {
	t.Helper()
	evs := []event.Event{
		fixtureEvent("e1", "a1", "2020-12-23", "RUSGOV", "COLGOV", "161", 4, "SANCTION", 0.9, "asserted", false, "RUS", "Russia expelled two Colombian diplomats on Wednesday, the ministry said."),
		fixtureEvent("e2", "a2", "2020-12-26", "COLGOV", "RUSGOV", "161", 4, "SANCTION", 0.8, "asserted", false, "COL", "Colombia expelled two Russian diplomats in return."),
		fixtureEvent("e3", "a3", "2021-01-05", "USAGOV", "CHNGOV", "036", 1, "CONSULT", 0.5, "reported", false, "", "Washington met Beijing's envoy."),
		fixtureEvent("e4", "a3", "2021-01-06", "CHNGOV", "USAGOV", "112", 3, "ACCUSE", 0.7, "future", false, "CHN", "China will accuse the United States."),
		fixtureEvent("e5", "a4", "2021-02-10", "UKRMIL", "RUSMIL", "190", 4, "ASSAULT", 0.6, "asserted", true, "UKR", "Ukrainian troops did not attack Russian positions."),
		fixtureEvent("e6", "a5", "2021-03-01", "IGOUNO", "", "010", 1, "", 0.2, "asserted", false, "", "The UN said it was concerned."),
	}
	path := filepath.Join(t.TempDir(), "fixture.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	byArticle := map[string][]event.Event{}
	var order []string
	for _, e := range evs {
		if byArticle[e.ArticleID] == nil {
			order = append(order, e.ArticleID)
		}
		byArticle[e.ArticleID] = append(byArticle[e.ArticleID], e)
	}
	for _, id := range order {
		a := article.Article{ID: id, Text: byArticle[id][0].Evidence, URL: "https://news.example/" + id, Publisher: "Wire", Published: byArticle[id][0].Published}
		if err := s.PutArticle(context.Background(), a, byArticle[id]); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// idsOf reads the first column of TSV output, header skipped.
func idsOf(tsv string) string {
	var ids []string
	for i, line := range strings.Split(strings.TrimSpace(tsv), "\n") {
		if i > 0 && line != "" {
			ids = append(ids, strings.SplitN(line, "\t", 2)[0])
		}
	}
	return strings.Join(ids, " ")
}

func TestQueryFilters(t *testing.T) {
	db := fixtureDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "e1 e2 e3 e4 e5 e6"},
		{[]string{"--source", "RUS"}, "e1"},
		{[]string{"--target", "rus"}, "e2 e5"},
		{[]string{"--either", "USA"}, "e3 e4"},
		{[]string{"--country", "COL"}, "e2"},
		{[]string{"--cameo", "16"}, "e1 e2"},
		{[]string{"--plover", "assault"}, "e5"},
		{[]string{"--quad", "4"}, "e1 e2 e5"},
		{[]string{"--from", "2021-01", "--to", "2021-02-10"}, "e3 e4 e5"},
		{[]string{"--from", "2021"}, "e3 e4 e5 e6"},
		{[]string{"--text", "EXPELLED"}, "e1 e2"},
		{[]string{"--min-confidence", "0.7"}, "e1 e2 e4"},
		{[]string{"--mood", "future"}, "e4"},
		{[]string{"--negated", "true"}, "e5"},
		{[]string{"--article", "a3"}, "e3 e4"},
		{[]string{"--desc", "--limit", "2"}, "e6 e5"},
		{[]string{"--source", "RUS", "--target", "USA"}, ""},
	} {
		args := append([]string{"query", "--db", db, "--format", "tsv"}, tc.args...)
		out, stderr, err := runDyad(t, "", args...)
		if err != nil {
			t.Errorf("%v: %v\n%s", tc.args, err, stderr)
			continue
		}
		if got := idsOf(out); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.args, got, tc.want)
		}
	}
}

func TestQueryPagesPastOneStorePage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "many.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var evs []event.Event
	for i := range 2100 {
		evs = append(evs, fixtureEvent(fmt.Sprintf("e%04d", i), "big", "2020-01-01", "RUSGOV", "COLGOV", "161", 4, "SANCTION", 0.9, "asserted", false, "", "x"))
	}
	if err := s.PutArticle(context.Background(), article.Article{ID: "big", Text: "x"}, evs); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, tc := range []struct {
		limit string
		want  int
	}{{"0", 2100}, {"1500", 1500}, {"100", 100}} {
		out, _, err := runDyad(t, "", "query", "--db", path, "--format", "jsonl", "--limit", tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(out, "\n"); n != tc.want {
			t.Errorf("--limit %s: %d events, want %d", tc.limit, n, tc.want)
		}
	}
}

func TestQueryTable(t *testing.T) {
	db := fixtureDB(t)
	out, _, err := runDyad(t, "", "query", "--db", db, "--source", "RUS")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want a header and one row:\n%s", len(lines), out)
	}
	for _, want := range []string{"DATE", "SOURCE", "TARGET", "CAMEO", "PLOVER", "CONF", "TRIGGER", "EVIDENCE"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("header lacks %s: %s", want, lines[0])
		}
	}
	for _, want := range []string{"2020-12-23", "RUSGOV", "COLGOV", "161 Reduce or break diplomatic…", "SANCTION", "0.90", "acted", "Russia expelled two Colombian diplomats on Wednesday, the ministry sa…"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("row lacks %q: %s", want, lines[1])
		}
	}
	out, _, err = runDyad(t, "", "query", "--db", db, "--source", "FRA")
	if err != nil || !strings.Contains(out, "(no events match)") {
		t.Errorf("empty result: %v %q", err, out)
	}
}

func TestQueryReciprocity(t *testing.T) {
	db := fixtureDB(t)
	out, _, err := runDyad(t, "", "query", "--db", db, "--reciprocity", "RUS,COL", "--within", "5")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Reciprocity RUS ⇄ COL, all dates, answered within 5 days",
		"RUS→COL    all                1       1         1        1.00   1.00    3.0",
		"RUS→COL    Material Conflict  1       1         1        1.00   1.00    3.0",
		"COL→RUS    all                1       0         0        0.00   0.00    -",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("reciprocity lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runDyad(t, "", "query", "--db", db, "--reciprocity", "RUS,COL", "--from", "2020-12-24")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2020-12-24 … …, answered within 30 days", "RUS→COL    all                0       0"} {
		if !strings.Contains(out, want) {
			t.Errorf("from 2020-12-24 lacks %q (the expulsion of the 23rd is before the period):\n%s", want, out)
		}
	}
	out, _, err = runDyad(t, "", "query", "--db", db, "--reciprocity", "RUS,COL", "--within", "2", "--format", "tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "RUS→COL\tall\t1\t0\t0\t0.000\t0.000\t-") {
		t.Errorf("within 2 days the expulsion is unanswered:\n%s", out)
	}
	out, _, err = runDyad(t, "", "query", "--db", db, "--reciprocity", "RUS,COL", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var r analysis.Reciprocity
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Within != 30 || len(r.AB.Answers) != 1 || r.AB.Answers[0].Answer == nil || r.AB.Answers[0].Answer.ID != "e2" || r.AB.Answers[0].LagDays != 3 {
		t.Errorf("JSON: within %d, answers %+v; want e1 answered by e2 after 3 days", r.Within, r.AB.Answers)
	}
}

func TestQueryAndExportRejectBadInput(t *testing.T) {
	db := fixtureDB(t)
	for _, args := range [][]string{
		{"query", "--db", db, "--quad", "7"},
		{"query", "--db", db, "--from", "yesterday"},
		{"query", "--db", db, "--to", "2020-13"},
		{"query", "--db", db, "--mood", "sleepy"},
		{"query", "--db", db, "--negated", "maybe"},
		{"query", "--db", db, "--min-confidence", "2"},
		{"query", "--db", db, "--format", "xml"},
		{"query", "--db", db, "--limit", "-1"},
		{"query", "--db", db, "--reciprocity", "RUS"},
		{"query", "--db", filepath.Join(t.TempDir(), "none.db")},
		{"query", "--db", db, "stray-argument"},
		{"export", "--db", db},
		{"export", "--db", db, "--format", "xml"},
		{"export", "--db", db, "--format", "csv", "--from", "2020-02-30"},
	} {
		_, _, err := runDyad(t, "", args...)
		if err == nil {
			t.Errorf("dyad %s: no error", strings.Join(args[:1], " ")+" "+strings.Join(args[3:], " "))
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "none.db")); err == nil {
		t.Error("querying a missing database created it")
	}
}

func TestExportFormatsMatchGoldenFiles(t *testing.T) {
	db := fixtureDB(t)
	for _, format := range []string{"jsonl", "tsv", "csv", "gdelt", "plover"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "events."+format)
			_, stderr, err := runDyad(t, "", "export", "--db", db, "--format", format, "--out", out)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "export-"+format+".golden")
			if *updateGolden {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("export --format %s differs from %s:\n%s", format, golden, got)
			}
			wantMsg := "6 events as " + format
			if format == "plover" {
				wantMsg += " (1 without a PLOVER type left out)"
			}
			if !strings.Contains(stderr, wantMsg) {
				t.Errorf("summary %q lacks %q", stderr, wantMsg)
			}
		})
	}
	// Filters apply to exports as to queries; no temporary file is left behind.
	dir := t.TempDir()
	out := filepath.Join(dir, "rus.tsv")
	if _, _, err := runDyad(t, "", "export", "--db", db, "--format", "gdelt", "--either", "RUS", "--out", out); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	if n := strings.Count(string(data), "\n"); n != 3 {
		t.Errorf("--either RUS: %d GDELT rows, want 3", n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the output directory, want only the export", len(entries))
	}
}
