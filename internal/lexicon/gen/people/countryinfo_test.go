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
var ciKnownDifferences = map[string]string{}

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
	var checked, missing int
	skipped := map[string]bool{}
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
		p := ix.findByTokens(o.name)
		if p == nil {
			missing++
			t.Errorf("CountryInfo:%d %s %s (%s since %s): no such person", o.line, o.country, o.name, o.title, o.from.Format("2006-01-02"))
			continue
		}
		ok := false
		for _, r := range p.Roles {
			if r.Country() == o.country && !strings.HasSuffix(r.Code, "ELI") && overlaps(r, o.from, o.to) {
				ok = true
			}
		}
		if !ok {
			missing++
			t.Errorf("CountryInfo:%d %s %s (%s %s..%s): %s has no government role then",
				o.line, o.country, o.name, o.title, o.from.Format("2006-01-02"), o.to.Format("2006-01-02"), p.ID)
		}
	}
	var sk []string
	for c := range skipped {
		sk = append(sk, c)
	}
	sort.Strings(sk)
	t.Logf("CountryInfo: %d officers checked, %d not matched; countries not covered by the people files (%d): %s",
		checked, missing, len(sk), strings.Join(sk, " "))
}

func overlaps(r Role, from, to time.Time) bool {
	return (r.From.IsZero() || !r.From.First().After(to)) && (r.To.IsZero() || !r.To.Last().Before(from))
}

// nameIndex holds every name of two words or more, folded and split, for findByTokens.
type nameIndex struct {
	words  [][]string
	people []*Person
}

func newNameIndex(ps []*Person) *nameIndex {
	ix := &nameIndex{}
	for _, p := range ps {
		for _, n := range append([]string{p.Display}, p.Names...) {
			if ws := strings.Fields(Fold(n)); len(ws) >= 2 {
				ix.words = append(ix.words, ws)
				ix.people = append(ix.people, p)
			}
		}
	}
	return ix
}

// findByTokens finds the person one of whose names (of two words or more) has all its
// words in the CountryInfo name, or whose CountryInfo name's words are all in it.
func (ix *nameIndex) findByTokens(ciName string) *Person {
	ci := strings.Fields(Fold(strings.ReplaceAll(ciName, "_", " ")))
	ciSet := map[string]bool{}
	for _, w := range ci {
		ciSet[w] = true
	}
	for i, ws := range ix.words {
		if subset(ws, ciSet) {
			return ix.people[i]
		}
		if len(ci) >= 2 {
			mine := map[string]bool{}
			for _, w := range ws {
				mine[w] = true
			}
			if subset(ci, mine) {
				return ix.people[i]
			}
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
