package gazetteer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/shareddata"
)

func TestKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Bogotá", "bogota"},
		{"U.S.", "us"},
		{"St. Louis", "st louis"},
		{"Port-au-Prince", "port au prince"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"  São   Paulo ", "sao paulo"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
	} {
		if got := Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLookup(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		id      uint32 // expected among the senses
		country string // ISO3 of that sense
		feature string
	}{
		{"Bogotá", 3688689, "COL", "PPLC"},
		{"Bogota", 3688689, "COL", "PPLC"},
		{"Moscow", 524901, "RUS", "PPLC"},
		{"Paris", 2988507, "FRA", "PPLC"},
		{"Paris", 4717560, "USA", "PPLA2"}, // Paris, Texas
		{"Colombia", 3686110, "COL", "PCLI"},
		{"U.S.", 6252001, "USA", "PCLI"},
		{"Texas", 4736286, "USA", "ADM1"},
		{"Africa", 6255146, "", "CONT"},
		{"Rapides Parish", 4338356, "USA", "ADM2"},
	} {
		found := false
		for _, r := range g.Lookup(tc.name) {
			p := g.Places[r.Place]
			if p.ID == tc.id {
				found = true
				if got := g.ISO3(p.Country); got != tc.country {
					t.Errorf("%s (%d): country %q, want %q", tc.name, tc.id, got, tc.country)
				}
				if p.Feature != tc.feature {
					t.Errorf("%s (%d): feature %q, want %q", tc.name, tc.id, p.Feature, tc.feature)
				}
			}
		}
		if !found {
			t.Errorf("Lookup(%q) has no place %d", tc.name, tc.id)
		}
	}
	if c := g.Country("CO"); c == nil || c.ISO3 != "COL" || c.Capital < 0 || g.Places[c.Capital].ID != 3688689 {
		t.Errorf("Colombia's capital is not Bogotá: %+v", c)
	}
	refs := g.Lookup("Colombian")
	if len(refs) == 0 || refs[0].Kind != KindDemonym || g.Places[refs[0].Place].Country != "CO" {
		t.Errorf("Colombian: %+v, want the demonym of Colombia", refs)
	}
	if a := g.Admin1("US", "TX"); a < 0 || g.Places[a].Name != "Texas" {
		t.Errorf("Admin1(US, TX) = %d", a)
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"columns", "1\tPPL\n", "columns"},
		{"id", strings.Repeat("x\t", 14) + "x\n", "id"},
		{"empty", "# nothing\n", "no countries"},
	} {
		_, err := Load(strings.NewReader(tc.in), "test.tsv")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

// The generator must give the embedded file from ../shared, byte for byte.
func TestGeneratorReproducible(t *testing.T) {
	geo := shareddata.Path(t, "data/geo/cities1000.txt.gz")
	if testing.Short() {
		t.Skip("generator run skipped in -short mode")
	}
	var a bytes.Buffer
	if err := Generate(filepath.Dir(geo), DefaultMinPopulation, &a); err != nil {
		t.Fatal(err)
	}
	emb, err := os.ReadFile("data/gazetteer.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), emb) {
		t.Errorf("data/gazetteer.tsv.gz is not what the generator writes from ../shared: run go generate ./internal/gazetteer")
	}
}

// BenchmarkLoad also reports the CPU time of a load, which a busy machine does not
// inflate as it does wall time.
func BenchmarkLoad(b *testing.B) {
	start := cpuTime()
	n := 0
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded), "embedded"); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(n), "cpu-ms/op")
}
