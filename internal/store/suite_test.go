package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/store/storetest"
)

// newURL gives each call a fresh, empty database and removes it when the test ends.
type newURL func(t *testing.T) string

// testSuite is run against every back end: both must pass the same tests.
func testSuite(t *testing.T, fresh newURL) {
	tests := []struct {
		name string
		run  func(t *testing.T, fresh newURL)
	}{
		{"RoundTripKeepsEveryField", testRoundTrip},
		{"RePutReplacesEvents", testRePutReplaces},
		{"HasArticleSeesHashAndCoderVersion", testHasArticle},
		{"ReopenIsIdempotent", testReopen},
		{"FiltersSelectTheRightEvents", testFilters},
		{"BadFiltersAreRejected", testBadFilters},
		{"MetacharactersAreHarmless", testMetacharacters},
		{"CursorVisitsEveryEventOnce", testPagination},
		{"SeriesBucketsAndSums", testSeries},
		{"TopActorsAndDyads", testTop},
		{"AbortedPutKeepsPreviousState", testAbortedPut},
		{"ResumedIngestEqualsUninterrupted", testResume},
		{"ConcurrentPuts", testConcurrentPuts},
		{"BatchPutIsAllOrNothing", testBatchPut},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, fresh) })
	}
}

func open(t *testing.T, url string, opts ...Option) Store {
	t.Helper()
	s, err := Open(context.Background(), url, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func put(t *testing.T, s Store, a article.Article, evs []event.Event) {
	t.Helper()
	if err := s.PutArticle(context.Background(), a, evs); err != nil {
		t.Fatalf("PutArticle(%s): %v", a.ID, err)
	}
}

func stats(t *testing.T, s Store) Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// allEvents lists every event matching f, page by page.
func allEvents(t *testing.T, s Store, f Filter) []event.Event {
	t.Helper()
	var out []event.Event
	for pages := 0; ; pages++ {
		page, next, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, page...)
		if next == "" {
			return out
		}
		if pages > 10000 {
			t.Fatal("pagination does not end")
		}
		f.After = next
	}
}

func ids(evs []event.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.ID
	}
	return out
}

func testRoundTrip(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	ctx := context.Background()
	a, evs := synthArticle(rand.New(rand.NewPCG(1, 2)), 1, 12)
	a.Extra = map[string]json.RawMessage{"section": json.RawMessage(`"world"`)}
	// Every optional part of the record, on the first event.
	evs[0].Attribution = &event.Span{Text: "Reuters", Start: 170, End: 177}
	evs[0].Location = &event.Location{Name: "Moscow", Country: "RUS", Lat: ptr(55.75), Lon: ptr(37.62), GeonameID: 524901, Precision: "city", Text: "Moscow", Start: 1, End: 7}
	evs[0].Links = []event.Link{{Type: "response_to", Event: evs[1].ID, Text: "in reciprocity"}}
	evs[0].Mentions = append(evs[0].Mentions, event.Mention{Sentence: 6, Start: 0, End: 120})
	evs[0].Plover = &event.Plover{Event: "SANCTION", Mode: "expel", Context: []string{"diplomatic", "military"}, Intensity: ptr(-5.5)}
	evs[0].Date = &event.Date{Value: "2020-12-23", Precision: "day", Text: "Wednesday", Start: 40, End: 49}
	evs[0].Modality = event.Modality{Negated: true, Tense: "future", Mood: event.MoodHypothetical}
	evs[0].Goldstein = ptr(0.0) // a real zero, not a missing score
	evs[1].ArticleID = ""       // filled in by PutArticle
	put(t, s, a, evs)
	evs[1].ArticleID = a.ID

	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Extra, a.Extra) {
		t.Errorf("article extra = %v, want %v", got.Extra, a.Extra)
	}
	got.Extra, a.Extra = nil, nil
	if !reflect.DeepEqual(got, a) {
		t.Errorf("article = %+v\nwant %+v", got, a)
	}
	for _, want := range evs {
		ev, ea, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatalf("Event(%s): %v", want.ID, err)
		}
		if g, w := mustJSON(t, ev), mustJSON(t, want); g != w {
			t.Errorf("event %s:\n got %s\nwant %s", want.ID, g, w)
		}
		if ea.ID != a.ID || ea.Text != a.Text {
			t.Errorf("event %s came with article %q", want.ID, ea.ID)
		}
	}
	listed := allEvents(t, s, Filter{ArticleID: a.ID})
	if len(listed) != len(evs) {
		t.Fatalf("Events lists %d events, want %d", len(listed), len(evs))
	}
	for _, ev := range listed {
		i := slices.IndexFunc(evs, func(e event.Event) bool { return e.ID == ev.ID })
		if i < 0 || mustJSON(t, ev) != mustJSON(t, evs[i]) {
			t.Errorf("listed event %s differs from the one put", ev.ID)
		}
	}
	if _, _, err := s.Event(ctx, "no-such-event"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Event(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Article(ctx, "no-such-article"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want ErrNotFound", err)
	}
	st := stats(t, s)
	wantMentions, wantLinks := 0, 0
	for _, ev := range evs {
		wantMentions += len(ev.Mentions)
		wantLinks += len(ev.Links)
	}
	if st.Articles != 1 || st.Events != int64(len(evs)) || st.Mentions != int64(wantMentions) || st.Links != int64(wantLinks) {
		t.Errorf("stats = %+v, want 1 article, %d events, %d mentions, %d links", st, len(evs), wantMentions, wantLinks)
	}
}

func testRePutReplaces(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	ctx := context.Background()
	a, evs := synthArticle(rand.New(rand.NewPCG(3, 4)), 7, 6)
	other, otherEvs := synthArticle(rand.New(rand.NewPCG(5, 6)), 8, 4)
	put(t, s, other, otherEvs)
	put(t, s, a, evs)
	put(t, s, a, evs) // the same again: no duplicates
	if got := allEvents(t, s, Filter{ArticleID: a.ID}); len(got) != len(evs) {
		t.Fatalf("after the same put twice: %d events, want %d", len(got), len(evs))
	}

	// Recoded: two events gone, one changed, one new.
	a.Title = "Recoded"
	kept := slices.Clone(evs[2:])
	kept[0].CAMEO, kept[0].Evidence = "057", "changed"
	kept[0].Mentions = nil
	added := kept[1]
	added.ID, added.Links = a.ID+"-new", nil
	kept = append(kept, added)
	put(t, s, a, kept)

	got := allEvents(t, s, Filter{ArticleID: a.ID})
	gotIDs, wantIDs := ids(got), ids(kept)
	sort.Strings(gotIDs)
	sort.Strings(wantIDs)
	if !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("events after re-put = %v, want %v", gotIDs, wantIDs)
	}
	for _, gone := range evs[:2] {
		if _, _, err := s.Event(ctx, gone.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("removed event %s: error %v, want ErrNotFound", gone.ID, err)
		}
	}
	ev, _, err := s.Event(ctx, kept[0].ID)
	if err != nil || ev.CAMEO != "057" || ev.Evidence != "changed" {
		t.Errorf("changed event = %+v, %v", ev, err)
	}
	if ga, _ := s.Article(ctx, a.ID); ga.Title != "Recoded" {
		t.Errorf("article title = %q, want the new one", ga.Title)
	}
	st := stats(t, s)
	var mentions, links int64
	for _, e := range append(slices.Clone(kept), otherEvs...) {
		mentions += int64(len(e.Mentions))
		links += int64(len(e.Links))
	}
	if st.Articles != 2 || st.Events != int64(len(kept)+len(otherEvs)) || st.Mentions != mentions || st.Links != links {
		t.Errorf("stats = %+v, want 2 articles, %d events, %d mentions, %d links (orphans left?)", st, len(kept)+len(otherEvs), mentions, links)
	}

	// Coded to nothing: the article stays, its events go.
	put(t, s, a, nil)
	if got := allEvents(t, s, Filter{ArticleID: a.ID}); len(got) != 0 {
		t.Errorf("after put with no events: %d events remain", len(got))
	}
	if got := allEvents(t, s, Filter{ArticleID: other.ID}); len(got) != len(otherEvs) {
		t.Errorf("the other article has %d events, want %d", len(got), len(otherEvs))
	}

	// Bad input is refused before anything is written.
	for name, bad := range map[string][]event.Event{
		"no id":                {{ArticleID: a.ID}},
		"twice":                {evs[0], evs[0]},
		"other article":        {{ID: "x", ArticleID: other.ID}},
		"invalid UTF-8":        {{ID: "x", Evidence: "caf\xe9"}},
		"a NUL byte":           {{ID: "x", Source: &event.Actor{Text: "a\x00b"}}},
		"a NUL byte in a link": {{ID: "x", Links: []event.Link{{Type: "response_to", Event: "y\x00"}}}},
	} {
		if err := s.PutArticle(ctx, a, bad); err == nil {
			t.Errorf("PutArticle with %s: no error", name)
		}
	}
	if err := s.PutArticle(ctx, article.Article{}, nil); err == nil {
		t.Error("PutArticle without an article id: no error")
	}
	if err := s.PutArticle(ctx, article.Article{ID: "nul", Text: "a\x00b"}, nil); err == nil {
		t.Error("PutArticle with a NUL byte in the text: no error")
	}
	if _, err := s.Article(ctx, "nul"); !errors.Is(err, ErrNotFound) {
		t.Errorf("refused article was stored: %v", err)
	}
}

func testHasArticle(t *testing.T, fresh newURL) {
	url := fresh(t)
	ctx := context.Background()
	s := open(t, url, WithCoderVersion("v1"))
	a, evs := synthArticle(rand.New(rand.NewPCG(7, 8)), 1, 3)
	has := func(s Store, a article.Article) bool {
		ok, err := s.HasArticle(ctx, a.ID, ContentHash(a))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if has(s, a) {
		t.Error("HasArticle before any put = true")
	}
	put(t, s, a, evs)
	if !has(s, a) {
		t.Error("HasArticle after put = false")
	}
	changed := a
	changed.Text += " Update: talks resumed."
	if has(s, changed) {
		t.Error("HasArticle with changed text = true")
	}
	if v2 := open(t, url, WithCoderVersion("v2")); has(v2, a) {
		t.Error("HasArticle for another coder version = true")
	}
}

func testReopen(t *testing.T, fresh newURL) {
	url := fresh(t)
	s := open(t, url)
	a, evs := synthArticle(rand.New(rand.NewPCG(9, 10)), 1, 5)
	put(t, s, a, evs)
	before := stats(t, s)
	s.Close()
	s = open(t, url)
	after := stats(t, s)
	if after != before || after.SchemaVersion != schemaVersion {
		t.Errorf("after reopening: %+v, want %+v at schema version %d", after, before, schemaVersion)
	}
	put(t, s, a, evs)
	if again := stats(t, s); again != before {
		t.Errorf("re-put after reopening: %+v, want %+v", again, before)
	}
}

// fixture is a small hand-made set of events whose filters have known answers.
// Event order by date: e2 (12-21), e1 (12-23), e3 (12-24, published), e4 (2021-01,
// a month), e5 (01-04), e6 (01-05).
func fixture(t *testing.T, s Store) {
	a1 := article.Article{ID: "a1", Title: "Expulsions", Text: "Russia expelled two Colombian diplomats.", Published: "2020-12-24", Publisher: "Reuters"}
	a2 := article.Article{ID: "a2", Title: "Clashes", Text: "Army and rebels clashed.", Published: "2021-01-05", Publisher: "El Tiempo"}
	actor := func(code, country string) *event.Actor {
		return &event.Actor{Text: code, Name: code, Code: code, Country: country}
	}
	day := func(v string) *event.Date { return &event.Date{Value: v, Precision: "day"} }
	put(t, s, a1, []event.Event{
		{ID: "e1", Source: actor("RUSGOV", "RUS"), Target: actor("COLGOV", "COL"), CAMEO: "161", QuadClass: 4, Goldstein: ptr(-4.0),
			Plover: &event.Plover{Event: "SANCTION", Intensity: ptr(-5.5)}, Date: day("2020-12-23"),
			Location: &event.Location{Name: "Moscow", Country: "RUS"}, Modality: event.Modality{Mood: event.MoodAsserted},
			Confidence: 0.9, Evidence: "Russia expelled two Colombian diplomats."},
		{ID: "e2", Source: actor("COLGOV", "COL"), Target: actor("RUSGOV", "RUS"), CAMEO: "161", QuadClass: 4, Goldstein: ptr(-4.0),
			Plover: &event.Plover{Event: "SANCTION"}, Date: day("2020-12-21"),
			Location: &event.Location{Name: "Bogotá", Country: "COL"}, Modality: event.Modality{Mood: event.MoodReported},
			Confidence: 0.8, Evidence: "Colombia had EXPELLED two Russian diplomats."},
		{ID: "e3", Source: actor("RUS", "RUS"), Target: actor("COL", "COL"), CAMEO: "036", QuadClass: 1, Goldstein: ptr(4.0),
			Modality: event.Modality{Mood: event.MoodFuture}, Confidence: 0.5, Evidence: "Moscow wants to talk 100% _honestly_."},
	})
	put(t, s, a2, []event.Event{
		{ID: "e4", Source: actor("USAGOV", "USA"), Target: actor("RUSGOV", "RUS"), CAMEO: "112", QuadClass: 3, Goldstein: ptr(-2.0),
			Date: &event.Date{Value: "2021-01", Precision: "month"}, Modality: event.Modality{Negated: true, Mood: event.MoodHypothetical},
			Confidence: 0.7, Evidence: "Washington may criticise Moscow."},
		{ID: "e5", Source: actor("COLMIL", "COL"), Target: actor("REB", "COL"), CAMEO: "190", QuadClass: 4, Goldstein: ptr(-10.0),
			Plover: &event.Plover{Event: "ASSAULT", Intensity: ptr(-10.0)}, Date: day("2021-01-04"),
			Location: &event.Location{Name: "Cauca", Country: "COL"}, Modality: event.Modality{Mood: event.MoodAsserted},
			Confidence: 0.95, Evidence: "Army and rebels clashed."},
		{ID: "e6", CAMEO: "010", QuadClass: 1, Date: day("2021-01-05"), Modality: event.Modality{Mood: event.MoodAsserted},
			Confidence: 0.3, Evidence: "Officials made a statement."},
	})
}

func testFilters(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	fixture(t, s)
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"everything, oldest first", Filter{}, []string{"e2", "e1", "e3", "e4", "e5", "e6"}},
		{"newest first", Filter{Desc: true}, []string{"e6", "e5", "e4", "e3", "e1", "e2"}},
		{"source code prefix", Filter{Source: "RUS"}, []string{"e1", "e3"}},
		{"source in lower case", Filter{Source: "rus"}, []string{"e1", "e3"}},
		{"source full code", Filter{Source: "RUSGOV"}, []string{"e1"}},
		{"target", Filter{Target: "RUS"}, []string{"e2", "e4"}},
		{"target by country only", Filter{Target: "COL"}, []string{"e1", "e3", "e5"}},
		{"either", Filter{Either: "COL"}, []string{"e2", "e1", "e3", "e5"}},
		{"location country", Filter{Country: "col"}, []string{"e2", "e5"}},
		{"cameo root", Filter{CAMEO: "16"}, []string{"e2", "e1"}},
		{"cameo first digit", Filter{CAMEO: "1"}, []string{"e2", "e1", "e4", "e5"}},
		{"cameo full code", Filter{CAMEO: "190"}, []string{"e5"}},
		{"plover", Filter{Plover: "sanction"}, []string{"e2", "e1"}},
		{"quad class", Filter{QuadClass: 4}, []string{"e2", "e1", "e5"}},
		{"from a year", Filter{From: "2021"}, []string{"e4", "e5", "e6"}},
		{"to a day", Filter{To: "2020-12-23"}, []string{"e2", "e1"}},
		{"day range, published fallback", Filter{From: "2020-12-22", To: "2020-12-24"}, []string{"e1", "e3"}},
		{"month range", Filter{From: "2021-01", To: "2021-01-04"}, []string{"e4", "e5"}},
		{"text, any case", Filter{Text: "expelled"}, []string{"e2", "e1"}},
		{"text with percent", Filter{Text: "100%"}, []string{"e3"}},
		{"percent is literal", Filter{Text: "%"}, []string{"e3"}},
		{"underscore is literal", Filter{Text: "_honestly_"}, []string{"e3"}},
		{"min confidence", Filter{MinConfidence: 0.8}, []string{"e2", "e1", "e5"}},
		{"mood", Filter{Mood: event.MoodFuture}, []string{"e3"}},
		{"negated", Filter{Negated: ptr(true)}, []string{"e4"}},
		{"not negated", Filter{Negated: ptr(false)}, []string{"e2", "e1", "e3", "e5", "e6"}},
		{"article", Filter{ArticleID: "a2"}, []string{"e4", "e5", "e6"}},
		{"dyad", Filter{Source: "RUS", Target: "COL"}, []string{"e1", "e3"}},
		{"combined", Filter{Either: "COL", QuadClass: 4, From: "2021"}, []string{"e5"}},
		{"combined, nothing", Filter{Source: "USA", Plover: "ASSAULT"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ids(allEvents(t, s, tc.f))
			if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("Events(%+v) = %v, want %v", tc.f, got, tc.want)
			}
		})
	}
}

func testBadFilters(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	fixture(t, s)
	ctx := context.Background()
	tests := []struct {
		name string
		f    Filter
	}{
		{"quad class 5", Filter{QuadClass: 5}},
		{"month 13", Filter{From: "2020-13-01"}},
		{"a word for a date", Filter{To: "yesterday"}},
		{"confidence above 1", Filter{MinConfidence: 2}},
		{"unknown mood", Filter{Mood: "maybe"}},
		{"huge limit", Filter{Limit: MaxLimit + 1}},
		{"negative limit", Filter{Limit: -1}},
		{"garbage cursor", Filter{After: "not a cursor!"}},
		{"cursor of the other order", Filter{After: encodeCursor(true, "2020-01-01", "e1")}},
		{"invalid UTF-8", Filter{Text: "\xff\xfe"}},
		{"NUL byte", Filter{Source: "RUS\x00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := s.Events(ctx, tc.f); !errors.Is(err, ErrBadFilter) {
				t.Errorf("Events: error %v, want ErrBadFilter", err)
			}
			if _, err := s.Series(ctx, SeriesQuery{Filter: tc.f}); tc.f.Limit == 0 && tc.f.After == "" && !errors.Is(err, ErrBadFilter) {
				t.Errorf("Series: error %v, want ErrBadFilter", err)
			}
		})
	}
	if _, err := s.Series(ctx, SeriesQuery{Interval: "year"}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("Series with interval year: error %v, want ErrBadFilter", err)
	}
	if _, err := s.Series(ctx, SeriesQuery{Filter: Filter{From: "1000", To: "2020"}}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("a thousand years by day: error %v, want ErrBadFilter", err)
	}
	if _, err := s.TopActors(ctx, TopQuery{Role: "boss"}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("TopActors with role boss: error %v, want ErrBadFilter", err)
	}
	if _, err := s.TopDyads(ctx, TopQuery{Limit: -3}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("TopDyads with limit -3: error %v, want ErrBadFilter", err)
	}
}

func testMetacharacters(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	fixture(t, s)
	ctx := context.Background()
	hostile := []string{
		"' OR '1'='1", "'; DROP TABLE events; --", `" OR ""="`, "R%", "R_S", "ussia expelled%", `\`, `\%`, "*", "?", "$1",
		"RUS' --", "RUS) OR (1=1", "é", "ÿ",
	}
	for _, v := range hostile {
		for name, f := range map[string]Filter{
			"source": {Source: v}, "target": {Target: v}, "either": {Either: v}, "country": {Country: v},
			"cameo": {CAMEO: v}, "plover": {Plover: v}, "text": {Text: v}, "article": {ArticleID: v},
		} {
			got, _, err := s.Events(ctx, f)
			if err != nil {
				t.Errorf("%s %q: %v", name, v, err)
			}
			if len(got) != 0 {
				t.Errorf("%s %q matched %v", name, v, ids(got))
			}
			if _, err := s.Series(ctx, SeriesQuery{Filter: f, Interval: Month}); err != nil {
				t.Errorf("series %s %q: %v", name, v, err)
			}
			if _, err := s.TopActors(ctx, TopQuery{Filter: f}); err != nil {
				t.Errorf("top actors %s %q: %v", name, v, err)
			}
		}
	}
	// Hostile text stored and read back unchanged.
	a := article.Article{ID: "'; DROP TABLE articles; --", Title: `<script>alert("x")</script>`, Text: "Robert'); DROP TABLE events;-- \\ % _ ?"}
	put(t, s, a, []event.Event{{ID: "x' OR 1=1", Evidence: a.Text}})
	got, err := s.Article(ctx, a.ID)
	if err != nil || got.Text != a.Text || got.Title != a.Title {
		t.Errorf("hostile article read back as %+v, %v", got, err)
	}
	if st := stats(t, s); st.Articles != 3 || st.Events != 7 {
		t.Errorf("stats = %+v, want 3 articles and 7 events", st)
	}
	if got := ids(allEvents(t, s, Filter{Text: "DROP TABLE events;--"})); !slices.Equal(got, []string{"x' OR 1=1"}) {
		t.Errorf("text search for the hostile text = %v", got)
	}
}

func testPagination(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	rng := rand.New(rand.NewPCG(11, 12))
	var all []event.Event
	for i := range 12 {
		a, evs := synthArticle(rng, i, 1+rng.IntN(9))
		put(t, s, a, evs)
		all = append(all, evs...)
	}
	// The expected order: by event date key, then id.
	key := func(ev event.Event) string {
		if ev.Date != nil {
			k, _ := dateKey(ev.Date.Value)
			return k
		}
		return ev.Published
	}
	sort.Slice(all, func(i, j int) bool {
		ki, kj := key(all[i]), key(all[j])
		return ki < kj || ki == kj && all[i].ID < all[j].ID
	})
	want := ids(all)
	for _, limit := range []int{1, 7, 10, len(all), MaxLimit} {
		got := ids(allEvents(t, s, Filter{Limit: limit}))
		if !slices.Equal(got, want) {
			t.Errorf("limit %d ascending:\n got %v\nwant %v", limit, got, want)
		}
		got = ids(allEvents(t, s, Filter{Limit: limit, Desc: true}))
		reversed := slices.Clone(want)
		slices.Reverse(reversed)
		if !slices.Equal(got, reversed) {
			t.Errorf("limit %d descending: got %v", limit, got)
		}
	}

	// Stable under inserts: rows added before the cursor are not seen, rows after it
	// are seen once, nothing seen twice.
	ctx := context.Background()
	first, next, err := s.Events(ctx, Filter{Limit: 10})
	if err != nil || next == "" {
		t.Fatalf("first page: %v, next %q", err, next)
	}
	early := article.Article{ID: "early", Text: "x", Published: "1999-01-01"}
	late := article.Article{ID: "late", Text: "y", Published: "2099-01-01"}
	put(t, s, early, []event.Event{{ID: "early-1"}})
	put(t, s, late, []event.Event{{ID: "late-1"}})
	rest := allEvents(t, s, Filter{Limit: 10, After: next})
	got := append(ids(first), ids(rest)...)
	if wantAfter := append(slices.Clone(want), "late-1"); !slices.Equal(got, wantAfter) {
		t.Errorf("paging across inserts:\n got %v\nwant %v", got, wantAfter)
	}
}

func testSeries(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	rusCol := func(id string, date string, quad int, gold float64, intensity *float64) event.Event {
		return event.Event{ID: id, Source: &event.Actor{Code: "RUSGOV", Country: "RUS"}, Target: &event.Actor{Code: "COLGOV", Country: "COL"},
			Date: &event.Date{Value: date, Precision: "day"}, QuadClass: quad, Goldstein: ptr(gold), Plover: &event.Plover{Event: "X", Intensity: intensity}}
	}
	back := rusCol("back", "2021-03-02", 4, -10, nil)
	back.Source, back.Target = back.Target, back.Source
	put(t, s, article.Article{ID: "s1", Text: "t", Published: "2021-04-30"}, []event.Event{
		rusCol("m1a", "2021-03-01", 1, 3, ptr(2.0)), // a Monday
		rusCol("m1b", "2021-03-01", 4, -10, ptr(-9.0)),
		rusCol("m3", "2021-03-03", 3, -2, nil),
		rusCol("m10", "2021-03-10", 2, 5, ptr(4.0)),
		rusCol("month", "2021-03", 4, -5, nil),
		rusCol("apr", "2021-04-15", 1, 1, nil),
		back,
	})
	dyad := Filter{Source: "RUS", Target: "COL"}
	series := func(iv Interval, f Filter) []Point {
		t.Helper()
		pts, err := s.Series(context.Background(), SeriesQuery{Filter: f, Interval: iv})
		if err != nil {
			t.Fatalf("Series(%s): %v", iv, err)
		}
		return pts
	}
	point := func(start string, n, vc, mc, vx, mx int, gsum float64, gmean *float64, isum float64, imean *float64) Point {
		return Point{Start: start, Events: n, VerbalCoop: vc, MaterialCoop: mc, VerbalConflict: vx, MaterialConflict: mx,
			GoldsteinSum: gsum, GoldsteinMean: gmean, IntensitySum: isum, IntensityMean: imean}
	}
	check := func(name string, got []Point, want []Point) {
		t.Helper()
		if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
			t.Errorf("%s:\n got %s\nwant %s", name, g, w)
		}
	}
	rangeMarch := dyad
	rangeMarch.From, rangeMarch.To = "2021-03-01", "2021-03-03"
	check("days", series(Day, rangeMarch), []Point{
		point("2021-03-01", 2, 1, 0, 0, 1, -7, ptr(-3.5), -7, ptr(-3.5)),
		point("2021-03-02", 0, 0, 0, 0, 0, 0, nil, 0, nil),
		point("2021-03-03", 1, 0, 0, 1, 0, -2, ptr(-2.0), 0, nil),
	})
	weeks := series(Week, dyad)
	if len(weeks) != 7 {
		t.Fatalf("weeks: %d points, want 7 (2021-03-01 … 2021-04-12): %s", len(weeks), mustJSON(t, weeks))
	}
	check("weeks", []Point{weeks[0], weeks[1], weeks[2], weeks[6]}, []Point{
		point("2021-03-01", 3, 1, 0, 1, 1, -9, ptr(-3.0), -7, ptr(-3.5)),
		point("2021-03-08", 1, 0, 1, 0, 0, 5, ptr(5.0), 4, ptr(4.0)),
		point("2021-03-15", 0, 0, 0, 0, 0, 0, nil, 0, nil),
		point("2021-04-12", 1, 1, 0, 0, 0, 1, ptr(1.0), 0, nil),
	})
	check("months, a month-precision date included", series(Month, dyad), []Point{
		point("2021-03-01", 5, 1, 1, 1, 2, -9, ptr(-1.8), -3, ptr(-1.0)),
		point("2021-04-01", 1, 1, 0, 0, 0, 1, ptr(1.0), 0, nil),
	})
	check("the other direction", series(Month, Filter{Source: "COL", Target: "RUS"}), []Point{
		point("2021-03-01", 1, 0, 0, 0, 1, -10, ptr(-10.0), 0, nil),
	})
	// Stray dates far apart: the buckets with events, not 700,000 days.
	put(t, s, article.Article{ID: "stray", Text: "t"}, []event.Event{
		{ID: "y1", Source: &event.Actor{Code: "CHN"}, Date: &event.Date{Value: "0001-03-09"}, QuadClass: 1},
		{ID: "y2021", Source: &event.Actor{Code: "CHN"}, Date: &event.Date{Value: "2021-03-01"}, QuadClass: 1},
	})
	if got := series(Day, Filter{Source: "CHN"}); len(got) != 2 || got[0].Start != "0001-03-09" || got[1].Start != "2021-03-01" {
		t.Errorf("series over stray dates = %s, want the two days with events", mustJSON(t, got))
	}
	if got := series(Day, Filter{Source: "USA"}); len(got) != 0 {
		t.Errorf("series of an absent actor = %v, want none", got)
	}
}

func testTop(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	fixture(t, s)
	ctx := context.Background()
	actors := func(q TopQuery) string {
		got, err := s.TopActors(ctx, q)
		if err != nil {
			t.Fatalf("TopActors(%+v): %v", q, err)
		}
		var parts []string
		for _, c := range got {
			parts = append(parts, fmt.Sprintf("%s:%d", c.Actor, c.Events))
		}
		return strings.Join(parts, " ")
	}
	dyads := func(q TopQuery) string {
		got, err := s.TopDyads(ctx, q)
		if err != nil {
			t.Fatalf("TopDyads(%+v): %v", q, err)
		}
		var parts []string
		for _, c := range got {
			mean := "-"
			if c.GoldsteinMean != nil {
				mean = fmt.Sprint(*c.GoldsteinMean)
			}
			parts = append(parts, fmt.Sprintf("%s>%s:%d:%s", c.Source, c.Target, c.Events, mean))
		}
		return strings.Join(parts, " ")
	}
	tests := []struct{ name, got, want string }{
		{"either, by code", actors(TopQuery{Limit: 2}), "RUSGOV:3 COLGOV:2"},
		{"sources", actors(TopQuery{Role: AsSource}), "COLGOV:1 COLMIL:1 RUS:1 RUSGOV:1 USAGOV:1"},
		{"targets by country", actors(TopQuery{Role: AsTarget, ByCountry: true}), "COL:3 RUS:2"},
		{"either by country", actors(TopQuery{ByCountry: true}), "COL:5 RUS:4 USA:1"},
		{"filtered", actors(TopQuery{Filter: Filter{QuadClass: 4}, Role: AsSource}), "COLGOV:1 COLMIL:1 RUSGOV:1"},
		{"dyads by country", dyads(TopQuery{ByCountry: true}), "RUS>COL:2:0 COL>COL:1:-10 COL>RUS:1:-4 USA>RUS:1:-2"},
		{"dyads by code, limited", dyads(TopQuery{Limit: 2}), "COLGOV>RUSGOV:1:-4 COLMIL>REB:1:-10"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if st := stats(t, s); st.Actors != 7 || st.FirstDate != "2020-12-21" || st.LastDate != "2021-01-05" {
		t.Errorf("stats = %+v, want 7 actors from 2020-12-21 to 2021-01-05", st)
	}
}

// dump is every stored row except the coding time, in a fixed order, for comparing
// two databases.
func dump(t *testing.T, s Store) string {
	t.Helper()
	return storetest.Dump(t, s.(*sqlStore).r)
}

var errCrash = errors.New("simulated crash")

func testAbortedPut(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	ss := s.(*sqlStore)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(13, 14))
	a, evs := synthArticle(rng, 1, 5)
	other, otherEvs := synthArticle(rng, 2, 3)
	put(t, s, a, evs)
	put(t, s, other, otherEvs)
	before := dump(t, s)

	recoded := a
	recoded.Title = "Recoded"
	_, newEvs := synthArticle(rng, 1, 8) // same ids for the first five, different content

	// A crash just before commit.
	ss.beforeCommit = func(string) error { return errCrash }
	if err := s.PutArticle(ctx, recoded, newEvs); !errors.Is(err, errCrash) {
		t.Errorf("put with a crash before commit: error %v", err)
	}
	ss.beforeCommit = nil
	// An insert failing half-way: an event id another article already has.
	clash := append(slices.Clone(newEvs[:3]), otherEvs[0])
	clash[3].ArticleID = ""
	if err := s.PutArticle(ctx, recoded, clash); err == nil {
		t.Error("put with a clashing event id: no error")
	}
	// The context cancelled in the middle of the transaction.
	cctx, cancel := context.WithCancel(ctx)
	ss.beforeCommit = func(string) error { cancel(); return nil }
	if err := s.PutArticle(cctx, recoded, newEvs); err == nil {
		t.Error("put with its context cancelled mid-way: no error")
	}
	ss.beforeCommit = nil
	if after := dump(t, s); after != before {
		t.Errorf("aborted puts changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	// And the store still works.
	put(t, s, recoded, newEvs)
	if got := allEvents(t, s, Filter{ArticleID: a.ID}); len(got) != len(newEvs) {
		t.Errorf("after the aborted puts, a good put stored %d events, want %d", len(got), len(newEvs))
	}
}

// ingest is what dyad ingest does with a store: skip articles already stored with the
// same content, put the rest. It returns how many it skipped.
func ingest(t *testing.T, s Store, articles []article.Article, events [][]event.Event) (skipped int, err error) {
	ctx := context.Background()
	for i, a := range articles {
		done, err := s.HasArticle(ctx, a.ID, ContentHash(a))
		if err != nil {
			return skipped, err
		}
		if done {
			skipped++
			continue
		}
		if err := s.PutArticle(ctx, a, events[i]); err != nil {
			return skipped, err
		}
	}
	return skipped, nil
}

func testResume(t *testing.T, fresh newURL) {
	rng := rand.New(rand.NewPCG(15, 16))
	var articles []article.Article
	var events [][]event.Event
	for i := range 20 {
		a, evs := synthArticle(rng, i, rng.IntN(8))
		articles, events = append(articles, a), append(events, evs)
	}
	whole := open(t, fresh(t), WithCoderVersion("v1"))
	if _, err := ingest(t, whole, articles, events); err != nil {
		t.Fatal(err)
	}

	crashed := open(t, fresh(t), WithCoderVersion("v1"))
	crashed.(*sqlStore).beforeCommit = func(id string) error {
		if id == articles[11].ID {
			return errCrash // dies while writing the twelfth article
		}
		return nil
	}
	if _, err := ingest(t, crashed, articles, events); !errors.Is(err, errCrash) {
		t.Fatalf("interrupted ingest: error %v", err)
	}
	crashed.(*sqlStore).beforeCommit = nil
	if st := stats(t, crashed); st.Articles != 11 {
		t.Errorf("after the crash: %d articles, want the 11 committed", st.Articles)
	}
	skipped, err := ingest(t, crashed, articles, events)
	if err != nil {
		t.Fatal(err)
	}
	if skipped != 11 {
		t.Errorf("re-run skipped %d articles, want 11", skipped)
	}
	if got, want := dump(t, crashed), dump(t, whole); got != want {
		t.Errorf("interrupted and resumed ingest differs from an uninterrupted one")
	}
	if skipped, _ := ingest(t, crashed, articles, events); skipped != len(articles) {
		t.Errorf("third run skipped %d, want all %d", skipped, len(articles))
	}
}

func testConcurrentPuts(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	const workers, perWorker = 4, 6
	var wg sync.WaitGroup
	errs := make(chan error, workers*(perWorker+1))
	var total int64
	var mu sync.Mutex
	shared := article.Article{ID: "shared", Text: "everyone codes this one"}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 99))
			for i := range perWorker {
				a, evs := synthArticle(rng, w*1000+i, 1+rng.IntN(6))
				if err := s.PutArticle(context.Background(), a, evs); err != nil {
					errs <- err
					return
				}
				mu.Lock()
				total += int64(len(evs))
				mu.Unlock()
			}
			// Every worker also recodes the shared article with its own events.
			var evs []event.Event
			for j := range 3 + w {
				evs = append(evs, event.Event{ID: fmt.Sprintf("shared-w%d-%d", w, j), Evidence: fmt.Sprint(w)})
			}
			if err := s.PutArticle(context.Background(), shared, evs); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent put: %v", err)
	}
	sharedEvs := allEvents(t, s, Filter{ArticleID: "shared"})
	if len(sharedEvs) == 0 {
		t.Fatal("the shared article has no events")
	}
	for _, ev := range sharedEvs {
		if ev.Evidence != sharedEvs[0].Evidence {
			t.Fatalf("the shared article mixes events of two puts: %v", ids(sharedEvs))
		}
	}
	if want := 3 + int(sharedEvs[0].Evidence[0]-'0'); len(sharedEvs) != want {
		t.Errorf("shared article has %d events, want %d", len(sharedEvs), want)
	}
	st := stats(t, s)
	if st.Articles != workers*perWorker+1 || st.Events != total+int64(len(sharedEvs)) {
		t.Errorf("stats = %+v, want %d articles and %d events", st, workers*perWorker+1, total+int64(len(sharedEvs)))
	}
}

func testBatchPut(t *testing.T, fresh newURL) {
	s := open(t, fresh(t))
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(17, 18))
	var batch []Coded
	var single []Coded
	for i := range 10 {
		a, evs := synthArticle(rng, i, 1+rng.IntN(6))
		batch = append(batch, Coded{a, evs})
		single = append(single, Coded{a, evs})
	}
	if err := s.PutArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if err := s.PutArticles(ctx, nil); err != nil {
		t.Errorf("empty batch: %v", err)
	}
	// The same as putting them one by one.
	one := open(t, fresh(t))
	for _, c := range single {
		put(t, one, c.Article, c.Events)
	}
	if dump(t, s) != dump(t, one) {
		t.Error("a batch put differs from single puts")
	}
	before := dump(t, s)

	// A batch whose last article fails leaves nothing of the others.
	newA, newEvs := synthArticle(rng, 100, 3)
	recoded := batch[0]
	recoded.Article.Title = "Recoded"
	clash := Coded{Article: article.Article{ID: "zz-clash", Text: "x"}, Events: []event.Event{{ID: batch[1].Events[0].ID}}}
	if err := s.PutArticles(ctx, []Coded{{newA, newEvs}, recoded, clash}); err == nil {
		t.Error("batch with a clashing event id: no error")
	}
	if err := s.PutArticles(ctx, []Coded{{newA, newEvs}, {newA, newEvs}}); err == nil {
		t.Error("batch with the same article twice: no error")
	}
	if dump(t, s) != before {
		t.Error("a failed batch changed the database")
	}
}
