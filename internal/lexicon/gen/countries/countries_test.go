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
		"congolese", "korean", "island", "the valley", "stanley", "roma", "border patrol", "virgin islands"}
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
