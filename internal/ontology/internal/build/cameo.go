package build

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CAMEO source files, relative to data/ontology.
const (
	fileGDELTCodes     = "cameo/CAMEO.eventcodes.txt"
	fileGDELTGoldstein = "cameo/CAMEO.goldsteinscale.txt"
	fileManualJSON     = "cameo/cameo_codes_with_usage_examples.json"
	fileManualCh2      = "cameo/chapter_2_verb_codebook.md"
	fileICEWSCodebook  = "cameo/cameo-codes-with-goldstein-examples.csv"
	fileICEWSLabels    = "cameo/CAMEO_codefile-ICEWS-labels.txt"
	fileICEWSSample    = "icews/icews-events.2018.sample.tab"
)

// QuadOfRoot is GDELT's QuadClass convention by root number; the generator checks the
// code lists agree with it.
func QuadOfRoot(root int) int {
	switch {
	case root >= 1 && root <= 5:
		return 1
	case root >= 6 && root <= 8:
		return 2
	case root >= 9 && root <= 13:
		return 3
	case root >= 14 && root <= 20:
		return 4
	}
	return 0
}

// codeErrata renames codes the manual's markdown conversion got wrong.
var codeErrata = map[string]string{
	// chapter 6 prints "1883: Conduct suicide, car, or other non-military bombing, not
	// specified below"; that name, the sub-codes 1831–1834 and every other list make
	// it 183.
	"1883": "183",
}

// nameFixes repairs line-break artefacts in the manual's code names.
var nameFixes = strings.NewReplacer("Threate n", "Threaten")

type cameoCode struct {
	Code, Name, Parent   string
	Quad                 int
	Goldstein            float64
	GoldsteinInherited   bool
	Description, Usage   string
	GDELTName, ICEWSName string
	InManual, InGDELT    bool
	InICEWS              bool
}

type cameoTables struct {
	codes     []*cameoCode
	quadNames [5]string
	gdelt     map[string]float64
	icews     map[string]float64
}

func buildCAMEO(src *sources, warn func(string, ...any)) (*cameoTables, error) {
	t := &cameoTables{}

	// GDELT code list, with the four QuadClass headings between the roots.
	gdeltNames := map[string]string{}
	data, path, err := src.read(fileGDELTCodes)
	if err != nil {
		return nil, err
	}
	pendingQuad := 0
	err = eachLine(data, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if n == 1 || strings.TrimSpace(line) == "" {
			return nil
		}
		if len(f) != 2 {
			return fmt.Errorf("%s:%d: want code<TAB>name, got %q", path, n, line)
		}
		code, name := strings.TrimSpace(f[0]), spaces(f[1])
		if len(code) == 1 && code[0] >= '1' && code[0] <= '4' {
			q := int(code[0] - '0')
			t.quadNames[q] = name
			pendingQuad = q
			return nil
		}
		if !isCode(code) {
			return fmt.Errorf("%s:%d: bad code %q", path, n, code)
		}
		if pendingQuad != 0 {
			// The headings are placed before roots 01, 06, 10 and 15, which would put
			// 09 in material cooperation and 14 in verbal conflict. GDELT's published
			// convention, the manual's JSON, Phoenix and PLOVER all put 09 with verbal
			// and 14 with material conflict; we note the disagreement and keep the
			// convention (QuadOfRoot).
			if len(code) != 2 || QuadOfRoot(atoi(code)) != pendingQuad || QuadOfRoot(atoi(code)-1) == pendingQuad {
				first := 1
				for QuadOfRoot(first) != pendingQuad {
					first++
				}
				warn("%s:%d: QuadClass heading %d (%s) stands before root %s, not before %02d where QuadOfRoot starts the class",
					fileGDELTCodes, n-1, pendingQuad, t.quadNames[pendingQuad], code, first)
			}
			pendingQuad = 0
		}
		if _, dup := gdeltNames[code]; dup {
			return fmt.Errorf("%s:%d: duplicate code %s", path, n, code)
		}
		gdeltNames[code] = name
		return nil
	})
	if err != nil {
		return nil, err
	}

	t.gdelt, err = readScaleTSV(src, fileGDELTGoldstein)
	if err != nil {
		return nil, err
	}

	// The manual (CAMEO 1.1b3) as parsed into JSON by py-gdelt.
	data, path, err = src.read(fileManualJSON)
	if err != nil {
		return nil, err
	}
	var manual map[string]struct {
		Name       string `json:"name"`
		Parent     string `json:"parent"`
		QuadClass  int    `json:"quad_class"`
		UsageNotes string `json:"usage_notes"`
	}
	if err := json.Unmarshal(data, &manual); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for bad, good := range codeErrata {
		if e, ok := manual[bad]; ok {
			if _, clash := manual[good]; clash {
				return nil, fmt.Errorf("%s: erratum %s→%s but %s exists", path, bad, good, good)
			}
			e.Parent = parentOf(good)
			manual[good] = e
			delete(manual, bad)
			warn("%s: code %s read as %s (erratum)", fileManualJSON, bad, good)
		}
	}
	for code, e := range manual {
		if !isCode(code) {
			return nil, fmt.Errorf("%s: bad code %q", path, code)
		}
		if e.Parent != parentOf(code) {
			return nil, fmt.Errorf("%s: code %s has parent %q, want %q", path, code, e.Parent, parentOf(code))
		}
		if want := QuadOfRoot(atoi(code[:2])); e.QuadClass != want {
			return nil, fmt.Errorf("%s: code %s has quad_class %d, GDELT convention says %d", path, code, e.QuadClass, want)
		}
	}

	// Chapter 2 of the manual has two codes the JSON lost (1213, 1214).
	ch2, err := readChapter2(src)
	if err != nil {
		return nil, err
	}

	icewsNames, icewsDesc, icews, err := readICEWSCodebook(src)
	if err != nil {
		return nil, err
	}
	t.icews = icews
	if err := checkICEWSSample(src, icews); err != nil {
		return nil, err
	}
	labels, err := readICEWSLabels(src)
	if err != nil {
		return nil, err
	}

	all := map[string]bool{}
	for _, m := range []map[string]string{gdeltNames, icewsNames, labels, ch2.names} {
		for c := range m {
			all[c] = true
		}
	}
	for c := range manual {
		all[c] = true
	}
	for _, code := range sortedKeys(all) {
		if p := parentOf(code); p != "" && !all[p] {
			return nil, fmt.Errorf("code %s has no parent %s in any list", code, p)
		}
		c := &cameoCode{Code: code, Parent: parentOf(code), Quad: QuadOfRoot(atoi(code[:2]))}
		if c.Quad == 0 {
			return nil, fmt.Errorf("code %s: root outside 01–20", code)
		}
		m, inManual := manual[code]
		_, inCh2 := ch2.names[code]
		_, c.InGDELT = gdeltNames[code]
		_, c.InICEWS = icewsNames[code]
		c.InManual = inManual || inCh2
		switch {
		case inManual:
			c.Name = longerVariant(nameFixes.Replace(spaces(m.Name)), icewsNames[code], gdeltNames[code])
			c.Usage = dehyphen(spaces(m.UsageNotes))
		case inCh2:
			c.Name = ch2.names[code]
		case c.InICEWS:
			c.Name = icewsNames[code]
		case c.InGDELT:
			c.Name = gdeltNames[code]
		default:
			c.Name = labels[code]
		}
		if c.Name == "" {
			return nil, fmt.Errorf("code %s has no name", code)
		}
		c.Description = icewsDesc[code]
		if c.Description == "" {
			c.Description = ch2.descs[code]
		}
		if n := gdeltNames[code]; n != "" && n != c.Name {
			c.GDELTName = n
		}
		if n := icewsNames[code]; n != "" && n != c.Name {
			c.ICEWSName = n
		}
		t.codes = append(t.codes, c)
	}
	// Goldstein: GDELT's own weight, else the nearest ancestor's.
	byCode := map[string]*cameoCode{}
	for _, c := range t.codes {
		byCode[c.Code] = c
	}
	for _, c := range t.codes {
		for a := c.Code; a != ""; a = parentOf(a) {
			if v, ok := t.gdelt[a]; ok {
				c.Goldstein, c.GoldsteinInherited = v, a != c.Code
				break
			}
			if parentOf(a) == "" {
				return nil, fmt.Errorf("code %s: no Goldstein weight for it or any ancestor", c.Code)
			}
		}
	}
	for code := range t.gdelt {
		if byCode[code] == nil {
			return nil, fmt.Errorf("%s lists unknown code %s", fileGDELTGoldstein, code)
		}
	}
	for q := 1; q <= 4; q++ {
		if t.quadNames[q] == "" {
			return nil, fmt.Errorf("%s: no heading for QuadClass %d", fileGDELTCodes, q)
		}
	}
	return t, nil
}

// longerVariant returns name, or another product's label when it extends name at a
// word boundary (the manual's JSON cut some names short: "Reject plan, agreement").
func longerVariant(name string, others ...string) string {
	base := strings.TrimRight(name, " ,")
	for _, o := range others {
		if len(o) > len(name) && strings.HasPrefix(o, base) && (o[len(base)] == ',' || o[len(base)] == ' ') {
			return o
		}
	}
	return name
}

func parentOf(code string) string {
	switch len(code) {
	case 3:
		return code[:2]
	case 4:
		return code[:3]
	}
	return ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func eachLine(data []byte, f func(n int, line string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if err := f(n, strings.TrimRight(sc.Text(), "\r")); err != nil {
			return err
		}
	}
	return sc.Err()
}

func readScaleTSV(src *sources, rel string) (map[string]float64, error) {
	data, path, err := src.read(rel)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	err = eachLine(data, func(n int, line string) error {
		if n == 1 || strings.TrimSpace(line) == "" {
			return nil
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 || !isCode(f[0]) {
			return fmt.Errorf("%s:%d: want code<TAB>weight, got %q", path, n, line)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if _, dup := out[f[0]]; dup {
			return fmt.Errorf("%s:%d: duplicate code %s", path, n, f[0])
		}
		out[f[0]] = v
		return nil
	})
	return out, err
}

type chapter2 struct{ names, descs map[string]string }

// readChapter2 finds the code tables of the manual's verb codebook that open with a
// "| CAMEO | code |" row and takes the Name and Description rows that follow.
func readChapter2(src *sources) (*chapter2, error) {
	data, _, err := src.read(fileManualCh2)
	if err != nil {
		return nil, err
	}
	ch := &chapter2{names: map[string]string{}, descs: map[string]string{}}
	cur := ""
	err = eachLine(data, func(n int, line string) error {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) < 2 || !strings.HasPrefix(strings.TrimSpace(line), "|") {
			cur = ""
			return nil
		}
		key, val := strings.TrimSpace(cells[0]), spaces(cells[1])
		switch {
		case key == "CAMEO" && isCode(val):
			cur = val
		case cur != "" && key == "Name" && ch.names[cur] == "":
			ch.names[cur] = val
		case cur != "" && key == "Description" && ch.descs[cur] == "":
			ch.descs[cur] = dehyphen(val)
		}
		return nil
	})
	return ch, err
}

// dehyphen undoes the PDF's line-end hyphenation ("neigh- bor").
var hyphenBreak = regexp.MustCompile(`([a-z])- ([a-z])`)

func dehyphen(s string) string { return hyphenBreak.ReplaceAllString(s, "$1$2") }

// macRomanMojibake undoes the CSV's double encoding: UTF-8 punctuation read as Mac
// Roman and written back as Windows-1252.
var macRomanMojibake = strings.NewReplacer(
	"\x82\xc4\xf4", "’", "\x82\xc4\xf2", "‘", "\x82\xc4\xfa", "“", "\x82\xc4\xf9", "”",
	"\x82\xc4\xee", "—", "\x82\xc4\xec", "–",
)

// readICEWSCodebook reads the ICEWS CAMEO codebook: names, definitions and the
// intensity ICEWS gives each code (its "goldstein" column).
func readICEWSCodebook(src *sources) (names, descs map[string]string, weights map[string]float64, err error) {
	data, path, err := src.read(fileICEWSCodebook)
	if err != nil {
		return nil, nil, nil, err
	}
	r := csv.NewReader(strings.NewReader(macRomanMojibake.Replace(string(data))))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"name", "code", "goldstein", "description"} {
		if _, ok := col[h]; !ok {
			return nil, nil, nil, fmt.Errorf("%s: no column %q", path, h)
		}
	}
	names, descs, weights = map[string]string{}, map[string]string{}, map[string]float64{}
	for i, row := range rows[1:] {
		code := row[col["code"]]
		if !isCode(code) {
			return nil, nil, nil, fmt.Errorf("%s:%d: bad code %q", path, i+2, code)
		}
		if _, dup := names[code]; dup {
			return nil, nil, nil, fmt.Errorf("%s:%d: duplicate code %s", path, i+2, code)
		}
		v, err := strconv.ParseFloat(row[col["goldstein"]], 64)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s:%d: %w", path, i+2, err)
		}
		names[code] = spaces(row[col["name"]])
		weights[code] = v
		if d := spaces(row[col["description"]]); d != "NA" && d != "" {
			if !utf8.ValidString(d) {
				return nil, nil, nil, fmt.Errorf("%s:%d: description is not UTF-8 after repair", path, i+2)
			}
			descs[code] = d
		}
	}
	return names, descs, weights, nil
}

// checkICEWSSample checks that real ICEWS events carry the intensity the codebook
// gives their code — the evidence that the codebook column is ICEWS's scale.
func checkICEWSSample(src *sources, icews map[string]float64) error {
	data, path, err := src.read(fileICEWSSample)
	if err != nil {
		return err
	}
	codeCol, intCol := -1, -1
	return eachLine(data, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if n == 1 {
			for i, h := range f {
				switch h {
				case "CAMEO Code":
					codeCol = i
				case "Intensity":
					intCol = i
				}
			}
			if codeCol < 0 || intCol < 0 {
				return fmt.Errorf("%s:1: no CAMEO Code or Intensity column", path)
			}
			return nil
		}
		if len(f) <= intCol || len(f) <= codeCol {
			return fmt.Errorf("%s:%d: short row", path, n)
		}
		v, err := strconv.ParseFloat(f[intCol], 64)
		if err != nil {
			return fmt.Errorf("%s:%d: intensity: %w", path, n, err)
		}
		want, ok := icews[f[codeCol]]
		if !ok {
			return fmt.Errorf("%s:%d: code %s not in %s", path, n, f[codeCol], fileICEWSCodebook)
		}
		if v != want {
			return fmt.Errorf("%s:%d: code %s has intensity %v, codebook says %v", path, n, f[codeCol], v, want)
		}
		return nil
	})
}

var labelLine = regexp.MustCompile(`^LABELi?: (\S+)= (.*)$`)

// readICEWSLabels reads the CAMEO 0.7b5 code file with ICEWS's label variants; only
// well-formed codes are kept (the file has typos such as "13y" and "1451i").
func readICEWSLabels(src *sources) (map[string]string, error) {
	data, _, err := src.read(fileICEWSLabels)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	err = eachLine(data, func(n int, line string) error {
		m := labelLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil || !isCode(m[1]) {
			return nil
		}
		if _, seen := out[m[1]]; !seen {
			out[m[1]] = spaces(m[2])
		}
		return nil
	})
	return out, err
}

func (t *cameoTables) render(b *bytes.Buffer) {
	header(b, "CAMEO event codes, their classes and the weight scales of GDELT and ICEWS.", []string{
		fileGDELTCodes + ", " + fileGDELTGoldstein + " (GDELT lookups)",
		fileManualJSON + ", " + fileManualCh2 + " (CAMEO 1.1b3 manual, via py-gdelt)",
		fileICEWSCodebook + ", " + fileICEWSLabels + " (ICEWS CAMEO codebook and labels)",
		fileICEWSSample + " (checks the ICEWS intensities)",
	}, []string{
		"CAMEO manual and codes (Schrodt, Gerner et al.): free with attribution",
		"GDELT lookup tables: free with attribution to the GDELT Project",
		"ICEWS codebook and text_to_CAMEO: MIT; py-gdelt conversion: MIT",
	})
	b.WriteString("var quadClassNames = [...]string{\"\"")
	for q := 1; q <= 4; q++ {
		b.WriteString(", " + lit(t.quadNames[q]))
	}
	b.WriteString("}\n\n")
	b.WriteString("var cameoTable = []CAMEOCode{\n")
	for _, c := range t.codes {
		fmt.Fprintf(b, "{Code: %s, Name: %s, Parent: %s, QuadClass: %d, Goldstein: %s",
			lit(c.Code), lit(c.Name), lit(c.Parent), c.Quad, num(c.Goldstein))
		if c.GoldsteinInherited {
			b.WriteString(", GoldsteinInherited: true")
		}
		if c.Description != "" {
			fmt.Fprintf(b, ",\nDescription: %s", lit(c.Description))
		}
		if c.Usage != "" {
			fmt.Fprintf(b, ",\nUsageNotes: %s", lit(c.Usage))
		}
		if c.GDELTName != "" {
			fmt.Fprintf(b, ",\nGDELTName: %s", lit(c.GDELTName))
		}
		if c.ICEWSName != "" {
			fmt.Fprintf(b, ",\nICEWSName: %s", lit(c.ICEWSName))
		}
		fmt.Fprintf(b, ",\nInManual: %t, InGDELT: %t, InICEWS: %t},\n", c.InManual, c.InGDELT, c.InICEWS)
	}
	b.WriteString("}\n\n")
	b.WriteString("var scaleTable = []Scale{\n")
	writeScale(b, "goldstein-gdelt", "GDELT's Goldstein weight per CAMEO code (CAMEO.goldsteinscale.txt).", fileGDELTGoldstein, t.gdelt)
	writeScale(b, "intensity-icews", "ICEWS's intensity per CAMEO code (the ICEWS CAMEO codebook, checked against real ICEWS events).", fileICEWSCodebook, t.icews)
	b.WriteString("}\n")
}

func writeScale(b *bytes.Buffer, name, desc, source string, values map[string]float64) {
	fmt.Fprintf(b, "{Name: %s, Description: %s, Source: %s, values: map[string]float64{\n", lit(name), lit(desc), lit(source))
	codes := sortedKeys(values)
	sort.Strings(codes)
	for i, c := range codes {
		fmt.Fprintf(b, "%s: %s,", lit(c), num(values[c]))
		if i%8 == 7 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("\n}},\n")
}
