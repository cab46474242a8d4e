package ontology

import (
	"strings"
)

// PloverType is one PLOVER event type (PLOVER manual, 2021 draft: sixteen types).
type PloverType struct {
	Name       string // "ASSAULT"
	Definition string
	// QuadClass is the manual's quad category: 1 verbal cooperation, 2 material
	// cooperation, 3 verbal conflict, 4 material conflict.
	QuadClass         int
	Intensity         float64 // the type's score on the PLOVER −10…+10 scale
	RequiresRecipient bool
	Modes             []PloverMode
}

// PloverMode is one mode (the "how") of a PLOVER event type.
type PloverMode struct {
	Name       string // "firearms"
	Definition string
	// Intensity is the mode's own score when the manual gives one (HasIntensity);
	// otherwise the type's score applies.
	Intensity    float64
	HasIntensity bool
}

// PloverContext is one of the contexts (the "why") any PLOVER event may carry.
type PloverContext struct {
	Name       string // "human_rights"
	Definition string
}

// CrosswalkRow is one line of the CAMEO→PLOVER crosswalk.
type CrosswalkRow struct {
	CAMEO    string
	Event    string   // a PLOVER type name
	Mode     string   // a mode of Event, or ""
	Contexts []string // PLOVER context names
	Note     string   // the crosswalk's comment (the CAMEO name as it wrote it)
	// Supplement marks rows dyad adds where the crosswalk has none (see docs/ontology.md).
	Supplement bool
}

var ploverIndex = func() map[string]int {
	m := make(map[string]int, len(ploverTable))
	for i, t := range ploverTable {
		m[t.Name] = i
	}
	return m
}()

var crosswalkIndex = func() map[string]int {
	m := make(map[string]int, len(crosswalkTable))
	for i, r := range crosswalkTable {
		m[r.CAMEO] = i
	}
	return m
}()

var ploverContextIndex = func() map[string]int {
	m := make(map[string]int, len(ploverContextTable))
	for i, c := range ploverContextTable {
		m[c.Name] = i
	}
	return m
}()

// CanonicalPlover maps a PLOVER event type name, in any case and from any PLOVER
// version the gold sets use, to the current name: DEMAND → REQUEST, DISAPPROVE and
// INVESTIGATE → ACCUSE, FIGHT → ASSAULT, YIELD → RETREAT, and so on. A name it does not
// know is returned upper-cased and trimmed.
func CanonicalPlover(name string) string {
	n := strings.ToUpper(strings.TrimSpace(name))
	if c, ok := ploverEventAliases[n]; ok {
		return c
	}
	return n
}

// PLVLabel maps a PLOVER event type to the fifteen labels of the PLV gold set, which
// joins CONCEDE and RETREAT as YIELD; other names are canonicalised as CanonicalPlover.
func PLVLabel(name string) string {
	switch c := CanonicalPlover(name); c {
	case "CONCEDE", "RETREAT":
		return "YIELD"
	default:
		return c
	}
}

// CanonicalPloverMode maps a mode name of an event type to the current mode name
// ("ASSAULT", "assassinate" → "targeted"), or "" when the mode has no current
// equivalent. Known modes and "" are returned as they are.
func CanonicalPloverMode(event, mode string) string {
	event = CanonicalPlover(event)
	mode = strings.ToLower(strings.TrimSpace(mode))
	if m, ok := ploverModeAliases[event+"|"+mode]; ok {
		return m
	}
	return mode
}

// Plover returns the event type with the given name (after CanonicalPlover).
func Plover(name string) (PloverType, bool) {
	i, ok := ploverIndex[CanonicalPlover(name)]
	if !ok {
		return PloverType{}, false
	}
	return clonePlover(ploverTable[i]), true
}

// PloverTypes returns the sixteen event types in the manual's order.
func PloverTypes() []PloverType {
	out := make([]PloverType, len(ploverTable))
	for i, t := range ploverTable {
		out[i] = clonePlover(t)
	}
	return out
}

func clonePlover(t PloverType) PloverType {
	t.Modes = append([]PloverMode(nil), t.Modes...)
	return t
}

// Mode returns the type's mode with the given name.
func (t PloverType) Mode(name string) (PloverMode, bool) {
	for _, m := range t.Modes {
		if m.Name == name {
			return m, true
		}
	}
	return PloverMode{}, false
}

// PloverContexts returns the general contexts in the manual's order.
func PloverContexts() []PloverContext {
	return append([]PloverContext(nil), ploverContextTable...)
}

// PloverContextByName returns the context with the given name ("human_rights").
func PloverContextByName(name string) (PloverContext, bool) {
	i, ok := ploverContextIndex[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return PloverContext{}, false
	}
	return ploverContextTable[i], true
}

// PloverIntensity returns the PLOVER score of an event type and mode: the mode's own
// score when the manual gives one, else the type's. An empty or unknown mode gives the
// type's score; an unknown type gives false.
func PloverIntensity(event, mode string) (float64, bool) {
	i, ok := ploverIndex[CanonicalPlover(event)]
	if !ok {
		return 0, false
	}
	t := &ploverTable[i] // not Plover(): no copy of the modes on this hot path
	if m, ok := t.Mode(CanonicalPloverMode(t.Name, mode)); ok && m.HasIntensity {
		return m.Intensity, true
	}
	return t.Intensity, true
}

// CAMEOToPlover translates a CAMEO code to PLOVER through the crosswalk, walking up to
// the parent when a code has no row of its own (also for codes outside CAMEO 1.1b3,
// such as dictionary-specific four-digit codes). ok is false for codes PLOVER does not
// code (public statements, root 01) and for strings that are not CAMEO-shaped.
func CAMEOToPlover(code string) (event, mode string, contexts []string, ok bool) {
	for _, c := range lineage(code) {
		if i, found := crosswalkIndex[c]; found {
			r := crosswalkTable[i]
			return r.Event, r.Mode, append([]string(nil), r.Contexts...), true
		}
	}
	return "", "", nil, false
}

// Crosswalk returns the CAMEO→PLOVER rows in CAMEO code order.
func Crosswalk() []CrosswalkRow {
	out := make([]CrosswalkRow, len(crosswalkTable))
	for i, r := range crosswalkTable {
		r.Contexts = append([]string(nil), r.Contexts...)
		out[i] = r
	}
	return out
}

// PloverToCAMEO returns the CAMEO code to print for a PLOVER event and mode: the most
// general code the crosswalk maps to exactly that pair, else the type's default code
// (its "not specified below" code, e.g. ASSAULT → "180"). "" for an unknown type.
// Root(PloverToCAMEO(event, "")) is the type's CAMEO root.
func PloverToCAMEO(event, mode string) string {
	event = CanonicalPlover(event)
	mode = CanonicalPloverMode(event, mode)
	if c, ok := ploverDefaultCAMEO[event+"|"+mode]; ok {
		return c
	}
	return ploverDefaultCAMEO[event+"|"]
}
