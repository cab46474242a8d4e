package ontology_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"dyad/internal/ontology"
)

// These tests need no ../shared: the tables are compiled in.

func TestTableSizes(t *testing.T) {
	roots := 0
	for _, c := range ontology.CAMEOCodes() {
		if c.IsRoot() {
			roots++
		}
	}
	for _, tc := range []struct {
		what      string
		got, want int
	}{
		{"CAMEO codes", len(ontology.CAMEOCodes()), 318},
		{"CAMEO roots", roots, 20},
		{"PLOVER types", len(ontology.PloverTypes()), 16},
		{"PLOVER contexts", len(ontology.PloverContexts()), 37},
		{"crosswalk rows", len(ontology.Crosswalk()), 307},
		{"agent codes", len(ontology.Agents()), 42},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %d, want %d", tc.what, tc.got, tc.want)
		}
	}
}

func TestCAMEOEntries(t *testing.T) {
	for _, tc := range []struct {
		code, name, parent string
		quad               int
		goldstein          float64
	}{
		{"01", "MAKE PUBLIC STATEMENT", "", 1, 0},
		{"0211", "Appeal for economic cooperation", "021", 1, 3.4},
		{"036", "Express intent to meet or negotiate", "03", 1, 4},
		{"0874", "Retreat or surrender militarily", "087", 2, 10},
		{"101", "Demand material cooperation, not specified below", "10", 3, -5},
		{"112", "Accuse, not specified below", "11", 3, -2},
		{"1213", "Reject judicial cooperation", "121", 3, -4},
		{"125", "Reject proposal to meet, discuss, or negotiate", "12", 3, -5},
		{"1312", "Threaten with sanctions, boycott, embargo", "131", 3, -5.8},
		{"141", "Demonstrate or rally, not specified below", "14", 4, -6.5},
		{"161", "Reduce or break diplomatic relations", "16", 4, -4},
		{"166", "Expel or withdraw, not specified below", "16", 4, -7},
		{"174", "Expel or deport individuals", "17", 4, -5},
		{"183", "Conduct suicide, car, or other non-military bombing, not specified below", "18", 4, -10},
		{"1952", "Employ remotely piloted aerial munitions", "195", 4, -10},
		{"2042", "Detonate nuclear weapons", "204", 4, -10},
	} {
		c, ok := ontology.CAMEO(tc.code)
		if !ok {
			t.Errorf("CAMEO(%q) missing", tc.code)
			continue
		}
		if c.Name != tc.name || c.Parent != tc.parent || c.QuadClass != tc.quad || c.Goldstein != tc.goldstein {
			t.Errorf("CAMEO(%q) = %q parent %q quad %d goldstein %v; want %q %q %d %v",
				tc.code, c.Name, c.Parent, c.QuadClass, c.Goldstein, tc.name, tc.parent, tc.quad, tc.goldstein)
		}
	}
	for _, code := range []string{"1883", "00", "21", "1", "abc", ""} {
		if _, ok := ontology.CAMEO(code); ok {
			t.Errorf("CAMEO(%q) found, want missing", code)
		}
	}
}

func TestCAMEOVariantLabels(t *testing.T) {
	// GDELT's lookup mislabels the 10x demands; the manual's names win, GDELT's stay.
	c, _ := ontology.CAMEO("101")
	if c.GDELTName != "Demand information, investigation" {
		t.Errorf("101 GDELTName = %q", c.GDELTName)
	}
	c, _ = ontology.CAMEO("1951")
	if c.InGDELT || c.InICEWS || !c.InManual || !c.GoldsteinInherited {
		t.Errorf("1951 provenance = manual %v GDELT %v ICEWS %v inherited %v", c.InManual, c.InGDELT, c.InICEWS, c.GoldsteinInherited)
	}
}

func TestExpellingDiplomatsIs161(t *testing.T) {
	// The manual's usage notes send expelled diplomats to 161, not 166 or 174.
	for _, code := range []string{"166", "174"} {
		c, _ := ontology.CAMEO(code)
		if !containsAll(c.UsageNotes, "diplomat", "161") {
			t.Errorf("%s usage notes do not point diplomats to 161: %q", code, c.UsageNotes)
		}
	}
	// The seed article accepts 161, 166 and 174 and PLOVER SANCTION (expel).
	for _, code := range []string{"161", "166"} {
		if ev, _, _, ok := ontology.CAMEOToPlover(code); !ok || ev != "SANCTION" {
			t.Errorf("CAMEOToPlover(%s) = %q, want SANCTION", code, ev)
		}
	}
	if got := ontology.PloverToCAMEO("SANCTION", "expel"); got != "166" {
		t.Errorf("PloverToCAMEO(SANCTION, expel) = %q, want 166", got)
	}
	if v, _ := ontology.PloverIntensity("SANCTION", "expel"); v != -5.5 {
		t.Errorf("PloverIntensity(SANCTION, expel) = %v, want -5.5", v)
	}
	if q, g := ontology.QuadClass("161"), must(ontology.Goldstein("161")); q != 4 || g != -4 {
		t.Errorf("161: quad %d goldstein %v, want 4 -4", q, g)
	}
}

func TestRootAndAncestors(t *testing.T) {
	for _, tc := range []struct{ code, root string }{
		{"1612", "16"}, {"161", "16"}, {"16", "16"}, {" 0211 ", "02"}, {"1", ""}, {"x1", ""}, {"", ""},
	} {
		if got := ontology.Root(tc.code); got != tc.root {
			t.Errorf("Root(%q) = %q, want %q", tc.code, got, tc.root)
		}
	}
	if got := ontology.Ancestors("0211"); !reflect.DeepEqual(got, []string{"0211", "021", "02"}) {
		t.Errorf("Ancestors(0211) = %v", got)
	}
	if got := ontology.Ancestors("9999"); got != nil {
		t.Errorf("Ancestors(9999) = %v, want nil", got)
	}
}

func TestClasses(t *testing.T) {
	for _, tc := range []struct {
		code        string
		quad, penta int
	}{
		{"010", 1, 0}, {"02", 1, 0}, {"036", 1, 1}, {"05", 1, 1}, {"06", 2, 2}, {"0874", 2, 2},
		{"090", 3, 3}, {"13", 3, 3}, {"141", 4, 4}, {"15", 4, 4}, {"161", 4, 3}, {"17", 4, 4},
		{"2042", 4, 4}, {"99", 0, -1}, {"", 0, -1},
	} {
		if q, p := ontology.QuadClass(tc.code), ontology.PentaClass(tc.code); q != tc.quad || p != tc.penta {
			t.Errorf("%q: QuadClass %d PentaClass %d, want %d %d", tc.code, q, p, tc.quad, tc.penta)
		}
	}
	if got := ontology.QuadClassName(4); got != "Material Conflict" {
		t.Errorf("QuadClassName(4) = %q", got)
	}
	if got := ontology.QuadClassName(5); got != "" {
		t.Errorf("QuadClassName(5) = %q", got)
	}
}

func TestScales(t *testing.T) {
	if got := ontology.ScaleNames(); !reflect.DeepEqual(got, []string{"goldstein-gdelt", "intensity-icews"}) {
		t.Fatalf("ScaleNames() = %v", got)
	}
	gdelt, _ := ontology.NamedScale(ontology.ScaleGoldsteinGDELT)
	icews, _ := ontology.NamedScale(ontology.ScaleIntensityICEWS)
	if _, ok := ontology.NamedScale("goldstein"); ok {
		t.Error("NamedScale(goldstein) found")
	}
	var diff []string
	for _, d := range ontology.CompareScales(gdelt, icews) {
		diff = append(diff, d.Code)
	}
	if want := []string{"016", "022", "1213", "164", "165"}; !reflect.DeepEqual(diff, want) {
		t.Errorf("GDELT and ICEWS differ on %v, want %v", diff, want)
	}
	for _, tc := range []struct {
		scale *ontology.Scale
		code  string
		own   bool
		want  float64
	}{
		{gdelt, "016", true, -2}, {icews, "016", true, -5},
		{gdelt, "022", true, 3.2}, {icews, "022", true, 3.4},
		{gdelt, "164", true, -7}, {icews, "164", true, -6.5},
		{gdelt, "165", true, -6.5}, {icews, "165", true, -7},
		{gdelt, "1213", false, -4}, {icews, "1213", true, -4},
		{gdelt, "1952", false, -10}, {icews, "1214", false, -4},
		{gdelt, "1612", false, -4}, // not a CAMEO code: 161's weight
	} {
		v, ok := tc.scale.Value(tc.code)
		_, own := tc.scale.Own(tc.code)
		if !ok || v != tc.want || own != tc.own {
			t.Errorf("%s %s = %v (ok %v, own %v), want %v (own %v)", tc.scale.Name, tc.code, v, ok, own, tc.want, tc.own)
		}
	}
	if _, ok := gdelt.Value("abc"); ok {
		t.Error("Value(abc) found")
	}
	if n := len(gdelt.Codes()); n != 311 {
		t.Errorf("GDELT scale lists %d codes, want 311", n)
	}
}

func TestCanonicalPlover(t *testing.T) {
	for _, tc := range []struct{ in, canon, plv string }{
		{"DEMAND", "REQUEST", "REQUEST"},
		{"disapprove", "ACCUSE", "ACCUSE"},
		{"INVESTIGATE", "ACCUSE", "ACCUSE"},
		{" Fight ", "ASSAULT", "ASSAULT"},
		{"YIELD", "RETREAT", "YIELD"},
		{"CONCEDE", "CONCEDE", "YIELD"},
		{"RETREAT", "RETREAT", "YIELD"},
		{"SANCTION", "SANCTION", "SANCTION"},
		{"crime", "CRIME", "CRIME"}, // PLOVER v0.5 CRIME has no successor
	} {
		if got := ontology.CanonicalPlover(tc.in); got != tc.canon {
			t.Errorf("CanonicalPlover(%q) = %q, want %q", tc.in, got, tc.canon)
		}
		if got := ontology.PLVLabel(tc.in); got != tc.plv {
			t.Errorf("PLVLabel(%q) = %q, want %q", tc.in, got, tc.plv)
		}
	}
	for _, tc := range []struct{ event, mode, want string }{
		{"ASSAULT", "assassinate", "targeted"},
		{"FIGHT", "assassinate", "targeted"},
		{"PROTEST", "demo-org", "demo"},
		{"PROTEST", "strike-hun", "hunger"},
		{"COERCE", "detain", "arrest"},
		{"CONSULT", "host", ""},
		{"CONSULT", "Visit", "visit"},
	} {
		if got := ontology.CanonicalPloverMode(tc.event, tc.mode); got != tc.want {
			t.Errorf("CanonicalPloverMode(%s, %s) = %q, want %q", tc.event, tc.mode, got, tc.want)
		}
	}
}

func TestPloverTypes(t *testing.T) {
	quads := map[string]int{}
	for _, pt := range ontology.PloverTypes() {
		quads[pt.Name] = pt.QuadClass
		if pt.Definition == "" {
			t.Errorf("%s has no definition", pt.Name)
		}
		for _, m := range pt.Modes {
			if m.Name == "" || m.Definition == "" {
				t.Errorf("%s has a mode without name or definition: %+v", pt.Name, m)
			}
		}
	}
	want := map[string]int{
		"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
		"REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
		"PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
	}
	if !reflect.DeepEqual(quads, want) {
		t.Errorf("PLOVER quad classes = %v, want %v", quads, want)
	}
	a, ok := ontology.Plover("fight")
	if !ok || a.Name != "ASSAULT" || len(a.Modes) != 15 {
		t.Errorf("Plover(fight) = %s with %d modes", a.Name, len(a.Modes))
	}
	if s, _ := ontology.Plover("SANCTION"); !s.RequiresRecipient {
		t.Error("SANCTION should require a recipient")
	}
	if _, ok := ontology.Plover("DOCUMENT"); ok {
		t.Error("Plover(DOCUMENT) found")
	}
	if c, ok := ontology.PloverContextByName("Human_Rights"); !ok || c.Name != "human_rights" {
		t.Errorf("PloverContextByName(Human_Rights) = %v %v", c, ok)
	}
}

func TestPloverIntensity(t *testing.T) {
	for _, tc := range []struct {
		event, mode string
		want        float64
		ok          bool
	}{
		{"ASSAULT", "", -9, true},
		{"ASSAULT", "aerial", -9.5, true},
		{"ASSAULT", "assassinate", -9.5, true}, // v0.5 mode → targeted
		{"FIGHT", "firearms", -9, true},
		{"ACCUSE", "", -3, true}, // the manual prints +3: corrected
		{"ACCUSE", "allege", -3.5, true},
		{"PROTEST", "vandalize", -5, true}, // no score of its own: the type's
		{"PROTEST", "nonsense", -5, true},
		{"AID", "", 10, true},
		{"REQUEST", "change", -1, true},
		{"CONSULT", "visit", 4, true},
		{"NOPE", "", 0, false},
	} {
		got, ok := ontology.PloverIntensity(tc.event, tc.mode)
		if got != tc.want || ok != tc.ok {
			t.Errorf("PloverIntensity(%s, %s) = %v %v, want %v %v", tc.event, tc.mode, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCAMEOToPlover(t *testing.T) {
	for _, tc := range []struct {
		code, event, mode string
		contexts          []string
		ok                bool
	}{
		{"042", "CONSULT", "visit", nil, true},
		{"0211", "REQUEST", "assist", []string{"economic"}, true}, // mirrors 1011
		{"02", "REQUEST", "", nil, true},
		{"090", "ACCUSE", "investigate", nil, true},
		{"1056", "REQUEST", "yield", []string{"military"}, true},
		{"161", "SANCTION", "withdraw", []string{"diplomatic"}, true},
		{"166", "SANCTION", "expel", []string{"diplomatic"}, true},
		{"174", "COERCE", "deport", []string{"legal"}, true},
		{"175", "ASSAULT", "", []string{"pro_autocracy", "military"}, true},
		{"186", "ASSAULT", "targeted", nil, true},
		{"1834", "ASSAULT", "explosives", nil, true},                   // supplement
		{"1612", "SANCTION", "withdraw", []string{"diplomatic"}, true}, // not CAMEO: 161
		{"15", "MOBILIZE", "", nil, true},
		{"010", "", "", nil, false},
		{"01", "", "", nil, false},
		{"x", "", "", nil, false},
	} {
		ev, mode, ctx, ok := ontology.CAMEOToPlover(tc.code)
		if ev != tc.event || mode != tc.mode || !slices.Equal(ctx, tc.contexts) || ok != tc.ok {
			t.Errorf("CAMEOToPlover(%q) = %q %q %v %v, want %q %q %v %v", tc.code, ev, mode, ctx, ok, tc.event, tc.mode, tc.contexts, tc.ok)
		}
	}
}

func TestEveryCAMEOCodeReachesPlover(t *testing.T) {
	for _, c := range ontology.CAMEOCodes() {
		ev, _, _, ok := ontology.CAMEOToPlover(c.Code)
		if ontology.Root(c.Code) == "01" {
			if ok {
				t.Errorf("%s (public statement) maps to %s; PLOVER does not code statements", c.Code, ev)
			}
			continue
		}
		if !ok {
			t.Errorf("%s %q has no PLOVER translation", c.Code, c.Name)
		}
	}
}

func TestCrosswalkRowsAreValid(t *testing.T) {
	for _, r := range ontology.Crosswalk() {
		if _, ok := ontology.CAMEO(r.CAMEO); !ok {
			t.Errorf("row %s: unknown CAMEO code", r.CAMEO)
		}
		pt, ok := ontology.Plover(r.Event)
		if !ok || pt.Name != r.Event {
			t.Errorf("row %s: unknown PLOVER type %q", r.CAMEO, r.Event)
			continue
		}
		if _, ok := pt.Mode(r.Mode); r.Mode != "" && !ok {
			t.Errorf("row %s: %s has no mode %q", r.CAMEO, r.Event, r.Mode)
		}
		for _, c := range r.Contexts {
			if _, ok := ontology.PloverContextByName(c); !ok {
				t.Errorf("row %s: unknown context %q", r.CAMEO, c)
			}
		}
	}
}

func TestPloverToCAMEO(t *testing.T) {
	for _, tc := range []struct{ event, mode, want string }{
		{"ASSAULT", "", "180"},
		{"FIGHT", "", "180"},
		{"ASSAULT", "assassinate", "186"},
		{"ASSAULT", "firearms", "193"},
		{"ASSAULT", "drone", "1952"},
		{"ACCUSE", "", "110"},
		{"DISAPPROVE", "", "110"},
		{"ACCUSE", "investigate", "090"},
		{"SANCTION", "withdraw", "161"},
		{"SANCTION", "convict", "160"}, // no row: the type's default
		{"CONSULT", "visit", "042"},
		{"PROTEST", "demo", "141"},
		{"REQUEST", "", "100"},
		{"YIELD", "", "084"},
		{"NOPE", "", ""},
	} {
		if got := ontology.PloverToCAMEO(tc.event, tc.mode); got != tc.want {
			t.Errorf("PloverToCAMEO(%s, %s) = %q, want %q", tc.event, tc.mode, got, tc.want)
		}
	}
	// Round trip: a type's default code translates back to the type, and (but for
	// CONCEDE, whose verbal concessions CAMEO files under material 08 YIELD) lies in
	// the type's quad class.
	for _, pt := range ontology.PloverTypes() {
		code := ontology.PloverToCAMEO(pt.Name, "")
		if ev, _, _, _ := ontology.CAMEOToPlover(code); ev != pt.Name {
			t.Errorf("%s → %s → %s", pt.Name, code, ev)
		}
		if q := ontology.QuadClass(code); q != pt.QuadClass && pt.Name != "CONCEDE" {
			t.Errorf("%s → %s in QuadClass %d, PLOVER says %d", pt.Name, code, q, pt.QuadClass)
		}
		for _, m := range pt.Modes {
			code := ontology.PloverToCAMEO(pt.Name, m.Name)
			if ev, _, _, _ := ontology.CAMEOToPlover(code); ev != pt.Name {
				t.Errorf("%s %s → %s → %s", pt.Name, m.Name, code, ev)
			}
		}
	}
}

func TestAgents(t *testing.T) {
	for _, tc := range []struct{ code, name string }{
		{"GOV", "Government"}, {"mil", "Military"}, {" COP ", "Police"}, {"REB", "Rebels"},
		{"OPP", "Political opposition"}, {"JUD", "Judiciary"}, {"LEG", "Legislature"},
		{"BUS", "Business"}, {"MED", "Media"}, {"CVL", "Civilians"}, {"REF", "Refugees"},
		{"EDU", "Education"}, {"HLH", "Health"}, {"SPY", "State intelligence"},
		{"NGO", "Non-governmental organizations"}, {"JRN", "Journalists"},
	} {
		a, ok := ontology.Agent(tc.code)
		if !ok || a.Name != tc.name {
			t.Errorf("Agent(%q) = %q %v, want %q", tc.code, a.Name, ok, tc.name)
		}
	}
	if a, _ := ontology.Agent("IGO"); a.Kind != "international" || !a.InPLOVER {
		t.Errorf("IGO = %+v", a)
	}
	for _, tc := range []struct {
		run  string
		want []string
	}{
		{"GOVMIL", []string{"GOV", "MIL"}},
		{"cvloppedu", []string{"CVL", "OPP", "EDU"}},
		{"GOVXYZ", nil}, {"GO", nil}, {"", nil},
	} {
		got, ok := ontology.SplitAgents(tc.run)
		if !slices.Equal(got, tc.want) || ok != (tc.want != nil) {
			t.Errorf("SplitAgents(%q) = %v %v, want %v", tc.run, got, ok, tc.want)
		}
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	ontology.CAMEOCodes()[0].Name = "changed"
	ontology.PloverTypes()[0].Name = "changed"
	a, _ := ontology.Plover("ASSAULT")
	a.Modes[0].Name = "changed"
	ontology.Crosswalk()[0].Event = "changed"
	if c, _ := ontology.CAMEO("01"); c.Name != "MAKE PUBLIC STATEMENT" {
		t.Error("CAMEOCodes shares its table")
	}
	if b, _ := ontology.Plover("ASSAULT"); b.Modes[0].Name == "changed" {
		t.Error("Plover shares its modes")
	}
	if ontology.PloverTypes()[0].Name == "changed" || ontology.Crosswalk()[0].Event == "changed" {
		t.Error("accessors share their tables")
	}
}

func must(v float64, ok bool) float64 {
	if !ok {
		return -99
	}
	return v
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func BenchmarkLookups(b *testing.B) {
	codes := []string{"010", "0211", "161", "1612", "1951", "19"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := codes[i%len(codes)]
		ontology.CAMEO(c)
		ontology.Goldstein(c)
		ev, mode, _, _ := ontology.CAMEOToPlover(c)
		ontology.PloverIntensity(ev, mode)
	}
}
