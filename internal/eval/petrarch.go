package eval

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The petrarch format: the PETRARCH validation suites. Each record is a sentence
// with the events PETRARCH should code from it, as (source code, target code, CAMEO
// code) triples. Two flavours, told apart by content:
//
//   - XML (PETRARCH-2 unit tests, UD-PETRARCH validation): a <Validation> file of
//     <Sentence> elements with <EventCoding> and <Text> children.
//   - Text (PETRARCH-1 validation): the same tags line by line but not well-formed
//     XML: <EventCoding ...> is never closed, the text often stands without <Text>
//     and is followed by a bare parse tree, and </Sentence> may be missing.
//
// Comments run from <!-- to the first -->, as PETRARCH reads them (the files nest
// comments, which XML forbids, so neither flavour is parsed as one XML document).

func init() {
	Register(Format{
		Name: "petrarch",
		Doc: "PETRARCH validation records (XML or PETRARCH-1 text): records whose set of (source, target, CAMEO) triples is exactly right; " +
			"meant to be run with the suite's own dictionaries (--dict DIR)",
		Score: scorePetrarch,
	})
}

// petrTriple is one expected or predicted event.
type petrTriple struct{ Source, Target, CAMEO string }

func (t petrTriple) String() string { return t.Source + "→" + t.Target + " " + t.CAMEO }

// petrRecord is one validation record.
type petrRecord struct {
	id, category, published, text string
	line                          int
	expected                      []petrTriple // empty: no event expected
	exclude                       string       // why it is not evaluated; "" when it is
	// oneSided is set where the file turns PETRARCH's require_dyad off
	// (<Config option="require_dyad" value="false">): events with one actor count,
	// the missing one coded "---".
	oneSided bool
}

// petrSuite is what a validation file holds besides its records.
type petrSuite struct {
	records []petrRecord
	skipped int
	dicts   []string // dictionary files named in <Environment>
	options []string // names of the PETRARCH <Config> options set in the file
}

// petrCoding is one <EventCoding> element.
type petrCoding struct {
	Source   string `xml:"sourcecode,attr"`
	Target   string `xml:"targetcode,attr"`
	Event    string `xml:"eventcode,attr"`
	NoEvents string `xml:"noevents,attr"`
	Error    string `xml:"error,attr"`
}

// stripComments blanks out <!-- … --> comments, keeping newlines so that offsets
// and line numbers stay those of the file.
func stripComments(data []byte, problems *goldProblems) []byte {
	out := bytes.Clone(data)
	pos := 0
	for {
		i := bytes.Index(out[pos:], []byte("<!--"))
		if i < 0 {
			return out
		}
		start := pos + i
		j := bytes.Index(out[start+4:], []byte("-->"))
		end := len(out)
		if j < 0 {
			problems.add(lineAtOffset(out, start), "comment never closed; ignored to the end of the file")
		} else {
			end = start + 4 + j + 3
		}
		for k := start; k < end; k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
		pos = end
	}
}

func lineAtOffset(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }

var (
	petrDictRE    = regexp.MustCompile(`<(?:Verbfile|Actorfile|Agentfile|Discardfile|PICOfile)(?:\s+name\s*=\s*"([^"]*)")?\s*>([^<]*)`)
	petrConfigRE  = regexp.MustCompile(`<Config\s+option\s*=\s*"([^"]*)"(?:\s+value\s*=\s*"([^"]*)")?`)
	petrAttrRE    = regexp.MustCompile(`([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	petrTagRE     = regexp.MustCompile(`<Sentence[\s>]`)
	petrPLEventRE = regexp.MustCompile(`<PLEvent\s[^\n]*\}>`)
)

// loadPetrarch reads a validation file of either flavour.
func loadPetrarch(data []byte, problems *goldProblems) petrSuite {
	clean := stripComments(data, problems)
	var suite petrSuite
	for _, m := range petrDictRE.FindAllSubmatch(clean, -1) {
		name := strings.TrimSpace(string(m[1]) + string(m[2]))
		if name != "" {
			suite.dicts = append(suite.dicts, name)
		}
	}
	seen := map[string]bool{}
	type setting struct {
		line int
		on   bool
	}
	var requireDyad []setting // where require_dyad is set, in file order
	for _, loc := range petrConfigRE.FindAllSubmatchIndex(clean, -1) {
		o := strings.ToLower(string(clean[loc[2]:loc[3]]))
		if o == "require_dyad" && loc[4] >= 0 {
			v := strings.TrimSpace(string(clean[loc[4]:loc[5]]))
			requireDyad = append(requireDyad, setting{lineAtOffset(clean, loc[0]), !strings.EqualFold(v, "false")})
			continue
		}
		if !seen[o] {
			seen[o] = true
			suite.options = append(suite.options, o)
		}
	}
	if isPetrXML(clean) {
		loadPetrXML(clean, problems, &suite)
	} else {
		loadPetrText(clean, problems, &suite)
	}
	// A <Config> line holds for the records after it, as PETRARCH reads the file.
	for i := range suite.records {
		rec := &suite.records[i]
		for _, s := range requireDyad {
			if s.line < rec.line {
				rec.oneSided = !s.on
			}
		}
	}
	return suite
}

// isPetrXML tells the XML flavour (a <Validation> document) from the text one.
func isPetrXML(clean []byte) bool {
	head := clean
	if i := petrTagRE.FindIndex(clean); i != nil {
		head = clean[:i[0]]
	}
	return bytes.Contains(head, []byte("<?xml")) || bytes.Contains(head, []byte("<Validation")) ||
		bytes.Contains(head, []byte("<Sentences"))
}

// loadPetrXML reads each <Sentence>…</Sentence> element on its own, so that one bad
// record does not lose the others.
func loadPetrXML(clean []byte, problems *goldProblems, suite *petrSuite) {
	// UD-PETRARCH's <PLEvent {json}> lines are not XML; the file says they are ignored.
	for _, loc := range petrPLEventRE.FindAllIndex(clean, -1) {
		for k := loc[0]; k < loc[1]; k++ {
			clean[k] = ' '
		}
	}
	starts := petrTagRE.FindAllIndex(clean, -1)
	for n, loc := range starts {
		start := loc[0]
		line := lineAtOffset(clean, start)
		limit := len(clean)
		if n+1 < len(starts) {
			limit = starts[n+1][0]
		}
		end := bytes.Index(clean[start:limit], []byte("</Sentence>"))
		if end < 0 {
			problems.add(line, "<Sentence> without </Sentence> before the next record")
			suite.skipped++
			continue
		}
		block := clean[start : start+end+len("</Sentence>")]
		var s struct {
			Attrs   []xml.Attr   `xml:",any,attr"`
			Codings []petrCoding `xml:"EventCoding"`
			Text    string       `xml:"Text"`
		}
		if err := xml.Unmarshal(block, &s); err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				problems.add(line+se.Line-1, "%s", se.Msg)
			} else {
				problems.add(line, "%v", err)
			}
			suite.skipped++
			continue
		}
		attrs := map[string]string{}
		for _, a := range s.Attrs {
			attrs[a.Name.Local] = a.Value
		}
		if rec, ok := buildPetrRecord(attrs, s.Codings, s.Text, false, line, problems); ok {
			suite.records = append(suite.records, rec)
		} else {
			suite.skipped++
		}
	}
}

// loadPetrText reads the PETRARCH-1 text flavour line by line. A record runs from a
// <Sentence> line to </Sentence> or the next <Sentence>. Records after the one of
// category FINAL are kept but not evaluated: the file says they need other settings.
func loadPetrText(clean []byte, problems *goldProblems, suite *petrSuite) {
	type state struct {
		line              int
		attrs             map[string]string
		codings           []petrCoding
		text              []string
		skip, inText      bool
		inParse, hadText  bool
		droppedTokenLines int
	}
	var cur *state
	afterFinal := false
	finish := func() {
		if cur == nil {
			return
		}
		if cur.droppedTokenLines > 0 {
			problems.add(cur.line, "%s: %d CoreNLP token lines in the text left out", cur.attrs["id"], cur.droppedTokenLines)
		}
		rec, ok := buildPetrRecord(cur.attrs, cur.codings, strings.Join(cur.text, " "), cur.skip, cur.line, problems)
		if ok {
			if afterFinal && rec.exclude == "" {
				rec.exclude = "after the FINAL record (needs other settings)"
			}
			if strings.EqualFold(rec.category, "FINAL") {
				afterFinal = true
			}
			suite.records = append(suite.records, rec)
		} else {
			suite.skipped++
		}
		cur = nil
	}
	lines := strings.Split(string(clean), "\n")
	for i, raw := range lines {
		lineNo := i + 1
		l := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(l, "<Sentence") && petrTagRE.MatchString(l+"\n"):
			finish()
			cur = &state{line: lineNo, attrs: map[string]string{}}
			if !strings.Contains(l, ">") {
				problems.add(lineNo, "<Sentence> tag not closed on its line")
			}
			for _, m := range petrAttrRE.FindAllStringSubmatch(l, -1) {
				cur.attrs[m[1]] = m[2] + m[3]
			}
		case cur == nil || l == "":
		case strings.HasPrefix(l, "</Sentence"):
			finish()
		case strings.HasPrefix(l, "<EventCoding"):
			var c petrCoding
			for _, m := range petrAttrRE.FindAllStringSubmatch(l, -1) {
				v := m[2] + m[3]
				switch m[1] {
				case "sourcecode":
					c.Source = v
				case "targetcode":
					c.Target = v
				case "eventcode":
					c.Event = v
				case "noevents":
					c.NoEvents = v
				case "error":
					c.Error = v
				}
			}
			cur.codings = append(cur.codings, c)
		case strings.HasPrefix(l, "<Skip"):
			cur.skip = true
		case strings.HasPrefix(l, "<Parse"):
			cur.inParse = !strings.Contains(l, "</Parse>")
		case strings.HasPrefix(l, "</Parse"):
			cur.inParse = false
		case cur.inParse:
		case strings.HasPrefix(l, "<Text"):
			cur.hadText = true
			l = strings.TrimSpace(strings.TrimPrefix(l, "<Text>"))
			if before, _, closed := strings.Cut(l, "</Text>"); closed {
				cur.text = appendNonEmpty(cur.text, before)
			} else {
				cur.inText = true
				cur.text = appendNonEmpty(cur.text, l)
			}
		case cur.inText:
			if before, _, closed := strings.Cut(l, "</Text>"); closed {
				cur.text = appendNonEmpty(cur.text, before)
				cur.inText = false
			} else {
				cur.text = append(cur.text, l)
			}
		case cur.hadText:
			// after </Text>: only the parse may follow
		case strings.HasPrefix(l, "("):
			cur.inParse = true // a bare parse tree runs to the end of the record
		case strings.Contains(l, "CharacterOffsetBegin="):
			cur.droppedTokenLines++
		case strings.HasPrefix(l, "<"):
			problems.add(lineNo, "%s: unknown tag %q ignored", cur.attrs["id"], petrFirstWord(l))
		default:
			cur.text = append(cur.text, l)
		}
	}
	finish()
}

func appendNonEmpty(list []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		list = append(list, s)
	}
	return list
}

func petrFirstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

// buildPetrRecord turns a record's attributes, codings and text into a petrRecord,
// honouring the suites' flags:
//
//   - evaluate="false", sentence="false", valid="false" or <Skip>: not evaluated
//     (the files mark deactivated or unimplemented tests so);
//   - <EventCoding noevents="True">: no event expected;
//   - <EventCoding error="storydiscard|sentencediscard">: the discard list must
//     stop coding, so no event is expected;
//   - <EventCoding error="…"> otherwise (dateline, bad_input_parse): tests of
//     PETRARCH's own input checks, not evaluated;
//   - no <EventCoding> at all: no event expected (PETRARCH-1's reading).
func buildPetrRecord(attrs map[string]string, codings []petrCoding, text string, skip bool, line int, problems *goldProblems) (petrRecord, bool) {
	rec := petrRecord{id: attrs["id"], category: attrs["category"], line: line, text: strings.Join(strings.Fields(text), " ")}
	if rec.text == "" {
		problems.add(line, "%s: no text", rec.id)
		return rec, false
	}
	if d := attrs["date"]; d != "" {
		if pub, ok := petrDate(d); ok {
			rec.published = pub
		} else {
			problems.add(line, "%s: date %q is not YYYYMMDD; coded without a date", rec.id, d)
		}
	}
	for _, flag := range []string{"evaluate", "sentence", "valid"} {
		if strings.EqualFold(strings.TrimSpace(attrs[flag]), "false") {
			rec.exclude = flag + `="false"`
		}
	}
	if skip {
		rec.exclude = "<Skip>"
	}
	noEvents := false
	for _, c := range codings {
		switch e := strings.ToLower(strings.TrimSpace(c.Error)); {
		case e == "storydiscard" || e == "sentencediscard":
			noEvents = true
		case e != "":
			if rec.exclude == "" {
				rec.exclude = fmt.Sprintf("error=%q (PETRARCH input check)", e)
			}
		case strings.EqualFold(strings.TrimSpace(c.NoEvents), "true"):
			noEvents = true
		case strings.TrimSpace(c.Event) == "":
			problems.add(line, "%s: <EventCoding> without eventcode, noevents or error", rec.id)
			return rec, false
		default:
			rec.expected = append(rec.expected, petrTriple{
				Source: normCode(c.Source), Target: normCode(c.Target), CAMEO: strings.TrimSpace(c.Event)})
		}
	}
	if noEvents && len(rec.expected) > 0 {
		problems.add(line, "%s: both noevents/discard and expected events", rec.id)
		return rec, false
	}
	rec.expected = dedupeTriples(rec.expected)
	return rec, true
}

// petrDate turns YYYYMMDD (or YYYY-MM-DD) into YYYY-MM-DD.
func petrDate(d string) (string, bool) {
	d = strings.TrimSpace(d)
	if len(d) == 10 && d[4] == '-' && d[7] == '-' {
		d = d[:4] + d[5:7] + d[8:]
	}
	if len(d) != 8 || strings.Trim(d, "0123456789") != "" {
		return "", false
	}
	return d[:4] + "-" + d[4:6] + "-" + d[6:], true
}

func normCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func dedupeTriples(ts []petrTriple) []petrTriple {
	seen := map[petrTriple]bool{}
	out := ts[:0]
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func describeTriples(ts []petrTriple) string {
	if len(ts) == 0 {
		return "(no event)"
	}
	var parts []string
	for _, t := range ts {
		parts = append(parts, t.String())
	}
	return strings.Join(parts, "; ")
}

func scorePetrarch(opt Options, path string) (*Report, error) {
	if opt.Code == nil {
		return nil, errors.New("petrarch: no coder given")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	problems := &goldProblems{path: path}
	suite := loadPetrarch(data, problems)
	if len(suite.records) == 0 && suite.skipped == 0 {
		return nil, fmt.Errorf("%s: no <Sentence> records: not a PETRARCH validation file", path)
	}
	rep := &Report{Format: "petrarch", File: path, Records: len(suite.records), Skipped: suite.skipped}

	type catCount struct{ records, correct, expected, predicted, matched int }
	var (
		evaluated, correct         int
		withEvents, withEventsOK   int
		noneExpected, noneOK       int
		expectedN, predictedN, tpN int
		cats                       = map[string]*catCount{}
		catOrder                   []string
		excluded                   = map[string]int{}
		excludedOrder              []string
		sample                     = newErrorSample(opt.errorsPerKind())
	)
	for i, rec := range suite.records {
		if opt.Progress != nil {
			opt.Progress(i+1, len(suite.records))
		}
		if rec.exclude != "" {
			if excluded[rec.exclude] == 0 {
				excludedOrder = append(excludedOrder, rec.exclude)
			}
			excluded[rec.exclude]++
			continue
		}
		var predicted []petrTriple
		code, petrarchWay := opt.Code, opt.CodePETRARCH != nil
		if petrarchWay {
			code = opt.CodePETRARCH
		}
		for _, ev := range code(rec.text, rec.published) {
			t := petrTriple{CAMEO: strings.TrimSpace(ev.CAMEO)}
			if ev.Source != nil {
				t.Source = normCode(ev.Source.Code)
			}
			if ev.Target != nil {
				t.Target = normCode(ev.Target.Code)
			}
			if petrarchWay {
				// PETRARCH's require_dyad: an event needs both actors, unless the
				// file turned it off here; then the missing one is "---".
				if t.Source == "" && t.Target == "" || !rec.oneSided && (t.Source == "" || t.Target == "") {
					continue
				}
				if t.Source == "" {
					t.Source = "---"
				}
				if t.Target == "" {
					t.Target = "---"
				}
			}
			predicted = append(predicted, t)
		}
		predicted = dedupeTriples(predicted)
		matched := 0
		want := map[petrTriple]bool{}
		for _, t := range rec.expected {
			want[t] = true
		}
		for _, t := range predicted {
			if want[t] {
				matched++
			}
		}
		exact := matched == len(rec.expected) && matched == len(predicted)

		evaluated++
		expectedN += len(rec.expected)
		predictedN += len(predicted)
		tpN += matched
		if exact {
			correct++
		}
		if len(rec.expected) == 0 {
			noneExpected++
			if exact {
				noneOK++
			}
		} else {
			withEvents++
			if exact {
				withEventsOK++
			}
		}
		cat := rec.category
		if cat == "" {
			cat = "(none)"
		}
		c := cats[cat]
		if c == nil {
			c = &catCount{}
			cats[cat] = c
			catOrder = append(catOrder, cat)
		}
		c.records++
		c.expected += len(rec.expected)
		c.predicted += len(predicted)
		c.matched += matched
		if exact {
			c.correct++
		} else {
			sample.add(Example{
				Text:      fmt.Sprintf("%s (line %d): %s", rec.id, rec.line, rec.text),
				Gold:      describeTriples(rec.expected),
				Predicted: describeTriples(predicted),
			}, petrErrorKind(rec.expected, predicted))
		}
	}
	rep.Add("records fully correct", correct, evaluated)
	rep.Add("records expecting events: fully correct", withEventsOK, withEvents)
	rep.Add("records expecting no event: nothing coded", noneOK, noneExpected)
	rep.Add("triple precision", tpN, predictedN)
	rep.Add("triple recall", tpN, expectedN)
	f1 := 0.0
	if predictedN+expectedN > 0 {
		f1 = 2 * float64(tpN) / float64(predictedN+expectedN)
	}
	rep.Metrics = append(rep.Metrics,
		Metric{Name: "triple F1", Value: f1, N: expectedN},
		Metric{Name: "records not evaluated (flagged)", Value: float64(len(suite.records) - evaluated), Unit: "count"})

	ct := Table{Title: "Per category", Header: []string{"category", "records", "correct", "accuracy", "expected", "predicted", "matched"}}
	for _, name := range catOrder {
		c := cats[name]
		ct.Rows = append(ct.Rows, []string{name, fmt.Sprint(c.records), fmt.Sprint(c.correct), percentOf(c.correct, c.records),
			fmt.Sprint(c.expected), fmt.Sprint(c.predicted), fmt.Sprint(c.matched)})
	}
	rep.Tables = append(rep.Tables, ct)
	if len(excludedOrder) > 0 {
		et := Table{Title: "Records not evaluated, by flag", Header: []string{"flag", "records"}}
		for _, e := range excludedOrder {
			et.Rows = append(et.Rows, []string{e, fmt.Sprint(excluded[e])})
		}
		rep.Tables = append(rep.Tables, et)
	}
	rep.Tables = append(rep.Tables, sample.table())
	rep.Errors = sample.items
	rep.Problems = problems.list()
	rep.Notes = petrNotes(opt, path, suite)
	return rep, nil
}

// petrErrorKind names what is wrong with a record's predicted triples.
func petrErrorKind(expected, predicted []petrTriple) string {
	switch {
	case len(predicted) == 0:
		return "missed: nothing coded"
	case len(expected) == 0:
		return "spurious: event where none expected"
	}
	pairs := func(ts []petrTriple) string {
		var p []string
		for _, t := range ts {
			p = append(p, t.Source+"→"+t.Target)
		}
		sort.Strings(p)
		return strings.Join(p, ";")
	}
	codes := func(ts []petrTriple) string {
		var p []string
		for _, t := range ts {
			p = append(p, t.CAMEO)
		}
		sort.Strings(p)
		return strings.Join(p, ";")
	}
	switch {
	case pairs(expected) == pairs(predicted):
		return "wrong CAMEO code"
	case codes(expected) == codes(predicted):
		return "wrong actors"
	case len(predicted) < len(expected):
		return "too few events"
	case len(predicted) > len(expected):
		return "too many events"
	}
	return "wrong events"
}

// petrNotes says which dictionaries the suite expects and what dyad ignores.
func petrNotes(opt Options, path string, suite petrSuite) []string {
	var notes []string
	if len(suite.dicts) > 0 && opt.Dict == "" {
		dir := filepath.Dir(path)
		var missing []string
		for _, d := range suite.dicts {
			if _, err := os.Stat(filepath.Join(dir, d)); err != nil {
				missing = append(missing, d)
			}
		}
		where := "they are beside it: add --dict " + dir
		if len(missing) > 0 {
			where = "not beside it: " + strings.Join(missing, ", ") + "; add --dict DIR"
		}
		notes = append(notes, "coded with dyad's own lexicon; this suite is meant for its own dictionaries ("+where+")")
	}
	if len(suite.options) > 0 {
		notes = append(notes, "PETRARCH options set between records are not applied: "+strings.Join(suite.options, ", "))
	}
	return notes
}
