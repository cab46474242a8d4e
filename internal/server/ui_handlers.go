package server

import (
	"cmp"
	"errors"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"

	"dyad/internal/analysis"
	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/store"
)

// browseData is the event browser.
type browseData struct {
	Title    string
	Form     map[string]string // the filter values as given, to refill the form
	Error    string
	Events   []event.Event
	NextURL  string
	Stats    store.Stats
	TopDyads []store.DyadCount
}

func (s *server) browsePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := browseData{Title: "Events", Form: formValues(q)}
	st, err := s.stats(r.Context())
	if err != nil {
		s.pageStoreError(w, r, err)
		return
	}
	data.Stats = st.Stats
	// The list links to dyad pages, which are between countries: count by country
	// ("RUS → COL", not "RUS → COLGOV" and "RUSGOV → COLGOV" apart).
	if data.TopDyads, err = s.store.TopDyads(r.Context(), store.TopQuery{Limit: 10, ByCountry: true}); err != nil {
		s.pageStoreError(w, r, err)
		return
	}
	f, err := func() (store.Filter, error) {
		if err := checkParams(q, filterParams, []string{"limit", "cursor", "desc"}); err != nil {
			return store.Filter{}, err
		}
		f, err := parseFilter(q)
		if err != nil {
			return f, err
		}
		if f.Limit, err = intParam(q, "limit", defaultLimit, 1, maxLimit); err != nil {
			return f, err
		}
		f.Desc, err = boolParam(q, "desc")
		f.After = store.Cursor(q.Get("cursor"))
		return f, err
	}()
	if err != nil {
		data.Error = err.Error()
		s.render(w, r, http.StatusBadRequest, "browse", data)
		return
	}
	evs, next, err := s.store.Events(r.Context(), f)
	if errors.Is(err, store.ErrBadFilter) {
		data.Error = err.Error()
		s.render(w, r, http.StatusBadRequest, "browse", data)
		return
	}
	if err != nil {
		s.pageStoreError(w, r, err)
		return
	}
	data.Events = evs
	if next != "" {
		nq := url.Values{}
		for k, v := range q {
			if k != "cursor" && len(v) == 1 && v[0] != "" {
				nq.Set(k, v[0])
			}
		}
		nq.Set("cursor", string(next))
		data.NextURL = "/?" + nq.Encode()
	}
	s.render(w, r, http.StatusOK, "browse", data)
}

// formValues keeps the single values of q, for refilling a form.
func formValues(q url.Values) map[string]string {
	m := map[string]string{}
	for k, v := range q {
		if len(v) == 1 && len(v[0]) <= maxValueLen {
			m[k] = v[0]
		}
	}
	return m
}

func (s *server) pageStoreError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrBadFilter):
		s.renderError(w, r, http.StatusBadRequest, "%v", err)
	case errors.Is(err, store.ErrNotFound):
		s.renderError(w, r, http.StatusNotFound, "There is no such event.")
	case r.Context().Err() != nil:
	default:
		s.log.Error("store error", "method", r.Method, "path", r.URL.Path, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Something went wrong reading the database.")
	}
}

// eventData is the article view of one event.
type eventData struct {
	Title       string
	Event       event.Event
	Article     article.Article
	Spans       []span
	Highlighted template.HTML // built by highlightMentions, every piece escaped
	DyadURL     string
	Others      []event.Event // the article's other events
}

func (s *server) eventPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if len(id) > maxValueLen {
		s.renderError(w, r, http.StatusNotFound, "There is no such event.")
		return
	}
	ev, a, err := s.store.Event(r.Context(), id)
	if err != nil {
		s.pageStoreError(w, r, err)
		return
	}
	spans := evidenceSpans(ev, a.Text)
	data := eventData{Title: "Event " + ev.ID, Event: ev, Article: a, Spans: spans, Highlighted: highlightMentions(a.Text, spans, ev.Mentions)}
	if src, tgt := dyadCode(ev.Source), dyadCode(ev.Target); src != "" && tgt != "" && actorShape.MatchString(src) && actorShape.MatchString(tgt) {
		data.DyadURL = "/dyads/" + url.PathEscape(src) + "/" + url.PathEscape(tgt)
	}
	others, _, err := s.store.Events(r.Context(), store.Filter{ArticleID: a.ID, Limit: maxLimit})
	if err != nil {
		s.pageStoreError(w, r, err)
		return
	}
	for _, o := range others {
		if o.ID != ev.ID {
			data.Others = append(data.Others, o)
		}
	}
	s.render(w, r, http.StatusOK, "event", data)
}

// dyadData is the dyad page.
type dyadData struct {
	Title       string
	A, B        string
	Form        map[string]string
	Interval    store.Interval
	Chart       chart
	Reciprocity analysis.Reciprocity
	Rows        []reciprocityRow
	Answers     []analysis.Answer // the first answers of both directions, for the evidence
}

// reciprocityRow is one row of the reciprocity table.
type reciprocityRow struct {
	Direction string
	Class     string
	analysis.ClassStats
}

// maxAnswerRows bounds the list of answered events on the dyad page.
const maxAnswerRows = 50

func (s *server) dyadPage(w http.ResponseWriter, r *http.Request) {
	a, errA := actorParam("a", r.PathValue("a"))
	b, errB := actorParam("b", r.PathValue("b"))
	if err := cmp.Or(errA, errB); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "%v", err)
		return
	}
	q := r.URL.Query()
	if err := checkParams(q, []string{"interval", "within", "from", "to"}); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "%v", err)
		return
	}
	iv := store.Interval(cmp.Or(q.Get("interval"), string(store.Week)))
	sq := url.Values{"source": {a}, "target": {b}, "both": {"1"}, "interval": {string(iv)}}
	rq := url.Values{}
	for _, k := range []string{"from", "to", "within"} {
		if v := q.Get(k); v != "" {
			rq.Set(k, v)
			if k != "within" {
				sq.Set(k, v)
			}
		}
	}
	series, err := s.series(r.Context(), sq)
	if err == nil {
		var rec analysis.Reciprocity
		rec, err = s.reciprocity(r.Context(), a, b, rq)
		if err == nil {
			data := dyadData{Title: a + " – " + b, A: a, B: b, Form: formValues(q), Interval: iv, Reciprocity: rec}
			data.Chart = goldsteinChart(series, a+" → "+b, b+" → "+a)
			for _, d := range []analysis.Direction{rec.AB, rec.BA} {
				dir := d.From + " → " + d.To
				data.Rows = append(data.Rows, reciprocityRow{dir, "all", d.All})
				for qc := 1; qc <= 4; qc++ {
					if d.ByQuad[qc].Events > 0 {
						data.Rows = append(data.Rows, reciprocityRow{dir, quadLabel(qc), d.ByQuad[qc]})
					}
				}
				for _, ans := range d.Answers {
					if ans.Answer != nil && len(data.Answers) < maxAnswerRows {
						data.Answers = append(data.Answers, ans)
					}
				}
			}
			s.render(w, r, http.StatusOK, "dyad", data)
			return
		}
	}
	var pe *paramError
	if errors.As(err, &pe) {
		s.renderError(w, r, http.StatusBadRequest, "%v", err)
		return
	}
	s.pageStoreError(w, r, err)
}

func quadLabel(q int) string {
	return [...]string{"", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}[q]
}

// mapData is the map of event places.
type mapData struct {
	Title     string
	Form      map[string]string
	Map       worldMap
	Places    []place
	Events    int  // events read
	Truncated bool // more events matched than were read
	Error     string
}

// place is a location with the number of events there.
type place struct {
	Name     string
	Country  string
	Lat, Lon float64
	Events   int
}

// maxMapEvents bounds how many events the map reads.
const maxMapEvents = 5000

func (s *server) mapPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := mapData{Title: "Map", Form: formValues(q)}
	if err := checkParams(q, filterParams); err != nil {
		data.Error = err.Error()
		data.Map = drawMap(nil)
		s.render(w, r, http.StatusBadRequest, "map", data)
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		data.Error = err.Error()
		data.Map = drawMap(nil)
		s.render(w, r, http.StatusBadRequest, "map", data)
		return
	}
	type key struct {
		name     string
		lat, lon float64
	}
	byPlace := map[key]*place{}
	f.Limit = maxLimit
	for {
		page, next, err := s.store.Events(r.Context(), f)
		if err != nil {
			s.pageStoreError(w, r, err)
			return
		}
		for _, ev := range page {
			data.Events++
			l := ev.Location
			if l == nil || l.Lat == nil || l.Lon == nil || math.IsNaN(*l.Lat) || math.IsNaN(*l.Lon) {
				continue
			}
			k := key{l.Name, *l.Lat, *l.Lon}
			p := byPlace[k]
			if p == nil {
				p = &place{Name: l.Name, Country: l.Country, Lat: *l.Lat, Lon: *l.Lon}
				byPlace[k] = p
			}
			p.Events++
		}
		if next == "" {
			break
		}
		if data.Events >= maxMapEvents {
			data.Truncated = true
			break
		}
		f.After = next
	}
	for _, p := range byPlace {
		data.Places = append(data.Places, *p)
	}
	slices.SortFunc(data.Places, func(x, y place) int {
		return cmp.Or(y.Events-x.Events, cmp.Compare(x.Name, y.Name), cmp.Compare(x.Lat, y.Lat), cmp.Compare(x.Lon, y.Lon))
	})
	data.Map = drawMap(data.Places)
	if len(data.Places) > 100 {
		data.Places = data.Places[:100]
	}
	s.render(w, r, http.StatusOK, "map", data)
}
