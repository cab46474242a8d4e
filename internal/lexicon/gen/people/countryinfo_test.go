package main

import (
	"bufio"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"dyad/internal/shareddata"
)

// ciOfficer is one head of state or government, foreign or defence minister that
// CountryInfo.txt lists as in office at its last update, with the period it vouches for.
type ciOfficer struct {
	country, name, title string
	from, to             time.Time
	line                 int
}

var (
	ciCode = regexp.MustCompile(`<CountryCode>([A-Z]*)</CountryCode>`)
	// Leaders: NAME_  [>YYYYMMDD]: in office since that date at the last update.
	ciLeader = regexp.MustCompile(`^\s+([A-Z][A-Z0-9_.'-]+?)_?\s+\[>(\d{8})\]`)
	// Government: NAME_  [CODE >YYYYMMDD]  # Title — one office only.
	ciGov = regexp.MustCompile(`^\s+([A-Z][A-Z0-9_.'-]+?)_?\s+\[[A-Z]{3}[A-Z]*\s*>(\d{8})\]\s*#\s*(.+)$`)
	ciSub = regexp.MustCompile(`^\t<([^/>][^>]*)>`)
	// The Leaders sub-lists in scope: heads of state and government, not their deputies,
	// cabinet chiefs or the governors of territories.
	ciLeaderList   = regexp.MustCompile(`(?i)president|prime minister|premier|king|queen|emir|sultan|chancellor|head|emperor|prince|chairm|governors-general|general secretar`)
	ciLeaderExcept = regexp.MustCompile(`(?i)vice|cabinet|assembly|lieutenant|cameroon|personal representative|captains`)
	ciTitle        = regexp.MustCompile(`(?i)^(president|prime minister|premier|chancellor|king|queen|emir|amir|sultan|supreme leader|minister of foreign affairs|minister for foreign affairs|minister of foreign relations|minister of external affairs|minister of defen[cs]e|minister for defen[cs]e|minister of national defen[cs]e)$`)
)

// The Government section stops in February 2011.
var ciGovEnd = time.Date(2011, 2, 1, 0, 0, 0, 0, time.UTC)

func readCountryInfo(t *testing.T, path string) []ciOfficer {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out     []ciOfficer
		country string
		section string
		list    string // the Leaders sub-list
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if m := ciCode.FindStringSubmatch(l); m != nil {
			country = m[1]
			if len(country) != 3 { // territories (USAGUM …) are not this lexicon's concern
				country = ""
			}
			continue
		}
		switch strings.TrimSpace(l) {
		case "<Leaders>", "<Government>":
			section = strings.Trim(strings.TrimSpace(l), "<>")
			continue
		case "</Leaders>", "</Government>", "</Country>":
			section = ""
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), "#") || country == "" {
			continue
		}
		switch section {
		case "Leaders":
			if m := ciSub.FindStringSubmatch(l); m != nil {
				list = m[1]
				continue
			}
			if !ciLeaderList.MatchString(list) || ciLeaderExcept.MatchString(list) {
				continue
			}
			if m := ciLeader.FindStringSubmatch(l); m != nil {
				from := ciDate(m[2])
				out = append(out, ciOfficer{country, m[1], strings.ToLower(list), from, from.AddDate(0, 0, 30), n})
			}
		case "Government":
			if m := ciGov.FindStringSubmatch(l); m != nil {
				title := strings.TrimSpace(strings.Trim(strings.TrimSpace(m[3]), `"`))
				if ciTitle.MatchString(title) {
					out = append(out, ciOfficer{country, m[1], title, ciDate(m[2]), ciGovEnd, n})
				}
			}
		}
	}
	return out
}

func ciDate(s string) time.Time {
	t, err := time.Parse("20060102", s)
	if err != nil { // CountryInfo has days like 20070231: keep the month
		t, _ = time.Parse("200601", s[:6])
	}
	return t
}

// ciKnownDifferences are CountryInfo entries that are wrong or that this lexicon
// deliberately codes otherwise, with the reason.
var ciKnownDifferences = map[string]string{
	"SOM ALI_MAHDI_MUHAMMAD":       "a 1990s faction leader CountryInfo lists as a president since 1997",
	"SOM ABDULKADIR_MUHAMMAD_ADEN": "a 1990s faction leader CountryInfo lists as a president since 1997",
	"SOM ABDULLAHI_YUSUF_AHMED":    "CountryInfo's 1997 faction claim; his presidency (2004–2008) is in the file",
	"SOM ADEN_ABDULLAHI_NUR":       "a 1990s faction leader CountryInfo lists as a president since 1997",
	"SOM ABDINUR_AHMED_DARMAN":     "a self-declared 2003 claimant, never in office",
	"YEM MUHAMMAD_NAAHMAD_ALI":     "CountryInfo's garbled spelling of Mohammed Nasser Ahmed, who is in the file",
	"KSV ANOTE_TONG":               "Kiribati's president, filed under Kosovo in CountryInfo",
	"SGP RTEO_CHEE_HEAN":           "CountryInfo's misspelling of Teo Chee Hean, who is in the file",
	"HUN FERENC_GYURCSANY":         "CountryInfo dates his nomination (2004-08); parliament elected him on 2004-09-29",
	"BLR BARYS_RAGULA":             "head of the exiled Rada of the Belarusian Democratic Republic, not a state office",
	"BLR IVONKA_SURVILLA":          "head of the exiled Rada of the Belarusian Democratic Republic, not a state office",
	"SLE YAYAH_KANU":               "a 1992 junta member CountryInfo lists as still in office",
}

// completeCountries are the countries whose heads of state and government, foreign and
// defence ministers the people files claim to list in full for 2000–2025: CountryInfo's
// office-holders there must all be found. Other countries are partial: their misses are
// only logged.
var completeCountries = set(`USA CAN MEX COL VEN BRA ARG CHL PER ECU BOL
RUS UKR GBR FRA DEU ITA ESP POL TUR
ISR PSE IRN IRQ SYR LBN JOR SAU ARE QAT KWT BHR OMN YEM EGY LBY TUN DZA MAR
CHN TWN JPN PRK KOR IND PAK AFG MMR IDN
SDN SSD ETH ERI SOM NGA COD ZAF KEN UGA RWA TZA ZWE`)

// TestCountryInfoLeaders checks, for every country the people files cover, that each
// leader and minister CountryInfo lists as in office at its last update is known with a
// government role of that country during the period CountryInfo vouches for.
func TestCountryInfoLeaders(t *testing.T) {
	path := shareddata.Path(t, "data/geo/countries/CountryInfo.120116.txt")
	officers := readCountryInfo(t, path)
	if len(officers) < 100 {
		t.Fatalf("read only %d officers from CountryInfo: the reader is broken", len(officers))
	}
	ps := loadAll(t)
	ix := newNameIndex(ps)
	covered := map[string]bool{}
	for _, p := range ps {
		for _, r := range p.Roles {
			covered[r.Country()] = true
		}
	}
	var checked, missing, partialMisses int
	skipped := map[string]bool{}
	report := func(format string, a ...any) {
		if completeCountries[a[1].(string)] {
			missing++
			t.Errorf(format, a...)
		} else {
			partialMisses++
			t.Logf("partial country: "+format, a...)
		}
	}
	for _, o := range officers {
		if !covered[o.country] {
			skipped[o.country] = true
			continue
		}
		key := o.country + " " + o.name
		if why, ok := ciKnownDifferences[key]; ok {
			t.Logf("known difference %s: %s", key, why)
			continue
		}
		checked++
		p := ix.findByTokens(o.country, o.name)
		if p == nil {
			report("CountryInfo:%d %s %s (%s since %s): no such person", o.line, o.country, o.name, o.title, o.from.Format("2006-01-02"))
			continue
		}
		ok := false
		for _, r := range p.Roles {
			if r.Country() == o.country && !strings.HasSuffix(r.Code, "ELI") && overlaps(r, o.from, o.to) {
				ok = true
			}
		}
		if !ok {
			report("CountryInfo:%d %s %s (%s %s..%s): %s has no government role then",
				o.line, o.country, o.name, o.title, o.from.Format("2006-01-02"), o.to.Format("2006-01-02"), p.ID)
		}
	}
	var sk []string
	for c := range skipped {
		sk = append(sk, c)
	}
	sort.Strings(sk)
	t.Logf("CountryInfo: %d officers checked, %d not matched in complete countries, %d in partial ones; countries not covered by the people files (%d): %s",
		checked, missing, partialMisses, len(sk), strings.Join(sk, " "))
}

func overlaps(r Role, from, to time.Time) bool {
	return (r.From.IsZero() || !r.From.First().After(to)) && (r.To.IsZero() || !r.To.Last().Before(from))
}

// nameIndex holds the consonant skeletons of every person's names, by country, for
// matching CountryInfo's transliterations ("KHALIFAH_IBN_SULMAN" = "Khalifa bin Salman").
type nameIndex struct {
	byCountry map[string][]skelName
}

type skelName struct {
	words  []string
	person *Person
}

func newNameIndex(ps []*Person) *nameIndex {
	ix := &nameIndex{byCountry: map[string][]skelName{}}
	for _, p := range ps {
		countries := map[string]bool{}
		for _, r := range p.Roles {
			countries[r.Country()] = true
		}
		for _, n := range append([]string{p.Display}, p.Names...) {
			ws := skeleton(n)
			if len(ws) == 0 {
				continue
			}
			for c := range countries {
				ix.byCountry[c] = append(ix.byCountry[c], skelName{ws, p})
			}
		}
	}
	return ix
}

// fillers are words that transliterations add or drop at will.
var fillers = set(`al el ibn bin bint ben sheikh shaykh sheik de da di del la le van von der`)

// skeleton splits a name into words and reduces each to its consonants, with the usual
// transliteration pairs (q/k, c/k, z/s) merged and doubled letters collapsed.
func skeleton(name string) []string {
	var out []string
	for _, w := range strings.Fields(Fold(strings.NewReplacer("_", " ", "-", " ").Replace(name))) {
		if fillers[w] {
			continue
		}
		var b []byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y', 'h', 'w':
				continue
			case 'q', 'c':
				c = 'k'
			case 'z':
				c = 's'
			}
			if len(b) > 0 && b[len(b)-1] == c {
				continue
			}
			b = append(b, c)
		}
		if len(b) == 0 {
			b = []byte(w)
		}
		out = append(out, string(b))
	}
	return out
}

// findByTokens finds, among the people with a role in country, one whose name's words
// all appear in the CountryInfo name (two words at least), or who has all the CountryInfo
// name's words in one of their names.
func (ix *nameIndex) findByTokens(country, ciName string) *Person {
	ci := skeleton(ciName)
	ciSet := map[string]bool{}
	for _, w := range ci {
		ciSet[w] = true
	}
	for _, n := range ix.byCountry[country] {
		if len(n.words) >= 2 && subset(n.words, ciSet) {
			return n.person
		}
		mine := map[string]bool{}
		for _, w := range n.words {
			mine[w] = true
		}
		if len(ci) > 0 && subset(ci, mine) {
			return n.person
		}
	}
	return nil
}

func subset(ws []string, in map[string]bool) bool {
	for _, w := range ws {
		if !in[w] {
			return false
		}
	}
	return true
}
