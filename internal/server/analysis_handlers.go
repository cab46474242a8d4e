package server

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"dyad/internal/analysis"
	"dyad/internal/store"
)

// dyadSeries is the time series of one direction of a dyad.
type dyadSeries struct {
	Source string        `json:"source,omitempty"`
	Target string        `json:"target,omitempty"`
	Points []store.Point `json:"points"`
}

// seriesBody is the body of GET /api/series.
type seriesBody struct {
	Interval store.Interval `json:"interval"`
	Series   []dyadSeries   `json:"series"`
}

func (s *server) getSeries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams, []string{"interval", "both"}); err != nil {
		writeParamError(w, err)
		return
	}
	body, err := s.series(r.Context(), q)
	if err != nil {
		if _, ok := err.(*paramError); ok {
			writeParamError(w, err)
		} else {
			s.storeError(w, r, err)
		}
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// series reads the series q asks for: one direction, or with both=1 the two
// directions of the dyad source–target over the same buckets.
func (s *server) series(ctx context.Context, q url.Values) (seriesBody, error) {
	f, err := parseFilter(q)
	if err != nil {
		return seriesBody{}, err
	}
	iv := store.Interval(q.Get("interval"))
	switch iv {
	case "":
		iv = store.Day
	case store.Day, store.Week, store.Month:
	default:
		return seriesBody{}, badParam("interval", "%q is not day, week or month", iv)
	}
	both, err := boolParam(q, "both")
	if err != nil {
		return seriesBody{}, err
	}
	body := seriesBody{Interval: iv}
	ab, err := s.store.Series(ctx, store.SeriesQuery{Filter: f, Interval: iv})
	if err != nil {
		return seriesBody{}, err
	}
	body.Series = append(body.Series, dyadSeries{Source: f.Source, Target: f.Target, Points: nonNil(ab)})
	if !both {
		return body, nil
	}
	if f.Source == "" || f.Target == "" {
		return seriesBody{}, &paramError{Params: []string{"both", "source", "target"}, Msg: "both: needs a source and a target"}
	}
	rev := f
	rev.Source, rev.Target = f.Target, f.Source
	ba, err := s.store.Series(ctx, store.SeriesQuery{Filter: rev, Interval: iv})
	if err != nil {
		return seriesBody{}, err
	}
	ab, ba = alignSeries(ab, ba, iv)
	body.Series[0].Points = ab
	body.Series = append(body.Series, dyadSeries{Source: rev.Source, Target: rev.Target, Points: ba})
	return body, nil
}

// alignSeries pads two series with empty buckets so that both cover the same
// buckets, from the first of either to the last of either.
func alignSeries(a, b []store.Point, iv store.Interval) ([]store.Point, []store.Point) {
	if len(a) == 0 && len(b) == 0 {
		return nonNil(a), nonNil(b)
	}
	first, last := "", ""
	for _, ps := range [][]store.Point{a, b} {
		if len(ps) == 0 {
			continue
		}
		if first == "" || ps[0].Start < first {
			first = ps[0].Start
		}
		if ps[len(ps)-1].Start > last {
			last = ps[len(ps)-1].Start
		}
	}
	t0, err1 := time.Parse(time.DateOnly, first)
	t1, err2 := time.Parse(time.DateOnly, last)
	if err1 != nil || err2 != nil {
		return nonNil(a), nonNil(b)
	}
	pad := func(ps []store.Point) []store.Point {
		byStart := make(map[string]store.Point, len(ps))
		for _, p := range ps {
			byStart[p.Start] = p
		}
		var out []store.Point
		for t := t0; !t.After(t1); t = stepInterval(t, iv) {
			k := t.Format(time.DateOnly)
			if p, ok := byStart[k]; ok {
				out = append(out, p)
			} else {
				out = append(out, store.Point{Start: k})
			}
		}
		return out
	}
	return pad(a), pad(b)
}

func stepInterval(t time.Time, iv store.Interval) time.Time {
	switch iv {
	case store.Week:
		return t.AddDate(0, 0, 7)
	case store.Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

func nonNil(ps []store.Point) []store.Point {
	if ps == nil {
		return []store.Point{}
	}
	return ps
}

// reciprocityParams are what GET /api/reciprocity and the dyad page take besides a
// and b.
var reciprocityParams = []string{"within", "from", "to", "min_confidence", "mood", "negated"}

func (s *server) getReciprocity(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, []string{"a", "b"}, reciprocityParams); err != nil {
		writeParamError(w, err)
		return
	}
	a, err := actorParam("a", q.Get("a"))
	if err != nil {
		writeParamError(w, err)
		return
	}
	b, err := actorParam("b", q.Get("b"))
	if err != nil {
		writeParamError(w, err)
		return
	}
	rec, err := s.reciprocity(r.Context(), a, b, q)
	if err != nil {
		if _, ok := err.(*paramError); ok {
			writeParamError(w, err)
		} else {
			s.storeError(w, r, err)
		}
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

func (s *server) reciprocity(ctx context.Context, a, b string, q url.Values) (analysis.Reciprocity, error) {
	base, err := parseFilter(q)
	if err != nil {
		return analysis.Reciprocity{}, err
	}
	within, err := intParam(q, "within", analysis.DefaultWithin, 1, 3660)
	if err != nil {
		return analysis.Reciprocity{}, err
	}
	return analysis.Compute(ctx, s.store, analysis.Query{A: a, B: b, Within: within, From: base.From, To: base.To, Base: base})
}

// statsBody is the body of GET /api/stats.
type statsBody struct {
	Stats     store.Stats        `json:"stats"`
	TopActors []store.ActorCount `json:"top_actors"`
	TopDyads  []store.DyadCount  `json:"top_dyads"`
}

func (s *server) getStats(w http.ResponseWriter, r *http.Request) {
	if err := checkParams(r.URL.Query()); err != nil {
		writeParamError(w, err)
		return
	}
	body, err := s.stats(r.Context())
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *server) stats(ctx context.Context) (statsBody, error) {
	var body statsBody
	var err error
	if body.Stats, err = s.store.Stats(ctx); err != nil {
		return body, err
	}
	if body.TopActors, err = s.store.TopActors(ctx, store.TopQuery{Limit: 10}); err != nil {
		return body, err
	}
	if body.TopDyads, err = s.store.TopDyads(ctx, store.TopQuery{Limit: 10}); err != nil {
		return body, err
	}
	if body.TopActors == nil {
		body.TopActors = []store.ActorCount{}
	}
	if body.TopDyads == nil {
		body.TopDyads = []store.DyadCount{}
	}
	return body, nil
}
