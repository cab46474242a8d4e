package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/pipeline"
	"dyad/internal/store"
)

func init() {
	var (
		dbURL       string
		published   string
		workers     int
		batchSize   int
		maxBytes    int
		feedTimeout time.Duration
		all         bool
		noSyntax    bool
		minConf     float64
		dictDir     string
		quiet       bool
	)
	cmd := &cobra.Command{
		Use:   "ingest [--db URL] [--published DATE] [--workers N] PATH|URL...",
		Short: "Code articles and store them with their events in the database",
		Long: `Code articles and store them, with their events, in the event database.

Inputs are files and directories as 'dyad code' reads them (plain text, .jsonl,
.jsonl.gz), and RSS or Atom feeds: an http(s) URL, or a local file ending in .rss,
.atom or holding an XML feed. A feed item's title and description (or content) are
the article text, its link the URL, its pubDate the publication date.

Articles already stored with the same content by the same coder are skipped, so a
second run adds nothing and a run that was interrupted (Ctrl-C, a crash, a kill)
is completed by running it again. Articles are stored in batches, each batch in one
transaction. Records that cannot be read are reported with file and line; the exit
status is then 1.

--db is a SQLite path (default ` + store.DefaultPath + `), sqlite:///path, or a postgres:// URL.`,
		Example: "  dyad ingest news.jsonl.gz\n  dyad ingest --db /tmp/news.db https://example.org/world/rss.xml\n  dyad ingest --db 'postgres://me@localhost/dyad' corpus/",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("no input: give files, directories or feed URLs")
			}
			if err := dateFlag("published", &published); err != nil {
				return err
			}
			if batchSize < 1 {
				return fmt.Errorf("--batch %d: want at least 1", batchSize)
			}
			// The first Ctrl-C (or SIGTERM) stops the run cleanly; after it the signal
			// is no longer caught, so a second one ends the process at once.
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			go func() { <-ctx.Done(); stop() }()

			// The database first: a wrong --db fails before the models load.
			popts := pipeline.Options{All: all, NoSyntax: noSyntax, Dict: dictDir, MinConfidence: minConf}
			s, err := store.Open(ctx, dbURL, store.WithCoderVersion(coderVersion(popts)))
			if err != nil {
				return err
			}
			defer s.Close()
			p, err := pipeline.New(popts)
			if err != nil {
				return err
			}
			errw := cmd.ErrOrStderr()
			opt := article.Options{Published: published, MaxBytes: maxBytes, Stdin: cmd.InOrStdin()}
			fetcher := newFeedFetcher(feedTimeout, int64(max(maxBytes, defaultFeedMaxBytes)))
			cfg := ingestConfig{
				store:      s,
				code:       func(a article.Article) ([]event.Event, error) { return safeCode(p, a) },
				workers:    workers,
				batchSize:  batchSize,
				afterBatch: ingestBatchHook,
			}
			if !quiet && isTerminal(os.Stderr) {
				cfg.progress = errw
				cfg.total = new(atomic.Int64)
				go func() {
					if n, ok := countRecords(ctx, args); ok {
						cfg.total.Store(int64(n))
					}
				}()
			}
			sum, err := runIngest(ctx, ingestSource(ctx, args, opt, fetcher), cfg)
			if !quiet || err != nil || sum.Interrupted {
				sum.print(errw)
			}
			switch {
			case err != nil:
				return err
			case sum.Interrupted:
				return errors.New("interrupted: what was stored is complete; run the same command again to finish")
			case sum.Skipped > 0:
				return errSkipped
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&dbURL, "db", "", "database: a SQLite path (default "+store.DefaultPath+"), sqlite:///path or postgres://…")
	f.StringVar(&published, "published", "", "publication date (YYYY-MM-DD) for articles that have none")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	f.IntVar(&batchSize, "batch", 100, "articles stored per transaction")
	f.IntVar(&maxBytes, "max-bytes", article.DefaultMaxBytes, "skip articles (or JSONL lines, or feeds) larger than this many bytes")
	f.DurationVar(&feedTimeout, "feed-timeout", defaultFeedTimeout, "give up fetching a feed after this long")
	f.BoolVar(&all, "all", false, "keep events of every modality (negated, future, hypothetical, historical)")
	f.BoolVar(&noSyntax, "no-syntax", false, "read arguments from word order, without the dependency parser (faster, less accurate)")
	f.Float64Var(&minConf, "min-confidence", pipeline.DefaultMinConfidence, "leave out events the re-ranker scores below this (0 keeps all; dyad's lexicon only)")
	f.StringVar(&dictDir, "dict", "", "code with the dictionaries in this directory instead of dyad's lexicon")
	f.BoolVarP(&quiet, "quiet", "q", false, "print no summary")
	root.AddCommand(cmd)
}

// ingestBatchHook, when set, is told the number of articles stored after each
// batch; the kill test's child process prints it.
var ingestBatchHook func(stored int)

// coderVersion names the coder for the store: the binary's version and the options
// that change what it codes, so that changing either re-codes stored articles. A
// build without a version (no -ldflags -X main.version, no VCS stamp: go run, a
// source tarball) is named by a hash of its executable, since "(devel)" would name
// every such build alike.
func coderVersion(o pipeline.Options) string {
	v := versionString()
	if version == "" && !hasVCSRevision() {
		if h := executableHash(); h != "" {
			v += " bin:" + h
		}
	}
	if o.All {
		v += " all"
	}
	if o.NoSyntax {
		v += " no-syntax"
	}
	if o.MinConfidence != pipeline.DefaultMinConfidence {
		v += fmt.Sprintf(" min-confidence=%g", o.MinConfidence)
	}
	if o.Dict != "" {
		v += " dict=" + o.Dict
	}
	return v
}

func hasVCSRevision() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && s.Value != "" {
			return true
		}
	}
	return false
}

// executableHash is a short SHA-256 of the running binary, or "" when it cannot be
// read.
func executableHash() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// ingestSource yields the articles of every argument in order: feeds (URLs, and
// feed files, also inside directories) through the feed reader, everything else
// through article.Read. It stops at the next article once ctx is done.
func ingestSource(ctx context.Context, args []string, opt article.Options, fetcher *feedFetcher) iter.Seq2[article.Article, error] {
	return func(yield func(article.Article, error) bool) {
		guarded := func(a article.Article, err error) bool {
			return ctx.Err() == nil && yield(a, err)
		}
		for _, arg := range args {
			files, problems := inputFiles(arg)
			for _, p := range problems {
				if !guarded(article.Article{}, p) {
					return
				}
			}
			for _, f := range files {
				if ctx.Err() != nil {
					return
				}
				if isURL(f) || (f != "-" && looksLikeFeedFile(f)) {
					if !feedSource(ctx, fetcher, f, opt)(guarded) {
						return
					}
					continue
				}
				for a, err := range article.Read([]string{f}, opt) {
					if !guarded(a, err) {
						return
					}
				}
			}
		}
	}
}

// inputFiles expands a directory into its files as article.Read walks one (in name
// order, hidden files and folders left out), so that feed files inside it can go to
// the feed reader; any other argument is returned as it is.
func inputFiles(arg string) (files []string, problems []error) {
	if arg == "-" || isURL(arg) {
		return []string{arg}, nil
	}
	if info, err := os.Stat(arg); err != nil || !info.IsDir() {
		return []string{arg}, nil // article.Read reports what is wrong with it
	}
	filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			problems = append(problems, &article.Problem{Path: p, Err: err})
			return nil
		}
		hidden := strings.HasPrefix(d.Name(), ".") && p != arg
		switch {
		case d.IsDir() && hidden:
			return fs.SkipDir
		case !d.IsDir() && !hidden && d.Type().IsRegular():
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, problems
}

// ingestConfig is what runIngest needs; tests fill it with a store in a temporary
// directory.
type ingestConfig struct {
	store     store.Store
	code      func(article.Article) ([]event.Event, error)
	workers   int
	batchSize int
	progress  io.Writer     // a terminal for the status line, or nil
	total     *atomic.Int64 // the number of input records, once counted (for the bar)

	// afterBatch, if set, is called after each batch is committed with the number of
	// articles stored so far (tests use it to interrupt a run).
	afterBatch func(stored int)
}

// ingestSummary counts what an ingest did.
type ingestSummary struct {
	Read      int // articles read (problems not included)
	Unchanged int // already stored with the same content and coder: skipped
	Coded     int
	Stored    int
	Events    int // events of the stored articles
	Skipped   int // records that could not be read, coded or stored
	Abandoned int // read but not stored because the run was interrupted

	reasons     map[string]*skipReason
	Interrupted bool
	Elapsed     time.Duration
}

// skipReason groups skipped records whose problems read alike.
type skipReason struct {
	count    int
	examples []string
}

const maxExamples = 3

func (s *ingestSummary) skip(err error) {
	s.Skipped++
	if s.reasons == nil {
		s.reasons = map[string]*skipReason{}
	}
	key := reasonKey(err)
	r := s.reasons[key]
	if r == nil {
		r = &skipReason{}
		s.reasons[key] = r
	}
	r.count++
	if len(r.examples) < maxExamples {
		r.examples = append(r.examples, err.Error())
	}
}

var (
	quotedRE = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	parensRE = regexp.MustCompile(`\s*\([^)]*\)`)
	numberRE = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)
	spacesRE = regexp.MustCompile(`\s+`)
)

// reasonKey is the problem without what varies from one record to the next (where,
// quoted values, numbers), so that alike problems are counted together.
func reasonKey(err error) string {
	msg := err.Error()
	var p *article.Problem
	if errors.As(err, &p) {
		msg = p.Err.Error()
	}
	msg = parensRE.ReplaceAllString(msg, "")
	msg = quotedRE.ReplaceAllString(msg, "…")
	msg = numberRE.ReplaceAllString(msg, "N")
	msg = spacesRE.ReplaceAllString(msg, " ")
	if len(msg) > 100 {
		msg = msg[:100] + "…"
	}
	return strings.TrimSpace(msg)
}

// print writes the summary: counts, then the skipped records by reason with a few
// examples each.
func (s *ingestSummary) print(w io.Writer) {
	rate := func(n int) float64 {
		if s.Elapsed <= 0 {
			return 0
		}
		return float64(n) / s.Elapsed.Seconds()
	}
	state := "done"
	if s.Interrupted {
		state = "interrupted"
	}
	fmt.Fprintf(w, "dyad ingest %s in %s: %d articles read, %d unchanged (skipped), %d coded, %d stored, %d events, %d skipped",
		state, s.Elapsed.Round(time.Millisecond), s.Read, s.Unchanged, s.Coded, s.Stored, s.Events, s.Skipped)
	if s.Abandoned > 0 {
		fmt.Fprintf(w, ", %d left for the next run", s.Abandoned)
	}
	fmt.Fprintf(w, " (%.1f articles/s, %.1f events/s)\n", rate(s.Read), rate(s.Events))
	keys := make([]string, 0, len(s.reasons))
	for k := range s.reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := s.reasons[keys[i]], s.reasons[keys[j]]
		return a.count > b.count || a.count == b.count && keys[i] < keys[j]
	})
	for _, k := range keys {
		r := s.reasons[k]
		fmt.Fprintf(w, "  skipped %d: %s\n", r.count, k)
		for _, ex := range r.examples {
			fmt.Fprintf(w, "    %s\n", ex)
		}
	}
}

// outcome is what a worker made of one article.
type outcome struct {
	unchanged bool
	abandoned bool // the run was interrupted before it was coded
	events    []event.Event
	err       error // a problem with this article: it is skipped
	storeErr  error // the store could not be asked: the run stops
}

// runIngest codes the articles of src in parallel (skipping those already stored
// unchanged) and stores them in input order, batchSize articles per transaction.
// When ctx is done it stops reading, stores what was coded, and returns with
// Interrupted set. The error is for failures of the store itself; problems with
// single records are counted in the summary.
func runIngest(ctx context.Context, src iter.Seq2[article.Article, error], cfg ingestConfig) (ingestSummary, error) {
	start := time.Now()
	var (
		mu  sync.Mutex // guards sum between the collector and the writer
		sum ingestSummary
	)
	// A batch being written when the run is interrupted is completed: the writes do
	// not see the cancellation (a second Ctrl-C ends the process).
	writeCtx := context.WithoutCancel(ctx)
	batches := make(chan []store.Coded, 1)
	writeErr := make(chan error, 1)
	storeFailed := make(chan struct{}) // closed when the store fails: the run stops
	go func() {
		var fatal error
		for batch := range batches {
			if fatal != nil {
				continue // drain
			}
			stored, events, failed, err := putBatch(writeCtx, cfg.store, batch)
			mu.Lock()
			sum.Stored += stored
			sum.Events += events
			for _, f := range failed {
				sum.skip(f)
			}
			total := sum.Stored
			mu.Unlock()
			if err != nil {
				fatal = err
				close(storeFailed)
				continue
			}
			if cfg.afterBatch != nil {
				cfg.afterBatch(total)
			}
		}
		writeErr <- fatal
	}()

	work := func(a article.Article) outcome {
		if ctx.Err() != nil {
			return outcome{abandoned: true}
		}
		has, err := cfg.store.HasArticle(ctx, a.ID, store.ContentHash(a))
		if err != nil {
			if ctx.Err() != nil {
				return outcome{abandoned: true}
			}
			return outcome{storeErr: err}
		}
		if has {
			return outcome{unchanged: true}
		}
		evs, err := cfg.code(a)
		return outcome{events: evs, err: err}
	}

	var (
		batch   []store.Coded
		inBatch = map[string]bool{}
		status  = newStatusLine(cfg.progress, cfg.total)
	)
	flush := func() {
		if len(batch) > 0 {
			batches <- batch
			batch, inBatch = nil, map[string]bool{}
		}
	}
	var storeErr error
	for r := range mapOrdered(ctx, src, cfg.workers, work) {
		if r.Err == nil && r.Out.storeErr != nil {
			storeErr = r.Out.storeErr
			break
		}
		mu.Lock()
		switch {
		case r.Err != nil:
			sum.skip(r.Err)
		case r.Out.abandoned:
			sum.Read++
			sum.Abandoned++
		case r.Out.err != nil:
			sum.Read++
			sum.skip(r.Out.err)
		case r.Out.unchanged:
			sum.Read++
			sum.Unchanged++
		default:
			sum.Read++
			sum.Coded++
		}
		snapshot := sum
		mu.Unlock()
		status.show(snapshot, time.Since(start))
		if r.Err != nil || r.Out.abandoned || r.Out.err != nil || r.Out.unchanged {
			continue
		}
		// The same article twice in one batch is refused by the store; the later
		// one replaces the earlier, as it would in a later batch.
		if inBatch[r.In.ID] {
			flush()
		}
		inBatch[r.In.ID] = true
		batch = append(batch, store.Coded{Article: r.In, Events: r.Out.events})
		if len(batch) >= cfg.batchSize {
			flush()
		}
		select {
		case <-storeFailed:
		default:
			continue
		}
		break
	}
	if storeErr == nil {
		flush() // drained unread if the store has failed
	}
	close(batches)
	// Wait for the writer in any case: the store must not be closed under it.
	if err := <-writeErr; storeErr == nil {
		storeErr = err
	}
	status.done()
	sum.Interrupted = ctx.Err() != nil
	sum.Elapsed = time.Since(start)
	return sum, storeErr
}

// putBatch stores a batch in one transaction. When that fails, the articles are
// stored one by one so that one bad article costs only itself; when every one of
// them fails too, the store itself is broken and err says why.
func putBatch(ctx context.Context, s store.Store, batch []store.Coded) (stored, events int, failed []error, err error) {
	count := func(b []store.Coded) (n int) {
		for _, c := range b {
			n += len(c.Events)
		}
		return n
	}
	first := s.PutArticles(ctx, batch)
	if first == nil {
		return len(batch), count(batch), nil, nil
	}
	if len(batch) == 1 {
		return 0, 0, nil, first
	}
	for _, c := range batch {
		if perr := s.PutArticle(ctx, c.Article, c.Events); perr != nil {
			failed = append(failed, fmt.Errorf("%s: %w", c.Article.Origin, perr))
			continue
		}
		stored++
		events += len(c.Events)
	}
	if stored == 0 {
		return 0, 0, nil, first
	}
	return stored, events, failed, nil
}

// statusLine redraws one line of progress on a terminal, a few times a second: a
// bar with the share done and the time left once the number of records is known
// (counted beside the run), else the counts alone.
type statusLine struct {
	w     io.Writer
	total *atomic.Int64 // records in the input; 0 while unknown
	last  time.Time
	shown bool
}

func newStatusLine(w io.Writer, total *atomic.Int64) *statusLine {
	return &statusLine{w: w, total: total}
}

func (s *statusLine) show(sum ingestSummary, elapsed time.Duration) {
	if s.w == nil {
		return
	}
	now := time.Now()
	if now.Sub(s.last) < 200*time.Millisecond {
		return
	}
	s.last = now
	s.shown = true
	rate := 0.0
	if elapsed > 0 {
		rate = float64(sum.Read) / elapsed.Seconds()
	}
	counts := fmt.Sprintf("%d stored, %d events, %d skipped, %.0f/s", sum.Stored, sum.Events, sum.Skipped, rate)
	if sum.Unchanged > 0 {
		counts = fmt.Sprintf("%d unchanged, %s", sum.Unchanged, counts)
	}
	done := sum.Read + sum.Skipped
	total := 0
	if s.total != nil {
		total = int(s.total.Load())
	}
	if total <= 0 || done > total {
		fmt.Fprintf(s.w, "\r\x1b[Kingest: %d read, %s", sum.Read, counts)
		return
	}
	const width = 24
	frac := float64(done) / float64(total)
	filled := int(frac * width)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	left := ""
	if rate > 0 {
		left = fmt.Sprintf(" · %s left", (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second))
	}
	fmt.Fprintf(s.w, "\r\x1b[Kingest [%s] %3.0f%% %d/%d%s · %s", bar, 100*frac, done, total, left, counts)
}

func (s *statusLine) done() {
	if s.w != nil && s.shown {
		fmt.Fprint(s.w, "\r\x1b[K")
	}
}

// countRecords counts the records article.Read will find at paths (one per plain
// file, one per non-blank line of a JSONL file), for the progress bar. ok is false
// when it cannot know: feeds, standard input, unreadable files.
func countRecords(ctx context.Context, paths []string) (n int, ok bool) {
	countFile := func(path string) bool {
		lower := strings.ToLower(path)
		base := strings.TrimSuffix(lower, ".gz")
		if !strings.HasSuffix(base, ".jsonl") && !strings.HasSuffix(base, ".ndjson") {
			n++
			return true
		}
		f, err := os.Open(path)
		if err != nil {
			return false
		}
		defer f.Close()
		var r io.Reader = f
		if strings.HasSuffix(lower, ".gz") {
			gz, err := gzip.NewReader(f)
			if err != nil {
				return false
			}
			defer gz.Close()
			r = gz
		}
		br := bufio.NewReaderSize(r, 1<<20)
		blank := true
		for {
			if ctx.Err() != nil {
				return false
			}
			chunk, err := br.ReadSlice('\n')
			if len(bytes.TrimSpace(chunk)) > 0 {
				blank = false
			}
			if err == bufio.ErrBufferFull {
				continue // a long line goes on
			}
			if !blank {
				n++
			}
			blank = true
			if err != nil {
				return err == io.EOF
			}
		}
	}
	for _, p := range paths {
		files, problems := inputFiles(p)
		n += len(problems)
		for _, f := range files {
			if f == "-" || isURL(f) || looksLikeFeedFile(f) {
				return 0, false
			}
			if _, err := os.Stat(f); err != nil {
				n++ // reported as one problem
				continue
			}
			if !countFile(f) {
				return 0, false
			}
		}
	}
	return n, true
}
