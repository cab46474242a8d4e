package gazetteer

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Builder collects GeoNames rows and writes a gazetteer file. The generator feeds it
// ../shared/data/geo; `dyad gazetteer import` feeds it a full dump plus the countries of
// the embedded table.
type Builder struct {
	// MinPopulation is the smallest population of a populated place that is kept.
	MinPopulation int64
	// MinAltPopulation is the smallest population of a populated place whose
	// alternate names are kept (divisions and countries keep theirs).
	MinAltPopulation int64

	places    map[uint32]*buildPlace
	countries map[string]*buildCountry // by ISO2
	admin1    map[string]uint32        // "CC.A1" -> id of the ADM1 row
	admin2    map[string]uint32        // "CC.A1.A2" -> id
	// Cities per admin division, for coordinates and population of divisions the input
	// gives no coordinates for.
	members map[uint32][]uint32
}

type buildPlace struct {
	Place
	names, abbrevs, demonyms []string
	extra                    []string // names from names.go, kept even when they look like codes
	hasCoords                bool
	keysOnly                 bool // names are keys (from a loaded gazetteer), not spellings
	minAlt                   int64
}

type buildCountry struct {
	iso2, iso3, name, capitalName string
	neighbours                    string // ISO2 codes, comma separated
	id                            uint32
	capital                       uint32
}

// NewBuilder returns an empty builder.
func NewBuilder(minPopulation int64) *Builder {
	return &Builder{
		MinPopulation:    minPopulation,
		MinAltPopulation: MinAltPopulation,
		places:           map[uint32]*buildPlace{},
		countries:        map[string]*buildCountry{},
		admin1:           map[string]uint32{},
		admin2:           map[string]uint32{},
		members:          map[uint32][]uint32{},
	}
}

// ReadCountryInfo reads GeoNames countryInfo.txt (ISO, ISO3, …, Country, Capital, …,
// Population, …, geonameid).
func (b *Builder) ReadCountryInfo(r io.Reader, name string) error {
	return eachTSV(r, name, func(line int, f []string) error {
		if len(f) < 17 {
			return fmt.Errorf("%s:%d: %d columns, want at least 17", name, line, len(f))
		}
		if f[0] == "ISO" { // a header line without '#'
			return nil
		}
		id, err := strconv.ParseUint(f[16], 10, 32)
		if err != nil {
			return fmt.Errorf("%s:%d: geonameid %q: %w", name, line, f[16], err)
		}
		pop, _ := strconv.ParseInt(f[7], 10, 64)
		c := &buildCountry{iso2: f[0], iso3: f[1], name: f[4], capitalName: f[5], id: uint32(id)}
		if len(f) > 17 {
			c.neighbours = strings.TrimSpace(f[17])
		}
		b.countries[c.iso2] = c
		p := b.place(uint32(id))
		p.Name, p.Feature, p.Country, p.Population = f[4], "PCLI", f[0], pop
		return nil
	})
}

// worldCountry is the part of a world-countries entry (mledoze/countries) we read.
type worldCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string                       `json:"cca2"`
	AltSpellings []string                     `json:"altSpellings"`
	LatLng       []float64                    `json:"latlng"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
}

// ReadWorldCountries reads world-countries' countries.json for country centroids,
// English names and demonyms. Countries must have been read first.
func (b *Builder) ReadWorldCountries(r io.Reader, name string) error {
	var list []worldCountry
	if err := json.NewDecoder(r).Decode(&list); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, w := range list {
		c := b.countries[w.CCA2]
		if c == nil {
			continue
		}
		p := b.places[c.id]
		if len(w.LatLng) == 2 {
			p.Lat, p.Lon, p.hasCoords = float32(w.LatLng[0]), float32(w.LatLng[1]), true
		}
		p.names = append(p.names, w.Name.Common, w.Name.Official)
		for _, s := range w.AltSpellings {
			if len(s) > 3 || s == "UK" || s == "USA" || s == "UAE" || s == "DRC" {
				p.names = append(p.names, s)
			}
		}
		if d := w.Demonyms["eng"]; d != nil {
			p.demonyms = append(p.demonyms, d["m"], d["f"])
		}
	}
	return nil
}

// ReadNationalities reads i18n-nationality's en.json (ISO2 -> adjective).
func (b *Builder) ReadNationalities(r io.Reader, name string) error {
	var v struct {
		Nationalities map[string]string `json:"nationalities"`
	}
	if err := json.NewDecoder(r).Decode(&v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for iso2, adj := range v.Nationalities {
		if c := b.countries[iso2]; c != nil {
			p := b.places[c.id]
			p.demonyms = append(p.demonyms, adj)
		}
	}
	return nil
}

// ReadAdminCodes reads admin1CodesASCII.txt or admin2Codes.txt ("CC.A1[.A2]", name,
// ASCII name, geonameid). level is 1 or 2.
func (b *Builder) ReadAdminCodes(r io.Reader, name string, level int) error {
	return eachTSV(r, name, func(line int, f []string) error {
		if len(f) < 4 {
			return fmt.Errorf("%s:%d: %d columns, want 4", name, line, len(f))
		}
		id, err := strconv.ParseUint(f[3], 10, 32)
		if err != nil {
			return fmt.Errorf("%s:%d: geonameid %q: %w", name, line, f[3], err)
		}
		code := strings.Split(f[0], ".")
		if len(code) != level+1 {
			return fmt.Errorf("%s:%d: code %q is not a level-%d code", name, line, f[0], level)
		}
		p := b.place(uint32(id))
		if p.Name == "" {
			p.Name = f[1]
		}
		p.names = append(p.names, f[2])
		p.Country, p.Admin1 = code[0], code[1]
		if level == 1 {
			p.Feature = "ADM1"
			b.admin1[f[0]] = uint32(id)
		} else {
			p.Feature, p.Admin2 = "ADM2", code[2]
			b.admin2[f[0]] = uint32(id)
		}
		return nil
	})
}

// ReadGeoNames reads rows in the GeoNames dump format (allCountries.txt, cities1000.txt,
// …: 19 tab-separated columns). It keeps populated places of at least MinPopulation
// and, when the dump has them, administrative divisions and countries (their
// coordinates and alternate names).
func (b *Builder) ReadGeoNames(r io.Reader, name string) error {
	return eachTSV(r, name, func(line int, f []string) error {
		if len(f) < 15 {
			return fmt.Errorf("%s:%d: %d columns, want 19 (GeoNames dump format)", name, line, len(f))
		}
		class, code := f[6], f[7]
		keepPlace := class == "P"
		keepAdmin := class == "A" && (code == "ADM1" || code == "ADM2" || strings.HasPrefix(code, "PCL"))
		if !keepPlace && !keepAdmin {
			return nil
		}
		pop, _ := strconv.ParseInt(f[14], 10, 64)
		if keepPlace && pop < b.MinPopulation {
			return nil
		}
		id64, err := strconv.ParseUint(f[0], 10, 32)
		if err != nil {
			return fmt.Errorf("%s:%d: geonameid %q: %w", name, line, f[0], err)
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("%s:%d: coordinates %q %q are not numbers", name, line, f[4], f[5])
		}
		id := uint32(id64)
		if keepAdmin {
			if _, known := b.places[id]; !known {
				// Divisions the code tables do not list are taken from the row;
				// unknown country rows (historical, disputed) are left out.
				if code != "ADM1" && code != "ADM2" {
					return nil
				}
				p := b.place(id)
				p.Name, p.Feature, p.Country, p.Admin1 = f[1], code, f[8], f[10]
				if code == "ADM1" {
					b.admin1[f[8]+"."+f[10]] = id
				} else {
					p.Admin2 = f[11]
					b.admin2[f[8]+"."+f[10]+"."+f[11]] = id
				}
			}
		}
		p := b.place(id)
		if keepPlace {
			p.Name, p.Feature = f[1], code
			p.Country, p.Admin1, p.Admin2 = f[8], f[10], f[11]
			p.Population = pop
		}
		// A dump's own point of a division or country is better than one derived
		// from its cities.
		if !p.hasCoords || keepAdmin {
			p.Lat, p.Lon, p.hasCoords = float32(lat), float32(lon), true
		}
		if keepAdmin && pop > 0 {
			p.Population = pop
		}
		p.names = append(p.names, f[2])
		p.names = append(p.names, strings.Split(f[3], ",")...)
		return nil
	})
}

// AddCountriesFrom copies the countries, divisions and their names from a loaded
// gazetteer (the embedded one), for dumps that do not carry them.
func (b *Builder) AddCountriesFrom(g *Gazetteer) {
	for _, c := range g.countries {
		cp := &g.Places[c.Place]
		capital := uint32(0)
		if c.Capital >= 0 {
			capital = g.Places[c.Capital].ID
		}
		b.countries[c.ISO2] = &buildCountry{iso2: c.ISO2, iso3: c.ISO3, name: cp.Name, id: cp.ID, capital: capital, neighbours: strings.Join(c.Neighbours, ",")}
	}
	names := g.namesByPlace()
	for i := range g.Places {
		src := &g.Places[i]
		if src.Level() != "country" && src.Level() != "region" && src.Feature != "ADM2" && src.Feature != "CONT" {
			continue
		}
		p := b.place(src.ID)
		p.Place = *src
		p.hasCoords, p.keysOnly = true, true
		n := names[int32(i)]
		p.names, p.abbrevs, p.demonyms = n[KindAlt], n[KindAbbrev], n[KindDemonym]
		switch src.Feature {
		case "ADM1":
			b.admin1[src.Country+"."+src.Admin1] = src.ID
		case "ADM2":
			b.admin2[src.Country+"."+src.Admin1+"."+src.Admin2] = src.ID
		}
	}
}

// namesByPlace inverts the key index (keys, not the original spellings).
func (g *Gazetteer) namesByPlace() map[int32][4][]string {
	out := map[int32][4][]string{}
	for k := range g.keys {
		for _, r := range g.LookupKey(k) {
			n := out[r.Place]
			n[r.Kind] = append(n[r.Kind], k)
			out[r.Place] = n
		}
	}
	for i, n := range out {
		for j := range n {
			sort.Strings(n[j])
		}
		out[i] = n
	}
	return out
}

func (b *Builder) place(id uint32) *buildPlace {
	p := b.places[id]
	if p == nil {
		p = &buildPlace{Place: Place{ID: id}}
		b.places[id] = p
	}
	return p
}

// finish derives what the inputs do not give: coordinates and population of
// divisions from their cities, capitals, and the extra names of names.go.
func (b *Builder) finish() {
	// Cities by division. A first-level division's point is the mean of the
	// half-degree cells its cities occupy (closest to the points GeoNames and Wikipedia
	// give, on LGL's and GeoVirus' ADM1 toponyms; the largest city is much worse), a
	// second-level division's the mean of its cities.
	type acc struct {
		lat, lon float64
		n        int
		pop      int64
		cells    map[[2]int32]bool
	}
	sums := map[uint32]*acc{}
	add := func(div uint32, p *buildPlace, byCell bool) {
		a := sums[div]
		if a == nil {
			a = &acc{}
			sums[div] = a
		}
		a.pop += p.Population
		if byCell {
			if a.cells == nil {
				a.cells = map[[2]int32]bool{}
			}
			c := [2]int32{int32(math.Floor(float64(p.Lat) * 2)), int32(math.Floor(float64(p.Lon) * 2))}
			if a.cells[c] {
				return
			}
			a.cells[c] = true
			a.lat += float64(c[0])/2 + 0.25
			a.lon += float64(c[1])/2 + 0.25
		} else {
			a.lat += float64(p.Lat)
			a.lon += float64(p.Lon)
		}
		a.n++
	}
	for _, p := range b.places {
		if !strings.HasPrefix(p.Feature, "PPL") {
			continue
		}
		if id, ok := b.admin1[p.Country+"."+p.Admin1]; ok {
			add(id, p, true)
		}
		if id, ok := b.admin2[p.Country+"."+p.Admin1+"."+p.Admin2]; ok {
			add(id, p, false)
		}
		if c := b.countries[p.Country]; c != nil && p.Feature == "PPLC" && c.capital == 0 {
			c.capital = p.ID
		}
	}
	for id, a := range sums {
		p := b.places[id]
		if !p.hasCoords {
			p.Lat, p.Lon = float32(a.lat/float64(a.n)), float32(a.lon/float64(a.n))
			p.hasCoords = true
		}
		if p.Population == 0 {
			p.Population = a.pop
		}
	}
	for _, c := range b.countries {
		p := b.places[c.id]
		if !p.hasCoords && c.capital != 0 {
			if cp := b.places[c.capital]; cp != nil {
				p.Lat, p.Lon, p.hasCoords = cp.Lat, cp.Lon, true
			}
		}
	}
	for _, e := range extraNames {
		id := e.id
		if e.admin != "" {
			id = b.admin1[e.admin]
		}
		p := b.places[id]
		if p == nil {
			if e.place == nil {
				continue
			}
			p = b.place(id)
			p.Place = *e.place
			p.hasCoords = true
		}
		p.extra = append(p.extra, e.names...)
		p.abbrevs = append(p.abbrevs, e.abbrevs...)
		if e.lat != 0 || e.lon != 0 {
			p.Lat, p.Lon = e.lat, e.lon
		}
	}
}

// Write writes the gazetteer: a comment line saying what made it, then one row per
// place, sorted by id, so that the same input always gives the same bytes.
func (b *Builder) Write(w io.Writer, source string) error {
	b.finish()
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# %s\n", source)
	fmt.Fprintln(bw, "# id\tfeature\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tname\tnames\tabbrevs\tdemonyms\tiso3\tcapital\tneighbours")
	ids := make([]uint32, 0, len(b.places))
	for id, p := range b.places {
		if p.hasCoords && p.Name != "" && p.Feature != "" {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		p := b.places[id]
		p.minAlt = b.MinAltPopulation
		iso3, capital, neighbours := "", "", ""
		if p.Level() == "country" {
			if c := b.countries[p.Country]; c != nil && c.id == id {
				iso3, neighbours = c.iso3, c.neighbours
				if c.capital != 0 {
					capital = strconv.FormatUint(uint64(c.capital), 10)
				}
			}
		}
		names, abbrevs, demonyms := p.keys()
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			id, p.Feature, p.Country, p.Admin1, p.Admin2,
			coord(p.Lat), coord(p.Lon), p.Population, clean(p.Name),
			strings.Join(names, "|"), strings.Join(abbrevs, "|"), strings.Join(demonyms, "|"),
			iso3, capital, neighbours)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func coord(v float32) string {
	return strconv.FormatFloat(math.Round(float64(v)*1e4)/1e4, 'f', -1, 64)
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '|' || r == '\r' {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
}

// keys returns the lookup keys of a place's names, abbreviations and demonyms, each
// key once (the first kind wins), sorted within a kind. Names are kept when they are worth
// matching in English text: Latin script, starting with a capital, no digits, not codes
// (all capitals).
func (p *buildPlace) keys() (names, abbrevs, demonyms []string) {
	seen := map[string]bool{}
	take := func(list []string, strict bool) []string {
		var out []string
		for _, n := range list {
			n = clean(n)
			if n == "" || len(n) > 60 || !IsLatin(n) {
				continue
			}
			if strict && !p.keysOnly {
				r, _ := utf8.DecodeRuneInString(n)
				if !unicode.IsUpper(r) || strings.ContainsAny(n, "0123456789()[],;:") || isCode(n) {
					continue
				}
			}
			k := Key(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	names = append(take([]string{p.Name}, false), take(p.extra, false)...)
	if !strings.HasPrefix(p.Feature, "PPL") || p.Population >= p.minAlt {
		names = append(names, take(p.names, true)...)
	}
	return names, take(p.abbrevs, false), take(withPlurals(p.demonyms), false)
}

// isCode reports an all-capitals name of up to four letters (IATA and postal codes),
// which collide with acronyms in text.
func isCode(s string) bool {
	if len(s) > 4 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// withPlurals adds the plural of each demonym ("Colombians"), which also signals the
// country.
func withPlurals(ds []string) []string {
	out := append([]string(nil), ds...)
	for _, d := range ds {
		if d == "" || strings.HasSuffix(d, "s") || strings.HasSuffix(d, "ese") || strings.HasSuffix(d, "sh") || strings.HasSuffix(d, "ch") {
			continue
		}
		out = append(out, d+"s")
	}
	return out
}

// eachTSV calls fn with the fields of each non-comment line.
func eachTSV(r io.Reader, name string, fn func(line int, f []string) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	line := 0
	for {
		s, err := br.ReadString('\n')
		if len(s) > 0 {
			line++
			s = strings.TrimRight(s, "\r\n")
			if s != "" && s[0] != '#' {
				if ferr := fn(line, strings.Split(s, "\t")); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}
