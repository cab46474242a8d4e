package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"dyad/internal/event"
	"dyad/internal/store"
)

// filterFlags are the event filters query and export share, as flags.
type filterFlags struct {
	source, target, either, country string
	cameo, plover                   string
	quad                            int
	from, to, text                  string
	minConfidence                   float64
	mood, negated, articleID        string
	desc                            bool
}

func (ff *filterFlags) register(f *pflag.FlagSet) {
	f.StringVar(&ff.source, "source", "", "source actor: a CAMEO code prefix (RUS, RUSGOV) or an ISO alpha-3 country")
	f.StringVar(&ff.target, "target", "", "target actor, as --source")
	f.StringVar(&ff.either, "either", "", "source or target actor, as --source")
	f.StringVar(&ff.country, "country", "", "ISO alpha-3 country of the event's location")
	f.StringVar(&ff.cameo, "cameo", "", "CAMEO event code prefix (19, 190)")
	f.StringVar(&ff.plover, "plover", "", "PLOVER event type (ASSAULT)")
	f.IntVar(&ff.quad, "quad", 0, "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	f.StringVar(&ff.from, "from", "", "first event date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive")
	f.StringVar(&ff.to, "to", "", "last event date, inclusive")
	f.StringVar(&ff.text, "text", "", "case-insensitive substring of the evidence sentence")
	f.Float64Var(&ff.minConfidence, "min-confidence", 0, "lowest confidence (0-1)")
	f.StringVar(&ff.mood, "mood", "", "modality: asserted, reported, future, hypothetical, historical")
	f.StringVar(&ff.negated, "negated", "", "true: only negated events; false: only affirmed ones")
	f.StringVar(&ff.articleID, "article", "", "only this article's events")
	f.BoolVar(&ff.desc, "desc", false, "newest first")
}

// filter checks the flags and returns the store filter they describe. The store
// checks dates, moods and ranges again; these checks give flag-shaped messages.
func (ff *filterFlags) filter() (store.Filter, error) {
	f := store.Filter{
		Source: ff.source, Target: ff.target, Either: ff.either, Country: ff.country,
		CAMEO: ff.cameo, Plover: ff.plover, QuadClass: ff.quad, From: ff.from, To: ff.to,
		Text: ff.text, MinConfidence: ff.minConfidence, Mood: strings.ToLower(ff.mood),
		ArticleID: ff.articleID, Desc: ff.desc,
	}
	if ff.quad < 0 || ff.quad > 4 {
		return f, fmt.Errorf("--quad %d: want 1-4", ff.quad)
	}
	if ff.minConfidence < 0 || ff.minConfidence > 1 {
		return f, fmt.Errorf("--min-confidence %g: want 0-1", ff.minConfidence)
	}
	switch f.Mood {
	case "", event.MoodAsserted, event.MoodReported, event.MoodFuture, event.MoodHypothetical, event.MoodHistorical:
	default:
		return f, fmt.Errorf("--mood %q: want asserted, reported, future, hypothetical or historical", ff.mood)
	}
	if ff.negated != "" {
		b, err := strconv.ParseBool(ff.negated)
		if err != nil {
			return f, fmt.Errorf("--negated %q: want true or false", ff.negated)
		}
		f.Negated = &b
	}
	for _, d := range []struct{ name, v string }{{"from", ff.from}, {"to", ff.to}} {
		if d.v != "" && !validFilterDate(d.v) {
			return f, fmt.Errorf("--%s %q: want YYYY-MM-DD, YYYY-MM or YYYY", d.name, d.v)
		}
	}
	return f, nil
}

// validFilterDate accepts the date shapes the store's filters take.
func validFilterDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// openExisting opens the database for reading; a SQLite file that is not there is
// an error rather than a new empty database.
func openExisting(ctx context.Context, dbURL string) (store.Store, error) {
	if path := sqlitePath(dbURL); path != "" {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no database at %s (give one with --db, or fill one with dyad ingest)", path)
		}
	}
	return store.Open(ctx, dbURL)
}

// eachEvent calls fn for every event matching f, page by page, up to limit events
// (0: all). It stops at fn's first error. more says that the limit cut the list.
func eachEvent(ctx context.Context, s store.Store, f store.Filter, limit int, fn func(event.Event) error) (more bool, err error) {
	n := 0
	for {
		f.Limit = store.MaxLimit
		if limit > 0 {
			f.Limit = min(store.MaxLimit, limit-n)
		}
		page, next, err := s.Events(ctx, f)
		if err != nil {
			return false, err
		}
		for _, ev := range page {
			if err := fn(ev); err != nil {
				return false, err
			}
			n++
		}
		if next == "" {
			return false, nil
		}
		if limit > 0 && n >= limit {
			return true, nil
		}
		f.After = next
	}
}
