package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dyad/internal/analysis"
	"dyad/internal/store"
)

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("response is not the JSON expected: %v\n%s", err, body)
	}
	return v
}

func eventIDs(p eventsPage) []string {
	var ids []string
	for _, ev := range p.Events {
		ids = append(ids, ev.ID)
	}
	return ids
}

func TestListEventsFilters(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"ev-col-orders", "ev-rus-expels", "ev-col-accuses", "ev-rus-agrees", "ev-markup"}},
		{"source=RUS&target=COL", []string{"ev-rus-expels", "ev-rus-agrees", "ev-markup"}},
		{"source=rus", []string{"ev-rus-expels", "ev-rus-agrees", "ev-markup"}},
		{"target=RUS", []string{"ev-col-orders", "ev-col-accuses"}},
		{"either=RUSGOV", []string{"ev-col-orders", "ev-col-accuses"}},
		{"country=COL", []string{"ev-rus-expels"}},
		{"cameo=16", []string{"ev-col-orders", "ev-rus-expels"}},
		{"plover=agree", []string{"ev-rus-agrees"}},
		{"quad=3", []string{"ev-col-accuses", "ev-markup"}},
		{"from=2021&to=2021-01", []string{"ev-rus-agrees"}},
		{"q=spying", []string{"ev-col-accuses"}},
		{"min_confidence=0.75", []string{"ev-col-orders", "ev-rus-expels"}},
		{"mood=reported", []string{"ev-rus-expels"}},
		{"negated=false&article=agreement", []string{"ev-rus-agrees"}},
		{"desc=1&limit=2", []string{"ev-markup", "ev-rus-agrees"}},
		{"q=" + url.QueryEscape("' OR 1=1 --"), nil}, // free text: searched for literally, matches nothing
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := do(h, "GET", "/api/events?"+tt.query, nil, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			got := eventIDs(decode[eventsPage](t, rec.Body.String()))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("events %v, want %v", got, tt.want)
			}
		})
	}
}

func TestListEventsPagesWithCursor(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	var all []string
	target := "/api/events?limit=2"
	for pages := 0; pages < 10; pages++ {
		rec := do(h, "GET", target, nil, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		p := decode[eventsPage](t, rec.Body.String())
		if len(p.Events) > 2 {
			t.Fatalf("page of %d events with limit=2", len(p.Events))
		}
		all = append(all, eventIDs(p)...)
		if p.Next == "" {
			break
		}
		target = "/api/events?limit=2&cursor=" + url.QueryEscape(p.Next)
	}
	want := "ev-col-orders,ev-rus-expels,ev-col-accuses,ev-rus-agrees,ev-markup"
	if strings.Join(all, ",") != want {
		t.Errorf("paged through %v, want %s", all, want)
	}
}

func TestGetEventWithSpans(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/api/events/ev-rus-expels", nil, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	d := decode[eventDetail](t, rec.Body.String())
	if d.Article.Text != expulsionText || d.Event.ID != "ev-rus-expels" {
		t.Fatalf("got event %s with article text %q", d.Event.ID, d.Article.Text)
	}
	want := map[string]string{"trigger": "expelled", "source": "Russia", "target": "Colombian diplomats", "date": "Wednesday", "place": "Bogotá"}
	got := map[string]string{}
	for _, sp := range d.Spans {
		if d.Article.Text[sp.Start:sp.End] != sp.Text {
			t.Errorf("span %s [%d,%d) is %q in the text, says %q", sp.Kind, sp.Start, sp.End, d.Article.Text[sp.Start:sp.End], sp.Text)
		}
		got[sp.Kind] = sp.Text
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("span %s = %q, want %q", k, got[k], v)
		}
	}

	if rec := do(h, "GET", "/api/events/no-such-event", nil, nil); rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Errorf("unknown event: status %d, body %s", rec.Code, rec.Body)
	}
}

func TestSeriesBothDirections(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/api/series?source=RUS&target=COL&interval=month&both=1", nil, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := decode[seriesBody](t, rec.Body.String())
	if len(body.Series) != 2 {
		t.Fatalf("%d series, want 2", len(body.Series))
	}
	ab, ba := body.Series[0], body.Series[1]
	if ab.Source != "RUS" || ab.Target != "COL" || ba.Source != "COL" || ba.Target != "RUS" {
		t.Errorf("directions %s→%s, %s→%s", ab.Source, ab.Target, ba.Source, ba.Target)
	}
	// RUS→COL: Dec 2020 (expel), Jan 2021 (agree), Feb 2021 (criticise);
	// COL→RUS: Dec 2020 only, padded to the same three months.
	starts := func(s dyadSeries) (out []string) {
		for _, p := range s.Points {
			out = append(out, p.Start)
		}
		return out
	}
	wantStarts := "2020-12-01,2021-01-01,2021-02-01"
	if got := strings.Join(starts(ab), ","); got != wantStarts {
		t.Errorf("RUS→COL buckets %s, want %s", got, wantStarts)
	}
	if got := strings.Join(starts(ba), ","); got != wantStarts {
		t.Errorf("COL→RUS buckets %s, want %s", got, wantStarts)
	}
	if ab.Points[1].Events != 1 || ab.Points[1].GoldsteinMean == nil || *ab.Points[1].GoldsteinMean != 8 {
		t.Errorf("RUS→COL January: %+v", ab.Points[1])
	}
	if ba.Points[0].Events != 2 || ba.Points[0].MaterialConflict != 1 || ba.Points[0].VerbalConflict != 1 {
		t.Errorf("COL→RUS December: %+v", ba.Points[0])
	}
	if ba.Points[1].Events != 0 {
		t.Errorf("COL→RUS January should be an empty bucket: %+v", ba.Points[1])
	}
}

func TestReciprocity(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/api/reciprocity?a=COL&b=RUS&within=30", nil, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	r := decode[analysis.Reciprocity](t, rec.Body.String())
	if r.Within != 30 {
		t.Errorf("within %d", r.Within)
	}
	// Colombia's order of 2020-12-10 is answered by Russia's expulsion of 12-23.
	var found bool
	for _, a := range r.AB.Answers {
		if a.Event.ID == "ev-col-orders" {
			found = true
			if a.Answer == nil || a.Answer.ID != "ev-rus-expels" || a.LagDays != 13 || !a.Explicit {
				t.Errorf("answer to the order: %+v lag %d explicit %v", a.Answer, a.LagDays, a.Explicit)
			}
		}
	}
	if !found || r.AB.All.Events != 2 || r.AB.All.Answered < 1 {
		t.Errorf("COL→RUS: %+v", r.AB.All)
	}
}

func TestStatsAndOpenAPI(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/api/stats", nil, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	st := decode[statsBody](t, rec.Body.String())
	if st.Stats.Articles != 3 || st.Stats.Events != 5 || st.Stats.Backend != "sqlite" {
		t.Errorf("stats %+v", st.Stats)
	}
	if len(st.TopDyads) == 0 || st.TopDyads[0].Source == "" {
		t.Errorf("top dyads %+v", st.TopDyads)
	}

	rec = do(h, "GET", "/api/openapi.json", nil, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("openapi: status %d", rec.Code)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
				Ref  string `json:"$ref"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	for _, p := range []string{"/api/events", "/api/events/{id}", "/api/series", "/api/reciprocity", "/api/stats", "/api/openapi.json", "/api/articles"} {
		if _, ok := doc.Paths[p]; !ok {
			t.Errorf("openapi.json does not describe %s", p)
		}
	}
}

// TestOpenAPIListsEveryParameter keeps the description in step with the code: each
// parameter an endpoint accepts is named in openapi.json.
func TestOpenAPIListsEveryParameter(t *testing.T) {
	doc := string(openAPI)
	params := append(append([]string{}, filterParams...), "limit", "cursor", "desc", "interval", "both", "a", "b", "within")
	for _, p := range params {
		if !strings.Contains(doc, `"name": "`+p+`"`) {
			t.Errorf("openapi.json names no parameter %q", p)
		}
	}
}

// TestBadRequests sends malformed, hostile and oversized queries: each gets a 4xx
// with a JSON error that says what is wrong, and the store is unchanged.
func TestBadRequests(t *testing.T) {
	s := testStore(t)
	h := newTestServer(t, s, Options{})
	before, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, target string
		status       int
		mention      string // the error message names this
	}{
		{"unknown filter", "/api/events?sauce=RUS&colour=red", 400, "colour, sauce"},
		{"bad from date", "/api/events?from=2020-13-01", 400, "from"},
		{"bad to date", "/api/events?to=yesterday", 400, "to"},
		{"from after to", "/api/events?from=2021-01-01&to=2020-01-01", 400, "after"},
		{"huge limit", "/api/events?limit=100000", 400, "limit"},
		{"zero limit", "/api/events?limit=0", 400, "limit"},
		{"limit not a number", "/api/events?limit=ten", 400, "limit"},
		{"quad out of range", "/api/events?quad=7", 400, "quad"},
		{"confidence out of range", "/api/events?min_confidence=1.5", 400, "min_confidence"},
		{"confidence NaN", "/api/events?min_confidence=NaN", 400, "min_confidence"},
		{"unknown mood", "/api/events?mood=angry", 400, "mood"},
		{"bad negated", "/api/events?negated=maybe", 400, "negated"},
		{"repeated parameter", "/api/events?source=RUS&source=COL", 400, "source"},
		{"long value", "/api/events?q=" + strings.Repeat("a", 300), 400, "q"},
		{"SQL in source", "/api/events?source=" + url.QueryEscape("RUS' OR 1=1 --"), 400, "source"},
		{"SQL in target", "/api/events?target=" + url.QueryEscape("COL'; DROP TABLE events; --"), 400, "target"},
		{"SQL in cameo", "/api/events?cameo=" + url.QueryEscape("1' OR '1'='1"), 400, "cameo"},
		{"SQL in plover", "/api/events?plover=" + url.QueryEscape("X UNION SELECT"), 400, "plover"},
		{"bad cursor", "/api/events?cursor=not-a-cursor", 400, "cursor"},
		{"bad interval", "/api/series?source=RUS&interval=year", 400, "interval"},
		{"both without target", "/api/series?source=RUS&both=1", 400, "target"},
		{"series unknown", "/api/series?dyad=RUS", 400, "dyad"},
		{"reciprocity without b", "/api/reciprocity?a=RUS", 400, "b"},
		{"reciprocity SQL", "/api/reciprocity?a=RUS&b=" + url.QueryEscape("COL' OR 1=1 --"), 400, "b"},
		{"reciprocity huge window", "/api/reciprocity?a=RUS&b=COL&within=99999", 400, "within"},
		{"stats with parameter", "/api/stats?x=1", 400, "x"},
		{"unknown endpoint", "/api/nothing", 404, "no such API endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, "GET", tt.target, nil, nil)
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q", rec.Header().Get("Content-Type"))
			}
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.mention == "" {
				return
			}
			e := decode[apiError](t, rec.Body.String())
			if e.Error == "" || !strings.Contains(e.Error, tt.mention) {
				t.Errorf("error %q does not mention %q", e.Error, tt.mention)
			}
		})
	}
	after, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("the store changed: %+v, then %+v", before, after)
	}
	// The hostile values were refused, not run: every event is still there.
	rec := do(h, "GET", "/api/events", nil, nil)
	if n := len(decode[eventsPage](t, rec.Body.String()).Events); n != 5 {
		t.Errorf("%d events after the bad requests, want 5", n)
	}
}

func TestWrongMethodOrPath(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	tests := []struct {
		method, target string
		status         int
		allow          string
	}{
		{"POST", "/api/events", 405, "GET"},
		{"DELETE", "/api/events/ev-rus-expels", 405, "GET"},
		{"GET", "/api/articles", 405, "POST"},
		{"GET", "/api/nothing", 404, ""},
		{"GET", "/api/events/a/b", 404, ""},
	}
	for _, tt := range tests {
		rec := do(h, tt.method, tt.target, nil, nil)
		if rec.Code != tt.status || rec.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s: status %d Allow %q, want %d %q", tt.method, tt.target, rec.Code, rec.Header().Get("Allow"), tt.status, tt.allow)
		}
		if e := decode[apiError](t, rec.Body.String()); e.Error == "" {
			t.Errorf("%s %s: no error message", tt.method, tt.target)
		}
	}
}

func TestUnknownParametersAreNamed(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/api/events?sauce=1&source=RUS", nil, nil)
	e := decode[apiError](t, rec.Body.String())
	if rec.Code != 400 || len(e.Parameters) != 1 || e.Parameters[0] != "sauce" {
		t.Errorf("status %d, parameters %v", rec.Code, e.Parameters)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	for _, target := range []string{"/", "/api/events", "/events/ev-rus-expels", "/static/style.css"} {
		rec := do(h, "GET", target, nil, nil)
		if rec.Code != 200 {
			t.Errorf("%s: status %d", target, rec.Code)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", target, got)
		}
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", target, csp)
		}
	}
}

// panicStore fails in the worst way, to check that a panic becomes a 500.
type panicStore struct{ store.Store }

func (panicStore) Stats(context.Context) (store.Stats, error) { panic("boom") }

func TestPanicBecomes500(t *testing.T) {
	h := newTestServer(t, panicStore{testStore(t)}, Options{})
	rec := do(h, "GET", "/api/stats", nil, nil)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", rec.Code)
	}
	if e := decode[apiError](t, rec.Body.String()); e.Error != "internal error" {
		t.Errorf("error %q", e.Error)
	}
}

func TestRequestLog(t *testing.T) {
	var buf strings.Builder
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := New(testStore(t), Options{Logger: log})
	do(h, "GET", "/api/events?limit=9999", nil, nil)
	do(h, "GET", "/events/ev-rus-expels", nil, nil)
	out := buf.String()
	for _, want := range []string{"path=/api/events status=400", "path=/events/ev-rus-expels status=200"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}
