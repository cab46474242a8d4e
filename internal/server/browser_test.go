package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dyad/internal/analysis"
	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/shareddata"
	"dyad/internal/store"
)

// browserHangGuard bounds the whole browser test. chromedp waits for nodes and page
// loads until its context ends, so without a deadline a page that never shows an
// element would hang the test run. It guards against hangs only: it is not a
// performance limit (the test takes seconds on a loaded machine).
const browserHangGuard = 2 * time.Minute

// chromiumPath returns the browser to drive: $DYAD_CHROMIUM, else the first of the
// usual names on $PATH. It skips the test when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("skipped: DYAD_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("skipped: no Chromium found (install the chromium package, or set DYAD_CHROMIUM to a Chrome or Chromium binary)")
	return ""
}

// seedArticle reads the acceptance seed article with the id and publication date
// its expected.json gives.
func seedArticle(t *testing.T) article.Article {
	t.Helper()
	dir := shareddata.Path(t, "acceptance/seed")
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Article struct {
			File, ID, Published, Language string
		} `json:"article"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatalf("seed expected.json: %v", err)
	}
	text, err := os.ReadFile(filepath.Join(dir, meta.Article.File))
	if err != nil {
		t.Fatal(err)
	}
	return article.Article{ID: meta.Article.ID, Title: "Seed article", Publisher: "acceptance", Text: string(text),
		Published: meta.Article.Published, Language: meta.Article.Language}
}

// newBrowser starts headless Chromium with a fresh profile and returns a tab's
// context. The flags keep the browser off the network (this matters on closed
// machines, where background fetches would stall it) and runnable as root in a
// container.
func newBrowser(t *testing.T, ctx context.Context, execPath string) context.Context {
	t.Helper()
	profile := t.TempDir() // made before the browser so it is removed after it stops
	var out bytes.Buffer
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(&out),
	)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		bcancel()
		acancel() // waits for the browser to exit
		if t.Failed() && out.Len() > 0 {
			t.Logf("browser output:\n%s", out.String())
		}
	})
	return bctx
}

// TestBrowserSeedDyad codes the seed article with the real pipeline, serves it, and
// walks the UI in headless Chromium as a reader would: the event list, the RUS → COL
// dyad page (chart and reciprocity table), then a click through to the evidence of
// Russia's answer. It checks what only a browser shows (the style sheet applied under
// the Content-Security-Policy, the chart's dots drawn inside the plot, the marks'
// colours) and saves full-page screenshots.
func TestBrowserSeedDyad(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: starts a browser")
	}
	execPath := chromiumPath(t)
	seed := seedArticle(t)

	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "seed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	events := testPipeline(t).Code(seed)
	if err := s.PutArticle(ctx, seed, events); err != nil {
		t.Fatal(err)
	}
	byID := map[string]event.Event{}
	for _, ev := range events {
		byID[ev.ID] = ev
	}
	ts := httptest.NewServer(newTestServer(t, s, Options{}))
	t.Cleanup(ts.Close)

	ctx, cancel := context.WithTimeout(ctx, browserHangGuard)
	t.Cleanup(cancel)
	tab := newBrowser(t, ctx, execPath)
	shots := screenshotDirs(t)

	// The event list: a row per coded event (50 to a page).
	if err := chromedp.Do(tab, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatalf("opening the event list: %v", err)
	}
	rows, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("tr.event-row").length`))
	if err != nil {
		t.Fatal(err)
	}
	if want := min(len(events), 50); rows != want {
		t.Errorf("event list: %d rows, want %d (the coded events)", rows, want)
	}
	// The busiest dyads go by actor code (RUSGOV → COLGOV); the country dyad page is
	// linked from each event's page. Open a Russian event on Colombia, then its dyad.
	var first string
	for _, ev := range events {
		if country(ev.Source) == "RUS" && country(ev.Target) == "COL" {
			first = ev.ID
			break
		}
	}
	if first == "" {
		t.Fatalf("the pipeline coded no RUS → COL event in the seed article")
	}
	clickThrough(t, tab, `table.events a[href="/events/`+first+`"]`, "/events/"+first)
	label, err := chromedp.Run(tab, chromedp.Evaluate[string](`(document.querySelector('main a[href="/dyads/RUS/COL"]') || {}).textContent || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if label != "Dyad page: RUS ⇄ COL" { // the page it leads to, not the actors' codes
		t.Errorf("dyad link of event %s says %q, want Dyad page: RUS ⇄ COL", first, label)
	}
	clickThrough(t, tab, `main a[href="/dyads/RUS/COL"]`, "/dyads/RUS/COL")
	checkStyled(t, tab)

	// The chart: two series, each with dots inside the plot area, as many as the API
	// has buckets with events.
	page, err := chromedp.Run(tab, chromedp.Evaluate[dyadPage](dyadPageJS))
	if err != nil {
		t.Fatalf("reading the dyad page: %v", err)
	}
	if page.Heading != "RUS ⇄ COL" {
		t.Errorf("heading %q, want RUS ⇄ COL", page.Heading)
	}
	if page.Chart.Width < 300 || page.Chart.Height < 150 {
		t.Errorf("chart drawn %.0f×%.0f px, too small to read", page.Chart.Width, page.Chart.Height)
	}
	if len(page.Chart.Clipped) > 0 {
		t.Errorf("chart text cut off by the chart's edge: %q", page.Chart.Clipped)
	}
	wantDots := apiSeriesDots(t, ts.URL)
	if len(page.Series) != 2 {
		t.Fatalf("chart series %+v, want RUS → COL and COL → RUS", page.Series)
	}
	for i, label := range []string{"RUS → COL", "COL → RUS"} {
		sr := page.Series[i]
		if sr.Label != label {
			t.Errorf("series %d is %q, want %q", i, sr.Label, label)
		}
		if len(sr.Dots) == 0 || len(sr.Dots) != wantDots[i] {
			t.Errorf("series %s: %d dots, want %d (the API's buckets with events) and at least one", label, len(sr.Dots), wantDots[i])
		}
		for _, d := range sr.Dots {
			p := page.Chart.Plot
			if d.X < p.Left || d.X > p.Right || d.Y < p.Top || d.Y > p.Bottom {
				t.Errorf("series %s: dot %q drawn at (%.0f, %.0f), outside the plot %+v", label, d.Title, d.X, d.Y, p)
			}
			if !strings.HasPrefix(d.Title, label+" ") || !strings.Contains(d.Title, "mean Goldstein") {
				t.Errorf("series %s: dot tooltip %q", label, d.Title)
			}
		}
	}

	// The reciprocity table: a row per direction with the counts the API gives, and
	// the note on events left out for a coarse date (the seed dates Colombia's
	// expulsion only to "this month").
	rec := apiReciprocity(t, ts.URL)
	for _, d := range []analysis.Direction{rec.AB, rec.BA} {
		dir := d.From + " → " + d.To
		var row []string
		for _, r := range page.Reciprocity {
			if len(r) == 7 && r[0] == dir && r[1] == "all" {
				row = r
			}
		}
		want := []string{strconv.Itoa(d.All.Events), strconv.Itoa(d.All.Answered), strconv.Itoa(d.All.InKind)}
		if row == nil || !slices.Equal(row[2:5], want) {
			t.Errorf("reciprocity row %s all: %v, want events, answered, in kind %v", dir, row, want)
		}
	}
	if rec.AB.All.Events == 0 {
		t.Errorf("reciprocity: no dated RUS → COL event, want Russia's moves of December 2020")
	}
	if undated := rec.AB.Undated + rec.BA.Undated; undated > 0 && !strings.Contains(page.Undated, "dated only to the month") {
		t.Errorf("%d events left out for a coarse date, but the page says %q", undated, page.Undated)
	}

	// Russia's response among the answered events: a RUS → COL event, the one the
	// pipeline linked as a response if it is listed.
	var responseID string
	for _, a := range page.Answers {
		for _, href := range []string{a.Event, a.Answer} {
			ev, ok := byID[strings.TrimPrefix(href, "/events/")]
			if !ok || country(ev.Source) != "RUS" || country(ev.Target) != "COL" {
				continue
			}
			if responseID == "" || hasResponseLink(ev) && !hasResponseLink(byID[responseID]) {
				responseID = ev.ID
			}
		}
	}
	if responseID == "" {
		t.Fatalf("no RUS → COL event among the answered events %+v", page.Answers)
	}
	saveScreenshot(t, tab, shots, "dyad-RUS-COL.png")

	// Click through to its evidence: the article with its spans marked.
	clickThrough(t, tab, `table.answers a[href="/events/`+responseID+`"]`, "/events/"+responseID)
	checkStyled(t, tab)
	marks, err := chromedp.Run(tab, chromedp.Evaluate[[]mark](marksJS))
	if err != nil {
		t.Fatalf("reading the marks: %v", err)
	}
	ev := byID[responseID]
	want := map[string]string{"source": ev.Source.Text, "target": ev.Target.Text, "trigger": ev.Trigger.Text}
	colours := map[string]string{}
	for _, m := range marks {
		if w, ok := want[m.Kind]; ok {
			if m.Text != w {
				t.Errorf("%s marked %q, want %q", m.Kind, m.Text, w)
			}
			delete(want, m.Kind)
		}
		if m.Width == 0 || m.Height == 0 {
			t.Errorf("%s mark %q is not drawn", m.Kind, m.Text)
		}
		if m.Background == "" || m.Background == "rgba(0, 0, 0, 0)" {
			t.Errorf("%s mark %q has no background", m.Kind, m.Text)
		}
		if k, seen := colours[m.Background]; seen && k != m.Kind {
			t.Errorf("%s and %s marks share the colour %s", k, m.Kind, m.Background)
		}
		colours[m.Background] = m.Kind
	}
	for kind, text := range want {
		t.Errorf("the %s %q is not marked in the article", kind, text)
	}
	if len(ev.Mentions) > 0 {
		n, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("article.text span.mention").length`))
		if err != nil || n < len(ev.Mentions) {
			t.Errorf("%d mention sentences shaded (err %v), want %d", n, err, len(ev.Mentions))
		}
	}
	saveScreenshot(t, tab, shots, "event-"+responseID+".png")
}

// clickThrough clicks the link sel names on the tab's page and checks that it leads
// to path with status 200. It looks for the link first: a click on a missing link
// would wait for it until the hang guard ends the test.
func clickThrough(t *testing.T, tab context.Context, sel, path string) {
	t.Helper()
	n, err := chromedp.Run(tab, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", sel)))
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		loc, _ := chromedp.Run(tab, chromedp.Location())
		t.Fatalf("%s: no link %s", loc, sel)
	}
	resp, err := chromedp.RunResponse(tab, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
	if resp.Status != http.StatusOK || !strings.HasSuffix(resp.URL, path) {
		t.Fatalf("%s led to %s (status %d), want %s", sel, resp.URL, resp.Status, path)
	}
}

// hasResponseLink tells whether ev is linked as a response to another event.
func hasResponseLink(ev event.Event) bool {
	return slices.ContainsFunc(ev.Links, func(l event.Link) bool { return l.Type == "response_to" })
}

// country is an actor's country, "" for none.
func country(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.Country
}

// dyadPage is what dyadPageJS reads from a dyad page.
type dyadPage struct {
	Heading string `json:"heading"`
	Chart   struct {
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
		Plot   struct {
			Left   float64 `json:"left"`
			Right  float64 `json:"right"`
			Top    float64 `json:"top"`
			Bottom float64 `json:"bottom"`
		} `json:"plot"`
		Clipped []string `json:"clipped"`
	} `json:"chart"`
	Series []struct {
		Label string `json:"label"`
		Dots  []struct {
			X     float64 `json:"x"`
			Y     float64 `json:"y"`
			Title string  `json:"title"`
		} `json:"dots"`
	} `json:"series"`
	Reciprocity [][]string `json:"reciprocity"`
	Undated     string     `json:"undated"`
	Answers     []struct {
		Event  string `json:"event"`
		Answer string `json:"answer"`
	} `json:"answers"`
}

// dyadPageJS reads the dyad page as drawn: positions are the browser's layout, in
// CSS pixels of the viewport.
const dyadPageJS = `(() => {
	const box = el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
	const svg = document.querySelector("svg.chart");
	const chart = svg ? {...box(svg), plot: box(svg.querySelector("rect"))} : {};
	if (svg) {
		// Text the SVG's edge cuts off: its box reaches past the SVG's.
		const s = box(svg);
		chart.clipped = [...svg.querySelectorAll("text")].map(t => [t, box(t)])
			.filter(([, b]) => b.left < s.left - 0.5 || b.right > s.right + 0.5 || b.top < s.top - 0.5 || b.bottom > s.bottom + 0.5)
			.map(([t]) => t.textContent);
	}
	const series = [...document.querySelectorAll("svg.chart g.series")].map(g => ({
		label: g.dataset.label,
		dots: [...g.querySelectorAll("circle")].map(c => {
			const b = box(c);
			return {x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, title: (c.querySelector("title") || {}).textContent || ""};
		}),
	}));
	const cells = tr => [...tr.cells].map(td => td.textContent.trim());
	const href = td => { const a = td && td.querySelector("a"); return a ? a.getAttribute("href") : ""; };
	return {
		heading: document.querySelector("h1").textContent.trim(),
		chart, series,
		reciprocity: [...document.querySelectorAll("table.reciprocity tr.rec-row")].map(cells),
		undated: (document.querySelector("p.undated") || {}).textContent || "",
		answers: [...document.querySelectorAll("table.answers tbody tr")].map(tr => ({event: href(tr.cells[0]), answer: href(tr.cells[1])})),
	};
})()`

// mark is one highlighted span of the article view.
type mark struct {
	Kind       string  `json:"kind"`
	Text       string  `json:"text"`
	Background string  `json:"background"`
	Width      float64 `json:"width"`
	Height     float64 `json:"height"`
}

const marksJS = `[...document.querySelectorAll("article.text mark")].map(m => {
	const r = m.getBoundingClientRect();
	return {kind: m.className.replace(/^ev-/, ""), text: m.textContent, background: getComputedStyle(m).backgroundColor, width: r.width, height: r.height};
})`

// checkStyled fails the test when the page is drawn without the style sheet (say,
// because the Content-Security-Policy blocked it): the header's dark background
// comes only from there.
func checkStyled(t *testing.T, tab context.Context) {
	t.Helper()
	bg, err := chromedp.Run(tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header")).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if bg != "rgb(38, 50, 56)" {
		t.Errorf("header background %q: the style sheet is not applied", bg)
	}
}

// apiSeriesDots returns how many buckets of each direction of the RUS–COL weekly
// series hold events, as GET /api/series tells them.
func apiSeriesDots(t *testing.T, base string) [2]int {
	t.Helper()
	resp, err := http.Get(base + "/api/series?source=RUS&target=COL&both=1&interval=week")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body seriesBody
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || len(body.Series) != 2 {
		t.Fatalf("GET /api/series: status %d, err %v, %d series", resp.StatusCode, err, len(body.Series))
	}
	var n [2]int
	for i, sr := range body.Series {
		for _, p := range sr.Points {
			if p.Events > 0 && p.GoldsteinMean != nil {
				n[i]++
			}
		}
	}
	return n
}

// apiReciprocity returns the RUS–COL reciprocity as GET /api/reciprocity tells it.
func apiReciprocity(t *testing.T, base string) analysis.Reciprocity {
	t.Helper()
	resp, err := http.Get(base + "/api/reciprocity?a=RUS&b=COL")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rec analysis.Reciprocity
	if err := json.NewDecoder(resp.Body).Decode(&rec); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/reciprocity: status %d, err %v", resp.StatusCode, err)
	}
	return rec
}

// screenshotDirs are where screenshots go: the test's temporary folder, and
// $DYAD_SCREENSHOT_DIR when set (to keep them after the test).
func screenshotDirs(t *testing.T) []string {
	dirs := []string{t.TempDir()}
	if d := os.Getenv("DYAD_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

// saveScreenshot writes a full-page PNG of the tab to each of dirs.
func saveScreenshot(t *testing.T, tab context.Context, dirs []string, name string) {
	t.Helper()
	buf, err := chromedp.Run(tab, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot %s is not a PNG: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 600 {
		t.Errorf("screenshot %s is %d×%d px", name, b.Dx(), b.Dy())
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}
