package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"dyad/internal/article"
	"dyad/internal/gazetteer"
	"dyad/internal/places"
)

// placeRecord is one line of `dyad places` output (documented in docs/places.md).
type placeRecord struct {
	ArticleID string `json:"article_id"`
	places.Mention
}

func init() {
	var (
		published string
		gazFile   string
		workers   int
		maxBytes  int
		quiet     bool
	)
	cmd := &cobra.Command{
		Use:   "places [FILE|DIR|-]...",
		Short: "Find and resolve the place names in articles (JSON Lines)",
		Long: `Find the place names in articles and resolve each to a GeoNames place, using the
article as context. One JSON line per place mention:

  {"article_id","text","start","end","name","geonameid","feature","country","admin1",
   "lat","lon","confidence"}

Inputs are read as by dyad code (plain text, .jsonl, .jsonl.gz, directories, "-").
Records that cannot be read are reported on standard error with file and line, the
rest is processed, and the exit status is 1. The fields are documented in
docs/places.md. --gazetteer uses a file written by 'dyad gazetteer import' instead
of the embedded gazetteer.`,
		Example: "  dyad places article.txt\n  dyad places --gazetteer allCountries.gaz news.jsonl > places.jsonl",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("no input: give files, directories or - for standard input")
			}
			if err := dateFlag("published", &published); err != nil {
				return err
			}
			var g *gazetteer.Gazetteer
			var err error
			if gazFile != "" {
				g, err = gazetteer.Open(gazFile)
			} else {
				g, err = gazetteer.Default()
			}
			if err != nil {
				return err
			}
			opt := article.Options{Published: published, MaxBytes: maxBytes, Stdin: cmd.InOrStdin()}
			stats, err := findPlaces(article.Read(args, opt), places.New(g), cmd.OutOrStdout(), workers, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			return finishRun(cmd.ErrOrStderr(), quiet, "place mentions", stats)
		},
	}
	f := cmd.Flags()
	f.StringVar(&published, "published", "", "publication date (YYYY-MM-DD) for articles that have none")
	f.StringVar(&gazFile, "gazetteer", "", "gazetteer file from 'dyad gazetteer import' (default: the embedded one)")
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles processed in parallel")
	f.IntVar(&maxBytes, "max-bytes", article.DefaultMaxBytes, "skip articles (or JSONL lines) larger than this many bytes")
	f.BoolVarP(&quiet, "quiet", "q", false, "print no summary")
	root.AddCommand(cmd)
}

// findPlaces geoparses articles in parallel and writes their mentions in input order.
// Its counts reuse codeStats (events = place mentions).
func findPlaces(src iter.Seq2[article.Article, error], p *places.Parser, out io.Writer, workers int, errw io.Writer) (codeStats, error) {
	start := time.Now()
	bw := bufio.NewWriter(out)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var stats codeStats
	var writeErr error
	find := func(a article.Article) ([]places.Mention, error) { return safeFind(p, a) }
	stats.articles, stats.skipped = eachArticle(src, workers, errw, find, func(a article.Article, ms []places.Mention) {
		for _, m := range ms {
			if writeErr == nil {
				writeErr = enc.Encode(placeRecord{ArticleID: a.ID, Mention: m})
			}
			stats.events++
		}
	})
	if err := bw.Flush(); writeErr == nil {
		writeErr = err
	}
	stats.elapsed = time.Since(start)
	return stats, writeErr
}

// safeFind geoparses one article, turning a panic into a reported problem.
func safeFind(p *places.Parser, a article.Article) (ms []places.Mention, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error while geoparsing article %s (please report it): %v", a.Origin, a.ID, r)
		}
	}()
	return p.Find(a.Text), nil
}
