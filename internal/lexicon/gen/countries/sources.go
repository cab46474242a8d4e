package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// isoCountry is one row of Debian iso-codes' iso_3166-1.json.
type isoCountry struct {
	Alpha2       string `json:"alpha_2"`
	Alpha3       string `json:"alpha_3"`
	Name         string `json:"name"`
	OfficialName string `json:"official_name"`
	CommonName   string `json:"common_name"`
}

func readISO(shared string) ([]isoCountry, error) {
	path := filepath.Join(shared, "data/geo/countries/iso_3166-1.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Countries []isoCountry `json:"3166-1"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc.Countries, nil
}

// worldCountry is the part of mledoze/world-countries' countries.json that we use.
type worldCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA3         string   `json:"cca3"`
	Independent  bool     `json:"independent"`
	UNMember     bool     `json:"unMember"`
	Capital      []string `json:"capital"`
	AltSpellings []string `json:"altSpellings"`
	Region       string   `json:"region"`
	Subregion    string   `json:"subregion"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

func readWorld(shared string) (map[string]worldCountry, error) {
	path := filepath.Join(shared, "data/geo/countries/world-countries_countries.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var list []worldCountry
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]worldCountry{}
	for _, c := range list {
		out[c.CCA3] = c
	}
	return out, nil
}

// readNationality reads i18n-nationality's English adjectives by ISO alpha-2.
func readNationality(shared string) (map[string]string, error) {
	path := filepath.Join(shared, "data/geo/countries/i18n-nationality_en.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Nationalities map[string]string `json:"nationalities"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc.Nationalities, nil
}

// countryInfo is one <Country> block of Schrodt's CountryInfo.txt: upper-case forms with
// underscores for spaces and no diacritics.
type countryInfo struct {
	Nationality, Capital, MajorCities []string
}

var ciTag = regexp.MustCompile(`^<([A-Za-z0-9-]+)>(.*?)(</[A-Za-z0-9-]+>)?$`)

// readCountryInfo returns the blocks by ISO alpha-3 code. A block is filed under its
// CountryCode when that is an ISO code, else under its ISO3166-alpha3 field: the latter
// has slips (Guatemala's block says GLP, Myanmar's MOZ), so it never displaces a block
// filed under its own code.
func readCountryInfo(shared string, isISO func(string) bool) (map[string]*countryInfo, error) {
	path := filepath.Join(shared, "data/geo/countries/CountryInfo.120116.txt")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type block struct {
		info       *countryInfo
		code, iso3 string
	}
	var (
		blocks  []*block
		cur     *countryInfo
		section string
		inDoc   bool
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "<!--") {
			inDoc = true
		}
		if inDoc {
			if strings.Contains(line, "-->") {
				inDoc = false
			}
			continue
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" {
			continue
		}
		if m := ciTag.FindStringSubmatch(line); m != nil {
			tag, val := m[1], strings.TrimSpace(m[2])
			switch tag {
			case "Country":
				cur = &countryInfo{}
				blocks = append(blocks, &block{info: cur})
			case "CountryCode":
				if cur != nil {
					blocks[len(blocks)-1].code = val
				}
			case "ISO3166-alpha3":
				if cur != nil {
					blocks[len(blocks)-1].iso3 = val
				}
			case "Nationality", "Capital", "MajorCities":
				section = tag
			}
			if m[3] != "" || strings.HasPrefix(tag, "/") {
				section = ""
			}
			continue
		}
		if strings.HasPrefix(line, "</") {
			section = ""
			continue
		}
		if cur == nil || section == "" {
			continue
		}
		line = strings.TrimSpace(strings.ReplaceAll(strings.TrimRight(line, "_"), "_", " "))
		if line == "" {
			continue
		}
		switch section {
		case "Nationality":
			cur.Nationality = append(cur.Nationality, line)
		case "Capital":
			cur.Capital = append(cur.Capital, line)
		case "MajorCities":
			cur.MajorCities = append(cur.MajorCities, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]*countryInfo{}
	for _, b := range blocks {
		if isISO(b.code) {
			out[b.code] = b.info
		}
	}
	for _, b := range blocks {
		if !isISO(b.code) && isISO(b.iso3) && out[b.iso3] == nil {
			out[b.iso3] = b.info
		}
	}
	return out, nil
}

// readGeoNamesCapitals reads the Capital column of GeoNames' countryInfo.txt by ISO3.
func readGeoNamesCapitals(shared string) (map[string]string, error) {
	path := filepath.Join(shared, "data/geo/countryInfo.txt")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) > 5 && cols[5] != "" {
			out[cols[1]] = cols[5]
		}
	}
	return out, sc.Err()
}

// city is one GeoNames populated place.
type city struct {
	Name, ASCII string
	Alt         []string
	Country     string // ISO alpha-2
	Feature     string
	Population  int
}

// readCities reads the populated places of cities1000 that are towns and cities (not
// sections of a city or abandoned places).
func readCities(shared string) ([]city, error) {
	path := filepath.Join(shared, "data/geo/cities1000.txt.gz")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []city
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 15 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, n, len(cols))
		}
		switch cols[7] {
		case "PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLG":
		default:
			continue
		}
		pop, _ := strconv.Atoi(cols[14])
		c := city{Name: cols[1], ASCII: cols[2], Country: cols[8], Feature: cols[7], Population: pop}
		if cols[3] != "" {
			c.Alt = strings.Split(cols[3], ",")
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// readLowercaseWords collects the words that occur in lower case at least three times in
// the UD English treebanks: a one-word place name that is also such a word ("Of",
// "Split", "Nice", "Reading") would fire on ordinary text. Rarer ones are mostly e-mail
// addresses and URLs ("auckland").
func readLowercaseWords(shared string) (map[string]bool, error) {
	files, err := filepath.Glob(filepath.Join(shared, "data/ud/*.conllu"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no UD treebanks in %s/data/ud", shared)
	}
	counts := map[string]int{}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 4<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			cols := strings.SplitN(line, "\t", 3)
			if len(cols) < 2 || cols[1] == "" {
				continue
			}
			w := cols[1]
			if w[0] >= 'a' && w[0] <= 'z' {
				counts[w]++
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	out := map[string]bool{}
	for w, n := range counts {
		if n >= 3 {
			out[w] = true
		}
	}
	return out, nil
}
