// Package ontology holds the event and actor vocabularies dyad codes into: every CAMEO
// event code with its name, parent and classes, the weights different products give
// those codes (kept side by side as named scales), every PLOVER event type, mode and
// context with its score, the CAMEO↔PLOVER crosswalk, and the CAMEO agent (sector) codes.
//
// The tables are generated from the codebook files in ../shared/data/ontology by
// ./gen (run `go generate ./internal/ontology`) and compiled in: nothing is read at run
// time and every lookup is a map access. See docs/ontology.md for sources, licences and
// how the scales differ.
//
// The package knows codes, not words: which phrases express which event, and which
// names denote which actor, belong to the lexicon.
package ontology

//go:generate go run ./gen

import (
	"sort"
	"strings"
)

// CAMEOCode is one CAMEO event code (CAMEO 1.1b3, the version the manual, GDELT and
// ICEWS share, plus the few codes only some of them have).
type CAMEOCode struct {
	Code   string // "0211": two digits for a root, three or four below
	Name   string // the manual's name, e.g. "Appeal for economic cooperation"
	Parent string // "021"; "" for a root

	// QuadClass is GDELT's class of the root: 1 verbal cooperation (01–05), 2 material
	// cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).
	QuadClass int
	// Goldstein is GDELT's Goldstein weight for the code, or for its nearest ancestor
	// when GDELT gives none (GoldsteinInherited is then true).
	Goldstein          float64
	GoldsteinInherited bool

	Description string // one-line definition (ICEWS CAMEO codebook), may be empty
	UsageNotes  string // the manual's usage notes, may be empty

	// Labels other products print for the code, only where they differ from Name.
	GDELTName string
	ICEWSName string

	// Which code lists have the code.
	InManual, InGDELT, InICEWS bool
}

// IsRoot reports whether the code is one of the twenty two-digit roots.
func (c CAMEOCode) IsRoot() bool { return len(c.Code) == 2 }

var cameoIndex = func() map[string]int {
	m := make(map[string]int, len(cameoTable))
	for i, c := range cameoTable {
		m[c.Code] = i
	}
	return m
}()

// CAMEO returns the code's entry. Surrounding space is ignored; codes are matched
// exactly otherwise ("010", not "10" — "10" is the root DEMAND).
func CAMEO(code string) (CAMEOCode, bool) {
	i, ok := cameoIndex[strings.TrimSpace(code)]
	if !ok {
		return CAMEOCode{}, false
	}
	return cameoTable[i], true
}

// CAMEOCodes returns every code in code order (roots before their children).
func CAMEOCodes() []CAMEOCode {
	out := make([]CAMEOCode, len(cameoTable))
	copy(out, cameoTable)
	return out
}

// Root returns the two-digit root of a CAMEO code ("1612" → "16"), or "" when code
// does not start with two digits.
func Root(code string) string {
	code = strings.TrimSpace(code)
	if len(code) < 2 || !isDigit(code[0]) || !isDigit(code[1]) {
		return ""
	}
	return code[:2]
}

// Ancestors returns the code followed by its parents up to the root, as far as they
// are known: "1612" → ["1612", "161", "16"]; nil for an unknown code.
func Ancestors(code string) []string {
	c, ok := CAMEO(code)
	if !ok {
		return nil
	}
	out := []string{c.Code}
	for c.Parent != "" {
		c, _ = CAMEO(c.Parent)
		out = append(out, c.Code)
	}
	return out
}

// QuadClass returns GDELT's QuadClass (1–4) of a code's root, or 0 when the root is
// not a CAMEO root.
func QuadClass(code string) int {
	if r, ok := CAMEO(Root(code)); ok {
		return r.QuadClass
	}
	return 0
}

// QuadClassName names a QuadClass as GDELT's code list does ("Verbal Cooperation").
func QuadClassName(q int) string {
	if q < 1 || q >= len(quadClassNames) {
		return ""
	}
	return quadClassNames[q]
}

// PentaClass returns the five-way class ConfliBERT's annotators used: 0 statement or
// appeal (01–02), 1 verbal cooperation (03–05), 2 material cooperation (06–08),
// 3 verbal conflict (09–13 and 16, reduce relations), 4 material conflict (14, 15,
// 17–20); -1 for an unknown root. It differs from QuadClass on 01, 02 and 16.
func PentaClass(code string) int {
	r := Root(code)
	if _, ok := CAMEO(r); !ok {
		return -1
	}
	switch n := int(r[0]-'0')*10 + int(r[1]-'0'); {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	case n <= 8:
		return 2
	case n <= 13 || n == 16:
		return 3
	default:
		return 4
	}
}

// Goldstein returns GDELT's Goldstein weight for a code, taking the nearest ancestor's
// weight for codes GDELT does not list ("1951" gets 195's); false when neither the
// code nor any of its prefixes is listed.
func Goldstein(code string) (float64, bool) {
	return scaleIndex[ScaleGoldsteinGDELT].Value(code)
}

// lineage returns a code of two to four digits followed by its prefixes down to the
// root ("1612" → "1612", "161", "16"), whether or not the code is in the tables, so
// that codes from other dictionaries still find their family; nil for anything else.
func lineage(code string) []string {
	code = strings.TrimSpace(code)
	if len(code) < 2 || len(code) > 4 {
		return nil
	}
	for i := 0; i < len(code); i++ {
		if !isDigit(code[i]) {
			return nil
		}
	}
	out := make([]string, 0, len(code)-1)
	for n := len(code); n >= 2; n-- {
		out = append(out, code[:n])
	}
	return out
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// Names of the weight scales over CAMEO codes.
const (
	// ScaleGoldsteinGDELT is GDELT's CAMEO.goldsteinscale.txt.
	ScaleGoldsteinGDELT = "goldstein-gdelt"
	// ScaleIntensityICEWS is the "intensity" ICEWS prints for each CAMEO code.
	ScaleIntensityICEWS = "intensity-icews"
)

// Scale is one product's weight per CAMEO code, on the Goldstein −10…+10 range.
type Scale struct {
	Name        string
	Description string
	Source      string // file it was generated from
	values      map[string]float64
}

// Own returns the weight the scale gives the code itself.
func (s *Scale) Own(code string) (float64, bool) {
	v, ok := s.values[strings.TrimSpace(code)]
	return v, ok
}

// Value returns the code's weight, or its nearest ancestor's when the scale has none
// for the code itself (products list some four-digit codes only through their parent).
func (s *Scale) Value(code string) (float64, bool) {
	for _, c := range lineage(code) {
		if v, ok := s.values[c]; ok {
			return v, true
		}
	}
	return 0, false
}

// Codes returns the codes the scale lists, sorted.
func (s *Scale) Codes() []string {
	out := make([]string, 0, len(s.values))
	for c := range s.values {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

var scaleIndex = func() map[string]*Scale {
	m := make(map[string]*Scale, len(scaleTable))
	for i := range scaleTable {
		m[scaleTable[i].Name] = &scaleTable[i]
	}
	return m
}()

// NamedScale returns the scale with the given name (see the Scale… constants).
func NamedScale(name string) (*Scale, bool) {
	s, ok := scaleIndex[name]
	return s, ok
}

// ScaleNames lists the scales, sorted.
func ScaleNames() []string {
	out := make([]string, 0, len(scaleTable))
	for _, s := range scaleTable {
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out
}

// ScaleDiff is a code two scales weigh differently, or that only one of them lists.
type ScaleDiff struct {
	Code       string
	A, B       float64
	HasA, HasB bool
}

// CompareScales lists, in code order, the codes on which a and b disagree (own values
// only: a code one scale lists and the other does not is a difference too).
func CompareScales(a, b *Scale) []ScaleDiff {
	seen := map[string]bool{}
	var codes []string
	for _, s := range []*Scale{a, b} {
		for c := range s.values {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	sort.Strings(codes)
	var out []ScaleDiff
	for _, c := range codes {
		va, oka := a.values[c]
		vb, okb := b.values[c]
		if oka != okb || va != vb {
			out = append(out, ScaleDiff{Code: c, A: va, B: vb, HasA: oka, HasB: okb})
		}
	}
	return out
}
