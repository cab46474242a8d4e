package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/pipeline"
	"dyad/internal/store"
	"dyad/internal/store/storetest"
)

// runDyad runs dyad in-process as run does, then resets the flags of the commands
// this file's tests use, since cobra keeps flag values between runs.
func runDyad(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	stdout, stderr, err = run(t, stdin, args...)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "ingest", "query", "export":
			c.Flags().VisitAll(func(f *pflag.Flag) {
				f.Value.Set(f.DefValue)
				f.Changed = false
			})
		}
	}
	return stdout, stderr, err
}

// generatedCorpus writes n generated news articles as JSONL and returns its path.
// The sentences use actors and verbs dyad's lexicon knows, so that most articles
// yield events.
func generatedCorpus(t *testing.T, dir string, n int) string {
	t.Helper()
	actors := []string{"Russia", "Colombia", "China", "the United States", "Ukraine", "France", "Iran", "Japan"}
	verbs := []string{"expelled diplomats from", "criticized", "praised", "signed an agreement with", "threatened", "accused", "met officials from", "imposed sanctions on"}
	rng := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	for i := range n {
		var text strings.Builder
		for range 2 + rng.IntN(3) {
			a := actors[rng.IntN(len(actors))]
			c := actors[rng.IntN(len(actors))]
			fmt.Fprintf(&text, "%s %s %s on Wednesday. ", strings.ToUpper(a[:1])+a[1:], verbs[rng.IntN(len(verbs))], c)
		}
		rec, _ := json.Marshal(map[string]string{
			"id": fmt.Sprintf("gen-%03d", i), "title": fmt.Sprintf("Story %d", i), "text": text.String(),
			"published": fmt.Sprintf("2020-%02d-%02d", 1+i%12, 1+i%28), "publisher": "Generated News",
		})
		b.Write(rec)
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// dumpDB is every row of a SQLite event database except the coding time, in a fixed
// order: two databases with the same dump hold the same articles and events.
func dumpDB(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return storetest.Dump(t, db)
}

func dbStats(t *testing.T, path string) store.Stats {
	t.Helper()
	s, err := store.Open(context.Background(), path)
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

func TestIngestTwiceAddsNothing(t *testing.T) {
	dir := t.TempDir()
	corpus := generatedCorpus(t, dir, 30)
	db := filepath.Join(dir, "events.db")

	_, stderr, err := runDyad(t, "", "ingest", "--db", db, "--batch", "7", corpus)
	if err != nil {
		t.Fatalf("first ingest: %v\n%s", err, stderr)
	}
	first := dbStats(t, db)
	if first.Articles != 30 || first.Events == 0 {
		t.Fatalf("first ingest stored %d articles and %d events, want 30 and some", first.Articles, first.Events)
	}
	for _, want := range []string{"30 articles read", "30 coded", "30 stored", fmt.Sprintf("%d events", first.Events)} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	before := dumpDB(t, db)

	_, stderr, err = runDyad(t, "", "ingest", "--db", db, corpus)
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, stderr)
	}
	if second := dbStats(t, db); second != first {
		t.Errorf("second ingest changed the counts: %+v, was %+v", second, first)
	}
	if !strings.Contains(stderr, "30 unchanged") || !strings.Contains(stderr, "0 stored") {
		t.Errorf("second summary should say 30 unchanged, 0 stored:\n%s", stderr)
	}
	if dumpDB(t, db) != before {
		t.Error("second ingest changed stored rows")
	}
}

func TestIngestReportsSkippedRecordsByReason(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mixed.jsonl")
	lines := []string{
		`{"id":"ok1","text":"Russia expelled two Colombian diplomats on Wednesday.","published":"2020-12-24"}`,
		`{"id":"cut","text":"Russia expel`,
		`{"id":"notext","title":"no body"}`,
		`{"id":"nodate","text":"France praised Japan.","published":"someday"}`,
		`{"id":"notext2","title":"no body either"}`,
		`{"id":"ok2","text":"Colombia expelled two Russian diplomats.","published":"2020-12-25"}`,
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "events.db")
	_, stderr, err := runDyad(t, "", "ingest", "--db", db, path, filepath.Join(dir, "missing.jsonl"))
	if !errors.Is(err, errSkipped) {
		t.Errorf("err = %v, want the skipped-input status", err)
	}
	for _, want := range []string{
		"2 articles read", "2 stored", "5 skipped",
		`skipped 2: record has no …`, path + ":3:", path + ":5:",
		path + ":2: truncated JSON record",
		path + ":4: cannot read published date",
		"missing.jsonl: no such file",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	if st := dbStats(t, db); st.Articles != 2 {
		t.Errorf("%d articles stored, want 2", st.Articles)
	}
}

var (
	testPipelineOnce sync.Once
	testPipeline     *pipeline.Pipeline
	testPipelineErr  error
)

func sharedPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	testPipelineOnce.Do(func() { testPipeline, testPipelineErr = pipeline.New(pipeline.Options{}) })
	if testPipelineErr != nil {
		t.Fatal(testPipelineErr)
	}
	return testPipeline
}

// ingestInto runs runIngest over the corpus into the SQLite file at db.
func ingestInto(t testing.TB, ctx context.Context, db, corpus string, batch int, afterBatch func(int)) ingestSummary {
	t.Helper()
	p := sharedPipeline(t)
	s, err := store.Open(context.Background(), db, store.WithCoderVersion("test"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cfg := ingestConfig{
		store: s, workers: 2, batchSize: batch, afterBatch: afterBatch,
		code: func(a article.Article) ([]event.Event, error) { return safeCode(p, a) },
	}
	sum, err := runIngest(ctx, ingestSource(ctx, []string{corpus}, article.Options{}, newFeedFetcher(defaultFeedTimeout, defaultFeedMaxBytes)), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestInterruptedIngestResumesToTheSameDatabase(t *testing.T) {
	dir := t.TempDir()
	corpus := generatedCorpus(t, dir, 40)
	whole := filepath.Join(dir, "whole.db")
	if sum := ingestInto(t, context.Background(), whole, corpus, 5, nil); sum.Stored != 40 || sum.Interrupted {
		t.Fatalf("uninterrupted run: %+v", sum)
	}

	cut := filepath.Join(dir, "cut.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel as a Ctrl-C would, once two batches are committed.
	sum := ingestInto(t, ctx, cut, corpus, 5, func(stored int) {
		if stored >= 10 {
			cancel()
		}
	})
	if !sum.Interrupted || sum.Stored >= 40 || sum.Stored < 10 {
		t.Fatalf("interrupted run: interrupted %v, stored %d; want interrupted with 10-39 stored", sum.Interrupted, sum.Stored)
	}
	if st := dbStats(t, cut); int(st.Articles) != sum.Stored {
		t.Errorf("the database holds %d articles, the summary says %d stored", st.Articles, sum.Stored)
	}
	again := ingestInto(t, context.Background(), cut, corpus, 5, nil)
	if again.Unchanged != sum.Stored || again.Stored != 40-sum.Stored {
		t.Errorf("re-run: %d unchanged, %d stored; want %d and %d", again.Unchanged, again.Stored, sum.Stored, 40-sum.Stored)
	}
	if dumpDB(t, cut) != dumpDB(t, whole) {
		t.Error("interrupted and resumed ingest differs from an uninterrupted one")
	}
}

// TestKilledIngestResumesToTheSameDatabase runs 'dyad ingest' in a child process,
// stops it after its second batch is committed, while it goes on coding and writing
// — with SIGKILL, and with SIGINT as Ctrl-C sends it — runs the ingest again and
// compares every row with an uninterrupted run.
func TestKilledIngestResumesToTheSameDatabase(t *testing.T) {
	if args := os.Getenv("DYAD_INGEST_KILL_CHILD"); args != "" {
		ingestBatchHook = func(stored int) { fmt.Printf("stored %d\n", stored) }
		root.SetArgs(strings.Split(args, "\x1f"))
		if err := root.Execute(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	dir := t.TempDir()
	corpus := generatedCorpus(t, dir, 60)
	whole := filepath.Join(dir, "whole.db")
	if _, stderr, err := runDyad(t, "", "ingest", "--db", whole, "-q", corpus); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, stderr)
	}
	for _, sig := range []os.Signal{os.Kill, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "stopped.db")
			args := []string{"ingest", "--db", db, "--batch", "4", "--workers", "1", corpus}
			child := exec.Command(os.Args[0], "-test.run", "^TestKilledIngestResumesToTheSameDatabase$")
			child.Env = append(os.Environ(), "DYAD_INGEST_KILL_CHILD="+strings.Join(args, "\x1f"))
			var stderr strings.Builder
			child.Stderr = &stderr
			out, err := child.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			batches := 0
			for batches < 2 && lines.Scan() {
				if strings.HasPrefix(lines.Text(), "stored ") {
					batches++
				}
			}
			child.Process.Signal(sig)
			for lines.Scan() { // until the child closes its output
			}
			err = child.Wait()
			if batches < 2 {
				t.Fatalf("the child ended after %d batches without being stopped", batches)
			}
			if err == nil {
				t.Errorf("the child exited with status 0 after %v", sig)
			}
			st := dbStats(t, db)
			t.Logf("stopped after %d of 60 articles were stored", st.Articles)
			if st.Articles < 8 {
				t.Errorf("after %v: %d articles, want at least the 8 committed", sig, st.Articles)
			}
			if sig == os.Interrupt {
				want := fmt.Sprintf("%d stored", st.Articles)
				if !strings.Contains(stderr.String(), "dyad ingest interrupted") || !strings.Contains(stderr.String(), want) {
					t.Errorf("after Ctrl-C the summary should say interrupted and %s:\n%s", want, stderr.String())
				}
			}
			if _, stderr, err := runDyad(t, "", args...); err != nil {
				t.Fatalf("re-run: %v\n%s", err, stderr)
			}
			if dumpDB(t, db) != dumpDB(t, whole) {
				t.Error("stopped and resumed ingest differs from an uninterrupted one")
			}
		})
	}
}

func TestCountRecordsForTheProgressBar(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	jsonl := write("a.jsonl", "{\"text\":\"x\"}\n\n  \n{\"text\":\"y\"}\n{\"text\":\"no final newline\"}")
	write("docs/one.txt", "One.")
	write("docs/two.txt", "Two.")
	write("docs/.hidden", "not read")
	write("docs/.git/x.txt", "not read")
	feed := write("news.rss", rssFeed)
	var gz strings.Builder
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"))
	zw.Close()
	gzPath := write("b.jsonl.gz", gz.String())

	for _, tc := range []struct {
		paths []string
		n     int
		ok    bool
	}{
		{[]string{jsonl}, 3, true},
		{[]string{filepath.Join(dir, "docs")}, 2, true},
		{[]string{gzPath, jsonl}, 5, true},
		{[]string{filepath.Join(dir, "missing.txt")}, 1, true},
		{[]string{jsonl, feed}, 0, false},
		{[]string{"https://news.example/rss"}, 0, false},
		{[]string{"-"}, 0, false},
	} {
		n, ok := countRecords(context.Background(), tc.paths)
		if n != tc.n || ok != tc.ok {
			t.Errorf("%v: %d %v, want %d %v", tc.paths, n, ok, tc.n, tc.ok)
		}
	}
}

func TestStatusLineShowsABarOnceTheTotalIsKnown(t *testing.T) {
	var buf strings.Builder
	total := new(atomic.Int64)
	s := newStatusLine(&buf, total)
	s.show(ingestSummary{Read: 10, Stored: 5}, time.Second)
	if !strings.Contains(buf.String(), "ingest: 10 read") || strings.Contains(buf.String(), "%") {
		t.Errorf("without a total: %q", buf.String())
	}
	total.Store(40)
	buf.Reset()
	s.last = time.Time{}
	s.show(ingestSummary{Read: 10, Stored: 5}, time.Second)
	if !strings.Contains(buf.String(), "[======                  ]  25% 10/40 · 3s left") {
		t.Errorf("with a total: %q", buf.String())
	}
	var none *statusLine = newStatusLine(nil, total)
	none.show(ingestSummary{Read: 1}, time.Second) // no terminal: nothing, no panic
}

func TestIngestStoresTheRestOfABatchTheStoreRefuses(t *testing.T) {
	dir := t.TempDir()
	corpus := generatedCorpus(t, dir, 12)
	s, err := store.Open(context.Background(), filepath.Join(dir, "refuse.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The coder gives article gen-005 two events with one id, which the store refuses.
	code := func(a article.Article) ([]event.Event, error) {
		ev := event.Event{ID: "e-" + a.ID, ArticleID: a.ID, Modality: event.Modality{Mood: event.MoodAsserted}}
		if a.ID == "gen-005" {
			return []event.Event{ev, ev}, nil
		}
		return []event.Event{ev}, nil
	}
	cfg := ingestConfig{store: s, code: code, workers: 2, batchSize: 5}
	sum, err := runIngest(context.Background(), ingestSource(context.Background(), []string{corpus}, article.Options{}, nil), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 11 || sum.Events != 11 || sum.Skipped != 1 {
		t.Errorf("stored %d articles and %d events, skipped %d; want 11, 11, 1", sum.Stored, sum.Events, sum.Skipped)
	}
	var buf strings.Builder
	sum.print(&buf)
	if want := corpus + ":6: store: put: article gen-005: event id e-gen-005 appears twice"; !strings.Contains(buf.String(), want) {
		t.Errorf("summary lacks %q:\n%s", want, buf.String())
	}
	if ok, _ := s.HasArticle(context.Background(), "gen-005", ""); ok {
		t.Error("the refused article is stored")
	}
}

// failingWrites is a store whose reads work and whose writes all fail, as on a full
// disk.
type failingWrites struct{ store.Store }

var errDiskFull = errors.New("disk full")

func (failingWrites) PutArticles(context.Context, []store.Coded) error { return errDiskFull }
func (failingWrites) PutArticle(context.Context, article.Article, []event.Event) error {
	return errDiskFull
}

func TestIngestStopsWhenTheStoreIsBroken(t *testing.T) {
	dir := t.TempDir()
	corpus := generatedCorpus(t, dir, 12)
	open := func(name string) store.Store {
		s, err := store.Open(context.Background(), filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	closed := open("closed.db")
	closed.Close() // every read and write fails
	for _, tc := range []struct {
		name string
		s    store.Store
	}{
		{"closed", closed},
		{"writes fail", failingWrites{open("full.db")}},
	} {
		code := func(a article.Article) ([]event.Event, error) { return nil, nil }
		cfg := ingestConfig{store: tc.s, code: code, workers: 2, batchSize: 5}
		sum, err := runIngest(context.Background(), ingestSource(context.Background(), []string{corpus}, article.Options{}, nil), cfg)
		if err == nil {
			t.Errorf("%s: no error; summary %+v", tc.name, sum)
		}
		if sum.Stored != 0 || sum.Skipped != 0 {
			t.Errorf("%s: %d stored, %d skipped; want 0 and 0 (a broken store is no reason to skip records)", tc.name, sum.Stored, sum.Skipped)
		}
	}
}

func TestCoderVersionNamesTheBuildAndTheOptions(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range []pipeline.Options{{}, {All: true}, {NoSyntax: true}, {Dict: "/dicts/petrarch"}} {
		v := coderVersion(o)
		if v != coderVersion(o) {
			t.Errorf("%+v: the version changes between calls", o)
		}
		if seen[v] {
			t.Errorf("%+v: version %q is also another option's", o, v)
		}
		seen[v] = true
	}
	// A test binary has neither -ldflags version nor VCS stamp: its hash names it.
	if v := coderVersion(pipeline.Options{}); version == "" && !hasVCSRevision() && !strings.Contains(v, " bin:") {
		t.Errorf("coderVersion = %q, want the executable's hash in it", v)
	}
}
