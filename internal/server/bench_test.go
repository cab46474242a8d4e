package server

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/store"
)

// The API benchmarks run real HTTP on loopback (httptest.NewServer) against a SQLite
// store of synthetic events, and report the p50 and p99 latency of a request:
//
//	go test ./internal/server -run '^$' -bench API -benchtime 500x
//
// DYAD_BENCH_EVENTS sets the number of synthetic events (default 5000);
// DYAD_BENCH_DB points at an existing database instead (say, an ingest of the
// AllSides corpus), which is opened and not changed.

var (
	benchOnce  sync.Once
	benchStore store.Store
	benchDir   string
	benchErr   error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil {
		benchStore.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

var benchActors = []event.Actor{
	{Text: "Russia", Code: "RUS", Country: "RUS"},
	{Text: "the Kremlin", Code: "RUSGOV", Country: "RUS", Sectors: []string{"GOV"}},
	{Text: "Colombia", Code: "COL", Country: "COL"},
	{Text: "Colombian diplomats", Code: "COLGOV", Country: "COL", Sectors: []string{"GOV"}},
	{Text: "Washington", Code: "USAGOV", Country: "USA", Sectors: []string{"GOV"}},
	{Text: "Beijing", Code: "CHNGOV", Country: "CHN", Sectors: []string{"GOV"}},
	{Text: "Ukrainian troops", Code: "UKRMIL", Country: "UKR", Sectors: []string{"MIL"}},
}

var benchCodes = []struct {
	cameo, plover string
	quad          int
	goldstein     float64
}{
	{"036", "CONSULT", 1, 4}, {"057", "AGREE", 1, 8}, {"073", "AID", 2, 7.4},
	{"112", "ACCUSE", 3, -2}, {"138", "THREATEN", 3, -7}, {"161", "SANCTION", 4, -4}, {"190", "ASSAULT", 4, -10},
}

// syntheticStore fills a store with n events, four to an article, over 2020-2021.
func syntheticStore(path string, n int) (store.Store, error) {
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const perArticle = 4
	var batch []store.Coded
	for i := 0; i*perArticle < n; i++ {
		published := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(730)).Format(time.DateOnly)
		a := article.Article{ID: fmt.Sprintf("bench-%06d", i), Published: published, Language: "en", Publisher: "Wire"}
		var evs []event.Event
		text := ""
		for j := 0; j < perArticle && i*perArticle+j < n; j++ {
			src, tgt := benchActors[rng.IntN(len(benchActors))], benchActors[rng.IntN(len(benchActors))]
			c := benchCodes[rng.IntN(len(benchCodes))]
			sentence := fmt.Sprintf("%s acted on %s in a way coded %s, officials said on the record. ", src.Text, tgt.Text, c.cameo)
			off := len(text)
			text += sentence
			src.Start, src.End = off, off+len(src.Text)
			tgt.Start = off + len(src.Text) + len(" acted on ")
			tgt.End = tgt.Start + len(tgt.Text)
			evs = append(evs, event.Event{
				ID: fmt.Sprintf("bench-%06d-%d", i, j), Sentence: j,
				Trigger: event.Span{Text: "acted", Start: src.End + 1, End: src.End + 6},
				Source:  &src, Target: &tgt, CAMEO: c.cameo, QuadClass: c.quad, Goldstein: &c.goldstein,
				Plover:   &event.Plover{Event: c.plover},
				Date:     &event.Date{Value: published, Precision: "published"},
				Modality: event.Modality{Mood: event.MoodAsserted}, Confidence: 0.5 + rng.Float64()/2,
				Rule: "bench", Evidence: sentence,
			})
		}
		a.Text = text
		batch = append(batch, store.Coded{Article: a, Events: evs})
		if len(batch) == 250 {
			if err := s.PutArticles(ctx, batch); err != nil {
				return nil, err
			}
			batch = batch[:0]
		}
	}
	if err := s.PutArticles(ctx, batch); err != nil {
		return nil, err
	}
	return s, nil
}

func benchServer(b *testing.B) *httptest.Server {
	benchOnce.Do(func() {
		if path := os.Getenv("DYAD_BENCH_DB"); path != "" {
			benchStore, benchErr = store.Open(context.Background(), path)
			return
		}
		n := 5000
		if v := os.Getenv("DYAD_BENCH_EVENTS"); v != "" {
			if n, benchErr = strconv.Atoi(v); benchErr != nil {
				return
			}
		}
		if benchDir, benchErr = os.MkdirTemp("", "dyad-server-bench"); benchErr != nil {
			return
		}
		benchStore, benchErr = syntheticStore(filepath.Join(benchDir, "bench.db"), n)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	srv := httptest.NewServer(New(benchStore, Options{Logger: quietLog}))
	b.Cleanup(srv.Close)
	return srv
}

// benchLatency requests the targets in turn and reports the p50 and p99 latency.
func benchLatency(b *testing.B, targets []string) {
	srv := benchServer(b)
	client := srv.Client()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		resp, err := client.Get(srv.URL + targets[i%len(targets)])
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: status %d, err %v", targets[i%len(targets)], resp.StatusCode, err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// benchQueries runs each target as a sub-benchmark named after it.
func benchQueries(b *testing.B, targets map[string]string) {
	names := slices.Sorted(maps.Keys(targets))
	for _, name := range names {
		b.Run(name, func(b *testing.B) { benchLatency(b, []string{targets[name]}) })
	}
}

func BenchmarkAPIEvents(b *testing.B) {
	benchQueries(b, map[string]string{
		"all":             "/api/events?limit=50",
		"either":          "/api/events?either=RUS&limit=50",
		"dyad-year":       "/api/events?source=USA&target=CHN&from=2021&limit=50",
		"quad-confidence": "/api/events?quad=4&min_confidence=0.8&limit=50",
		"cameo-desc":      "/api/events?cameo=19&desc=1&limit=50",
	})
}

func BenchmarkAPISeries(b *testing.B) {
	benchQueries(b, map[string]string{
		"dyad-week-both":  "/api/series?source=RUS&target=COL&interval=week&both=1&from=2020&to=2021",
		"dyad-month-both": "/api/series?source=USA&target=CHN&interval=month&both=1&from=2020&to=2021",
		"either-day":      "/api/series?either=UKR&interval=day&from=2020&to=2021",
	})
}
