package main

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// countries are the codes a national role may start with: ISO 3166-1 alpha-3 of the
// sovereign states, plus Palestine (PSE), Kosovo (KSV, CAMEO's code: it has no ISO code),
// the Holy See (VAT), Taiwan (TWN) and the Soviet Union (SUN, historical, as countries.txt codes it).
var countries = set(`AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL
BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP
CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM
GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN
SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN
VNM YEM ZMB ZWE PSE KSV VAT TWN SUN`)

// agents are the CAMEO role codes a person's role may carry after the country.
var agents = set(`GOV ELI OPP MIL LEG JUD REB SPY COP BUS MED PTY INS SEP UAF`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// ValidCode reports whether code is a country (or IGO) code followed by known agents.
// IGO roles carry the organisation's own code (IGOUNO, IGOWSTNAT, IGOEUREEC …), whose
// parts are not agents, so only their shape is checked.
func ValidCode(code string) bool {
	if len(code) < 6 || len(code)%3 != 0 {
		return false
	}
	for _, c := range code {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	if code[:3] == "IGO" {
		return true
	}
	if !countries[code[:3]] {
		return false
	}
	for i := 3; i < len(code); i += 3 {
		if !agents[code[i:i+3]] {
			return false
		}
	}
	return true
}

// Fold lower-cases s and removes diacritics and punctuation other than spaces, the way
// the lexicon matches phrases, so that duplicates are found whatever the spelling.
func Fold(s string) string {
	f := s
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 { // only non-ASCII text needs the (slow) diacritic folding
			t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			if g, _, err := transform.String(t, s); err == nil {
				f = g
			}
			break
		}
	}
	f = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToLower(r)
		case r == '-' || r == '\'' || r == '’' || r == '.':
			return -1
		}
		return ' '
	}, f)
	return strings.Join(strings.Fields(f), " ")
}

// Office names the kind of office a role note describes, for counting.
func Office(note string) string {
	n := strings.ToLower(note)
	switch {
	case strings.HasPrefix(n, "former"):
		return "former"
	case strings.Contains(n, "deputy") || strings.Contains(n, "vice"):
		return "deputy / vice"
	case strings.Contains(n, "foreign"):
		return "foreign minister"
	case strings.Contains(n, "defence") || strings.Contains(n, "defense"):
		return "defence minister"
	case strings.Contains(n, "prime minister") || strings.Contains(n, "premier") ||
		strings.Contains(n, "chancellor") || strings.Contains(n, "head of government"):
		return "head of government"
	case strings.Contains(n, "president") && !strings.Contains(n, "commission") && !strings.Contains(n, "bank"):
		return "president"
	case strings.Contains(n, "king") || strings.Contains(n, "queen") || strings.Contains(n, "emir") ||
		strings.Contains(n, "sultan") || strings.Contains(n, "head of state") || strings.Contains(n, "supreme leader") ||
		strings.Contains(n, "governor-general") || strings.Contains(n, "prince") || strings.Contains(n, "emperor") ||
		strings.Contains(n, "pope") || strings.Contains(n, "captain"):
		return "head of state"
	case strings.Contains(n, "opposition"):
		return "opposition leader"
	case strings.Contains(n, "secretary-general") || strings.Contains(n, "commission") || strings.Contains(n, "high representative"):
		return "IGO head"
	case strings.Contains(n, "central bank") || strings.Contains(n, "bank"):
		return "central bank"
	}
	return "other"
}

// Check returns every problem found in the people: bad ids, bad codes, names listed
// under two people, contradictory overlapping roles.
func Check(ps []*Person) []string {
	var out []string
	bad := func(p *Person, line int, format string, a ...any) {
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", p.File, line, p.ID, fmt.Sprintf(format, a...)))
	}
	ids := map[string]*Person{}
	names := map[string]*Person{}
	for _, p := range ps {
		if q := ids[p.ID]; q != nil {
			bad(p, p.Line, "id already used at %s:%d", q.File, q.Line)
		}
		ids[p.ID] = p
		if !validID(p.ID) {
			bad(p, p.Line, "id must be lower-case ASCII words joined by '-'")
		}
		if len(p.Names) == 0 {
			bad(p, p.Line, "no names")
		}
		if len(p.Roles) == 0 {
			bad(p, p.Line, "no roles")
		}
		seen := map[string]bool{}
		for _, n := range p.Names {
			f := Fold(n)
			if seen[f] {
				continue // "Chávez" and "Chavez" fold alike: the plain spelling is for readers
			}
			seen[f] = true
			if q := names[f]; q != nil {
				bad(p, p.Line, "name %q is also a name of %s (%s:%d)", n, q.ID, q.File, q.Line)
			}
			names[f] = p
		}
		for _, r := range p.Roles {
			if !ValidCode(r.Code) {
				bad(p, r.Line, "unknown role code %s", r.Code)
			}
		}
		for i := 1; i < len(p.Roles); i++ {
			if roleBefore(p.Roles[i], p.Roles[i-1]) {
				bad(p, p.Roles[i].Line, "roles must be listed oldest first (the loader reads the last as the current one); run with -write")
				break
			}
		}
		for i, a := range p.Roles {
			for _, b := range p.Roles[i+1:] {
				if a.Code != b.Code && contradicts(a, b) && certainOverlapDays(a, b) > 1 {
					bad(p, b.Line, "role %s %s..%s overlaps role %s %s..%s", b.Code, b.From, b.To, a.Code, a.From, a.To)
				}
			}
		}
	}
	return out
}

// contradicts reports whether a person cannot hold both roles at once: two countries,
// or government and opposition or former official of one country. IGO posts held with a
// national office (a UN envoy who is also a minister) are not contradictions.
func contradicts(a, b Role) bool {
	if a.Country() == "IGO" || b.Country() == "IGO" {
		return a.Country() == "IGO" && b.Country() == "IGO" && a.Code != b.Code && (a.Former() || b.Former())
	}
	if a.Country() != b.Country() {
		return true
	}
	kind := func(r Role) string {
		switch {
		case strings.HasSuffix(r.Code, "ELI"):
			return "ELI"
		case strings.Contains(r.Agent(), "OPP"):
			return "OPP"
		}
		return "GOV"
	}
	return kind(a) != kind(b)
}

// certainOverlapDays counts the days both roles surely held: an imprecise start is
// taken at its latest, an imprecise end at its earliest.
func certainOverlapDays(a, b Role) int {
	start := func(r Role) int64 {
		if r.From.IsZero() {
			return -1 << 40
		}
		return r.From.Last().Unix()
	}
	end := func(r Role) int64 {
		if r.To.IsZero() {
			return 1 << 40
		}
		return r.To.First().Unix()
	}
	s, e := max(start(a), start(b)), min(end(a), end(b))
	if e < s {
		return 0
	}
	return int((e-s)/86400) + 1
}

func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' || strings.Contains(id, "--") {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
