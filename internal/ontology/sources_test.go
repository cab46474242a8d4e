package ontology_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dyad/internal/ontology"
	"dyad/internal/ontology/internal/build"
	"dyad/internal/shareddata"
)

// These tests read the codebook files in ../shared and skip without them. They parse
// the files on their own, as simply as possible, rather than trusting the generator.

func sharedFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(shareddata.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func lines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), "\r"))
	}
	return out
}

var codeRe = regexp.MustCompile(`^\d{2,4}$`)

func TestGeneratedTablesAreUpToDate(t *testing.T) {
	dir := shareddata.Path(t, "data/ontology")
	res, err := build.Generate(filepath.Dir(filepath.Dir(dir)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		disk, err := os.ReadFile(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(disk, f.Data) {
			t.Errorf("%s is stale: run go generate ./internal/ontology", f.Name)
		}
	}
	// Same input, same bytes.
	again, err := build.Generate(filepath.Dir(filepath.Dir(dir)))
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Files {
		if !bytes.Equal(res.Files[i].Data, again.Files[i].Data) {
			t.Errorf("%s differs between two runs", res.Files[i].Name)
		}
	}
}

func TestGDELTCodesAndGoldstein(t *testing.T) {
	names := 0
	for _, l := range lines(sharedFile(t, "data/ontology/cameo/CAMEO.eventcodes.txt"))[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 2 || !codeRe.MatchString(f[0]) {
			continue
		}
		names++
		c, ok := ontology.CAMEO(f[0])
		if !ok || !c.InGDELT {
			t.Errorf("GDELT code %s missing (or not marked InGDELT)", f[0])
			continue
		}
		label := strings.Join(strings.Fields(f[1]), " ")
		if label != c.Name && label != c.GDELTName {
			t.Errorf("GDELT %s %q is neither Name %q nor GDELTName %q", f[0], label, c.Name, c.GDELTName)
		}
	}
	gdelt, _ := ontology.NamedScale(ontology.ScaleGoldsteinGDELT)
	weights := 0
	for _, l := range lines(sharedFile(t, "data/ontology/cameo/CAMEO.goldsteinscale.txt"))[1:] {
		f := strings.Split(l, "\t")
		v, err := strconv.ParseFloat(strings.TrimSpace(f[len(f)-1]), 64)
		if err != nil || !codeRe.MatchString(f[0]) {
			t.Errorf("unreadable line %q", l)
			continue
		}
		weights++
		c, _ := ontology.CAMEO(f[0])
		own, ok := gdelt.Own(f[0])
		if !ok || own != v || c.Goldstein != v || c.GoldsteinInherited {
			t.Errorf("Goldstein %s: scale %v (%v), table %v (inherited %v); file %v", f[0], own, ok, c.Goldstein, c.GoldsteinInherited, v)
		}
	}
	if names != 311 || weights != 311 {
		t.Errorf("read %d GDELT names and %d weights, want 311 each", names, weights)
	}
}

func TestManualCodes(t *testing.T) {
	var manual map[string]struct {
		Name      string `json:"name"`
		Parent    string `json:"parent"`
		QuadClass int    `json:"quad_class"`
	}
	if err := json.Unmarshal(sharedFile(t, "data/ontology/cameo/cameo_codes_with_usage_examples.json"), &manual); err != nil {
		t.Fatal(err)
	}
	for code, m := range manual {
		if code == "1883" { // the manual's typo for 183 (see build.codeErrata)
			code, m.Parent = "183", "18"
		}
		c, ok := ontology.CAMEO(code)
		if !ok || !c.InManual {
			t.Errorf("manual code %s missing", code)
			continue
		}
		if c.Parent != m.Parent || c.QuadClass != m.QuadClass {
			t.Errorf("%s: parent %q quad %d, manual says %q %d", code, c.Parent, c.QuadClass, m.Parent, m.QuadClass)
		}
	}
	// Chapter 2's code tables.
	re := regexp.MustCompile(`(?m)^\|\s*CAMEO\s*\|\s*(\d{2,4})\s*\|`)
	for _, m := range re.FindAllStringSubmatch(string(sharedFile(t, "data/ontology/cameo/chapter_2_verb_codebook.md")), -1) {
		if _, ok := ontology.CAMEO(m[1]); !ok {
			t.Errorf("chapter 2 code %s missing", m[1])
		}
	}
}

func TestICEWSCodebookAndIntensity(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(sharedFile(t, "data/ontology/cameo/cameo-codes-with-goldstein-examples.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	icews, _ := ontology.NamedScale(ontology.ScaleIntensityICEWS)
	for _, r := range rows[1:] {
		code, name := r[3], strings.Join(strings.Fields(r[2]), " ")
		v, err := strconv.ParseFloat(r[4], 64)
		if err != nil {
			t.Fatalf("row %v: %v", r[:5], err)
		}
		c, ok := ontology.CAMEO(code)
		if !ok || !c.InICEWS {
			t.Errorf("ICEWS code %s missing", code)
			continue
		}
		if name != c.Name && name != c.ICEWSName {
			t.Errorf("ICEWS %s %q is neither Name %q nor ICEWSName %q", code, name, c.Name, c.ICEWSName)
		}
		if own, ok := icews.Own(code); !ok || own != v {
			t.Errorf("ICEWS intensity %s = %v (%v), codebook %v", code, own, ok, v)
		}
	}
	// Real ICEWS events carry the codebook's intensity, and show the GDELT differences.
	data := lines(sharedFile(t, "data/ontology/icews/icews-events.2018.sample.tab"))
	head := strings.Split(data[0], "\t")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	differs := map[string]bool{}
	for _, l := range data[1:] {
		f := strings.Split(l, "\t")
		code := f[col["CAMEO Code"]]
		v, _ := strconv.ParseFloat(f[col["Intensity"]], 64)
		if got, ok := icews.Value(code); !ok || got != v {
			t.Errorf("ICEWS event with %s has intensity %v; scale says %v (%v)", code, v, got, ok)
		}
		if g, _ := ontology.Goldstein(code); g != v {
			differs[code] = true
		}
	}
	for _, code := range []string{"016", "022", "164"} {
		if !differs[code] {
			t.Errorf("the ICEWS sample does not show the GDELT/ICEWS difference on %s", code)
		}
	}
	if len(differs) != 3 {
		t.Errorf("ICEWS events differ from GDELT on %v, want 016, 022, 164", differs)
	}
}

func TestICEWSLabelCodes(t *testing.T) {
	re := regexp.MustCompile(`^LABELi?: (\d{2,4})= `)
	n := 0
	for _, l := range lines(sharedFile(t, "data/ontology/cameo/CAMEO_codefile-ICEWS-labels.txt")) {
		if m := re.FindStringSubmatch(l); m != nil {
			n++
			if _, ok := ontology.CAMEO(m[1]); !ok {
				t.Errorf("ICEWS label code %s missing", m[1])
			}
		}
	}
	if n < 290 {
		t.Errorf("read only %d label lines", n)
	}
}

func TestCrosswalkFile(t *testing.T) {
	re := regexp.MustCompile(`^(\d{2,4}):\s*([A-Z]+)`)
	seen := map[string]bool{}
	for _, l := range lines(sharedFile(t, "data/ontology/plover/CAMEO2PLOVER-2021.txt")) {
		m := re.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if _, ok := ontology.Plover(m[2]); !ok {
			t.Errorf("crosswalk %s: unknown PLOVER type %s", m[1], m[2])
		}
		ev, _, _, ok := ontology.CAMEOToPlover(m[1])
		if !seen[m[1]] && (!ok || ev != m[2]) { // the first row for a code wins
			t.Errorf("CAMEOToPlover(%s) = %s, crosswalk says %s", m[1], ev, m[2])
		}
		seen[m[1]] = true
	}
	if len(seen) < 270 {
		t.Errorf("read only %d crosswalk codes", len(seen))
	}
}

func TestPloverManualTypesAndModes(t *testing.T) {
	tex := string(sharedFile(t, "data/ontology/plover/PLOVER_MANUAL.tex"))
	i, j := strings.Index(tex, `\chapter{Event Categories}`), strings.Index(tex, `\chapter{Contexts}`)
	var names []string
	for _, m := range regexp.MustCompile(`\\section\{([A-Z]+)\}`).FindAllStringSubmatch(tex[i:j], -1) {
		names = append(names, m[1])
	}
	var got []string
	for _, pt := range ontology.PloverTypes() {
		got = append(got, pt.Name)
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("types %v, manual %v", got, names)
	}
	// Every mode with a score in the score table.
	score := regexp.MustCompile(`([A-Z]+): ([A-Za-z-]+)\s*&\s*(-?[0-9.]+)`)
	n := 0
	for _, m := range score.FindAllStringSubmatch(tex, -1) {
		pt, ok := ontology.Plover(m[1])
		if !ok {
			continue
		}
		n++
		mode, ok := pt.Mode(strings.ToLower(m[2]))
		want, _ := strconv.ParseFloat(m[3], 64)
		if !ok || !mode.HasIntensity || mode.Intensity != want {
			t.Errorf("%s: %s scores %v in the manual; table has %+v", m[1], m[2], want, mode)
		}
	}
	if n < 60 {
		t.Errorf("read only %d mode scores", n)
	}
}

func TestGoldSetPloverNames(t *testing.T) {
	// PLV: fifteen labels, YIELD among them.
	rows, err := csv.NewReader(bytes.NewReader(sharedFile(t, "data/gold/plv/plv-train.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]bool{}
	for _, r := range rows[1:] {
		labels[r[1]] = true
		if _, ok := ontology.Plover(r[1]); !ok || ontology.PLVLabel(r[1]) != r[1] {
			t.Errorf("PLV label %q: Plover found %v, PLVLabel %q", r[1], ok, ontology.PLVLabel(r[1]))
		}
	}
	if len(labels) != 15 {
		t.Errorf("PLV has %d labels, want 15", len(labels))
	}
	// GSR (PLOVER v0.5): every event and mode canonicalises to a known one.
	gsr := string(sharedFile(t, "data/gold/plover-gsr/PLOVER_GSR_CAMEO.txt"))
	re := regexp.MustCompile(`(?s)"event": "([A-Z]+)".*?"mode": "([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(gsr, -1) {
		if m[1] == "DOCUMENT" {
			continue
		}
		pt, ok := ontology.Plover(m[1])
		if !ok {
			t.Errorf("GSR event %s unknown", m[1])
			continue
		}
		if mode := ontology.CanonicalPloverMode(m[1], m[2]); mode != "" {
			if _, ok := pt.Mode(mode); !ok {
				t.Errorf("GSR %s mode %q → %q, not a mode of %s", m[1], m[2], mode, pt.Name)
			}
		}
	}
}

func TestAgentCodesFromSources(t *testing.T) {
	// Table 3.1 (role codes) and Table 3.2 (international generic codes).
	inTable, n := false, 0
	code := regexp.MustCompile(`^\| ([A-Z]{3})\s+\|`)
	for _, l := range lines(sharedFile(t, "data/ontology/cameo/chapter_3_actor_codebook.md")) {
		switch {
		case strings.HasPrefix(l, "| Primary Role Codes") || strings.HasPrefix(l, "| Generic Code"):
			inTable = true
		case !strings.HasPrefix(l, "|"):
			inTable = false
		case inTable:
			if m := code.FindStringSubmatch(l); m != nil {
				n++
				if _, ok := ontology.Agent(m[1]); !ok {
					t.Errorf("chapter 3 agent code %s missing", m[1])
				}
			}
		}
	}
	if n != 33 {
		t.Errorf("read %d chapter 3 agent codes, want 33", n)
	}
	runs := regexp.MustCompile(`\[~([A-Z]+)\]`)
	for _, l := range lines(sharedFile(t, "data/ontology/plover/PLOVER_agents.txt")) {
		if strings.HasPrefix(l, "#") {
			continue
		}
		for _, m := range runs.FindAllStringSubmatch(l, -1) {
			if _, ok := ontology.SplitAgents(m[1]); !ok {
				t.Errorf("PLOVER agents run %s does not split into known codes", m[1])
			}
		}
	}
}
