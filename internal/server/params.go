package server

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dyad/internal/event"
	"dyad/internal/store"
)

// API page sizes for GET /api/events.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// maxValueLen bounds every query parameter value, so that no request makes the store
// compare against megabytes of text.
const maxValueLen = 200

// paramError is a bad query: which parameters, and why.
type paramError struct {
	Params []string
	Msg    string
}

func (e *paramError) Error() string { return e.Msg }

func badParam(name, format string, args ...any) error {
	return &paramError{Params: []string{name}, Msg: name + ": " + fmt.Sprintf(format, args...)}
}

// filterParams are the event filters every event endpoint takes, by their query
// parameter names.
var filterParams = []string{
	"source", "target", "either", "country", "cameo", "plover", "quad",
	"from", "to", "q", "min_confidence", "mood", "negated", "article",
}

// Shapes of the code-like parameters. Anything else (quotes, spaces, SQL) is refused
// before it reaches the store, where it could only match nothing.
var (
	actorShape  = regexp.MustCompile(`^[A-Za-z0-9]{1,40}$`)
	cameoShape  = regexp.MustCompile(`^[0-9]{1,4}$`)
	ploverShape = regexp.MustCompile(`^[A-Za-z_]{1,40}$`)
)

// checkParams refuses names outside allowed, repeated names and over-long values.
func checkParams(q url.Values, allowed ...[]string) error {
	var unknown []string
	for name, vs := range q {
		known := false
		for _, a := range allowed {
			if slices.Contains(a, name) {
				known = true
				break
			}
		}
		if !known {
			unknown = append(unknown, name)
			continue
		}
		if len(vs) > 1 {
			return badParam(name, "given %d times; give it once", len(vs))
		}
		if len(vs[0]) > maxValueLen {
			return badParam(name, "value is %d bytes long; at most %d", len(vs[0]), maxValueLen)
		}
		if !utf8.ValidString(vs[0]) || strings.ContainsRune(vs[0], 0) {
			return badParam(name, "value is not valid text")
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		var all []string
		for _, a := range allowed {
			all = append(all, a...)
		}
		return &paramError{Params: unknown, Msg: fmt.Sprintf("unknown parameter(s): %s (this endpoint takes: %s)",
			strings.Join(unknown, ", "), strings.Join(all, ", "))}
	}
	return nil
}

// parseFilter reads the event filters of q (already checked by checkParams). Empty
// values count as not given, as an HTML form sends them.
func parseFilter(q url.Values) (store.Filter, error) {
	f := store.Filter{
		Source: q.Get("source"), Target: q.Get("target"), Either: q.Get("either"),
		Country: q.Get("country"), CAMEO: q.Get("cameo"), Plover: q.Get("plover"),
		Text: q.Get("q"), ArticleID: q.Get("article"),
	}
	for _, p := range []struct{ name, v string }{{"source", f.Source}, {"target", f.Target}, {"either", f.Either}, {"country", f.Country}} {
		if p.v != "" && !actorShape.MatchString(p.v) {
			return f, badParam(p.name, "%q is not an actor code or country code (letters and digits, e.g. RUS or RUSGOV)", p.v)
		}
	}
	if f.CAMEO != "" && !cameoShape.MatchString(f.CAMEO) {
		return f, badParam("cameo", "%q is not a CAMEO code prefix (1-4 digits, e.g. 19 or 190)", f.CAMEO)
	}
	if f.Plover != "" && !ploverShape.MatchString(f.Plover) {
		return f, badParam("plover", "%q is not a PLOVER event type (e.g. ASSAULT)", f.Plover)
	}
	if v := q.Get("quad"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			return f, badParam("quad", "%q is not a QuadClass 1-4", v)
		}
		f.QuadClass = n
	}
	var err error
	if f.From, err = dateParam(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = dateParam(q, "to"); err != nil {
		return f, err
	}
	if f.From != "" && f.To != "" && f.From > f.To && !strings.HasPrefix(f.From, f.To) {
		return f, &paramError{Params: []string{"from", "to"}, Msg: fmt.Sprintf("from %s is after to %s", f.From, f.To)}
	}
	if v := q.Get("min_confidence"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || x < 0 || x > 1 {
			return f, badParam("min_confidence", "%q is not a number from 0 to 1", v)
		}
		f.MinConfidence = x
	}
	if v := q.Get("mood"); v != "" {
		switch m := strings.ToLower(v); m {
		case event.MoodAsserted, event.MoodReported, event.MoodFuture, event.MoodHypothetical, event.MoodHistorical:
			f.Mood = m
		default:
			return f, badParam("mood", "%q is not asserted, reported, future, hypothetical or historical", v)
		}
	}
	if v := q.Get("negated"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, badParam("negated", "%q is not true or false", v)
		}
		f.Negated = &b
	}
	return f, nil
}

// dateParam reads a YYYY-MM-DD, YYYY-MM or YYYY date.
func dateParam(q url.Values, name string) (string, error) {
	v := q.Get(name)
	if v == "" {
		return "", nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(v) == len(layout) {
			if _, err := time.Parse(layout, v); err == nil {
				return v, nil
			}
		}
	}
	return "", badParam(name, "%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", v)
}

// intParam reads an integer in [lo, hi], or def when the parameter is absent.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badParam(name, "%q is not a whole number", v)
	}
	if n < lo || n > hi {
		return 0, badParam(name, "%d is out of range %d-%d", n, lo, hi)
	}
	return n, nil
}

// boolParam reads a flag given as 1/0/true/false; absent is false.
func boolParam(q url.Values, name string) (bool, error) {
	v := q.Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badParam(name, "%q is not true or false (1 or 0)", v)
	}
	return b, nil
}

// actorParam reads a required actor code.
func actorParam(name, v string) (string, error) {
	if v == "" {
		return "", badParam(name, "is required (an actor code or country, e.g. RUS)")
	}
	if !actorShape.MatchString(v) {
		return "", badParam(name, "%q is not an actor code or country code (letters and digits, e.g. RUS or RUSGOV)", v)
	}
	return strings.ToUpper(v), nil
}
