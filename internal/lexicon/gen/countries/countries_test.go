package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/internal/lexicon"
	"dyad/internal/shareddata"
)

const dataDir = "../../data/"

// ownFiles are the lexicon files this folder's generator and its author maintain.
var ownFiles = []string{"countries.txt", "descriptors.txt", "agents.txt", "organizations.txt", "groups.txt"}

// entry is one entry of a lexicon file, read with a plain line scan (the loader is
// tested in package lexicon; here we check facts).
type entry struct {
	kind, id string
	fields   map[string][]string
}

func readEntries(t *testing.T, name string) []*entry {
	t.Helper()
	b, err := os.ReadFile(dataDir + name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var out []*entry
	for _, line := range strings.Split(string(b), "\n") {
		line = stripComment(line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Fields(line)
		if line[0] != ' ' && line[0] != '\t' {
			out = append(out, &entry{kind: f[0], id: f[1], fields: map[string][]string{}})
			continue
		}
		e := out[len(out)-1]
		e.fields[f[0]] = append(e.fields[f[0]], splitList(strings.TrimSpace(strings.TrimSpace(line)[len(f[0]):]))...)
	}
	return out
}

func byID(entries []*entry, kind string) map[string]*entry {
	m := map[string]*entry{}
	for _, e := range entries {
		if e.kind == kind {
			m[e.id] = e
		}
	}
	return m
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestCountriesFacts(t *testing.T) {
	countries := byID(readEntries(t, "countries.txt"), "country")
	tests := []struct {
		id, field, phrase string
	}{
		{"COL", "adj", "Colombian"},
		{"COL", "adj", "Colombians"},
		{"COL", "capital", "Bogotá"},
		{"COL", "seats", "Casa de Nariño"},
		{"COL", "seats", "Migration Colombia"},
		{"COL", "cities", "Medellín"},
		{"RUS", "seats", "the Kremlin"},
		{"RUS", "capital", "Moscow"},
		{"USA", "names", "U.S."},
		{"USA", "names", "America"},
		{"USA", "seats", "the White House"},
		{"USA", "seats", "Foggy Bottom"},
		{"GBR", "names", "Britain"},
		{"GBR", "seats", "Downing Street"},
		{"GBR", "adj", "Britons"},
		{"FRA", "seats", "Elysée Palace"},
		{"FRA", "seats", "Quai d'Orsay"},
		{"KOR", "seats", "the Blue House"},
		{"KOR", "names", "ROK"},
		{"PRK", "names", "DPRK"},
		{"PRK", "capital", "Pyongyang"},
		{"CHN", "seats", "Zhongnanhai"},
		{"ARG", "seats", "Casa Rosada"},
		{"BRA", "seats", "Planalto"},
		{"MEX", "seats", "Los Pinos"},
		{"VEN", "seats", "Miraflores"},
		{"JPN", "seats", "Kasumigaseki"},
		{"NLD", "names", "Holland"},
		{"CIV", "names", "Ivory Coast"},
		{"MMR", "names", "Burma"},
		{"UKR", "capital", "Kyiv"},
		{"UKR", "capital", "Kiev"},
		{"TMP", "iso3", "TLS"},
		{"USAPRI", "iso3", "PRI"},
		{"KSV", "names", "Kosovo"},
		{"DOM", "adj", "Dominican"},
		{"IND", "adj", "Indian"},
		{"NOR", "adj", "Norwegian"},
		// First-level divisions (GeoNames admin1), with the forms overrides.txt asks for.
		{"USA", "cities", "Louisiana"},
		{"USA", "cities", "Texas"},
		{"CAN", "cities", "Nova Scotia"},
		{"NGA", "cities", "Borno State"},
		{"NGA", "cities", "Rivers State"},
		{"IND", "cities", "Kerala"},
		{"PAK", "cities", "Khyber Pakhtunkhwa"},
		{"TUR", "cities", "Kırıkkale province"},
		{"RUS", "cities", "Volgograd Oblast"},
		{"COD", "cities", "Katanga"},
		{"BOL", "cities", "Pando"},
	}
	for _, tt := range tests {
		c := countries[tt.id]
		if c == nil {
			t.Errorf("no country %s", tt.id)
			continue
		}
		if !has(c.fields[tt.field], tt.phrase) {
			t.Errorf("%s %s lacks %q: %v", tt.id, tt.field, tt.phrase, c.fields[tt.field])
		}
	}
}

// TestCountriesLeaveOut checks phrases that must not be there: common words, people's
// names, and phrases two countries share.
func TestCountriesLeaveOut(t *testing.T) {
	entries := readEntries(t, "countries.txt")
	banned := []string{"of", "most", "split", "nice", "mobile", "reading", "bath", "police", "victoria",
		"congolese", "korean", "island", "the valley", "stanley", "roma", "border patrol", "virgin islands",
		"male", "the bottom", "carolina", "jersey", "the emirates", "emirates",
		// division names that are words, names or other places
		"rivers", "plateau", "delta", "meta", "vladimir", "free state", "red sea", "punjab", "santa fe",
		"khorasan", "hidalgo", "brittany", "northern territory", "jammu and kashmir"}
	owner := map[string]string{}
	for _, e := range entries {
		if e.kind != "country" {
			continue
		}
		for _, key := range []string{"names", "adj", "capital", "cities", "seats"} {
			for _, p := range e.fields[key] {
				k := lexicon.Fold(p)
				if has(banned, k) {
					t.Errorf("%s %s has %q", e.id, key, p)
				}
				if o, dup := owner[k]; dup && o != e.id {
					t.Errorf("%q is in both %s and %s", p, o, e.id)
				}
				owner[k] = e.id
			}
		}
	}
}

// TestCountriesCoverISO checks that every ISO 3166-1 country and territory has an entry,
// under its own code or as the iso3 of a CAMEO-coded one.
func TestCountriesCoverISO(t *testing.T) {
	path := shareddata.Path(t, "data/geo/countries/iso_3166-1.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Countries []isoCountry `json:"3166-1"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Countries) < 240 {
		t.Fatalf("only %d ISO countries read", len(doc.Countries))
	}
	covered := map[string]bool{}
	for _, e := range readEntries(t, "countries.txt") {
		if e.kind == "country" {
			covered[e.id] = true
			for _, c := range e.fields["iso3"] {
				covered[c] = true
			}
		}
	}
	for _, c := range doc.Countries {
		if !covered[c.Alpha3] {
			t.Errorf("ISO %s (%s) has no entry", c.Alpha3, c.Name)
		}
	}
}

// TestCountriesUpToDate regenerates countries.txt from ../shared and overrides.txt and
// compares it with the committed file.
func TestCountriesUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("reads cities1000 (seconds)")
	}
	shareddata.Path(t, "data/geo/cities1000.txt.gz")
	g, err := generate(shareddata.Root(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := g.write(&buf); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(dataDir + "countries.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), committed) {
		t.Errorf("countries.txt is stale: run go run ./internal/lexicon/gen/countries -shared ../shared -out internal/lexicon/data/countries.txt")
	}
}

// TestOwnFilesLoad loads this folder's lexicon files through the lexicon loader, alone,
// so that a problem in them is reported here with its file and line.
func TestOwnFilesLoad(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range ownFiles {
		b, err := os.ReadFile(dataDir + name)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	lex, err := lexicon.Load(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if n := len(lex.Actors); n < 250 {
		t.Errorf("only %d actors", n)
	}
}

func TestDivisionBase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Volgograd Oblast", "Volgograd"}, {"Tver’ Oblast", "Tver"}, {"Karbalāʼ", "Karbalā"},
		{"Tabuk Region", "Tabuk"}, {"Republic of Tyva", "Tyva"}, {"Louisiana", "Louisiana"},
		{"West Kordofan State", "West Kordofan"}, {"Lima region", "Lima"},
	}
	for _, tt := range tests {
		if got := divisionBase(tt.in); got != tt.want {
			t.Errorf("divisionBase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDivisionReject(t *testing.T) {
	dc := &divisionChecks{
		lower:      map[string]bool{"delta": true, "state": true, "red": true, "sea": true},
		otherNames: map[string]map[string]bool{"georgia": {"GEO": true}},
		regions:    map[string]bool{"kashmir": true},
		popByName:  map[string]map[string]int{"ontario": {"US": 175000}, "florida": {"CU": 50000}},
	}
	tests := []struct {
		phrase, base, country, iso2 string
		rejected                    bool
	}{
		{"Louisiana", "Louisiana", "USA", "US", false},
		{"Delta", "Delta", "NGA", "NG", true},
		{"Delta State", "Delta", "NGA", "NG", false},
		{"Red Sea", "Red Sea", "EGY", "EG", true},
		{"Georgia", "Georgia", "USA", "US", true},
		{"Kashmir", "Kashmir", "IND", "IN", true},
		{"Ontario", "Ontario", "CAN", "CA", true},
		{"Florida", "Florida", "USA", "US", false},
		{"FCT", "FCT", "NGA", "NG", true},
		{"Province 1", "Province 1", "NPL", "NP", true},
	}
	for _, tt := range tests {
		why := dc.reject(tt.phrase, tt.base, tt.country, tt.iso2)
		if (why != "") != tt.rejected {
			t.Errorf("reject(%q) = %q, want rejected=%v", tt.phrase, why, tt.rejected)
		}
	}
}

func TestParseOverrides(t *testing.T) {
	tests := []struct {
		name, text, wantErr string
	}{
		{"ok", "country USA\n  names  the U.S. | America\n", ""},
		{"unknown kind", "city X\n", "unknown kind"},
		{"unknown field", "country USA\n  colour red\n", `field "colour" not allowed`},
		{"orphan field", "  names  x\n", "outside any entry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseOverrides("o.txt", strings.NewReader(tt.text))
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
	if _, err := parseOverrides("overrides.txt", strings.NewReader(overridesText)); err != nil {
		t.Errorf("overrides.txt: %v", err)
	}
}

func TestDemonymPlural(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Colombian", "Colombians"}, {"Englishman", "Englishmen"}, {"British", ""}, {"Swiss", ""},
		{"Japanese", ""}, {"Iraqi", "Iraqis"}, {"German", "Germans"}, {"South Korean", "South Koreans"},
		{"Greenlandic", ""}, {"Turkmen", ""}, {"I-Kiribati", ""},
	}
	for _, tt := range tests {
		if got := demonymPlural(tt.in); got != tt.want {
			t.Errorf("demonymPlural(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ST._JOHN'S", "St. John's"}, {"DPRK", "DPRK"}, {"SANTIAGO_DE_CHILE", "Santiago de Chile"},
		{"PORT-AU-PRINCE", "Port-au-Prince"},
	}
	for _, tt := range tests {
		if got := titleCase(tt.in); got != tt.want {
			t.Errorf("titleCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHandWrittenFacts checks facts in the hand-written files against what the CAMEO
// manual and history say.
func TestHandWrittenFacts(t *testing.T) {
	type fact struct {
		file, kind, id, field, value string
	}
	facts := []fact{
		{"organizations.txt", "igo", "IGOUNO", "names", "UN"},
		{"organizations.txt", "igo", "IGOUNO", "names", "United Nations"},
		{"organizations.txt", "igo", "un-security-council", "code", "IGOUNO"},
		{"organizations.txt", "igo", "IGOWSTNAT", "names", "NATO"},
		{"organizations.txt", "igo", "IGOEEC", "names", "EU"},
		{"organizations.txt", "igo", "IGOICC", "sectors", "IGO JUD"},
		{"organizations.txt", "igo", "IGOUNOHCR", "names", "UNHCR"},
		{"organizations.txt", "igo", "IGOPKO", "names", "peacekeepers"},
		{"organizations.txt", "ngo", "NGOAMN", "names", "Amnesty International"},
		{"organizations.txt", "ngo", "NGOMSF", "names", "Doctors Without Borders"},
		{"organizations.txt", "igo", "UIS", "names", "foreign diplomats"},
		{"groups.txt", "group", "hamas", "code", "PSEREBHMS"},
		{"groups.txt", "group", "hamas", "role", "PSEGOVHMS 2006-03-29..  Palestinian Authority government, from June 2007 the de facto government of Gaza"},
		{"groups.txt", "group", "taliban", "role", "AFGGOVTAL 2021-08-15..  in power again"},
		{"groups.txt", "group", "hezbollah", "code", "LBNREBHEZ"},
		{"groups.txt", "group", "pkk", "code", "TURREBPKK"},
		{"groups.txt", "group", "al-qaeda", "code", "IMGMOSALQ"},
		{"groups.txt", "group", "isis", "code", "IMGMOSISI"},
		{"groups.txt", "group", "farc", "country", "COL"},
		{"groups.txt", "group", "houthis", "names", "Ansar Allah"},
		{"groups.txt", "group", "rsf-sudan", "role", "SDNREBRSF 2023-04-15..  at war with the army since 2023-04-15"},
		{"groups.txt", "group", "xinhua", "code", "CHNGOVMED"},
		{"agents.txt", "agent", "GOV", "names", "ambassador"},
		{"agents.txt", "agent", "GOV", "names", "foreign ministry"},
		{"agents.txt", "agent", "GOV", "names", "embassy"},
		{"agents.txt", "agent", "MIL", "names", "troops"},
		{"agents.txt", "agent", "COP", "names", "police"},
		{"agents.txt", "agent", "JUD", "names", "prosecutor"},
		{"agents.txt", "agent", "LEG", "names", "lawmaker"},
		{"agents.txt", "agent", "OPP", "names", "protester"},
		{"agents.txt", "agent", "REB", "names", "insurgent"},
		{"agents.txt", "agent", "REF", "names", "refugee"},
		{"agents.txt", "agent", "MED", "plover", "JRN"},
		{"agents.txt", "agent", "HLH", "plover", "MED"},
		{"descriptors.txt", "descriptor", "hermit-kingdom", "country", "PRK"},
		{"descriptors.txt", "descriptor", "jewish-state", "country", "ISR"},
		{"descriptors.txt", "descriptor", "islamic-republic", "country", "IRN"},
		{"descriptors.txt", "descriptor", "latin-american-state", "region", "LAM"},
		{"descriptors.txt", "descriptor", "gulf-state", "region", "PGS"},
		// generic roles and bodies (CAMEO table 3.1; PLOVER agents for persons)
		{"agents.txt", "agent", "GOV", "names", "county commission"},
		{"agents.txt", "agent", "GOV", "names", "negotiator"},
		{"agents.txt", "agent", "COP", "names", "investigator"},
		{"agents.txt", "agent", "LEG", "names", "MLA"},
		{"agents.txt", "agent", "LAB", "names", "employee"},
		{"agents.txt", "agent", "CVL", "names", "people"},
		{"agents.txt", "agent", "BUS", "names", "Inc"},
		{"agents.txt", "agent", "PTY", "names", "candidate"},
		{"organizations.txt", "igo", "UIS", "names", "countries"},
		{"organizations.txt", "ngo", "NGOAAH", "names", "Action Against Hunger"},
		{"groups.txt", "group", "usa-democratic-party", "role", "USAGOVDEM 2021-01-20..2025-01-19  Biden"},
		{"groups.txt", "group", "usa-republican-party", "role", "USAGOVREP 2025-01-20..  Trump"},
		{"groups.txt", "group", "yale", "code", "USAEDU"},
		{"groups.txt", "group", "general-electric", "names", "GE"},
	}
	cache := map[string][]*entry{}
	for _, f := range facts {
		if cache[f.file] == nil {
			cache[f.file] = readEntries(t, f.file)
		}
		found := false
		for _, e := range cache[f.file] {
			if e.kind != f.kind || e.id != f.id {
				continue
			}
			vals := e.fields[f.field]
			if has(vals, f.value) || strings.Join(vals, " ") == f.value {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: %s %s has no %s %q", f.file, f.kind, f.id, f.field, f.value)
		}
	}
}

// TestCodesStartWithKnownActors checks that every code in groups and organisations starts
// with a country or region of countries.txt or a CAMEO international code.
func TestCodesStartWithKnownActors(t *testing.T) {
	known := map[string]bool{"IGO": true, "NGO": true, "NGM": true, "IMG": true, "MNC": true, "INT": true, "UIS": true, "PAL": true}
	// CAMEO identity codes (manual chapter 10, tables 10.1 and 10.2).
	for _, c := range strings.Fields("CHR MOS JEW HIN BUD SIK BAH ZRO ATH JAN CON TAO PAG REL KUR ARB TAM SNL UIG TUT HUT BED TRG HAU YRB IBO OGO IJW GYP SER ABN CRO TRK SLV KRH MAN CKM") {
		known[c] = true
	}
	for _, e := range readEntries(t, "countries.txt") {
		if e.kind == "country" || e.kind == "region" {
			known[e.id[:3]] = true
		}
	}
	for _, file := range []string{"groups.txt", "organizations.txt"} {
		for _, e := range readEntries(t, file) {
			codes := append([]string{}, e.fields["code"]...)
			if e.kind != "group" && len(e.fields["code"]) == 0 {
				codes = append(codes, e.id)
			}
			for _, r := range e.fields["role"] {
				codes = append(codes, strings.Fields(r)[0])
			}
			for _, c := range codes {
				if len(c) < 3 || len(c)%3 != 0 || !known[c[:3]] {
					t.Errorf("%s %s: code %q does not start with a known actor", file, e.id, c)
				}
			}
		}
	}
}
