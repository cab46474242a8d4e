package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/shareddata"
)

const geoVirusSample = `<articles>
  <article>
    <source>https://en.wikinews.org/wiki/Example</source>
    <text>Health officials in Bogotá, Colombia said on Monday that the virus reached Moscow.</text>
    <locations>
      <location><name>Bogotá</name><start>20</start><end>26</end><lat>4.6</lat><lon>-74.08</lon><page>x</page></location>
      <location><name>Colombia</name><start>29</start><end>37</end><lat>4</lat><lon>-72</lon><page>x</page></location>
      <location><name>Moscow</name><start>76</start><end>82</end><lat>55.75</lat><lon>37.62</lon><page>x</page></location>
    </locations>
  </article>
</articles>`

const lglSample = `<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>t</title>
    <text><![CDATA[A fire in Paris, Texas destroyed a barn near Sheffield.]]></text>
    <toponyms count="3">
      <toponym><start>10</start><end>15</end><phrase>Paris</phrase>
        <gaztag geonameid="4717560"><name>Paris</name><fcode>PPLA2</fcode><lat>33.66</lat><lon>-95.55</lon>
        <country geonameid="6252001">United States</country></gaztag></toponym>
      <toponym><start>17</start><end>22</end><phrase>Texas</phrase>
        <gaztag geonameid="4736286"><name>Texas</name><fcode>ADM1</fcode><lat>31.25</lat><lon>-99.25</lon>
        <country geonameid="6252001">United States</country></gaztag></toponym>
      <toponym><start>45</start><end>54</end><phrase>Sheffield</phrase></toponym>
    </toponyms>
  </article>
</articles>`

func TestScoreGeo(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, xml string
		want      map[string]float64
	}{
		// GeoVirus offsets are one past the name's start: the reader finds the names.
		{"geovirus.xml", geoVirusSample, map[string]float64{
			"toponym recall (exact span)":             1,
			"accuracy within 161 km (found toponyms)": 1,
			"country correct (found toponyms)":        1,
		}},
		{"lgl.xml", lglSample, map[string]float64{
			"toponym recall (exact span)":                   1,
			"accuracy within 161 km (found toponyms)":       1,
			"exact GeoNames id (found toponyms with an id)": 1,
			"country correct (found toponyms)":              1,
		}},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(tc.xml), 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := scoreGeo(Options{}, path)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(rep.Problems) > 0 {
			t.Errorf("%s: problems %v", tc.name, rep.Problems)
		}
		for name, want := range tc.want {
			got, ok := rep.Metric(name)
			if !ok || got < want-1e-9 {
				t.Errorf("%s: %s = %v (present %v), want %v", tc.name, name, got, ok, want)
			}
		}
	}
}

func TestScoreGeoBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, xml, want string }{
		{"empty.xml", "<articles></articles>", "no <article>"},
		{"broken.xml", "<articles><article><text>x</text>", "XML"},
	} {
		path := filepath.Join(dir, tc.name)
		os.WriteFile(path, []byte(tc.xml), 0o644)
		_, err := scoreGeo(Options{}, path)
		if err == nil || !strings.Contains(err.Error(), tc.want) && !strings.Contains(err.Error(), "unexpected EOF") {
			t.Errorf("%s: err = %v, want one about %q", tc.name, err, tc.want)
		}
	}
	// A toponym whose name is not at its offset is a problem, not a failure.
	path := filepath.Join(dir, "offset.xml")
	os.WriteFile(path, []byte(strings.Replace(geoVirusSample, "<start>76</start>", "<start>3</start>", 1)), 0o644)
	rep, err := scoreGeo(Options{}, path)
	if err != nil || len(rep.Problems) != 1 {
		t.Errorf("misplaced toponym: err %v, problems %v; want one problem", err, rep.Problems)
	}
}

// The targets, on the real gold sets: accuracy within 161 km at least 85%
// (GeoVirus) and 70% (LGL), country at least 95%; floors sit a little under what
// the parser reaches now, to catch regressions.
func TestScoreGeoGoldSets(t *testing.T) {
	if testing.Short() {
		t.Skip("gold sets skipped in -short mode")
	}
	for _, tc := range []struct {
		file                 string
		within161, countryOK float64
	}{
		{"data/gold/geoparsing/GeoVirus.xml", 0.83, 0.95},
		{"data/gold/geoparsing/lgl.xml", 0.80, 0.95},
	} {
		rep, err := scoreGeo(Options{}, shareddata.Path(t, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := rep.Metric("accuracy within 161 km (found toponyms)"); v < tc.within161 {
			t.Errorf("%s: accuracy within 161 km %.3f, floor %.2f", tc.file, v, tc.within161)
		}
		if v, _ := rep.Metric("country correct (found toponyms)"); v < tc.countryOK {
			t.Errorf("%s: country correct %.3f, floor %.2f", tc.file, v, tc.countryOK)
		}
	}
}

// TestGeoDump writes every error of a gold file, one per line, for reading:
// DYAD_GEO_DUMP=gold.xml DYAD_GEO_OUT=errors.tsv go test -run TestGeoDump ./internal/eval
func TestGeoDump(t *testing.T) {
	path, out := os.Getenv("DYAD_GEO_DUMP"), os.Getenv("DYAD_GEO_OUT")
	if path == "" || out == "" {
		t.Skip("set DYAD_GEO_DUMP and DYAD_GEO_OUT to list every error of a gold file")
	}
	defer func(n int) { geoExamplesPerKind = n }(geoExamplesPerKind)
	geoExamplesPerKind = 1 << 30
	rep, err := scoreGeo(Options{}, path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range rep.Errors {
		b.WriteString(e.Kind + "\t" + e.Text + "\t" + e.Gold + "\t" + e.Predicted + "\n")
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
