package store

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/store/storetest"
)

func TestSQLite(t *testing.T) {
	testSuite(t, func(t *testing.T) string {
		return filepath.Join(t.TempDir(), "dyad.db")
	})
}

// TestPostgres runs the suite against the server named by DYAD_TEST_POSTGRES (by
// default the local one), each database in a schema of its own that is dropped
// afterwards, so that parallel runs do not meet.
func TestPostgres(t *testing.T) {
	fresh := postgresSchemas(t)
	testSuite(t, func(t *testing.T) string { return fresh(t) })
}

// postgresSchemas gives each test an empty schema on the test server (storetest).
func postgresSchemas(tb testing.TB) func(testing.TB) string { return storetest.PostgresSchemas(tb) }

func TestOpenURLs(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		url, file string // file: the SQLite file it must create
	}{
		{filepath.Join(dir, "plain.db"), "plain.db"},
		{"sqlite://" + filepath.Join(dir, "scheme.db"), "scheme.db"},
		{filepath.Join(dir, "sub dir", "odd %20 #name.db"), filepath.Join("sub dir", "odd %20 #name.db")},
	} {
		s, err := Open(context.Background(), tc.url)
		if err != nil {
			t.Errorf("Open(%q): %v", tc.url, err)
			continue
		}
		s.Close()
		if _, err := os.Stat(filepath.Join(dir, tc.file)); err != nil {
			t.Errorf("Open(%q) did not create %s: %v", tc.url, tc.file, err)
		}
	}
	for _, u := range []string{"mysql://localhost/db", "sqlite://", filepath.Join(dir, "what?.db")} {
		if s, err := Open(context.Background(), u); err == nil {
			s.Close()
			t.Errorf("Open(%q): no error", u)
		}
	}
}

// TestSQLiteAnalyzesAfterIngest checks that statistics exist after a bulk ingest, and
// that with them a page of a common actor's events walks the date index instead of
// sorting every match.
func TestSQLiteAnalyzesAfterIngest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dyad.db")
	ctx := context.Background()
	s := open(t, path)
	rng := rand.New(rand.NewPCG(31, 32))
	var batch []Coded
	for i := range 300 {
		a, evs := synthArticle(rng, i, 10)
		batch = append(batch, Coded{a, evs})
	}
	if err := s.PutArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)
	r := s.(*sqlStore).r
	var stat string
	if err := r.QueryRow(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' AND idx = 'events_article'`).Scan(&stat); err != nil {
		t.Fatalf("no statistics for events after the ingest: %v", err)
	}
	w, _ := filterWhere(Filter{Either: "RUS"}, "LIKE")
	rows, err := r.Query("EXPLAIN QUERY PLAN SELECT record FROM events "+w.sql()+" ORDER BY event_date DESC, id DESC LIMIT 51", w.args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused any
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if got := strings.Join(plan, "; "); !strings.Contains(got, "events_date") || strings.Contains(got, "TEMP B-TREE") {
		t.Errorf("plan for a page of a common actor: %s; want a walk of events_date without sorting", got)
	}
}
