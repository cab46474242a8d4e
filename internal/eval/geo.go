package eval

import (
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"dyad/internal/gazetteer"
	"dyad/internal/places"
)

// The geo format: toponym gold sets in XML, as distributed with "A Pragmatic Guide to
// Geoparsing Evaluation": GeoVirus (<article><text/><locations><location> with name,
// start, end, lat, lon, page) and LGL (<article><text/><toponyms><toponym> with
// start, end, phrase and a <gaztag geonameid> giving the GeoNames entry, its
// coordinates and country). Offsets there count characters; GeoVirus' are one past
// the name's first character, so each gold name is looked for near its offset.
//
// The scorer runs package places directly (not the event coder) on each article's text.

func init() {
	Register(Format{
		Name:  "geo",
		Doc:   "toponym XML (GeoVirus, LGL): place-name precision/recall, accuracy within 161 km, GeoNames id, country",
		Score: scoreGeo,
	})
}

// geoFile is both layouts; a file uses one of them.
type geoFile struct {
	Articles []struct {
		Text      string        `xml:"text"`
		Locations []geoLocation `xml:"locations>location"`
		Toponyms  []lglToponym  `xml:"toponyms>toponym"`
	} `xml:"article"`
}

type geoLocation struct {
	Name  string `xml:"name"`
	Start string `xml:"start"`
	End   string `xml:"end"`
	Lat   string `xml:"lat"`
	Lon   string `xml:"lon"`
}

type lglToponym struct {
	Start  string `xml:"start"`
	End    string `xml:"end"`
	Phrase string `xml:"phrase"`
	Gaztag *struct {
		ID      string `xml:"geonameid,attr"`
		Lat     string `xml:"lat"`
		Lon     string `xml:"lon"`
		Country struct {
			ID string `xml:"geonameid,attr"`
		} `xml:"country"`
	} `xml:"gaztag"`
}

// geoGold is one gold toponym with byte offsets into its article.
type geoGold struct {
	start, end int
	name       string
	lat, lon   float64
	hasCoords  bool
	geonameid  uint32 // 0 when the gold has none
	country    string // ISO2, "" when unknown
}

// GeoParser is the geoparser the geo scorer runs; nil means the embedded gazetteer's.
var GeoParser *places.Parser

func scoreGeo(opt Options, path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var doc geoFile
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Articles) == 0 {
		return nil, fmt.Errorf("%s: no <article> records", path)
	}
	parser := GeoParser
	if parser == nil {
		if parser, err = places.Default(); err != nil {
			return nil, err
		}
	}
	gaz, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	rep := &Report{Format: "geo", File: path, Records: len(doc.Articles)}
	var s geoScore
	near := newGeoNearest(gaz)
	for ai, a := range doc.Articles {
		gold, problems := readGeoGold(a.Text, a.Locations, a.Toponyms, gaz, near)
		for _, p := range problems {
			if len(rep.Problems) < 100 {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s: article %d: %s", path, ai+1, p))
			}
		}
		pred := parser.Find(a.Text)
		s.add(a.Text, gold, pred, gaz)
		if opt.Progress != nil {
			opt.Progress(ai+1, len(doc.Articles))
		}
	}
	s.report(rep)
	return rep, nil
}

func readGeoGold(text string, locs []geoLocation, tops []lglToponym, gaz *gazetteer.Gazetteer, near *geoNearest) ([]geoGold, []string) {
	var gold []geoGold
	var problems []string
	runeToByte := geoRuneOffsets(text)
	place := func(name, start, end string) (geoGold, bool) {
		s, err1 := strconv.Atoi(strings.TrimSpace(start))
		e, err2 := strconv.Atoi(strings.TrimSpace(end))
		if err1 != nil || err2 != nil || s < 0 || e < s {
			problems = append(problems, fmt.Sprintf("toponym %q: bad offsets %q %q", name, start, end))
			return geoGold{}, false
		}
		bs, be, ok := geoLocate(text, runeToByte, name, s, e)
		if !ok {
			problems = append(problems, fmt.Sprintf("toponym %q not found near character %d", name, s))
			return geoGold{}, false
		}
		return geoGold{start: bs, end: be, name: name}, true
	}
	for _, l := range locs {
		g, ok := place(l.Name, l.Start, l.End)
		if !ok {
			continue
		}
		g.lat, g.lon, g.hasCoords = geoParseLatLon(l.Lat, l.Lon)
		if g.hasCoords {
			g.country = near.country(g.lat, g.lon)
		}
		gold = append(gold, g)
	}
	for _, t := range tops {
		g, ok := place(t.Phrase, t.Start, t.End)
		if !ok {
			continue
		}
		if t.Gaztag != nil {
			g.lat, g.lon, g.hasCoords = geoParseLatLon(t.Gaztag.Lat, t.Gaztag.Lon)
			if id, err := strconv.ParseUint(t.Gaztag.ID, 10, 32); err == nil {
				g.geonameid = uint32(id)
			}
			if id, err := strconv.ParseUint(t.Gaztag.Country.ID, 10, 32); err == nil {
				if i := gaz.ByID(uint32(id)); i >= 0 {
					g.country = gaz.Places[i].Country
				}
			}
			if g.country == "" && g.hasCoords {
				g.country = near.country(g.lat, g.lon)
			}
		}
		gold = append(gold, g)
	}
	sort.Slice(gold, func(i, j int) bool { return gold[i].start < gold[j].start })
	return gold, problems
}

// geoRuneOffsets maps a character offset to a byte offset (index len = end of text).
func geoRuneOffsets(text string) []int {
	out := make([]int, 0, len(text)+1)
	for i := range text {
		out = append(out, i)
	}
	return append(out, len(text))
}

// geoLocate finds name in text at or near character offset s (the gold files disagree
// by one on where offsets start) and returns its byte span.
func geoLocate(text string, runeToByte []int, name string, s, e int) (int, int, bool) {
	for _, d := range []int{0, -1, 1, -2, 2, -3, 3} {
		cs := s + d
		if cs < 0 || cs >= len(runeToByte) {
			continue
		}
		bs := runeToByte[cs]
		if strings.HasPrefix(text[bs:], name) {
			return bs, bs + len(name), true
		}
	}
	return 0, 0, false
}

func geoParseLatLon(lat, lon string) (float64, float64, bool) {
	a, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if err1 != nil || err2 != nil || math.Abs(a) > 90 || math.Abs(b) > 180 {
		return 0, 0, false
	}
	return a, b, true
}

// geoExamplesPerKind is how many wrong items of each kind a report keeps.
var geoExamplesPerKind = 15

// geoScore accumulates the counts of a run.
type geoScore struct {
	gold, pred            int
	exact, overlapGold    int // gold toponyms found with the exact span / an overlapping one
	overlapPred           int // predicted mentions overlapping a gold toponym
	withCoords            int // gold toponyms with coordinates
	foundWithCoords       int // … of which found
	within161             int // … of which resolved within 161 km
	errorsKm              []float64
	withID, idFound, idOK int
	withCountry           int // found gold toponyms with a known country, not resolved to a continent
	local, localWithin    int // found toponyms resolved below country level, and within 161 km
	countryOK             int
	byFeature             map[string][2]int // predicted feature -> [resolved, within 161 km]
	byConfidence          [5][2]int         // confidence fifth -> [resolved, within 161 km]
	examples              []Example
	kinds                 map[string]int
}

func (s *geoScore) add(text string, gold []geoGold, pred []places.Mention, gaz *gazetteer.Gazetteer) {
	if s.byFeature == nil {
		s.byFeature = map[string][2]int{}
		s.kinds = map[string]int{}
	}
	s.gold += len(gold)
	s.pred += len(pred)
	for _, p := range pred {
		for _, g := range gold {
			if p.Start < g.end && g.start < p.End {
				s.overlapPred++
				break
			}
		}
	}
	for _, g := range gold {
		var match *places.Mention
		for k := range pred {
			p := &pred[k]
			if p.Start < g.end && g.start < p.End {
				if match == nil || p.Start == g.start && p.End == g.end {
					match = p
				}
			}
		}
		if match != nil {
			s.overlapGold++
			if match.Start == g.start && match.End == g.end {
				s.exact++
			}
		} else {
			s.example(Example{Text: geoContext(text, g.start, g.end), Gold: g.name, Predicted: "", Kind: "missed"})
		}
		if g.hasCoords {
			s.withCoords++
		}
		if match == nil {
			continue
		}
		if g.hasCoords {
			s.foundWithCoords++
			d := geoHaversineKm(g.lat, g.lon, match.Lat, match.Lon)
			s.errorsKm = append(s.errorsKm, d)
			f := s.byFeature[match.Feature]
			f[0]++
			c := min(4, int(match.Confidence*5))
			s.byConfidence[c][0]++
			local := match.Feature != "CONT" && !strings.HasPrefix(match.Feature, "PCL")
			if local {
				s.local++
			}
			if d <= 161 {
				s.within161++
				f[1]++
				s.byConfidence[c][1]++
				if local {
					s.localWithin++
				}
			} else {
				s.example(Example{Text: geoContext(text, g.start, g.end),
					Gold:      fmt.Sprintf("%s (%.2f, %.2f)", g.name, g.lat, g.lon),
					Predicted: fmt.Sprintf("%s %s %s %d (%.2f, %.2f), %.0f km", match.Name, match.Country, match.Feature, match.GeonameID, match.Lat, match.Lon, d),
					Kind:      "over 161 km"})
			}
			s.byFeature[match.Feature] = f
		}
		if g.geonameid != 0 {
			s.idFound++
			if match.GeonameID == g.geonameid {
				s.idOK++
			}
		}
		if g.country != "" && match.Feature != "CONT" {
			s.withCountry++
			if c := gaz.Country(g.country); c != nil && c.ISO3 == match.Country {
				s.countryOK++
			} else {
				s.example(Example{Text: geoContext(text, g.start, g.end), Gold: fmt.Sprintf("%s in %s", g.name, g.country),
					Predicted: fmt.Sprintf("%s %s %s", match.Name, match.Country, match.Feature), Kind: "wrong country"})
			}
		}
	}
	for _, g := range gold {
		if g.geonameid != 0 {
			s.withID++
		}
	}
	for _, p := range pred {
		hit := false
		for _, g := range gold {
			if p.Start < g.end && g.start < p.End {
				hit = true
				break
			}
		}
		if !hit {
			s.example(Example{Text: geoContext(text, p.Start, p.End), Gold: "", Predicted: fmt.Sprintf("%s %s %s", p.Text, p.Country, p.Feature), Kind: "spurious"})
		}
	}
}

func (s *geoScore) example(e Example) {
	s.kinds[e.Kind]++
	if s.kinds[e.Kind] <= geoExamplesPerKind {
		s.examples = append(s.examples, e)
	}
}

func (s *geoScore) report(rep *Report) {
	rep.Add("toponym precision (overlap)", s.overlapPred, s.pred)
	rep.Add("toponym recall (overlap)", s.overlapGold, s.gold)
	pe, re := geoRatio(s.exact, s.pred), geoRatio(s.exact, s.gold)
	rep.Add("toponym precision (exact span)", s.exact, s.pred)
	rep.Add("toponym recall (exact span)", s.exact, s.gold)
	f1 := 0.0
	if pe+re > 0 {
		f1 = 2 * pe * re / (pe + re)
	}
	rep.Metrics = append(rep.Metrics, Metric{Name: "toponym F1 (exact span)", Value: f1, N: s.gold})
	rep.Add("accuracy within 161 km (found toponyms)", s.within161, s.foundWithCoords)
	rep.Add("accuracy within 161 km (all gold toponyms)", s.within161, s.withCoords)
	rep.Add("accuracy within 161 km (found, resolved below country level)", s.localWithin, s.local)
	if s.withID > 0 {
		rep.Add("exact GeoNames id (found toponyms with an id)", s.idOK, s.idFound)
	}
	rep.Add("country correct (found toponyms)", s.countryOK, s.withCountry)
	if len(s.errorsKm) > 0 {
		sorted := append([]float64(nil), s.errorsKm...)
		sort.Float64s(sorted)
		mean, auc := 0.0, 0.0
		for _, d := range sorted {
			mean += d
			// The Pragmatic Guide's AUC: the area under the sorted, log-scaled errors,
			// 0 (all exact) to 1 (all at the antipode).
			auc += math.Log(1+d) / math.Log(1+20039)
		}
		n := float64(len(sorted))
		rep.Metrics = append(rep.Metrics,
			Metric{Name: "mean error", Value: mean / n, Unit: "km", N: len(sorted)},
			Metric{Name: "median error", Value: sorted[len(sorted)/2], Unit: "km", N: len(sorted)},
			Metric{Name: "AUC of log error (lower is better)", Value: auc / n, N: len(sorted)})
	}
	var rows [][]string
	for f, v := range s.byFeature {
		rows = append(rows, []string{f, strconv.Itoa(v[0]), fmt.Sprintf("%.1f%%", 100*geoRatio(v[1], v[0]))})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	rep.Tables = append(rep.Tables, Table{Title: "found toponyms by predicted feature code", Header: []string{"feature", "found", "within 161 km"}, Rows: rows})
	var crows [][]string
	for c, v := range s.byConfidence {
		crows = append(crows, []string{fmt.Sprintf("%.1f-%.1f", float64(c)/5, float64(c+1)/5), strconv.Itoa(v[0]), fmt.Sprintf("%.1f%%", 100*geoRatio(v[1], v[0]))})
	}
	rep.Tables = append(rep.Tables, Table{Title: "calibration: found toponyms by predicted confidence", Header: []string{"confidence", "found", "within 161 km"}, Rows: crows})
	var krows [][]string
	for k, n := range s.kinds {
		krows = append(krows, []string{k, strconv.Itoa(n)})
	}
	sort.Slice(krows, func(i, j int) bool { return krows[i][0] < krows[j][0] })
	rep.Tables = append(rep.Tables, Table{Title: "error kinds", Header: []string{"kind", "count"}, Rows: krows})
	rep.Errors = s.examples
	rep.Notes = append(rep.Notes, "a gold toponym is found when a predicted mention overlaps it; distances use the haversine formula on a 6371 km sphere; country accuracy leaves out toponyms resolved to a continent")
	if s.withID == 0 {
		rep.Notes = append(rep.Notes, "the gold gives coordinates only: its country is the country of the nearest gazetteer place within 100 km (toponyms with none are left out of country accuracy)")
	}
}

func geoRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// geoContext returns the text around a span, for error examples.
func geoContext(text string, start, end int) string {
	a, b := max(0, start-40), min(len(text), end+40)
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	return strings.ReplaceAll(text[a:start]+"["+text[start:end]+"]"+text[end:b], "\n", " ")
}

func geoHaversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// geoNearest finds the country of the gazetteer's nearest populated place to a point, on a
// one-degree grid.
type geoNearest struct {
	gaz  *gazetteer.Gazetteer
	grid map[[2]int][]int32
}

func newGeoNearest(g *gazetteer.Gazetteer) *geoNearest {
	n := &geoNearest{gaz: g, grid: map[[2]int][]int32{}}
	for i := range g.Places {
		p := &g.Places[i]
		if p.Level() != "city" {
			continue
		}
		c := [2]int{int(math.Floor(float64(p.Lat))), int(math.Floor(float64(p.Lon)))}
		n.grid[c] = append(n.grid[c], int32(i))
	}
	return n
}

func (n *geoNearest) country(lat, lon float64) string {
	best, bestD := "", 100.0 // km
	la, lo := int(math.Floor(lat)), int(math.Floor(lon))
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			for _, i := range n.grid[[2]int{la + dy, lo + dx}] {
				p := &n.gaz.Places[i]
				if d := geoHaversineKm(lat, lon, float64(p.Lat), float64(p.Lon)); d < bestD {
					best, bestD = p.Country, d
				}
			}
		}
	}
	return best
}
