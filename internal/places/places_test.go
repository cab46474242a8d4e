package places

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"dyad/internal/article"
	"dyad/internal/shareddata"
)

func parser(tb testing.TB) *Parser {
	tb.Helper()
	p, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// find returns the mention whose text is name (the first one), or nil.
func find(ms []Mention, name string) *Mention {
	for i := range ms {
		if ms[i].Text == name {
			return &ms[i]
		}
	}
	return nil
}

func TestFindResolves(t *testing.T) {
	p := parser(t)
	for _, tc := range []struct {
		text      string
		name      string // mention text
		geonameid uint32
		country   string
	}{
		{"Police said the attack happened in Paris, Texas, on Monday.", "Paris", 4717560, "USA"},
		{"Protesters gathered in Paris on Saturday, French police said.", "Paris", 2988507, "FRA"},
		{"He drove from Atlanta, Georgia to Savannah last week.", "Georgia", 4197000, "USA"},
		{"Russian troops entered Georgia after fighting in South Ossetia.", "Georgia", 614540, "GEO"},
		{"King Abdullah of Jordan met officials in Amman.", "Jordan", 248816, "JOR"},
		{"The meeting is set for May 5 in Bogota.", "Bogota", 3688689, "COL"},
		{"Russia expelled two diplomats at the embassy in Bogotá, Reuters reported.", "Bogotá", 3688689, "COL"},
		{"The ministry in Moscow said the move was groundless.", "Moscow", 524901, "RUS"},
		{"Chiquita Henry, 19, of 1935 Orchard St., Alexandria, La., was arrested.", "Alexandria", 4314550, "USA"},
		{"Officials in the U.S. and Canada disagreed.", "U.S.", 6252001, "USA"},
		{"Rebels crossed into Côte d'Ivoire overnight.", "Côte d'Ivoire", 2287781, "CIV"},
		{"Floods hit Queensland and NSW again.", "NSW", 2155400, "AUS"},
	} {
		ms := p.Find(tc.text)
		m := find(ms, tc.name)
		if m == nil {
			t.Errorf("%q: no mention %q in %+v", tc.text, tc.name, ms)
			continue
		}
		if m.GeonameID != tc.geonameid || m.Country != tc.country {
			t.Errorf("%q: %s resolved to %s %d %s, want %d %s", tc.text, tc.name, m.Name, m.GeonameID, m.Country, tc.geonameid, tc.country)
		}
		if m.Confidence <= 0 || m.Confidence > 1 {
			t.Errorf("%q: confidence %v out of (0, 1]", tc.text, m.Confidence)
		}
	}
}

func TestFindRejects(t *testing.T) {
	p := parser(t)
	for _, tc := range []struct{ text, notPlace string }{
		{"Michael Jordan visited Chicago on Friday.", "Jordan"},
		{"The meeting is set for May 5 in Bogota.", "May"},
		{"Colombian officials said the diplomats had left.", "Colombian"},
		{"The Boston Globe reported the story first.", "Boston"},
		{"He lives at 2517 Memphis St. in Alexandria.", "Memphis"},
		{"The deal was signed in March in Geneva.", "March"},
		{"Mr. Clinton said he would return.", "Clinton"},
		{"According to FAO, the outbreak is over.", "FAO"},
	} {
		if m := find(p.Find(tc.text), tc.notPlace); m != nil {
			t.Errorf("%q: %q taken for a place: %+v", tc.text, tc.notPlace, *m)
		}
	}
}

func TestSeedArticle(t *testing.T) {
	path := shareddata.Path(t, "acceptance/seed/article.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	ms := parser(t).Find(text)
	want := map[string]struct {
		id      uint32
		country string
	}{
		"Bogotá":    {3688689, "COL"},
		"Moscow":    {524901, "RUS"},
		"Colombia":  {3686110, "COL"},
		"Venezuela": {3625428, "VEN"},
		"Russia":    {2017370, "RUS"},
	}
	for name, w := range want {
		m := find(ms, name)
		if m == nil {
			t.Errorf("seed article: %s not found", name)
			continue
		}
		if m.GeonameID != w.id || m.Country != w.country {
			t.Errorf("seed article: %s -> %d %s, want %d %s", name, m.GeonameID, m.Country, w.id, w.country)
		}
	}
	for _, m := range ms {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("offsets %d-%d do not slice %q", m.Start, m.End, m.Text)
		}
		if strings.Contains(m.Text, "Latin") || m.Text == "Tass" || m.Text == "Kremlin" {
			t.Errorf("seed article: %q taken for a place", m.Text)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"", "Paris, Texas", "U.S.A.", "W.Va.", "Côte d’Ivoire", "St. Louis, Mo.", "\xff\xfeParis",
		"PARIS (Reuters) - France", "in Bogotá-based", "'s", "A.", "-Paris-", "Paris,",
	} {
		f.Add(s)
	}
	p := parser(f)
	f.Fuzz(func(t *testing.T, text string) {
		ms := p.Find(text)
		last := -1
		for _, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("bad span %d-%d in %q", m.Start, m.End, text)
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("span %d-%d does not slice %q", m.Start, m.End, m.Text)
			}
			if m.Start < last {
				t.Fatalf("mentions out of order in %q", text)
			}
			last = m.End
			if utf8.ValidString(text) && !utf8.ValidString(m.Text) {
				t.Fatalf("mention splits a character: %q", m.Text)
			}
		}
	})
}

// BenchmarkFindAllSides geoparses AllSides articles and reports articles/s.
func BenchmarkFindAllSides(b *testing.B) {
	path := shareddata.Path(b, "data/news/allsides/allsides_articles.jsonl.gz")
	var texts []string
	for a, err := range article.Read([]string{path}, article.Options{}) {
		if err == nil {
			texts = append(texts, a.Text)
		}
		if len(texts) == 2000 {
			break
		}
	}
	p := parser(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		p.Find(texts[n%len(texts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
