// Command countries generates internal/lexicon/data/countries.txt, the lexicon's
// countries and territories, from the facts in ../shared/data/geo and the hand-written
// overrides.txt beside this file:
//
//	go run ./internal/lexicon/gen/countries -shared ../shared -out internal/lexicon/data/countries.txt
//
// For every ISO 3166-1 country and territory it writes a `country` entry with the CAMEO
// code (the ISO alpha-3 code unless CAMEO differs), names, demonyms and adjectives with
// their plurals, capital, the largest cities, seats of government and regions; for the
// countries overrides.txt marks with `admin1`, also their first-level divisions (states,
// provinces: "Louisiana", "Borno State") and their other cities of 250,000 or more, as
// cities. Facts come from Debian iso-codes, mledoze/world-countries, i18n-nationality,
// Schrodt's CountryInfo.txt and GeoNames; overrides.txt adds what they lack (aliases such
// as "the U.S.", seats such as "the Kremlin", CAMEO codes, regions, named state
// institutions) and drops what they get wrong. A phrase that the facts give to two countries is dropped
// from both unless one of them clearly owns it (see resolveAmbiguity); the dropped
// phrases are listed on standard error for review.
//
// It does not write the other lexicon files (descriptors, agents, organizations, groups),
// which are hand-written.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"dyad/internal/lexicon"
	"dyad/internal/shareddata"
)

//go:embed overrides.txt
var overridesText string

func main() {
	shared := flag.String("shared", shareddata.Root(), "the shared folder holding data/geo and data/ud")
	out := flag.String("out", "-", "file to write (- for standard output)")
	quiet := flag.Bool("q", false, "do not list dropped phrases on standard error")
	flag.Parse()
	if *shared == "" {
		fmt.Fprintln(os.Stderr, "countries: no shared folder: pass -shared ../shared")
		os.Exit(2)
	}
	log := io.Writer(os.Stderr)
	if *quiet {
		log = io.Discard
	}
	g, err := generate(*shared, log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "countries:", err)
		os.Exit(1)
	}
	w := io.Writer(os.Stdout)
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "countries:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := g.write(w); err != nil {
		fmt.Fprintln(os.Stderr, "countries:", err)
		os.Exit(1)
	}
}

// Field ranks, in the order a phrase is kept when an entry lists it twice.
const (
	fName = iota
	fAdj
	fCapital
	fSeat
	fCity
	nFields
)

var fieldKey = [nFields]string{"names", "adj", "capital", "seats", "cities"}

// country is one entry being built.
type country struct {
	ID, ISO3, ISO2, Name string
	Independent          bool
	Phrases              [nFields][]string
	Regions              []string
	Note                 string
	pinned               map[string]bool // folded phrases from overrides: never dropped
	dropped              map[string]bool // folded phrases overrides remove
	skipDivision         map[string]bool // folded division names overrides leave out
}

func (c *country) add(field int, phrases ...string) {
	for _, p := range phrases {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			c.Phrases[field] = append(c.Phrases[field], p)
		}
	}
}

// generation is everything the output is made of.
type generation struct {
	countries []*country
	groups    []*override
	regions   []*override
	stats     struct{ dropped, ambiguous, commonWord, divisions int }
}

func generate(shared string, log io.Writer) (*generation, error) {
	iso, err := readISO(shared)
	if err != nil {
		return nil, err
	}
	world, err := readWorld(shared)
	if err != nil {
		return nil, err
	}
	nat, err := readNationality(shared)
	if err != nil {
		return nil, err
	}
	isoCodes := map[string]bool{}
	for _, c := range iso {
		isoCodes[c.Alpha3] = true
	}
	ci, err := readCountryInfo(shared, func(code string) bool { return isoCodes[code] })
	if err != nil {
		return nil, err
	}
	gnCapitals, err := readGeoNamesCapitals(shared)
	if err != nil {
		return nil, err
	}
	cities, err := readCities(shared)
	if err != nil {
		return nil, err
	}
	lower, err := readLowercaseWords(shared)
	if err != nil {
		return nil, err
	}
	admin1, err := readAdmin1(shared)
	if err != nil {
		return nil, err
	}
	ovs, err := parseOverrides("overrides.txt", strings.NewReader(overridesText))
	if err != nil {
		return nil, err
	}

	g := &generation{}
	byKey := map[string]*country{} // by ID and by ISO3
	citiesByCC := map[string][]*city{}
	for i := range cities {
		c := &cities[i]
		citiesByCC[c.Country] = append(citiesByCC[c.Country], c)
	}
	for _, list := range citiesByCC {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Population > list[j].Population })
	}

	for _, ic := range iso {
		c := &country{ID: ic.Alpha3, ISO3: ic.Alpha3, ISO2: ic.Alpha2, pinned: map[string]bool{}, dropped: map[string]bool{}, skipDivision: map[string]bool{}}
		wc, hasWorld := world[ic.Alpha3]
		c.Name = firstNonEmpty(ic.CommonName, wc.Name.Common, ic.Name)
		c.Independent = hasWorld && wc.Independent
		// Names: ISO's and world-countries' common and official names, then the
		// alternative spellings that are written in Latin letters.
		for _, n := range []string{ic.CommonName, ic.Name, wc.Name.Common, wc.Name.Official, ic.OfficialName} {
			if n != "" && !strings.ContainsAny(n, ",()") {
				c.add(fName, n)
			}
		}
		english := englishWords(ic.Name, ic.CommonName, ic.OfficialName, wc.Name.Common, wc.Name.Official)
		for _, n := range wc.AltSpellings {
			if acceptAltSpelling(n, ic.Alpha2, lower, english) {
				c.add(fName, n)
			}
		}
		// Demonyms and adjectives.
		if d, ok := wc.Demonyms["eng"]; ok {
			for _, s := range []string{d.M, d.F} {
				c.add(fAdj, splitDemonym(s)...)
			}
		}
		if a := nat[ic.Alpha2]; acceptNationality(a) {
			c.add(fAdj, a)
		}
		if info := ci[ic.Alpha3]; info != nil {
			for _, a := range info.Nationality {
				if acceptCountryInfoAdj(a, c.Phrases[fAdj], c.Phrases[fName], lower) {
					c.add(fAdj, titleCase(a))
					fmt.Fprintf(log, "countryinfo adj %s %q\n", c.ID, titleCase(a))
				}
			}
		}
		// Capital: world-countries and GeoNames, with the spellings CountryInfo gives
		// that GeoNames confirms as names of that city.
		c.add(fCapital, wc.Capital...)
		if gc := gnCapitals[ic.Alpha3]; gc != "" {
			c.add(fCapital, gc)
		}
		capCity := findCapital(citiesByCC[ic.Alpha2], c.Phrases[fCapital])
		if capCity != nil {
			c.add(fCapital, capCity.Name)
			if info := ci[ic.Alpha3]; info != nil {
				for _, v := range info.Capital {
					if cityHasName(capCity, v, true) {
						c.add(fCapital, titleCase(v))
					}
				}
			}
		}
		// A one-word capital that is a lower-case English word once folded ("Malé" is
		// "male") would fire on ordinary text.
		kept := c.Phrases[fCapital][:0]
		for _, p := range c.Phrases[fCapital] {
			if !strings.Contains(p, " ") && lower[lexicon.Fold(p)] {
				fmt.Fprintf(log, "capital %s %q: also a lower-case English word\n", c.ID, p)
				g.stats.commonWord++
				continue
			}
			kept = append(kept, p)
		}
		c.Phrases[fCapital] = kept
		if hasWorld {
			c.Regions = regionsFor(wc.Region, wc.Subregion)
		}
		g.countries = append(g.countries, c)
		byKey[c.ID] = c
	}

	// Overrides: CAMEO codes, aliases, seats, regions, new entries; groups and regions
	// pass through.
	var globalDrop []string
	divisionForms := map[*country][]string{}
	for _, o := range ovs {
		switch o.kind {
		case "group":
			g.groups = append(g.groups, o)
			continue
		case "region":
			g.regions = append(g.regions, o)
			continue
		case "drop":
			globalDrop = append(globalDrop, o.values("names")...)
			continue
		}
		key := o.id
		if iso3 := o.value("iso3"); iso3 != "" {
			key = iso3
		}
		c := byKey[key]
		if c == nil {
			c = byKey[o.id]
		}
		if c == nil {
			if o.name == "" {
				return nil, fmt.Errorf("overrides.txt:%d: %s is not an ISO 3166-1 code; a new entry needs a name", o.line, o.id)
			}
			c = &country{ID: o.id, ISO3: o.value("iso3"), pinned: map[string]bool{}, dropped: map[string]bool{}, skipDivision: map[string]bool{}}
			g.countries = append(g.countries, c)
		}
		if o.id != c.ID {
			delete(byKey, c.ID)
			c.ID = o.id
		}
		byKey[c.ID] = c
		if o.name != "" {
			c.Name = o.name
		}
		if o.value("independent") != "" {
			c.Independent = o.value("independent") == "yes"
		}
		for field, key := range fieldKey {
			for _, p := range o.values(key) {
				c.add(field, p)
				c.pinned[lexicon.Fold(p)] = true
			}
		}
		for _, p := range o.values("drop") {
			c.dropped[lexicon.Fold(p)] = true
		}
		if forms := o.values("admin1"); len(forms) > 0 {
			divisionForms[c] = append(divisionForms[c], forms...)
		}
		for _, p := range o.values("skip") {
			c.skipDivision[lexicon.Fold(p)] = true
		}
		c.Regions = append(c.Regions, o.values("region")...)
		if no := o.values("noregion"); len(no) > 0 {
			c.Regions = without(c.Regions, no)
		}
		if n := o.value("note"); n != "" {
			c.Note = n
		}
	}

	globalDropKeys := map[string]bool{}
	for _, p := range globalDrop {
		globalDropKeys[lexicon.Fold(p)] = true
	}
	g.applyDrops(globalDropKeys)

	// Plurals of the demonyms, after the overrides have added theirs; not of an adjective
	// that is also the country's name ("Djibouti", "Vatican").
	for _, c := range g.countries {
		names := map[string]bool{}
		for _, n := range c.Phrases[fName] {
			names[lexicon.Fold(n)] = true
		}
		var plurals []string
		for _, a := range c.Phrases[fAdj] {
			if p := demonymPlural(a); p != "" && !names[lexicon.Fold(a)] {
				plurals = append(plurals, p)
			}
		}
		c.add(fAdj, plurals...)
	}

	// Major cities: the most populous, and those CountryInfo lists that GeoNames
	// confirms, minus the ones that read as common words or belong to several countries.
	otherNames := map[string]map[string]bool{} // folded name, adjective or capital -> country IDs
	for _, c := range g.countries {
		for _, f := range []int{fName, fAdj, fCapital} {
			for _, p := range c.Phrases[f] {
				k := lexicon.Fold(p)
				if otherNames[k] == nil {
					otherNames[k] = map[string]bool{}
				}
				otherNames[k][c.ID] = true
			}
		}
	}
	popByName := map[string]map[string]int{} // folded city name -> country -> largest population
	for i := range cities {
		ct := &cities[i]
		for _, n := range []string{ct.Name, ct.ASCII} {
			k := lexicon.Fold(n)
			if popByName[k] == nil {
				popByName[k] = map[string]int{}
			}
			if ct.Population > popByName[k][ct.Country] {
				popByName[k][ct.Country] = ct.Population
			}
		}
	}
	for _, c := range g.countries {
		if c.ISO2 == "" {
			continue
		}
		var picked []*city
		seen := map[*city]bool{}
		// Countries whose divisions are listed get their other large cities too.
		limit := maxCities
		if len(divisionForms[c]) > 0 {
			limit = maxCitiesDetailed
		}
		for _, ct := range citiesByCC[c.ISO2] {
			n := len(picked)
			if n >= limit || ct.Population < minCityPopulation || (n >= maxCities && ct.Population < minDetailedCityPopulation) {
				break
			}
			picked = append(picked, ct)
			seen[ct] = true
		}
		if info := ci[c.ISO3]; info != nil && len(picked) < maxCities+maxListedCities {
			for _, v := range info.MajorCities {
				if len(picked) >= maxCities+maxListedCities {
					break
				}
				for _, ct := range citiesByCC[c.ISO2] {
					if ct.Population < minListedCityPopulation {
						break
					}
					if !seen[ct] && cityHasName(ct, v, false) {
						picked = append(picked, ct)
						seen[ct] = true
						break
					}
				}
			}
		}
		capitalKeys := map[string]bool{}
		for _, p := range c.Phrases[fCapital] {
			capitalKeys[lexicon.Fold(p)] = true
		}
		for _, ct := range picked {
			k := lexicon.Fold(ct.Name)
			switch {
			case capitalKeys[k] || c.pinned[k]:
				continue
			case globalDropKeys[k] || c.dropped[k]:
				g.stats.dropped++
				continue
			case !strings.Contains(ct.Name, " ") && lower[strings.ToLower(ct.Name)]:
				fmt.Fprintf(log, "city %s %q: also a lower-case English word\n", c.ID, ct.Name)
				g.stats.commonWord++
				continue
			case len(otherNames[k]) > 0 && !otherNames[k][c.ID]:
				fmt.Fprintf(log, "city %s %q: a name of %s\n", c.ID, ct.Name, keys(otherNames[k]))
				g.stats.ambiguous++
				continue
			}
			if other := rivalCity(popByName[k], c.ISO2, ct.Population); other != "" {
				fmt.Fprintf(log, "city %s %q: also a large city in %s\n", c.ID, ct.Name, other)
				g.stats.ambiguous++
				continue
			}
			c.add(fCity, ct.Name)
		}
	}

	// First-level divisions (states, provinces) of the countries overrides.txt names.
	regionNames := map[string]bool{}
	for _, r := range g.regions {
		for _, p := range append(r.values("names"), r.values("adj")...) {
			regionNames[lexicon.Fold(p)] = true
		}
	}
	places := map[string]map[string]bool{}
	for _, c := range g.countries {
		for _, list := range c.Phrases {
			for _, p := range list {
				k := lexicon.Fold(p)
				if places[k] == nil {
					places[k] = map[string]bool{}
				}
				places[k][c.ID] = true
			}
		}
	}
	g.addDivisions(admin1, divisionForms, &divisionChecks{
		lower: lower, otherNames: otherNames, places: places, regions: regionNames, popByName: popByName,
	}, log)

	// Drops again (for the cities and divisions), then ambiguity across entries, then duplicates
	// inside each entry.
	g.applyDrops(globalDropKeys)
	g.resolveAmbiguity(log)
	for _, c := range g.countries {
		seen := map[string]bool{}
		for f := range c.Phrases {
			kept := c.Phrases[f][:0]
			for _, p := range c.Phrases[f] {
				k := lexicon.Fold(p)
				if seen[k] {
					continue
				}
				seen[k] = true
				kept = append(kept, p)
			}
			c.Phrases[f] = kept
		}
		c.Regions = dedupe(c.Regions)
	}
	sort.Slice(g.countries, func(i, j int) bool { return g.countries[i].ID < g.countries[j].ID })
	return g, nil
}

const (
	maxCities                 = 8
	maxCitiesDetailed         = 80     // for countries whose divisions overrides.txt lists
	minDetailedCityPopulation = 250000 // the cities beyond the first maxCities of such a country
	minCityPopulation         = 150000
	minListedCityPopulation   = 100000
	maxListedCities           = 4 // CountryInfo's major cities beyond the most populous
)

// applyDrops removes the phrases overrides.txt drops, for one country or for all, unless
// an override pinned them.
func (g *generation) applyDrops(global map[string]bool) {
	for _, c := range g.countries {
		for f := range c.Phrases {
			kept := c.Phrases[f][:0]
			for _, p := range c.Phrases[f] {
				k := lexicon.Fold(p)
				if !c.pinned[k] && (c.dropped[k] || global[k]) {
					g.stats.dropped++
					continue
				}
				kept = append(kept, p)
			}
			c.Phrases[f] = kept
		}
	}
}

// findCapital returns the GeoNames place that is the country's capital: the one named
// like the given capital names, preferring a PPLC (seat of government) feature.
func findCapital(list []*city, names []string) *city {
	var best *city
	for _, ct := range list {
		for _, n := range names {
			if cityHasName(ct, n, false) {
				if ct.Feature == "PPLC" {
					return ct
				}
				if best == nil {
					best = ct
				}
			}
		}
	}
	return best
}

// cityHasName reports whether name is the city's name (or, with alternates, one of its
// GeoNames alternate names).
func cityHasName(ct *city, name string, alternates bool) bool {
	k := lexicon.Fold(strings.ReplaceAll(name, "_", " "))
	if k == lexicon.Fold(ct.Name) || k == lexicon.Fold(ct.ASCII) {
		return true
	}
	if alternates {
		for _, a := range ct.Alt {
			if k == lexicon.Fold(a) {
				return true
			}
		}
	}
	return false
}

// rivalCity returns another country that has a city of the same name at least a quarter
// as large, or "".
func rivalCity(pops map[string]int, cc string, pop int) string {
	var rivals []string
	for other, p := range pops {
		if other != cc && p >= 50000 && p*4 >= pop {
			rivals = append(rivals, other)
		}
	}
	sort.Strings(rivals)
	return strings.Join(rivals, ",")
}

// resolveAmbiguity handles a phrase that several entries list. An entry that pinned it in
// overrides.txt keeps it; otherwise the entry where it is a name or adjective beats one
// where it is a city, and an independent state beats a territory ("Indian" is India's,
// not the British Indian Ocean Territory's). A tie drops the phrase from all of them
// ("Congolese", "Dominican" unless pinned).
func (g *generation) resolveAmbiguity(log io.Writer) {
	type owner struct {
		c     *country
		field int
	}
	owners := map[string][]owner{}
	for _, c := range g.countries {
		for f, list := range c.Phrases {
			for _, p := range list {
				k := lexicon.Fold(p)
				owners[k] = append(owners[k], owner{c, f})
			}
		}
	}
	remove := map[*country]map[string]bool{}
	drop := func(c *country, k string) {
		if remove[c] == nil {
			remove[c] = map[string]bool{}
		}
		remove[c][k] = true
	}
	keysSorted := make([]string, 0, len(owners))
	for k := range owners {
		keysSorted = append(keysSorted, k)
	}
	sort.Strings(keysSorted)
	for _, k := range keysSorted {
		os := owners[k]
		distinct := map[*country]int{} // best (lowest) rank per country
		for _, o := range os {
			r := rank(o.field, o.c.Independent)
			if old, ok := distinct[o.c]; !ok || r < old {
				distinct[o.c] = r
			}
		}
		if len(distinct) < 2 {
			continue
		}
		var pinned []*country
		for c := range distinct {
			if c.pinned[k] {
				pinned = append(pinned, c)
			}
		}
		var winner *country
		switch {
		case len(pinned) == 1:
			winner = pinned[0]
		case len(pinned) > 1:
			winner = nil // pinned twice on purpose: leave both
			continue
		default:
			best, n := 1<<30, 0
			for c, r := range distinct {
				if r < best {
					best, n, winner = r, 1, c
				} else if r == best {
					n++
				}
			}
			if n > 1 {
				winner = nil
			}
		}
		var losers []string
		for c := range distinct {
			if c != winner {
				drop(c, k)
				losers = append(losers, c.ID)
			}
		}
		sort.Strings(losers)
		w := "nobody"
		if winner != nil {
			w = winner.ID
		}
		fmt.Fprintf(log, "ambiguous %q: kept by %s, dropped from %s\n", k, w, strings.Join(losers, ","))
		g.stats.ambiguous++
	}
	for c, ks := range remove {
		for f := range c.Phrases {
			kept := c.Phrases[f][:0]
			for _, p := range c.Phrases[f] {
				if !ks[lexicon.Fold(p)] {
					kept = append(kept, p)
				}
			}
			c.Phrases[f] = kept
		}
	}
}

func rank(field int, independent bool) int {
	r := 0
	switch field {
	case fName, fAdj:
		r = 0
	case fCapital, fSeat:
		r = 2
	default:
		r = 4
	}
	if !independent {
		r++
	}
	return r
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func without(list, remove []string) []string {
	var out []string
	for _, s := range list {
		keep := true
		for _, r := range remove {
			if s == r {
				keep = false
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}
