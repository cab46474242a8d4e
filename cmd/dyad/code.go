package main

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/output"
	"dyad/internal/pipeline"
)

func init() {
	var (
		published string
		format    string
		all       bool
		workers   int
		maxBytes  int
		quiet     bool
		noSyntax  bool
		dictDir   string
		partial   bool
		minConf   float64
	)
	cmd := &cobra.Command{
		Use:   "code [FILE|DIR|-]...",
		Short: "Code articles into events (JSON Lines or TSV)",
		Long: `Code articles into events and write them to standard output.

Plain text files are one article each (the first line is the title when a blank line
follows it); .jsonl files (and .jsonl.gz) hold one article per line as
{"id","title","text","url","publisher","published","language"}; directories are walked;
"-" reads standard input. Records that cannot be read are reported on standard error
with file and line, the rest is coded, and the exit status is 1.

The event record is documented in docs/event-record.md.`,
		Example: "  dyad code article.txt --published 2020-12-24\n  dyad code news.jsonl --format tsv > events.tsv",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("no input: give files, directories or - for standard input")
			}
			if err := dateFlag("published", &published); err != nil {
				return err
			}
			w, err := output.New(format, cmd.OutOrStdout())
			if err != nil {
				return err
			}
			p, err := pipeline.New(pipeline.Options{All: all, Partial: partial, NoSyntax: noSyntax, Dict: dictDir, MinConfidence: minConf})
			if err != nil {
				return err
			}
			opt := article.Options{Published: published, MaxBytes: maxBytes, Stdin: cmd.InOrStdin()}
			stats, err := codeArticles(article.Read(args, opt), p, w, workers, cmd.ErrOrStderr(), !quiet && isTerminal(os.Stderr))
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			return finishRun(cmd.ErrOrStderr(), quiet, "events", stats)
		},
	}
	f := cmd.Flags()
	f.StringVar(&published, "published", "", "publication date (YYYY-MM-DD) for articles that have none")
	f.StringVar(&format, "format", "jsonl", "output format: "+strings.Join(output.Formats, ", "))
	f.BoolVar(&all, "all", false, "keep events of every modality (negated, future, hypothetical, historical)")
	f.BoolVar(&partial, "partial", false, "keep events whose target the text does not name")
	f.Float64Var(&minConf, "min-confidence", pipeline.DefaultMinConfidence, "leave out events the re-ranker scores below this (0 keeps all; dyad's lexicon only)")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	f.IntVar(&maxBytes, "max-bytes", article.DefaultMaxBytes, "skip articles (or JSONL lines) larger than this many bytes")
	f.BoolVarP(&quiet, "quiet", "q", false, "print no summary")
	f.BoolVar(&noSyntax, "no-syntax", false, "read arguments from word order, without the dependency parser (faster, less accurate)")
	f.StringVar(&dictDir, "dict", "", "code with the dictionaries in this directory (PETRARCH or dyad format) instead of dyad's lexicon")
	root.AddCommand(cmd)
}

type codeStats struct {
	articles, events, skipped int
	coded                     int // articles done so far, for progress
	elapsed                   time.Duration
}

// codeArticles codes articles in parallel and writes their events in input order.
func codeArticles(src iter.Seq2[article.Article, error], p *pipeline.Pipeline, w output.Writer, workers int, errw io.Writer, progress bool) (codeStats, error) {
	start := time.Now()
	var stats codeStats
	var writeErr error
	code := func(a article.Article) ([]event.Event, error) { return safeCode(p, a) }
	stats.articles, stats.skipped = eachArticle(src, workers, errw, code, func(_ article.Article, evs []event.Event) {
		for _, ev := range evs {
			if writeErr == nil {
				writeErr = w.Write(ev)
			}
			stats.events++
		}
		if stats.coded++; progress && stats.coded%100 == 0 {
			fmt.Fprintf(errw, "\rcoded %d articles, %d events", stats.coded, stats.events)
		}
	})
	if progress && stats.articles >= 100 {
		fmt.Fprintln(errw)
	}
	stats.elapsed = time.Since(start)
	return stats, writeErr
}

// safeCode codes one article, turning a panic into a reported problem so that one bad
// article cannot end a run over millions.
func safeCode(p *pipeline.Pipeline, a article.Article) (events []event.Event, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error while coding article %s (please report it): %v", a.Origin, a.ID, r)
		}
	}()
	return p.Code(a), nil
}

// codeFlag returns a flag of the code command (tests reset them between runs).
func codeFlag(name string) *pflag.Flag {
	for _, c := range root.Commands() {
		if c.Name() == "code" {
			return c.Flags().Lookup(name)
		}
	}
	return nil
}
