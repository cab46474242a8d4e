package server

import (
	"fmt"
	"net/http"

	"dyad/internal/event"
	"regexp"
	"strings"
	"testing"
)

func TestBrowsePage(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	tests := []struct {
		target   string
		status   int
		rows     int
		contains []string
	}{
		{"/", 200, 5, []string{`<form class="filters"`, `href="/events/ev-rus-expels"`, `<a href="/dyads/RUS/COL">RUS → COL</a>`, `<a href="/dyads/COL/RUS">COL → RUS</a>`}},
		{"/?source=RUS&target=COL", 200, 3, []string{`value="RUS"`}},
		{"/?limit=2", 200, 2, []string{`rel="next" href="/?cursor=`}},
		{"/?from=2020-13", 400, 0, []string{`class="error"`, "from"}},
		{"/?source=" + "%3Cscript%3E", 400, 0, []string{"&lt;script&gt;"}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := do(h, "GET", tt.target, nil, nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			html := rec.Body.String()
			if n := strings.Count(html, `<tr class="event-row">`); n != tt.rows {
				t.Errorf("%d event rows, want %d", n, tt.rows)
			}
			for _, c := range tt.contains {
				if !strings.Contains(html, c) {
					t.Errorf("page lacks %q", c)
				}
			}
			if strings.Contains(html, "<script") {
				t.Errorf("page carries a <script")
			}
		})
	}
}

func TestBrowsePageEscapesArticleText(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	html := do(h, "GET", "/?article=markup", nil, nil).Body.String()
	if strings.Contains(html, "<script>alert") || !strings.Contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") {
		t.Errorf("evidence with markup is not escaped:\n%s", html)
	}
}

func TestEventPageHighlightsEvidence(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/events/ev-rus-expels", nil, nil)
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	html := rec.Body.String()
	for _, want := range []string{
		`<mark class="ev-source" title="source">Russia</mark> <mark class="ev-trigger" title="trigger">expelled</mark> two <mark class="ev-target" title="target">Colombian diplomats</mark> on <mark class="ev-date"`,
		`<mark class="ev-date" title="date">Wednesday</mark>`,
		`<mark class="ev-place" title="place">Bogotá</mark>`,
		`href="/dyads/RUS/COL"`,
		`href="/events/ev-col-orders"`, // the article's other events
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if !strings.Contains(html, `<span class="mention"><mark class="ev-source" title="source">Russia</mark>`) {
		t.Errorf("the mention sentence is not marked")
	}
	// "Colombian diplomats" is the target: marked, whole.
	if !strings.Contains(html, `<mark class="ev-target" title="target">Colombian diplomats</mark>`) {
		t.Errorf("target not highlighted")
	}

	rec = do(h, "GET", "/events/ev-markup", nil, nil)
	html = rec.Body.String()
	for _, want := range []string{
		`&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark class="ev-source" title="source">Russia</mark>`,
		`&lt;b&gt;expulsions&lt;/b&gt;`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("markup page lacks %q", want)
		}
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "<b>expulsions") {
		t.Errorf("article markup reached the page unescaped")
	}

	if rec := do(h, "GET", "/events/nope", nil, nil); rec.Code != http.StatusNotFound {
		t.Errorf("unknown event page: status %d", rec.Code)
	}
}

func TestHighlightSplitsAtOffsets(t *testing.T) {
	text := "a<b> é & c"
	tests := []struct {
		name  string
		spans []span
		want  string
	}{
		{"none", nil, "a&lt;b&gt; é &amp; c"},
		{"markup inside a span", []span{{Kind: "source", Start: 1, End: 4}}, `a<mark class="ev-source" title="source">&lt;b&gt;</mark> é &amp; c`},
		{"multibyte", []span{{Kind: "trigger", Start: 5, End: 7}}, `a&lt;b&gt; <mark class="ev-trigger" title="trigger">é</mark> &amp; c`},
		{"overlap left unmarked", []span{{Kind: "source", Start: 0, End: 4}, {Kind: "target", Start: 2, End: 7}}, `<mark class="ev-source" title="source">a&lt;b&gt;</mark> é &amp; c`},
		{"out of range skipped", []span{{Kind: "place", Start: 3, End: 99}}, "a&lt;b&gt; é &amp; c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(highlight(text, tt.spans)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestHighlightMentions(t *testing.T) {
	text := "One <x>. Two y. Three."
	tests := []struct {
		name     string
		spans    []span
		mentions []event.Mention
		want     string
	}{
		{"mark inside a mention", []span{{Kind: "trigger", Start: 4, End: 7}},
			[]event.Mention{{Start: 0, End: 8}},
			`<span class="mention">One <mark class="ev-trigger" title="trigger">&lt;x&gt;</mark>.</span> Two y. Three.`},
		{"two mentions", nil,
			[]event.Mention{{Start: 9, End: 15}, {Start: 0, End: 8}},
			`<span class="mention">One &lt;x&gt;.</span> <span class="mention">Two y.</span> Three.`},
		{"mark across a mention's end is cut", []span{{Kind: "place", Start: 13, End: 21}},
			[]event.Mention{{Start: 9, End: 15}},
			`One &lt;x&gt;. <span class="mention">Two <mark class="ev-place" title="place">y.</mark></span><mark class="ev-place" title="place"> Three</mark>.`},
		{"bad mentions left out", nil,
			[]event.Mention{{Start: 5, End: 99}, {Start: -1, End: 3}, {Start: 3, End: 3}},
			`One &lt;x&gt;. Two y. Three.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(highlightMentions(text, tt.spans, tt.mentions)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDyadPage(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/dyads/COL/RUS?interval=week", nil, nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	html := rec.Body.String()
	if !strings.Contains(html, `<svg class="chart"`) {
		t.Fatal("no chart")
	}
	series := regexp.MustCompile(`<g class="series s(\d)" data-label="([^"]*)">`).FindAllStringSubmatch(html, -1)
	if len(series) != 2 || series[0][2] != "COL → RUS" || series[1][2] != "RUS → COL" {
		t.Errorf("series groups %v, want COL → RUS and RUS → COL", series)
	}
	// RUS→COL has events in three weeks, none adjacent: three dots; COL→RUS in two.
	for i, want := range []int{2, 3} {
		g := html[strings.Index(html, series[i][0]):]
		g = g[:strings.Index(g, "</g>")]
		if n := strings.Count(g, "<circle"); n != want {
			t.Errorf("series %s: %d dots, want %d", series[i][2], n, want)
		}
	}
	rows := regexp.MustCompile(`<tr class="rec-row"><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td><td>(\d+)</td>`).FindAllStringSubmatch(html, -1)
	if len(rows) < 2 {
		t.Fatalf("reciprocity rows %v", rows)
	}
	if rows[0][1] != "COL → RUS" || rows[0][2] != "all" || rows[0][3] != "2" || rows[0][4] == "0" {
		t.Errorf("first reciprocity row %v, want COL → RUS all 2 events, some answered", rows[0][1:])
	}
	if !strings.Contains(html, `href="/events/ev-rus-expels"`) {
		t.Errorf("the answering event is not linked")
	}
	for _, bad := range []string{"/dyads/RUS/%27%20OR%201=1", "/dyads/RUS/COL?interval=year", "/dyads/RUS/COL?from=x", "/dyads/RUS/COL?foo=1"} {
		if rec := do(h, "GET", bad, nil, nil); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", bad, rec.Code)
		}
	}
}

func TestMapPage(t *testing.T) {
	h := newTestServer(t, testStore(t), Options{})
	rec := do(h, "GET", "/map", nil, nil)
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	html := rec.Body.String()
	dots := regexp.MustCompile(`<circle class="place" cx="([-\d.]+)" cy="([-\d.]+)"`).FindAllStringSubmatch(html, -1)
	if len(dots) != 2 {
		t.Fatalf("%d places on the map, want 2 (Bogotá, Moscow)", len(dots))
	}
	// Bogotá (4.61 N, 74.08 W) lies left of Moscow (55.75 N, 37.62 E) and lower.
	want := map[string]bool{"211.8,170.8": true, "435.2,68.5": true}
	for _, d := range dots {
		if !want[d[1]+","+d[2]] {
			t.Errorf("dot at %s,%s is not Bogotá or Moscow", d[1], d[2])
		}
	}
	// The land: Bogotá's and Moscow's one-degree cells are land; the middle of the
	// Pacific (0°, 160° W: x 40, y 180) is not.
	m := regexp.MustCompile(`<path class="land" d="([^"]+)"`).FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no land on the map")
	}
	if !landAt(m[1], 211, 170) || !landAt(m[1], 435, 68) || landAt(m[1], 40, 180) {
		t.Errorf("land at Bogotá %v, Moscow %v, mid-Pacific %v; want true, true, false",
			landAt(m[1], 211, 170), landAt(m[1], 435, 68), landAt(m[1], 40, 180))
	}
	if rec := do(h, "GET", "/map?country=COL", nil, nil); strings.Count(rec.Body.String(), `<circle class="place"`) != 1 {
		t.Errorf("country=COL should leave one place")
	}
	if rec := do(h, "GET", "/map?quad=9", nil, nil); rec.Code != http.StatusBadRequest {
		t.Errorf("bad filter: status %d", rec.Code)
	}
}

// landAt reports whether pixel (x, y) lies in one of the land path's rectangles
// ("M x y h w v h h -w z").
func landAt(path string, x, y float64) bool {
	re := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v(\d+)`)
	for _, m := range re.FindAllStringSubmatch(path, -1) {
		var x0, y0, w, h float64
		fmt.Sscan(m[1], &x0)
		fmt.Sscan(m[2], &y0)
		fmt.Sscan(m[3], &w)
		fmt.Sscan(m[4], &h)
		if x >= x0 && x < x0+w && y >= y0 && y < y0+h {
			return true
		}
	}
	return false
}
