package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dyad/internal/store"
)

// postgresURL creates an empty schema on the test server (DYAD_TEST_POSTGRES, by
// default the local one) and returns a URL that uses it; the schema is dropped when
// the test ends. It skips the test when no server answers.
func postgresURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("DYAD_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("DYAD_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		t.Skipf("skipped: no PostgreSQL reachable (%v); set DYAD_TEST_POSTGRES to a server's URL to run this test", err)
	}
	schema := fmt.Sprintf("dyad_cmd_test_%d_%08x", os.Getpid(), rand.Uint32())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestPostgresIngestQueryExportMatchSQLite ingests the same corpus into PostgreSQL
// and SQLite: a second ingest adds nothing, and queries and exports give the same
// output from both.
func TestPostgresIngestQueryExportMatchSQLite(t *testing.T) {
	pg := postgresURL(t)
	dir := t.TempDir()
	corpus := generatedCorpus(t, dir, 25)
	lite := filepath.Join(dir, "lite.db")
	for _, db := range []string{pg, lite} {
		if _, stderr, err := runDyad(t, "", "ingest", "--db", db, "--batch", "10", "-q", corpus); err != nil {
			t.Fatalf("ingest into %s: %v\n%s", db, err, stderr)
		}
	}
	stats := func() store.Stats {
		s, err := store.Open(context.Background(), pg)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		st, err := s.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	first := stats()
	if first.Articles != 25 || first.Events == 0 {
		t.Fatalf("PostgreSQL holds %d articles and %d events, want 25 and some", first.Articles, first.Events)
	}
	if _, stderr, err := runDyad(t, "", "ingest", "--db", pg, corpus); err != nil {
		t.Fatalf("second ingest: %v\n%s", err, stderr)
	}
	if second := stats(); second.Articles != first.Articles || second.Events != first.Events || second.Mentions != first.Mentions {
		t.Errorf("second ingest into PostgreSQL changed the counts: %+v, was %+v", second, first)
	}
	for _, args := range [][]string{
		{"query", "--format", "tsv", "--limit", "0"},
		{"query", "--either", "RUS", "--quad", "4"},
		{"query", "--reciprocity", "RUS,COL", "--format", "tsv"},
		{"export", "--format", "gdelt", "-q"},
		{"export", "--format", "plover", "-q", "--text", "diplomats"},
	} {
		var outs [2]string
		for i, db := range []string{pg, lite} {
			out, stderr, err := runDyad(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
			if err != nil {
				t.Fatalf("%v on %s: %v\n%s", args, db, err, stderr)
			}
			outs[i] = out
		}
		if outs[0] != outs[1] {
			t.Errorf("%v: PostgreSQL and SQLite differ:\n%s\n---\n%s", args, outs[0], outs[1])
		}
		if len(outs[0]) < 50 {
			t.Errorf("%v: almost no output: %q", args, outs[0])
		}
	}
}
