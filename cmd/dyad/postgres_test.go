package main

import (
	"context"
	"path/filepath"
	"testing"

	"dyad/internal/store"
	"dyad/internal/store/storetest"
)

// postgresURL gives the test an empty schema on the test server (storetest).
func postgresURL(t *testing.T) string { return storetest.PostgresSchemas(t)(t) }

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
