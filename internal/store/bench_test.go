package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dyad/internal/article"
	"dyad/internal/event"
)

// BenchmarkPutArticle measures ingest throughput into SQLite: one PutArticle (one
// transaction) per synthetic article of about 3 kB with 10 fully filled events, or
// batches of them with PutArticles.
//
//	go test -run '^$' -bench PutArticle ./internal/store
func BenchmarkPutArticle(b *testing.B) {
	benchmarkPut(b, func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") })
}

// BenchmarkPutArticlePostgres is the same on the test PostgreSQL server (see
// TestPostgres), skipped when there is none.
func BenchmarkPutArticlePostgres(b *testing.B) {
	fresh := postgresSchemas(b)
	benchmarkPut(b, func(b *testing.B) string { return fresh(b) })
}

func benchmarkPut(b *testing.B, fresh func(*testing.B) string) {
	const eventsPerArticle = 10
	for _, tc := range []struct {
		name   string
		recode bool // put articles that are already stored: delete then insert
		batch  int  // articles per transaction (PutArticles); 0: PutArticle
	}{{"new", false, 0}, {"recode", true, 0}, {"batch=32", false, 32}} {
		b.Run(tc.name, func(b *testing.B) {
			s, err := Open(context.Background(), fresh(b))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(1, 1))
			const distinct = 500
			arts := make([]article.Article, distinct)
			evs := make([][]event.Event, distinct)
			for i := range distinct {
				arts[i], evs[i] = synthArticle(rng, i, eventsPerArticle)
			}
			ctx := context.Background()
			if tc.recode {
				for i := range distinct {
					if err := s.PutArticle(ctx, arts[i], evs[i]); err != nil {
						b.Fatal(err)
					}
				}
			}
			articles := 0
			next := func() Coded {
				i := articles
				articles++
				a := arts[i%distinct]
				if !tc.recode {
					a.ID = a.ID + "-" + strconv.Itoa(i) // a new article each time
				}
				return Coded{a, withArticle(evs[i%distinct], a.ID)}
			}
			// One article per iteration, so that ns/op is per article in every mode.
			var batch []Coded
			flush := func() {
				if err := s.PutArticles(ctx, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
			b.ResetTimer()
			for b.Loop() {
				c := next()
				if tc.batch == 0 {
					if err := s.PutArticle(ctx, c.Article, c.Events); err != nil {
						b.Fatal(err)
					}
					continue
				}
				if batch = append(batch, c); len(batch) == tc.batch {
					flush()
				}
			}
			flush()
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(articles)/sec, "articles/s")
			b.ReportMetric(float64(articles*eventsPerArticle)/sec, "events/s")
		})
	}
}

// BenchmarkEvents measures one page of a filtered event list and a dyad series over
// 20,000 stored events.
func BenchmarkEvents(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(2, 2))
	for k := range 20 {
		var batch []Coded
		for i := range 100 {
			a, evs := synthArticle(rng, k*100+i, 10)
			batch = append(batch, Coded{a, evs})
		}
		if err := s.PutArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	// Queries run in another process than the ingest (dyad serve), which opens the
	// database afresh.
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("page", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := s.Events(ctx, Filter{Either: "RUS", QuadClass: 4, Desc: true, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("series-month", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Series(ctx, SeriesQuery{Filter: Filter{Source: "RUS", Target: "COL"}, Interval: Month}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func withArticle(evs []event.Event, id string) []event.Event {
	out := make([]event.Event, len(evs))
	for i, ev := range evs {
		ev.ID = id + strings.TrimPrefix(ev.ID, ev.ArticleID)
		ev.ArticleID = id
		out[i] = ev
	}
	return out
}
