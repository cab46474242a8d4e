// Package places is dyad's geoparser: it finds the place names in an article (toponym
// recognition) and resolves each to a GeoNames entry of the gazetteer (toponym
// resolution), using the article as context: the countries it is about (their names,
// demonyms and capitals), the other places it names ("Paris, Texas"; a city in a state
// named elsewhere), population and feature type, one sense per name per article.
//
// Recognition is by gazetteer lookup of capitalised word sequences with precision
// filters (sentence openers, months, titles before person names, names inside longer
// capitalised names); it has no statistical tagger. It does not find places that are
// not in the gazetteer (streets, buildings, rivers, most regions), and it does not
// decide where an event happened (the story stage does that with its mentions).
package places

import (
	"math"
	"strings"
	"sync"

	"dyad/internal/gazetteer"
)

// Mention is one place name in the text and the place it was resolved to.
type Mention struct {
	Text       string  `json:"text"`
	Start      int     `json:"start"` // byte offsets into the article text
	End        int     `json:"end"`
	Name       string  `json:"name"`
	GeonameID  uint32  `json:"geonameid"`
	Feature    string  `json:"feature"` // GeoNames feature code (PCLI, ADM1, PPLC, PPL, …)
	Country    string  `json:"country"` // ISO 3166-1 alpha-3 ("" for a continent)
	Admin1     string  `json:"admin1"`  // name of the first-level division ("" for a country)
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Confidence float64 `json:"confidence"` // 0–1: how likely the resolution is right
}

// Parser finds and resolves place names. It is safe for concurrent use.
type Parser struct {
	gaz  *gazetteer.Gazetteer
	pool sync.Pool
}

// New returns a parser over a gazetteer (gazetteer.Default() for the embedded one).
func New(g *gazetteer.Gazetteer) *Parser {
	return &Parser{gaz: g, pool: sync.Pool{New: func() any { return &work{} }}}
}

// Default returns a parser over the embedded gazetteer.
func Default() (*Parser, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	return New(g), nil
}

// work is the scratch space of one call.
type work struct {
	toks []token
	ms   []mention
}

// mention is a recognised name with its senses.
type mention struct {
	first, last int // token range
	start, end  int // byte range
	key         string
	senses      []sense
	cue         bool   // a preposition or "-based" says place
	container   int    // index of the mention after ", " that may contain this one, or -1
	contained   bool   // this mention follows ", " after another one
	listPrev    int    // index of the mention before this one in a list ("A, B and C"), or -1
	kindCue     string // "region" after "state of" or before "state", "city" after "city of"
	best        int    // index in senses
	votes       []vote // what this mention gave to the context, to take back when scoring it
}

type sense struct {
	place int32
	kind  uint8
	prior float64
	score float64
}

type vote struct {
	country, admin1, admin2 string
	w                       float64
}

// Find returns the place mentions of text, in text order.
func (p *Parser) Find(text string) []Mention {
	w := p.pool.Get().(*work)
	defer p.pool.Put(w)
	w.toks = tokenize(text, w.toks)
	w.ms = w.ms[:0]
	ctx := newContext()
	p.recognise(text, w, ctx)
	if len(w.ms) == 0 {
		return nil
	}
	p.resolve(w.ms, ctx)
	out := make([]Mention, 0, len(w.ms))
	for i := range w.ms {
		m := &w.ms[i]
		if m.best < 0 {
			continue
		}
		s := m.senses[m.best]
		pl := &p.gaz.Places[s.place]
		if !p.supported(w.ms, i, ctx) || p.outsideContainer(w.ms, i) {
			continue
		}
		admin1 := ""
		if pl.Level() != "country" && pl.Admin1 != "" {
			if a := p.gaz.Admin1(pl.Country, pl.Admin1); a >= 0 {
				admin1 = p.gaz.Places[a].Name
			}
		}
		out = append(out, Mention{
			Text: text[m.start:m.end], Start: m.start, End: m.end,
			Name: pl.Name, GeonameID: pl.ID, Feature: pl.Feature,
			Country: p.gaz.ISO3(pl.Country), Admin1: admin1,
			Lat: round4(pl.Lat), Lon: round4(pl.Lon),
			Confidence: math.Round(confidence(m)*recognitionConfidence(m, pl)*1000) / 1000,
		})
	}
	return out
}

// smallTown is the population under which a town named alone, with no word before it
// that says place and nothing else in the article from its country, is taken for
// something else ("Tass", a village in Hungary, in a story citing the agency).
const smallTown = 50000

// supported reports whether mention i may be kept: not a small town that nothing in the
// article supports.
func (p *Parser) supported(ms []mention, i int, ctx *context) bool {
	m := &ms[i]
	pl := &p.gaz.Places[m.senses[m.best].place]
	if pl.Level() != "city" || pl.Population >= smallTown || m.cue || m.container >= 0 || m.contained || m.first != m.last {
		return true
	}
	support := ctx.country[pl.Country]
	for k := range ms {
		if ms[k].key != m.key {
			continue
		}
		for _, v := range ms[k].votes {
			if v.country == pl.Country {
				support -= v.w
			}
		}
	}
	return support >= 0.5
}

// outsideContainer reports a name followed by a state or country that contains none
// of its senses ("Stroud, Ontario" when the gazetteer has no Stroud in Ontario): a
// place too small for the gazetteer, better left out than put on another continent.
func (p *Parser) outsideContainer(ms []mention, i int) bool {
	m := &ms[i]
	if m.container < 0 || ms[m.container].best < 0 {
		return false
	}
	c := &p.gaz.Places[ms[m.container].senses[ms[m.container].best].place]
	if l := c.Level(); l != "country" && l != "region" {
		return false
	}
	if l := p.gaz.Places[m.senses[m.best].place].Level(); l != "city" && l != "district" {
		return false // "China, Canada": a list of countries
	}
	for _, s := range m.senses {
		if contains(c, &p.gaz.Places[s.place]) {
			return false
		}
	}
	// "Hong Kong, China": not inside by the codes, but close.
	best := &p.gaz.Places[m.senses[m.best].place]
	return distanceKm(best.Lat, best.Lon, c.Lat, c.Lon) > 1500
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float32) float64 {
	const rad = math.Pi / 180
	p1, p2 := float64(lat1)*rad, float64(lat2)*rad
	dp, dl := p2-p1, float64(lon2-lon1)*rad
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * 6371 * math.Asin(math.Min(1, math.Sqrt(h)))
}

// recognitionConfidence is how likely the name is a place at all: countries, states
// and capitals almost always are, small towns named alone often are not.
func recognitionConfidence(m *mention, pl *gazetteer.Place) float64 {
	r := 0.75
	switch {
	case pl.Level() == "country" || pl.Level() == "region" || pl.Feature == "CONT" || pl.Feature == "PPLC":
		r = 1
	case pl.Population >= 100000:
		r = 0.95
	case pl.Population >= 10000:
		r = 0.85
	}
	if m.cue || m.container >= 0 || m.contained {
		r += 0.1
	}
	if m.last > m.first {
		r += 0.05
	}
	return math.Min(1, r)
}

func round4(v float32) float64 { return math.Round(float64(v)*1e4) / 1e4 }

// context is what the article says about where it is: votes for countries and
// divisions, and the surnames of people it names.
type context struct {
	country map[string]float64 // ISO2
	admin1  map[string]float64 // "CC.A1"
	admin2  map[string]float64 // "CC.A1.A2"
	total   float64
}

func newContext() *context {
	return &context{country: map[string]float64{}, admin1: map[string]float64{}, admin2: map[string]float64{}}
}

func (c *context) addAll(vs []vote, sign float64) {
	for _, v := range vs {
		c.add(v, sign)
	}
}

func (c *context) add(v vote, sign float64) {
	if v.w == 0 {
		return
	}
	if v.country != "" {
		c.country[v.country] += sign * v.w
		c.total += sign * v.w
	}
	if v.admin1 != "" {
		c.admin1[v.admin1] += sign * v.w
	}
	if v.admin2 != "" {
		c.admin2[v.admin2] += sign * v.w
	}
}

// recognise finds candidate names: the longest capitalised sequence at each position
// that is a gazetteer name, kept unless a filter says it is something else.
func (p *Parser) recognise(text string, w *work, ctx *context) {
	toks := w.toks
	maxW := p.gaz.MaxWords()
	surnames := personNames(text, toks, p.gaz)
	countryVotes(text, toks, ctx)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.cap {
			continue
		}
		// The longest name starting here.
		j, refs, key := p.longest(text, toks, i, maxW)
		if j < 0 {
			continue
		}
		m := mention{first: i, last: j, start: toks[i].start, end: toks[j].end, key: key, container: -1, best: -1, listPrev: -1}
		// Demonyms are not places but say which country the article is about
		// ("Canadian" is also a town in Texas, but rarely in the news).
		if hasKind(refs, gazetteer.KindDemonym) {
			for _, r := range refs {
				if r.Kind == gazetteer.KindDemonym {
					ctx.add(vote{country: p.gaz.Places[r.Place].Country, w: 1}, 1)
				}
			}
			i = j
			continue
		}
		afterComma := i > 0 && toks[i-1].gap == gapComma
		for _, r := range refs {
			if r.Kind == gazetteer.KindDemonym || r.Kind == gazetteer.KindAbbrev && !afterComma {
				continue
			}
			// Alternate names of small towns are mostly old or foreign spellings that
			// collide with other words ("Kashmir" for Cashmere, Washington).
			if pl := &p.gaz.Places[r.Place]; r.Kind == gazetteer.KindAlt && pl.Population < minAltPopulation && pl.Level() == "city" {
				continue
			}
			// Two- and three-letter alternates ("Va" for Wa, Ghana) are codes or
			// abbreviations of something else, unless they name a country or state.
			if l := p.gaz.Places[r.Place].Level(); r.Kind == gazetteer.KindAlt && len(key) <= 3 && l != "country" && l != "region" {
				continue
			}
			m.senses = append(m.senses, sense{place: r.Place, kind: r.Kind})
		}
		if len(m.senses) == 0 {
			continue
		}
		m.cue = hasCue(text, toks, i, j) || dateline(text, toks, i, j)
		m.kindCue = kindCue(text, toks, i, j)
		afterPlace := afterComma && len(w.ms) > 0 && w.ms[len(w.ms)-1].last == i-1
		if !p.keep(text, toks, &m, surnames, afterPlace) {
			i = j
			continue
		}
		if afterComma && len(w.ms) > 0 && w.ms[len(w.ms)-1].last == i-1 {
			prev := &w.ms[len(w.ms)-1]
			if prev.contained || prev.listPrev >= 0 {
				// "Virginia, Washington, West Virginia": a list, not "Paris, Texas".
				if prev.contained {
					prev.contained = false
					prev.listPrev = len(w.ms) - 2
					w.ms[len(w.ms)-2].container = -1
				}
				m.listPrev = len(w.ms) - 1
				m.cue = true // a place in a list of places
			} else {
				prev.container = len(w.ms)
				m.contained = true
			}
		}
		// "… Manitoba, Ontario and New Brunswick": "and" or "or" continues a list.
		if !afterComma && i >= 2 && len(w.ms) > 0 && w.ms[len(w.ms)-1].last == i-2 && toks[i-2].gap == gapSpace && toks[i-1].gap == gapSpace {
			if c := text[toks[i-1].start:toks[i-1].end]; c == "and" || c == "or" {
				prev := &w.ms[len(w.ms)-1]
				m.listPrev = len(w.ms) - 1
				if prev.contained {
					// "Washington, Pennsylvania and California": a list.
					prev.contained = false
					prev.listPrev = len(w.ms) - 2
					w.ms[len(w.ms)-2].container = -1
				}
			}
		}
		w.ms = append(w.ms, m)
		i = j
	}
}

// longest returns the last token of the longest gazetteer name starting at token i,
// its senses and key, or -1.
func (p *Parser) longest(text string, toks []token, i, maxW int) (int, []gazetteer.Ref, string) {
	// How far the name may reach: tokens joined by spaces, hyphens or "St. ", the
	// inner ones capitalised or connectors.
	end := i
	for k := i; k < len(toks)-1 && k-i+1 < maxW; k++ {
		g := toks[k].gap
		if g == gapPeriod && !titleAbbrevs[text[toks[k].start:toks[k].end]] {
			break
		}
		if g != gapSpace && g != gapHyphen && g != gapPeriod && g != gapNone {
			break
		}
		next := toks[k+1]
		if !next.cap && !connectors[text[next.start:next.end]] && g != gapHyphen && g != gapNone {
			break
		}
		end = k + 1
	}
	for j := end; j >= i; j-- {
		if !toks[j].cap && j > i {
			continue
		}
		key := gazetteer.Key(text[toks[i].start:toks[j].end])
		if refs := p.gaz.LookupKey(key); len(refs) > 0 {
			return j, refs, key
		}
	}
	return -1, nil, ""
}

func hasKind(refs []gazetteer.Ref, kind uint8) bool {
	for _, r := range refs {
		if r.Kind == kind {
			return true
		}
	}
	return false
}

// hasCue reports a word before the name that says place ("in", "near", "outside"), or
// "-based" after it.
func hasCue(text string, toks []token, i, j int) bool {
	if i > 0 && toks[i-1].gap == gapSpace {
		w := strings.ToLower(text[toks[i-1].start:toks[i-1].end])
		if cuesBefore[w] {
			// "according to Yap" names a source, not a place.
			return !(w == "to" && i > 1 && strings.EqualFold(text[toks[i-2].start:toks[i-2].end], "according"))
		}
	}
	if j+1 < len(toks) && toks[j].gap == gapHyphen {
		w := strings.ToLower(text[toks[j+1].start:toks[j+1].end])
		return w == "based" || w == "born" || w == "area"
	}
	return false
}

// possessive reports an "'s" at offset i.
func possessive(text string, i int) bool {
	return strings.HasPrefix(text[i:], "'s") || strings.HasPrefix(text[i:], "\u2019s")
}

// dateline reports a name in capitals followed by a dash or "(Reuters)" that opens a
// line: "TORRINGTON — Mayor …", "MOSCOW (Reuters) -".
func dateline(text string, toks []token, i, j int) bool {
	if !toks[i].upper || !toks[i].initial {
		return false
	}
	rest := strings.TrimLeft(text[toks[j].end:], " ,")
	for _, d := range []string{"\u2014", "\u2013", "-", "("} {
		if strings.HasPrefix(rest, d) {
			return true
		}
	}
	return false
}

// kindCue reads the words around a name that say what kind of place it is: "the state
// of Washington", "Washington state", "the province of Ontario", "the city of Mexico".
func kindCue(text string, toks []token, i, j int) string {
	word := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return strings.ToLower(text[toks[k].start:toks[k].end])
	}
	if j+1 < len(toks) && toks[j].gap == gapSpace && !toks[j+1].cap {
		switch word(j + 1) {
		case "state", "province", "region", "governorate", "prefecture":
			return "region"
		}
	}
	if i >= 2 && word(i-1) == "of" {
		switch word(i - 2) {
		case "state", "province", "region", "governorate", "prefecture":
			return "region"
		case "city", "town", "village", "capital":
			return "city"
		}
	}
	return ""
}

// keep applies the precision filters to a recognised name.
func (p *Parser) keep(text string, toks []token, m *mention, surnames map[string]bool, afterPlace bool) bool {
	i, j := m.first, m.last
	single := i == j
	if len(m.key) < 2 {
		return false
	}
	// "Dallas, Texas, and Jackson, Miss.": after a place and a comma, or before a
	// comma and a state.
	strongCue := afterPlace
	if j+1 < len(toks) && toks[j].gap == gapComma && toks[j+1].cap {
		k := j + 1
		if k+1 < len(toks) && (toks[k].gap == gapSpace || toks[k].gap == gapNone) && toks[k+1].cap {
			k++
		}
		for ; k > j && !strongCue; k-- {
			strongCue = p.isStateOrCountry(text[toks[j+1].start:toks[k].end], true)
		}
	}
	if i > 0 && toks[i-1].gap == gapSpace && strongCues[strings.ToLower(text[toks[i-1].start:toks[i-1].end])] {
		strongCue = true
	}
	nextCap := j+1 < len(toks) && toks[j].gap == gapSpace && toks[j+1].cap
	if neverPlaces[m.key] || notPlaces[m.key] && (!strongCue || nextCap) {
		return false
	}
	if j+1 < len(toks) && (toks[j].gap == gapSpace || toks[j].gap == gapPeriod) {
		next := strings.ToLower(text[toks[j+1].start:toks[j+1].end])
		// "Memphis St.", and diseases named after places ("Marburg virus").
		if streetWords[next] || diseaseWords[next] {
			return false
		}
	}
	// "US$460 million".
	if m.end < len(text) && text[m.end] == '$' {
		return false
	}
	big := p.hasBig(m)
	// Short all-capitals words are acronyms ("FAO", "DOH") unless they name a country
	// or a state ("UK", "NSW").
	if toks[i].upper && single && m.end-m.start <= 5 && !big {
		return false
	}
	// A single lower-case-looking word, e.g. an all-capitals acronym that is not a
	// country code we know as a name.
	if toks[i].initial && single && !strongCue && !p.hasBig(m) && (openers[m.key] || cuesBefore[m.key] || connectors[m.key]) {
		return false
	}
	// A title before it: a person.
	if i > 0 && (toks[i-1].gap == gapSpace || toks[i-1].gap == gapPeriod) {
		if titlesBefore[strings.ToLower(text[toks[i-1].start:toks[i-1].end])] {
			return false
		}
	}
	// Part of a longer capitalised name: "Bank of America", "Michael Jordan".
	if i > 0 && toks[i-1].gap == gapSpace && toks[i-1].cap {
		prev := strings.ToLower(text[toks[i-1].start:toks[i-1].end])
		// "Northern Iraq" is in Iraq, but "West Africa" is not the continent and
		// "West Midlands" not Zimbabwe's Midlands.
		if prefixesOfPlace[prev] && !p.hasCountryOrState(m) {
			return false
		}
		verbLike := big && (strings.HasSuffix(prev, "ing") || strings.HasSuffix(prev, "ed"))
		if !prefixesOfPlace[prev] && !(toks[i-1].initial && (openers[prev] || cuesBefore[prev] || verbLike)) {
			return false
		}
	}
	if i > 1 && toks[i-1].gap == gapSpace && text[toks[i-1].start:toks[i-1].end] == "of" && toks[i-2].gap == gapSpace && toks[i-2].cap {
		// "University of Texas", "Bank of America": a name of an organisation.
		prev := strings.ToLower(text[toks[i-2].start:toks[i-2].end])
		if !prefixesOfPlace[prev] && !big {
			return false
		}
	}
	if nextCap && !p.hasCountry(m) {
		// "Boston Globe", "Paris Hilton", "Washington Post". Countries may modify any
		// noun ("U.S. Army"), states and regions any but a newspaper's or a team's
		// ("Texas Water Development Board" is in Texas, the "Washington Post" is not
		// in Washington state), towns a local institution ("Gainesville Police",
		// "Dublin City Council"); a weekday may follow any ("Quezon City Wednesday").
		next := gazetteer.Key(text[toks[j+1].start:toks[j+1].end])
		ok := isDayOrMonth(next) || big && !mediaAndTeams[next] || institutionNouns[next]
		if !ok {
			return false
		}
	}
	if single && !big && surnames[m.key] && !strongCue {
		return false
	}
	// "Obama's", "Clinton's": a person's, even after "in".
	if single && !big && (surnames[m.key] || notPlaces[m.key]) && possessive(text, m.end) {
		return false
	}
	return true
}

// isStateOrCountry reports whether name is a country or a first-level division (with
// abbrev, also by a state's abbreviation: "Miss.", "TX").
func (p *Parser) isStateOrCountry(name string, abbrev bool) bool {
	for _, r := range p.gaz.Lookup(name) {
		if r.Kind == gazetteer.KindDemonym || r.Kind == gazetteer.KindAbbrev && !abbrev {
			continue
		}
		if l := p.gaz.Places[r.Place].Level(); l == "country" || l == "region" {
			return true
		}
	}
	return false
}

// hasCountry reports whether a sense of the mention is a country.
func (p *Parser) hasCountry(m *mention) bool {
	for _, s := range m.senses {
		if p.gaz.Places[s.place].Level() == "country" {
			return true
		}
	}
	return false
}

// isDayOrMonth reports a weekday or month name.
func isDayOrMonth(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december":
		return true
	}
	return false
}

// hasCountryOrState reports whether a sense of the mention is a country or a
// first-level division ("Northern Iraq", "East Tennessee").
func (p *Parser) hasCountryOrState(m *mention) bool {
	for _, s := range m.senses {
		if l := p.gaz.Places[s.place].Level(); l == "country" || l == "region" {
			return true
		}
	}
	return false
}

// hasBig reports whether a sense of the mention is a country, a first-level division or
// a continent: names that may modify a following noun and still be places.
func (p *Parser) hasBig(m *mention) bool {
	for _, s := range m.senses {
		switch p.gaz.Places[s.place].Level() {
		case "country", "region":
			return true
		}
		if p.gaz.Places[s.place].Feature == "CONT" {
			return true
		}
	}
	return false
}

// personNames returns the last words of capitalised sequences that look like a
// person's name ("Chiquita Raquel Henry"): the same word alone later is the person.
func personNames(text string, toks []token, g *gazetteer.Gazetteer) map[string]bool {
	var out map[string]bool
	for i := 0; i < len(toks); i++ {
		if !toks[i].cap || toks[i].upper {
			continue
		}
		j := i
		for j+1 < len(toks) && toks[j].gap == gapSpace && toks[j+1].cap && !toks[j+1].upper {
			j++
		}
		if j > i && !(toks[i].initial && j == i+1) {
			// A person: the first word is not a place word, title or opener, the whole
			// is not a gazetteer name.
			first := gazetteer.Key(text[toks[i].start:toks[i].end])
			whole := gazetteer.Key(text[toks[i].start:toks[j].end])
			notName := openers[first] || cuesBefore[first] || neverPlaces[first] || prefixesOfPlace[first]
			if len(g.LookupKey(whole)) == 0 && !bigName(g, first) && !notName {
				if out == nil {
					out = map[string]bool{}
				}
				out[gazetteer.Key(text[toks[j].start:toks[j].end])] = true
			}
		}
		i = j
	}
	return out
}

// bigName reports whether a key names a country or first-level division.
func bigName(g *gazetteer.Gazetteer, key string) bool {
	for _, r := range g.LookupKey(key) {
		switch g.Places[r.Place].Level() {
		case "country", "region":
			return true
		}
	}
	return false
}

// countryVotes adds the votes of words that point to a country ("sheriff").
func countryVotes(text string, toks []token, ctx *context) {
	seen := map[string]int{}
	for _, t := range toks {
		n := t.end - t.start
		if n < 3 || n > 13 {
			continue
		}
		w := strings.ToLower(text[t.start:t.end])
		if c, ok := countryWords[w]; ok && seen[w] < 2 && !t.upper {
			seen[w]++
			ctx.add(vote{country: c, w: 0.5}, 1)
		}
	}
}

// minAltPopulation is the smallest town matched by an alternate name (the embedded
// gazetteer has no others; files made otherwise may).
const minAltPopulation = gazetteer.MinAltPopulation

// Resolution weights, in units of a decade of population, set by hand on the GeoVirus
// and LGL gold sets (see docs/places.md).
const (
	wPopulation      = 1.0 // per decade of population
	wAltName         = 2.5 // penalty for an alternate name
	wCountryCtx      = 8.0 // times the share of the article's country votes
	wNeighbourCtx    = 0.3 // share of a country's votes its neighbours get
	wAdmin1Ctx       = 2.5 // when the division is named in the article
	wAdmin2Ctx       = 1.5
	wContainer       = 6.0 // "Paris, Texas": Texas contains this Paris
	wPPLC            = 3.0
	wCountryName     = 2.0 // a country named by its own name
	wADM1            = 1.5
	wPPLA            = 1.0
	wListLevel       = 1.5 // per list neighbour of the same level (country, region, city)
	wPairAdmin1      = 0.2 // per other name that may lie in the same first-level division (two at most)
	wPairAdmin2      = 1.5 // same, second-level division
	admin1Saturation = 0.5 // votes for a division that count fully
	confidenceBase   = 1.2 // margin (score points) at which confidence reaches ~0.73
)

func featureBonus(pl *gazetteer.Place) float64 {
	switch pl.Feature {
	case "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR":
		return 3
	case "CONT":
		return 3
	case "ADM1":
		return wADM1
	case "PPLC":
		return wPPLC
	case "PPLA":
		return wPPLA
	case "PPLA2":
		return 0.4
	case "ADM2":
		return 0.3
	}
	return 0
}

// resolve picks a sense for each mention: first by prior (population, feature, name
// kind), then again with the context those first choices give, then one sense per
// name per article.
func (p *Parser) resolve(ms []mention, ctx *context) {
	for i := range ms {
		m := &ms[i]
		hasCountrySense := false
		for _, s := range m.senses {
			if p.gaz.Places[s.place].Level() == "country" {
				hasCountrySense = true
			}
		}

		for k := range m.senses {
			s := &m.senses[k]
			pl := &p.gaz.Places[s.place]
			s.prior = wPopulation*math.Log10(float64(pl.Population)+10) + featureBonus(pl)
			// A country's name means the country more often than a town named after it
			// ("China, Maine") even in a story full of American towns.
			if pl.Level() == "country" && s.kind == gazetteer.KindName {
				s.prior += wCountryName
			}
			// A capital's short name is an alternate in GeoNames ("Washington" for
			// Washington, D.C.) but the name it goes by, unless a country has it too
			// ("Mexico").
			shortCapital := pl.Feature == "PPLC" && !hasCountrySense && strings.HasPrefix(gazetteer.Key(pl.Name), m.key+" ")
			if s.kind == gazetteer.KindAlt && !shortCapital {
				s.prior -= wAltName
			}
			s.score = s.prior
		}
		m.best = argmax(m.senses)
	}
	p.pairSupport(ms)
	// Mentions of the same name are not context for each other.
	sameKey := map[string][]int{}
	for i := range ms {
		sameKey[ms[i].key] = append(sameKey[ms[i].key], i)
	}
	for round := 0; round < 3; round++ {
		// Context from the current scores.
		for i := range ms {
			m := &ms[i]
			ctx.addAll(m.votes, -1)
			m.votes = p.votesOf(m, m.votes[:0])
			ctx.addAll(m.votes, 1)
		}
		for _, group := range sameKey {
			for _, i := range group {
				ctx.addAll(ms[i].votes, -1)
			}
			for _, i := range group {
				m := &ms[i]
				for k := range m.senses {
					m.senses[k].score = m.senses[k].prior + p.contextScore(ms, i, k, ctx)
				}
				m.best = argmax(m.senses)
			}
			for _, i := range group {
				ctx.addAll(ms[i].votes, 1)
			}
		}
	}
	// One sense per name per article: the sense with the best evidence in any of the
	// name's mentions ("Paris, Texas" then "Paris").
	byKey := map[string][]int{}
	for i := range ms {
		byKey[ms[i].key] = append(byKey[ms[i].key], i)
	}
	for _, idx := range byKey {
		if len(idx) < 2 {
			continue
		}
		sum := map[int32]float64{}
		for _, i := range idx {
			for _, s := range ms[i].senses {
				if v, ok := sum[s.place]; !ok || s.score > v {
					sum[s.place] = s.score
				}
			}
		}
		var bestPlace int32 = -1
		for pl, v := range sum {
			if bestPlace < 0 || v > sum[bestPlace] || v == sum[bestPlace] && pl < bestPlace {
				bestPlace = pl
			}
		}
		for _, i := range idx {
			for k, s := range ms[i].senses {
				if s.place == bestPlace {
					ms[i].best = k
				}
			}
		}
	}
}

// pairSupport adds to each sense's prior the support of the other names that could
// lie in the same division, whichever of their senses is chosen: "Paris" and "Henry
// County" together point to Tennessee, where both exist.
func (p *Parser) pairSupport(ms []mention) {
	if len(ms) < 2 {
		return
	}
	inAdmin1 := map[string]map[string]bool{} // "CC.A1" -> names with a sense there
	inAdmin2 := map[string]map[string]bool{}
	note := func(set map[string]map[string]bool, div, key string) {
		if set[div] == nil {
			set[div] = map[string]bool{}
		}
		set[div][key] = true
	}
	for i := range ms {
		for _, s := range ms[i].senses {
			a1, a2 := p.divisions(s.place)
			if a1 != "" {
				note(inAdmin1, a1, ms[i].key)
			}
			if a2 != "" {
				note(inAdmin2, a2, ms[i].key)
			}
		}
	}
	others := func(set map[string]bool, key string) float64 {
		n := len(set)
		if set[key] {
			n--
		}
		return math.Min(float64(n), 2)
	}
	for i := range ms {
		m := &ms[i]
		for k := range m.senses {
			a1, a2 := p.divisions(m.senses[k].place)
			if a1 != "" {
				m.senses[k].prior += wPairAdmin1 * others(inAdmin1[a1], m.key)
			}
			if a2 != "" {
				m.senses[k].prior += wPairAdmin2 * others(inAdmin2[a2], m.key)
			}
		}
	}
}

// divisions returns the first- and second-level divisions a place is (or is in), as
// "CC.A1" and "CC.A1.A2" ("" when none).
func (p *Parser) divisions(place int32) (a1, a2 string) {
	pl := &p.gaz.Places[place]
	switch pl.Level() {
	case "region":
		return pl.Country + "." + pl.Admin1, ""
	case "city", "district":
		if pl.Admin1 == "" {
			return "", ""
		}
		a1 = pl.Country + "." + pl.Admin1
		if pl.Admin2 != "" {
			a2 = a1 + "." + pl.Admin2
		}
		return a1, a2
	}
	return "", ""
}

// votesOf is what a mention says about the article's place: each sense votes for its
// country and divisions in proportion to how likely it is now.
func (p *Parser) votesOf(m *mention, out []vote) []vote {
	if m.best < 0 {
		return out
	}
	top := m.senses[m.best].score
	total := 0.0
	for _, s := range m.senses {
		total += math.Exp(s.score - top)
	}
	for _, s := range m.senses {
		prob := math.Exp(s.score-top) / total
		if prob < 0.02 {
			continue
		}
		pl := &p.gaz.Places[s.place]
		v := vote{country: pl.Country, w: 1}
		switch pl.Level() {
		case "country":
			v.w = 2
		case "region":
			v.admin1 = pl.Country + "." + pl.Admin1
			v.w = 1.5
		case "district":
			v.admin1 = pl.Country + "." + pl.Admin1
			v.admin2 = pl.Country + "." + pl.Admin1 + "." + pl.Admin2
		case "city":
			v.admin1 = pl.Country + "." + pl.Admin1
			v.w = 0.7
		}
		v.w *= prob
		out = append(out, v)
	}
	return out
}

// contextScore is what the rest of the article adds to sense k of mention i.
func (p *Parser) contextScore(ms []mention, i, k int, ctx *context) float64 {
	m := &ms[i]
	pl := &p.gaz.Places[m.senses[k].place]
	score := 0.0
	if ctx.total > 0 && pl.Country != "" {
		share := ctx.country[pl.Country]
		if c := p.gaz.Country(pl.Country); c != nil {
			for _, n := range c.Neighbours {
				share += wNeighbourCtx * ctx.country[n]
			}
		}
		score += wCountryCtx * share / (ctx.total + 1)
	}
	level := pl.Level()
	if level == "region" || level == "city" || level == "district" {
		score += wAdmin1Ctx * math.Min(1, ctx.admin1[pl.Country+"."+pl.Admin1]/admin1Saturation)
	}
	if (level == "city" || level == "district") && pl.Admin2 != "" {
		score += wAdmin2Ctx * math.Min(1, ctx.admin2[pl.Country+"."+pl.Admin1+"."+pl.Admin2]/admin1Saturation)
	}
	if m.kindCue != "" && m.kindCue == level {
		score += wContainer
	}
	// Places listed together are of one kind: "Alberta, Manitoba, Ontario" are
	// provinces.
	for _, n := range [2]int{m.listPrev, p.listNext(ms, i)} {
		if n >= 0 && ms[n].best >= 0 && p.gaz.Places[ms[n].senses[ms[n].best].place].Level() == level {
			score += wListLevel
		}
	}
	// "Paris, Texas": a sense inside the next name's place.
	if m.container >= 0 {
		c := &ms[m.container]
		for _, cs := range c.senses {
			cp := &p.gaz.Places[cs.place]
			if contains(cp, pl) {
				score += wContainer
				break
			}
		}
	}
	// The container itself prefers the sense that contains the name before it.
	if m.contained && i > 0 && ms[i-1].container == i {
		prev := &ms[i-1]
		for _, ps := range prev.senses {
			if contains(pl, &p.gaz.Places[ps.place]) {
				score += wContainer
				break
			}
		}
	}
	return score
}

// listNext returns the index of the mention after mention i in a list, or -1.
func (p *Parser) listNext(ms []mention, i int) int {
	if i+1 < len(ms) && ms[i+1].listPrev == i {
		return i + 1
	}
	return -1
}

// contains reports whether place outer contains place inner (country or division).
func contains(outer, inner *gazetteer.Place) bool {
	if outer.Country != inner.Country || outer == inner {
		return false
	}
	switch outer.Level() {
	case "country":
		return true
	case "region":
		return outer.Admin1 == inner.Admin1 && inner.Level() != "region"
	case "district":
		return outer.Admin1 == inner.Admin1 && outer.Admin2 == inner.Admin2 && inner.Level() == "city"
	}
	return false
}

func argmax(ss []sense) int {
	best := -1
	for k := range ss {
		if best < 0 || ss[k].score > ss[best].score {
			best = k
		}
	}
	return best
}

// confidence turns the margin between the chosen sense and the next into 0–1.
func confidence(m *mention) float64 {
	if m.best < 0 {
		return 0
	}
	second := math.Inf(-1)
	for k, s := range m.senses {
		if k != m.best && s.score > second {
			second = s.score
		}
	}
	c := 0.97
	if !math.IsInf(second, -1) {
		margin := m.senses[m.best].score - second
		c = 0.97 / (1 + math.Exp(-margin/confidenceBase+0.0))
	}
	return c
}
