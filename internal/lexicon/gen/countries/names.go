package main

import (
	"strings"
	"unicode"

	"dyad/internal/lexicon"
)

// latinOnly reports whether s is written in Latin letters (with spaces, digits and
// punctuation): names in other scripts never occur in English news text.
func latinOnly(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// acceptAltSpelling keeps world-countries' alternative spellings that can name the
// country in English text: not the two-letter code ("IT", "IN" are words in headlines),
// not in another script, not a lower-case English word ("Island" for Iceland), and when
// of several words, English ones ("Republic of Colombia", not "República de Colombia").
// english holds the words of the country's English names.
func acceptAltSpelling(s, alpha2 string, lower, english map[string]bool) bool {
	switch {
	case s == alpha2, len([]rune(s)) < 3, !latinOnly(s), strings.ContainsAny(s, ",()"):
		return false
	case !strings.Contains(s, " ") && lower[strings.ToLower(s)]:
		return false
	}
	if words := strings.Fields(s); len(words) > 1 {
		for _, w := range words {
			k := lexicon.Fold(w)
			if !englishNameWords[k] && !english[k] {
				return false
			}
		}
	}
	return true
}

// englishNameWords are the words of English state names ("Independent State of ...").
var englishNameWords = set("republic", "kingdom", "state", "states", "union", "federation", "federal",
	"commonwealth", "principality", "sultanate", "emirate", "emirates", "islamic", "arab", "democratic",
	"people's", "peoples", "socialist", "united", "of", "the", "and", "islands", "island", "territory",
	"independent", "sovereign", "co-operative", "cooperative", "plurinational", "bolivarian",
	"hashemite", "oriental", "grand", "duchy", "confederation", "new", "north", "south", "east",
	"west", "central", "great", "northern", "southern", "saint", "st.", "bailiwick", "collectivity",
	"overseas", "special", "administrative", "region", "most", "serene", "group", "kingdom", "holy")

// englishWords returns the folded words of a country's English names and adjectives.
func englishWords(names ...string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		for _, w := range strings.Fields(n) {
			out[lexicon.Fold(w)] = true
		}
	}
	return out
}

// splitDemonym splits world-countries' "Kittitian or Nevisian" and "Saint-Pierrais,
// Miquelonnais" into their parts.
func splitDemonym(s string) []string {
	s = strings.ReplaceAll(s, " or ", ",")
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// acceptNationality keeps i18n-nationality adjectives that are one demonym, not a
// "Bosnian - Herzegovinian" pair or a territory's name standing in for one.
func acceptNationality(s string) bool {
	if s == "" || strings.Contains(s, " - ") || strings.Contains(s, " or ") || strings.Contains(s, " and ") || strings.ContainsAny(s, ",()") {
		return false
	}
	return hasDemonymSuffix(strings.ToUpper(s))
}

// demonymSuffixes are the endings of English demonyms and nationality adjectives.
var demonymSuffixes = []string{"AN", "ESE", "ISH", "I", "CH", "ER", "OT", "ENE", "AK", "EK", "IK", "ZI", "INO", "ANS", "IS", "MAN", "MEN", "SS", "ITE", "OIS", "IC"}

func hasDemonymSuffix(upper string) bool {
	for _, suf := range demonymSuffixes {
		if strings.HasSuffix(upper, suf) {
			return true
		}
	}
	return false
}

// acceptCountryInfoAdj keeps the CountryInfo nationality forms that are an English
// demonym noun ("SCOTSMAN", "HOLLANDER", "TIMORESE") and not a misspelling or foreign
// form of a name or form already kept. Most of CountryInfo's forms are misspelt country
// names ("AFGHANSITAN", "KAZAHKSTAN"), so only the unmistakable demonym endings pass.
func acceptCountryInfoAdj(s string, kept, names []string, lower map[string]bool) bool {
	if strings.ContainsAny(s, " ,().'-") || len(s) < 5 || strings.HasSuffix(s, "STAN") {
		return false
	}
	ok := false
	for _, suf := range []string{"MAN", "MEN", "ER", "ESE", "IAN", "EAN", "AIS", "OT"} {
		if strings.HasSuffix(s, suf) {
			ok = true
		}
	}
	if !ok || lower[strings.ToLower(s)] {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	k := strings.ToLower(s)
	for _, n := range names {
		if editDistance(k, lexicon.Fold(n)) <= 3 {
			return false
		}
	}
	for _, o := range kept {
		ok := lexicon.Fold(o)
		if ok == k {
			return false
		}
		limit := 2
		if len(k) < 7 {
			limit = 1
		}
		if editDistance(k, ok) <= limit {
			return false
		}
	}
	return true
}

// editDistance is the Levenshtein distance between two ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// smallWords stay lower case inside a title-cased name.
var smallWords = map[string]bool{"of": true, "the": true, "and": true, "de": true, "du": true, "da": true, "del": true, "la": true, "al": true, "el": true, "es": true, "y": true, "e": true, "do": true, "dos": true}

// titleCase turns CountryInfo's "ST._JOHN'S" style into "St. John's". Words without
// vowels ("DPRK") keep their capitals.
func titleCase(s string) string {
	words := strings.Fields(strings.ReplaceAll(s, "_", " "))
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case isInitials(w) || (!strings.Contains(w, ".") && !strings.ContainsAny(lw, "aeiouy")):
			words[i] = strings.ToUpper(w)
		case i > 0 && smallWords[lw]:
			words[i] = lw
		default:
			words[i] = capitalizeParts(lw)
		}
	}
	return strings.Join(words, " ")
}

// isInitials reports whether w is written as initials ("D.P.R.K.", "U.K.").
func isInitials(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, seg := range strings.Split(strings.Trim(w, "."), ".") {
		if len(seg) > 1 {
			return false
		}
	}
	return true
}

// capitalizeParts capitalises each hyphen- or apostrophe-separated part: "port-au-prince"
// -> "Port-Au-Prince" is wrong, so only the first part and parts after a hyphen longer
// than two letters are capitalised.
func capitalizeParts(w string) string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		if p == "" || (i > 0 && len(p) <= 2) {
			continue
		}
		r := []rune(p)
		r[0] = unicode.ToUpper(r[0])
		parts[i] = string(r)
	}
	return strings.Join(parts, "-")
}

// demonymPlural returns the plural noun of a demonym ("Colombian" -> "Colombians",
// "Englishman" -> "Englishmen"), or "" when the word has none of its own ("British",
// "Swiss", "Japanese": one says "the British", "the Japanese").
func demonymPlural(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	last := words[len(words)-1]
	lw := strings.ToLower(last)
	var p string
	switch {
	case strings.ToUpper(last) == last && len(last) > 1, strings.HasPrefix(last, "I-"), strings.HasPrefix(last, "Ni-"):
		return ""
	case strings.HasSuffix(lw, "man") && lw != "german" && lw != "roman" && lw != "omani":
		p = last[:len(last)-3] + "men"
	case strings.HasSuffix(lw, "men"),
		strings.HasSuffix(lw, "ese"), strings.HasSuffix(lw, "ish"), strings.HasSuffix(lw, "ch"),
		strings.HasSuffix(lw, "ss"), strings.HasSuffix(lw, "sh"), strings.HasSuffix(lw, "s"),
		strings.HasSuffix(lw, "x"), strings.HasSuffix(lw, "z"), strings.HasSuffix(lw, "ic"),
		strings.HasSuffix(lw, "y"), strings.HasSuffix(lw, "u"), strings.HasSuffix(lw, "ais"):
		return ""
	default:
		p = last + "s"
	}
	words[len(words)-1] = p
	return strings.Join(words, " ")
}

// subregionRegions maps world-countries' (UN M49) subregions to CAMEO region codes
// (CAMEO manual table 3.3, plus WEU as the Phoenix dictionaries use it and EAS/OCE, which
// CAMEO lacks). overrides.txt adds the political groupings geography does not give
// (Middle East for Egypt, the Gulf, the Balkans, Scandinavia).
var subregionRegions = map[string][]string{
	"South America":             {"LAM", "SAM"},
	"Central America":           {"LAM"},
	"Caribbean":                 {"CRB"},
	"North America":             {"NMR"},
	"Northern Europe":           {"EUR"},
	"Western Europe":            {"EUR", "WEU"},
	"Southern Europe":           {"EUR"},
	"Southeast Europe":          {"EUR", "BLK"},
	"Eastern Europe":            {"EUR", "EEU"},
	"Central Europe":            {"EUR", "CEU"},
	"Northern Africa":           {"AFR", "NAF"},
	"Western Africa":            {"AFR", "WAF"},
	"Eastern Africa":            {"AFR", "EAF"},
	"Middle Africa":             {"AFR", "CFR"},
	"Southern Africa":           {"AFR", "SAF"},
	"Western Asia":              {"ASA", "MEA"},
	"Central Asia":              {"ASA", "CAS"},
	"Southern Asia":             {"ASA", "SAS"},
	"South-Eastern Asia":        {"ASA", "SEA"},
	"Eastern Asia":              {"ASA", "EAS"},
	"Australia and New Zealand": {"OCE"},
	"Melanesia":                 {"OCE"},
	"Micronesia":                {"OCE"},
	"Polynesia":                 {"OCE"},
}

func regionsFor(region, subregion string) []string {
	if r, ok := subregionRegions[subregion]; ok {
		return append([]string(nil), r...)
	}
	return nil
}
