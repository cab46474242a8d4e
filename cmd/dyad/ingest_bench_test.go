package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"dyad/internal/shareddata"
)

// BenchmarkIngestAllSides ingests the first 1,000 articles of the AllSides corpus into
// a fresh SQLite file per iteration (coding, hashing, storing), and once more into
// the same file (every article unchanged). The full corpus is measured by hand:
// docs/ingest.md.
//
//	go test -run '^$' -bench IngestAllSides -benchtime 1x ./cmd/dyad
func BenchmarkIngestAllSides(b *testing.B) {
	src := shareddata.Path(b, "data/news/allsides/allsides_articles.jsonl.gz")
	dir := b.TempDir()
	corpus := filepath.Join(dir, "allsides-1000.jsonl")
	writeFirstLines(b, src, corpus, 1000)
	b.Run("fresh", func(b *testing.B) {
		var articles, events int
		for i := range b.N {
			db := filepath.Join(dir, "fresh-"+string(rune('a'+i%26))+".db")
			os.Remove(db)
			sum := ingestInto(b, context.Background(), db, corpus, 100, nil)
			articles += sum.Stored
			events += sum.Events
		}
		b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
		b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("unchanged", func(b *testing.B) {
		db := filepath.Join(dir, "again.db")
		ingestInto(b, context.Background(), db, corpus, 100, nil)
		b.ResetTimer()
		var articles int
		for range b.N {
			sum := ingestInto(b, context.Background(), db, corpus, 100, nil)
			if sum.Stored != 0 {
				b.Fatalf("a second ingest stored %d articles", sum.Stored)
			}
			articles += sum.Unchanged
		}
		b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	})
}

func writeFirstLines(b *testing.B, src, dst string, n int) {
	b.Helper()
	f, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(out)
	for i := 0; i < n && sc.Scan(); i++ {
		w.Write(sc.Bytes())
		w.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
}
