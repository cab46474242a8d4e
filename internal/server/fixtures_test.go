package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/pipeline"
	"dyad/internal/store"
)

// The test articles are our own words: an expulsion story like the seed article, a
// later agreement, and an article whose text carries markup.
const (
	expulsionText = "Russia expelled two Colombian diplomats on Wednesday after Colombia ordered two Russian officials out of Bogotá, the agency reported.\n" +
		"Colombia said the Russian officials had been spying."
	agreementText = "Russia and Colombia agreed in Moscow to restore their embassy staff."
	scriptText    = "<script>alert('x')</script> Russia criticised Colombia over the <b>expulsions</b>."
)

func ptr[T any](v T) *T { return &v }

// spanOf returns the byte offsets of the n-th (0-based) occurrence of s in text.
func spanOf(t testing.TB, text, s string, n int) (int, int) {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], s)
		if j < 0 {
			t.Fatalf("%q not %d times in %q", s, n+1, text)
		}
		if i == n {
			return off + j, off + j + len(s)
		}
		off += j + len(s)
	}
}

func actorAt(t testing.TB, text, s string, n int, code, country string) *event.Actor {
	start, end := spanOf(t, text, s, n)
	return &event.Actor{Text: s, Start: start, End: end, Code: code, Country: country, Name: country}
}

func trigger(t testing.TB, text, s string, n int) event.Span {
	start, end := spanOf(t, text, s, n)
	return event.Span{Text: s, Start: start, End: end}
}

// testArticles returns the fixture articles with hand-made events whose offsets point
// into their text.
func testArticles(t testing.TB) []store.Coded {
	ex := article.Article{ID: "expulsion", Title: "Diplomats expelled", Text: expulsionText, Publisher: "Agency", Published: "2020-12-24", Language: "en"}
	wedStart, wedEnd := spanOf(t, expulsionText, "Wednesday", 0)
	bogStart, bogEnd := spanOf(t, expulsionText, "Bogotá", 0)
	expel := event.Event{
		ID: "ev-rus-expels", Trigger: trigger(t, expulsionText, "expelled", 0),
		Source: actorAt(t, expulsionText, "Russia", 0, "RUS", "RUS"), Target: actorAt(t, expulsionText, "Colombian diplomats", 0, "COLGOV", "COL"),
		CAMEO: "161", QuadClass: 4, Goldstein: ptr(-4.0), Plover: &event.Plover{Event: "SANCTION", Mode: "expel"},
		Date:     &event.Date{Value: "2020-12-23", Precision: "day", Text: "Wednesday", Start: wedStart, End: wedEnd},
		Location: &event.Location{Name: "Bogotá", Country: "COL", Lat: ptr(4.61), Lon: ptr(-74.08), Precision: "city", Text: "Bogotá", Start: bogStart, End: bogEnd},
		Modality: event.Modality{Mood: event.MoodReported}, Confidence: 0.9, Rule: "test",
		Evidence: strings.SplitN(expulsionText, "\n", 2)[0],
		Links:    []event.Link{{Type: "response_to", Event: "ev-col-orders"}},
		Mentions: []event.Mention{{Sentence: 0, Start: 0, End: strings.Index(expulsionText, "\n")}},
	}
	order := event.Event{
		ID: "ev-col-orders", Trigger: trigger(t, expulsionText, "ordered", 0),
		Source: actorAt(t, expulsionText, "Colombia", 0, "COL", "COL"), Target: actorAt(t, expulsionText, "Russian officials", 0, "RUSGOV", "RUS"),
		CAMEO: "161", QuadClass: 4, Goldstein: ptr(-4.0), Plover: &event.Plover{Event: "SANCTION", Mode: "expel"},
		Date:     &event.Date{Value: "2020-12-10", Precision: "day"},
		Modality: event.Modality{Mood: event.MoodAsserted}, Confidence: 0.8, Rule: "test",
		Evidence: strings.SplitN(expulsionText, "\n", 2)[0],
	}
	accuse := event.Event{
		ID: "ev-col-accuses", Trigger: trigger(t, expulsionText, "said", 0),
		Source: actorAt(t, expulsionText, "Colombia", 1, "COL", "COL"), Target: actorAt(t, expulsionText, "Russian officials", 1, "RUSGOV", "RUS"),
		CAMEO: "112", QuadClass: 3, Goldstein: ptr(-2.0), Plover: &event.Plover{Event: "ACCUSE"},
		Date:     &event.Date{Value: "2020-12-24", Precision: "published"},
		Modality: event.Modality{Mood: event.MoodAsserted}, Confidence: 0.6, Rule: "test",
		Evidence: strings.SplitN(expulsionText, "\n", 2)[1],
	}
	ag := article.Article{ID: "agreement", Text: agreementText, Published: "2021-01-15", Language: "en"}
	mosStart, mosEnd := spanOf(t, agreementText, "Moscow", 0)
	agree := event.Event{
		ID: "ev-rus-agrees", Trigger: trigger(t, agreementText, "agreed", 0),
		Source: actorAt(t, agreementText, "Russia", 0, "RUS", "RUS"), Target: actorAt(t, agreementText, "Colombia", 0, "COL", "COL"),
		CAMEO: "057", QuadClass: 1, Goldstein: ptr(8.0), Plover: &event.Plover{Event: "AGREE"},
		Date:     &event.Date{Value: "2021-01-14", Precision: "day"},
		Location: &event.Location{Name: "Moscow", Country: "RUS", Lat: ptr(55.75), Lon: ptr(37.62), Text: "Moscow", Start: mosStart, End: mosEnd},
		Modality: event.Modality{Mood: event.MoodAsserted}, Confidence: 0.7, Rule: "test", Evidence: agreementText,
	}
	sc := article.Article{ID: "markup", Text: scriptText, Published: "2021-02-01", Language: "en"}
	criticise := event.Event{
		ID: "ev-markup", Trigger: trigger(t, scriptText, "criticised", 0),
		Source: actorAt(t, scriptText, "Russia", 0, "RUS", "RUS"), Target: actorAt(t, scriptText, "Colombia", 0, "COL", "COL"),
		CAMEO: "111", QuadClass: 3, Goldstein: ptr(-2.0), Plover: &event.Plover{Event: "ACCUSE"},
		Date:     &event.Date{Value: "2021-02-01", Precision: "published"},
		Modality: event.Modality{Mood: event.MoodAsserted}, Confidence: 0.5, Rule: "test", Evidence: scriptText,
	}
	return []store.Coded{
		{Article: ex, Events: []event.Event{expel, order, accuse}},
		{Article: ag, Events: []event.Event{agree}},
		{Article: sc, Events: []event.Event{criticise}},
	}
}

// testStore is a SQLite store in a temporary folder holding the fixture articles.
func testStore(t testing.TB) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.PutArticles(context.Background(), testArticles(t)); err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

// testPipeline loads the coding pipeline once for the whole package.
func testPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.New(pipeline.Options{}) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

func newTestServer(t testing.TB, s store.Store, opt Options) http.Handler {
	if opt.Logger == nil {
		opt.Logger = quietLog
	}
	return New(s, opt)
}

// do sends a request to h and returns the recorded response.
func do(h http.Handler, method, target string, body io.Reader, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
