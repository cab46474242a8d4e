package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"dyad/internal/lexicon"
)

// division is one first-level administrative division (state, province, region) of
// GeoNames' admin1CodesASCII.txt.
type division struct {
	Country string // ISO alpha-2
	Name    string
}

// readAdmin1 reads GeoNames' first-level divisions by ISO alpha-2 country code.
func readAdmin1(shared string) (map[string][]division, error) {
	path := filepath.Join(shared, "data/geo/admin1CodesASCII.txt")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]division{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 4", path, n, len(cols))
		}
		cc, _, ok := strings.Cut(cols[0], ".")
		if !ok {
			return nil, fmt.Errorf("%s:%d: code %q is not CC.XX", path, n, cols[0])
		}
		out[cc] = append(out[cc], division{Country: cc, Name: cols[1]})
	}
	return out, sc.Err()
}

// Designators GeoNames writes around some division names ("Volgograd Oblast", "Tabuk
// Region", "Republic of Tyva"): the bare name is what news text says.
var (
	divisionSuffixes = []string{" Oblast'", " Oblast", " Region", " region", " Province", " Republic",
		" Kray", " Krai", " State", " Division", " Governorate", " District", " Area", " City"}
	divisionPrefixes = []string{"Republic of ", "Region of ", "Muhafazat "}
)

// divisionBase returns a division's name without its designator, with the apostrophes
// GeoNames uses for transliterated ayn and hamza ("Karbalāʼ", "Ta‘izz") made plain or
// dropped at the end of the name.
func divisionBase(name string) string {
	name = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "ʻ", "'").Replace(name)
	name = strings.TrimRight(name, "'")
	for _, p := range divisionPrefixes {
		name = strings.TrimPrefix(name, p)
	}
	for _, s := range divisionSuffixes {
		if strings.HasSuffix(name, s) && len(name) > len(s)+2 {
			name = strings.TrimSuffix(name, s)
			break
		}
	}
	return strings.TrimRight(strings.TrimSpace(name), "'")
}

// divisionChecks are the facts a division name is checked against before it becomes a
// phrase of its country: a division whose name reads as something else in running text
// or belongs to another place is left out, and the reason is logged.
type divisionChecks struct {
	lower      map[string]bool            // lower-case English words (UD)
	otherNames map[string]map[string]bool // folded country names, adjectives, capitals -> country IDs
	places     map[string]map[string]bool // folded phrases of any field (cities, seats too) -> country IDs
	regions    map[string]bool            // folded region names and adjectives
	popByName  map[string]map[string]int  // folded city name -> ISO2 -> largest population
}

// reject says why a division phrase must not name its country, or "". A phrase that
// adds a designator to the name ("Delta State") is distinctive even when the name alone
// is a word.
func (dc *divisionChecks) reject(phrase, base, countryID, iso2 string) string {
	k := lexicon.Fold(phrase)
	words := strings.Fields(strings.NewReplacer("-", " ").Replace(phrase))
	designated := phrase != base && strings.Contains(phrase, base)
	switch {
	case strings.ContainsAny(phrase, "0123456789&"):
		return "has a digit or '&'"
	case len(words) == 0:
		return "empty"
	case isUpperShort(phrase):
		return "a short acronym"
	case !designated && allLowerWords(words, dc.lower):
		return "made of lower-case English words"
	case dc.regions[k]:
		return "the name of a region"
	}
	if owners := dc.otherNames[k]; len(owners) > 0 && !owners[countryID] {
		return "a name of " + keys(owners)
	}
	if owners := dc.places[k]; len(owners) > 0 && !owners[countryID] {
		// A tie with another country's city would drop the phrase from both.
		return "a place of " + keys(owners)
	}
	if other := rivalDivisionCity(dc.popByName[k], iso2); other != "" {
		return "also a city in " + other
	}
	return ""
}

// rivalDivisionCity returns the other countries that have a city of the division's name
// large enough to be in the news under it (Ontario, California; not Florida, Cuba), or "".
func rivalDivisionCity(pops map[string]int, cc string) string {
	var rivals []string
	for other, p := range pops {
		if other != cc && p >= minRivalCityPopulation {
			rivals = append(rivals, other)
		}
	}
	sort.Strings(rivals)
	return strings.Join(rivals, ",")
}

const minRivalCityPopulation = 150000

func allLowerWords(words []string, lower map[string]bool) bool {
	for _, w := range words {
		if !lower[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

func isUpperShort(s string) bool {
	if len(s) > 3 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// addDivisions adds the first-level divisions of every country whose override lists
// admin1 forms ("*" stands for the division's name: "* | * State" gives "Borno" and
// "Borno State") to its cities, after the checks of divisionChecks.
func (g *generation) addDivisions(admin1 map[string][]division, forms map[*country][]string, dc *divisionChecks, log io.Writer) {
	sorted := make([]*country, 0, len(forms))
	for c := range forms {
		sorted = append(sorted, c)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, c := range sorted {
		for _, d := range admin1[c.ISO2] {
			base := divisionBase(d.Name)
			var phrases []string
			for _, f := range forms[c] {
				phrases = append(phrases, strings.ReplaceAll(f, "*", base))
			}
			if full := strings.TrimSpace(d.Name); full != base && strings.Contains(full, " ") {
				phrases = append(phrases, full)
			}
			for _, p := range phrases {
				if c.skipDivision[lexicon.Fold(p)] || (p == base && c.skipDivision[lexicon.Fold(d.Name)]) {
					continue // overrides.txt leaves it out ("Plateau", not "Plateau State")
				}
				if why := dc.reject(p, base, c.ID, c.ISO2); why != "" {
					fmt.Fprintf(log, "division %s %q: %s\n", c.ID, p, why)
					g.stats.commonWord++
					continue
				}
				c.add(fCity, p)
				g.stats.divisions++
			}
		}
	}
}
