package store

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"dyad/internal/event"
)

// Page sizes for Events.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Filter selects events. Zero fields select everything; set fields combine with AND.
// Actor values (Source, Target, Either) match a CAMEO actor code prefix ("RUS" matches
// RUS, RUSGOV, RUSMIL…) or an ISO 3166-1 alpha-3 country; codes are compared in upper
// case.
type Filter struct {
	Source  string // the source (actor) matches
	Target  string // the target (recipient) matches
	Either  string // the source or the target matches
	Country string // ISO alpha-3 country of the event's location
	CAMEO   string // CAMEO event code prefix, e.g. "19" or "190"
	Plover  string // PLOVER event type, e.g. "ASSAULT"

	QuadClass int // 1 verbal cooperation … 4 material conflict; 0 any

	// From and To bound the event date (inclusive) as YYYY-MM-DD, YYYY-MM or YYYY.
	// The event date is the one resolved from the text, else the publication date;
	// a coarse date (a month, a year) counts as its first day.
	From, To string

	Text          string  // case-insensitive substring of the evidence sentence
	MinConfidence float64 // 0…1
	Mood          string  // one of the event.Mood constants
	Negated       *bool   // nil: either

	ArticleID string // only this article's events

	// Desc lists newest first; the default is oldest first. Ties in date are broken
	// by event id, so the order is total and stable under inserts.
	Desc bool
	// Limit is the page size: 0 means DefaultLimit; more than MaxLimit is an error.
	Limit int
	// After is the cursor returned with the previous page; "" starts at the first.
	After Cursor
}

// Cursor marks a position in an ordered event list. It is opaque to callers.
type Cursor string

// Interval is the bucket width of a time series.
type Interval string

// Series intervals. A week starts on Monday.
const (
	Day   Interval = "day"
	Week  Interval = "week"
	Month Interval = "month"
)

// SeriesQuery asks for a time series of the events matching Filter (for the dyad
// A→B set Filter.Source = A and Filter.Target = B). Events whose date is coarser than
// the interval (a month-precision date in a daily series) and events with no date are
// left out. The series covers every bucket between the first and the last event (or
// From and To, when given), empty buckets included, up to 20,000 buckets: a longer
// From–To range is an error; when the events' own dates span further (stray dates
// in year 1 or 2050), only the buckets with events are returned.
type SeriesQuery struct {
	Filter   Filter
	Interval Interval // "" means Day
}

// maxPoints bounds the length of a series, empty buckets included.
const maxPoints = 20000

// Point is one bucket of a time series.
type Point struct {
	Start  string `json:"start"` // first day of the bucket, YYYY-MM-DD
	Events int    `json:"events"`
	// Counts per QuadClass; events without one count only in Events.
	VerbalCoop       int `json:"verbal_coop"`
	MaterialCoop     int `json:"material_coop"`
	VerbalConflict   int `json:"verbal_conflict"`
	MaterialConflict int `json:"material_conflict"`
	// Goldstein and PLOVER intensity over the events that have one; the means are
	// nil when none has.
	GoldsteinSum  float64  `json:"goldstein_sum"`
	GoldsteinMean *float64 `json:"goldstein_mean,omitempty"`
	IntensitySum  float64  `json:"intensity_sum"`
	IntensityMean *float64 `json:"intensity_mean,omitempty"`

	goldsteinN, intensityN int
}

// Role says which side of an event TopActors counts.
type Role string

// Roles.
const (
	AsSource Role = "source"
	AsTarget Role = "target"
	AsEither Role = "either" // an event counts for both its source and its target
)

// TopQuery asks for the actors or dyads with the most events matching Filter.
type TopQuery struct {
	Filter    Filter
	Role      Role // for TopActors; "" means AsEither
	ByCountry bool // group by country instead of actor code
	Limit     int  // 0 means 10; at most MaxLimit
}

// ActorCount is one row of TopActors.
type ActorCount struct {
	Actor  string `json:"actor"` // code or country
	Name   string `json:"name,omitempty"`
	Events int    `json:"events"`
}

// DyadCount is one row of TopDyads.
type DyadCount struct {
	Source        string   `json:"source"`
	Target        string   `json:"target"`
	Events        int      `json:"events"`
	GoldsteinMean *float64 `json:"goldstein_mean,omitempty"`
}

// Stats counts what a store holds.
type Stats struct {
	Backend       string `json:"backend"` // sqlite or postgres
	SchemaVersion int    `json:"schema_version"`
	Articles      int64  `json:"articles"`
	Events        int64  `json:"events"`
	Mentions      int64  `json:"mentions"`
	Links         int64  `json:"links"`
	Actors        int64  `json:"actors"`               // distinct actor codes
	FirstDate     string `json:"first_date,omitempty"` // of the events
	LastDate      string `json:"last_date,omitempty"`
}

// where is a WHERE clause under construction: SQL with ? placeholders and its args.
type where struct {
	clauses []string
	args    []any
}

func (w *where) add(clause string, args ...any) {
	w.clauses = append(w.clauses, clause)
	w.args = append(w.args, args...)
}

// sql returns "WHERE …" or "" when there is nothing to filter.
func (w *where) sql() string {
	if len(w.clauses) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(w.clauses, " AND ")
}

// filterWhere turns f into a WHERE clause; like is the dialect's case-insensitive LIKE.
// Values always travel as arguments, never inside the SQL text.
func filterWhere(f Filter, like string) (*where, error) {
	for _, v := range []string{f.Source, f.Target, f.Either, f.Country, f.CAMEO, f.Plover, f.Text, f.ArticleID, f.From, f.To} {
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			return nil, fmt.Errorf("%w: %q is not valid text", ErrBadFilter, v)
		}
	}
	w := &where{}
	actor := func(side, v string) {
		lo, hi := prefixRange(strings.ToUpper(v))
		w.add(fmt.Sprintf("((%[1]s_code >= ? AND %[1]s_code < ?) OR %[1]s_country = ?)", side), lo, hi, strings.ToUpper(v))
	}
	if f.Source != "" {
		actor("source", f.Source)
	}
	if f.Target != "" {
		actor("target", f.Target)
	}
	if f.Either != "" {
		v := strings.ToUpper(f.Either)
		lo, hi := prefixRange(v)
		w.add("((source_code >= ? AND source_code < ?) OR source_country = ? OR (target_code >= ? AND target_code < ?) OR target_country = ?)",
			lo, hi, v, lo, hi, v)
	}
	if f.Country != "" {
		w.add("location_country = ?", strings.ToUpper(f.Country))
	}
	if f.CAMEO != "" {
		lo, hi := prefixRange(f.CAMEO)
		w.add("cameo >= ? AND cameo < ?", lo, hi)
	}
	if f.Plover != "" {
		w.add("plover_event = ?", strings.ToUpper(f.Plover))
	}
	if f.QuadClass < 0 || f.QuadClass > 4 {
		return nil, fmt.Errorf("%w: quad class %d is not 1-4", ErrBadFilter, f.QuadClass)
	}
	if f.QuadClass != 0 {
		w.add("quad_class = ?", f.QuadClass)
	}
	if f.From != "" {
		from, _, err := dateBounds(f.From)
		if err != nil {
			return nil, fmt.Errorf("%w: from: %v", ErrBadFilter, err)
		}
		w.add("event_date >= ?", from)
	}
	if f.To != "" {
		_, end, err := dateBounds(f.To)
		if err != nil {
			return nil, fmt.Errorf("%w: to: %v", ErrBadFilter, err)
		}
		w.add("event_date < ?", end)
	}
	if f.Text != "" {
		w.add("evidence "+like+" ? ESCAPE '\\'", "%"+escapeLike(f.Text)+"%")
	}
	if f.MinConfidence < 0 || f.MinConfidence > 1 {
		return nil, fmt.Errorf("%w: min confidence %g is not in 0-1", ErrBadFilter, f.MinConfidence)
	}
	if f.MinConfidence > 0 {
		w.add("confidence >= ?", f.MinConfidence)
	}
	switch f.Mood {
	case "":
	case event.MoodAsserted, event.MoodReported, event.MoodFuture, event.MoodHypothetical, event.MoodHistorical:
		w.add("mood = ?", f.Mood)
	default:
		return nil, fmt.Errorf("%w: unknown mood %q", ErrBadFilter, f.Mood)
	}
	if f.Negated != nil {
		w.add("negated = ?", boolInt(*f.Negated))
	}
	if f.ArticleID != "" {
		w.add("article_id = ?", f.ArticleID)
	}
	return w, nil
}

// prefixRange returns [lo, hi) such that a string has prefix p when lo <= s < hi under
// bytewise comparison. Unlike LIKE 'p%' it needs no escaping and uses an ordinary
// index on both back ends. hi stays valid UTF-8, which PostgreSQL insists on.
func prefixRange(p string) (lo, hi string) {
	if n := len(p); n > 0 && p[n-1] < 0x7f {
		return p, p[:n-1] + string(p[n-1]+1)
	}
	// The largest code point: only strings continuing past it escape the range.
	return p, p + "\U0010FFFF"
}

// escapeLike makes s match literally inside a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dateBounds reads YYYY-MM-DD, YYYY-MM or YYYY and returns its first day and the day
// after its last, both as YYYY-MM-DD.
func dateBounds(s string) (first, next string, err error) {
	var t time.Time
	switch len(s) {
	case 10:
		t, err = time.Parse("2006-01-02", s)
		next = t.AddDate(0, 0, 1).Format("2006-01-02")
	case 7:
		t, err = time.Parse("2006-01", s)
		next = t.AddDate(0, 1, 0).Format("2006-01-02")
	case 4:
		t, err = time.Parse("2006", s)
		next = t.AddDate(1, 0, 0).Format("2006-01-02")
	default:
		err = fmt.Errorf("%q is not YYYY-MM-DD, YYYY-MM or YYYY", s)
	}
	if err != nil {
		return "", "", fmt.Errorf("%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", s)
	}
	return t.Format("2006-01-02"), next, nil
}

// dateKey turns an event date value into the sortable key stored in event_date (its
// first day) and its grain (day, month or year). It returns "", "" for a value it
// cannot read.
func dateKey(v string) (key, grain string) {
	first, _, err := dateBounds(v)
	if err != nil {
		return "", ""
	}
	switch len(v) {
	case 10:
		return first, "day"
	case 7:
		return first, "month"
	default:
		return first, "year"
	}
}

// encodeCursor and decodeCursor carry the (date, id) of the last event of a page and
// the direction it was listed in.
func encodeCursor(desc bool, date, id string) Cursor {
	dir := "a"
	if desc {
		dir = "d"
	}
	return Cursor(base64.RawURLEncoding.EncodeToString([]byte(dir + date + "\x00" + id)))
}

func decodeCursor(c Cursor, desc bool) (date, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(string(c))
	if err != nil || len(b) < 2 {
		return "", "", fmt.Errorf("%w: malformed cursor", ErrBadFilter)
	}
	dir, rest := b[0], string(b[1:])
	if (dir == 'd') != desc || (dir != 'a' && dir != 'd') {
		return "", "", fmt.Errorf("%w: cursor belongs to a list in the other order", ErrBadFilter)
	}
	date, id, ok := strings.Cut(rest, "\x00")
	if !ok {
		return "", "", fmt.Errorf("%w: malformed cursor", ErrBadFilter)
	}
	return date, id, nil
}
