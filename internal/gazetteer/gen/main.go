// Command gen writes dyad's embedded gazetteer (internal/gazetteer/data/gazetteer.tsv.gz)
// from the GeoNames facts in ../shared/data/geo:
//
//	go generate ./internal/gazetteer
//
// Sources and licences: GeoNames cities1000, admin1CodesASCII, admin2Codes and
// countryInfo (CC BY 4.0, geonames.org); country centroids, English names and demonyms
// from world-countries (mledoze/countries, ODbL 1.0) and i18n-nationality (MIT). The
// same input always gives the same bytes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"dyad/internal/gazetteer"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder (holding data/geo)")
	out := flag.String("out", "internal/gazetteer/data/gazetteer.tsv.gz", "file to write")
	minPop := flag.Int64("min-population", gazetteer.DefaultMinPopulation, "smallest population of a populated place to keep")
	flag.Parse()
	var buf bytes.Buffer
	if err := gazetteer.Generate(filepath.Join(*shared, "data/geo"), *minPop, &buf); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
