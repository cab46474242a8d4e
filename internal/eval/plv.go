package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"

	"dyad/internal/event"
)

// The plv format: the PLV set of real news sentences, each with one PLOVER event
// type and the source and target as text (a CSV file with a header naming at least
// the columns text and label, and usually source and target).
//
// This file also holds what the PLOVER-typed formats share: the type vocabulary and
// its normalisation, the choice of the sentence's event, the word-overlap rule for
// actor text, and the confusion matrix and error sample.

func init() {
	Register(Format{
		Name:  "plv",
		Doc:   "PLV CSV (text, PLOVER label, source, target): event-type accuracy of the most confident event, source/target word overlap",
		Score: scorePLV,
	})
}

// ploverTypes are the event types scored, in the PLOVER manual's order: the 15
// labels of the PLV codebook, with CONCEDE and RETREAT folded into YIELD.
var ploverTypes = []string{
	"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN",
	"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

// ploverAliases maps other PLOVER versions' names onto ploverTypes: v0.5 names
// (PLOVER gold records) and the current manual's split of YIELD.
var ploverAliases = map[string]string{
	"CONCEDE":     "YIELD",
	"RETREAT":     "YIELD",
	"DEMAND":      "REQUEST",
	"DISAPPROVE":  "ACCUSE",
	"INVESTIGATE": "ACCUSE",
	"FIGHT":       "ASSAULT",
}

// noEventLabels are gold labels that say the sentence reports no event.
var noEventLabels = map[string]bool{
	"": true, "NONE": true, "NO_EVENT": true, "NO EVENT": true, "NOEVENT": true,
	"NO-EVENT": true, "OTHER": true, "NULL": true, "N/A": true, "NA": true,
}

// cameoRootPlover is the PLOVER manual's crosswalk from CAMEO roots, used only for
// events that carry a CAMEO code but no PLOVER type (e.g. coded with PETRARCH
// dictionaries). Roots 01 and 02 have no PLOVER type.
var cameoRootPlover = map[string]string{
	"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
	"08": "YIELD", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
	"13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
	"17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}

// ScoredPloverTypes returns the PLOVER types the scorers use, in their order.
func ScoredPloverTypes() []string { return append([]string(nil), ploverTypes...) }

// NormalizePlover returns the scored type for a PLOVER event name and whether the
// name is known.
func NormalizePlover(name string) (string, bool) {
	n := strings.ToUpper(strings.TrimSpace(name))
	if a, ok := ploverAliases[n]; ok {
		return a, true
	}
	for _, t := range ploverTypes {
		if n == t {
			return n, true
		}
	}
	return n, false
}

// MostConfident is the event dyad eval scores for a text: the highest confidence, the
// first of equals; nil when there is none.
func MostConfident(evs []event.Event) *event.Event {
	var best *event.Event
	for i := range evs {
		if best == nil || evs[i].Confidence > best.Confidence {
			best = &evs[i]
		}
	}
	return best
}

// EventPlover returns the normalised PLOVER type of ev ("" for none). An unknown
// name is returned upper-cased so that it shows, wrong, in the confusion matrix.
func EventPlover(ev *event.Event) string {
	if ev == nil {
		return ""
	}
	if ev.Plover != nil && strings.TrimSpace(ev.Plover.Event) != "" {
		t, _ := NormalizePlover(ev.Plover.Event)
		return t
	}
	if len(ev.CAMEO) >= 2 {
		return cameoRootPlover[ev.CAMEO[:2]]
	}
	return ""
}

// ActorWords returns the set of lower-cased words of s; a word is a maximal run of
// letters and digits, so "U.S." is {u, s} and "Buhari's" is {buhari, s}.
func ActorWords(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		set[w] = true
	}
	return set
}

// TextsMatch reports whether the predicted actor text matches the gold one, as the PLV
// scorer counts source and target matches: the words they share cover at least half
// of the gold words and at least half of the predicted words. Empty texts never match.
func TextsMatch(gold, predicted string) bool {
	g, p := ActorWords(gold), ActorWords(predicted)
	if len(g) == 0 || len(p) == 0 {
		return false
	}
	shared := 0
	for w := range g {
		if p[w] {
			shared++
		}
	}
	return 2*shared >= len(g) && 2*shared >= len(p)
}

// goldProblems collects unreadable-record messages for a report, "file:line: why",
// keeping the first maxGoldProblems and counting the rest.
type goldProblems struct {
	path  string
	lines []string
	more  int
}

const maxGoldProblems = 100

func (p *goldProblems) add(line int, format string, args ...any) {
	if len(p.lines) >= maxGoldProblems {
		p.more++
		return
	}
	msg := fmt.Sprintf(format, args...)
	if line > 0 {
		p.lines = append(p.lines, fmt.Sprintf("%s:%d: %s", p.path, line, msg))
	} else {
		p.lines = append(p.lines, fmt.Sprintf("%s: %s", p.path, msg))
	}
}

func (p *goldProblems) list() []string {
	if p.more > 0 {
		return append(p.lines, fmt.Sprintf("%s: … and %d more problems", p.path, p.more))
	}
	return p.lines
}

// labelConfusion counts (gold, predicted) label pairs; "" is "no event".
type labelConfusion map[[2]string]int

// table renders the matrix with gold labels as rows and predicted ones as columns,
// known labels first in the given order, others (unknown names) after them.
func (c labelConfusion) table(title string, order []string) Table {
	goldSeen, predSeen := map[string]bool{}, map[string]bool{}
	for k := range c {
		goldSeen[k[0]] = true
		predSeen[k[1]] = true
	}
	rows, cols := orderedLabels(order, goldSeen), orderedLabels(order, predSeen)
	t := Table{Title: title, Header: []string{"gold \\ predicted"}}
	for _, col := range cols {
		t.Header = append(t.Header, labelName(col))
	}
	for _, row := range rows {
		r := []string{labelName(row)}
		for _, col := range cols {
			r = append(r, fmt.Sprint(c[[2]string{row, col}]))
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

func labelName(l string) string {
	if l == "" {
		return "(none)"
	}
	return l
}

// orderedLabels lists the labels in seen: those of order first, in that order, then
// the others sorted, then "" (no event) last.
func orderedLabels(order []string, seen map[string]bool) []string {
	var out, rest []string
	known := map[string]bool{}
	for _, l := range order {
		known[l] = true
		if seen[l] {
			out = append(out, l)
		}
	}
	for l := range seen {
		if !known[l] && l != "" {
			rest = append(rest, l)
		}
	}
	sort.Strings(rest)
	out = append(out, rest...)
	if seen[""] {
		out = append(out, "")
	}
	return out
}

// errorSample keeps the first perKind wrong items of each error kind and counts
// every kind.
type errorSample struct {
	perKind int
	counts  map[string]int
	kept    map[string]int
	order   []string // kinds in order of first sight
	items   []Example
}

func newErrorSample(perKind int) *errorSample {
	return &errorSample{perKind: perKind, counts: map[string]int{}, kept: map[string]int{}}
}

// add records an item with its error kinds; the first kind is the one it is kept
// under.
func (s *errorSample) add(ex Example, kinds ...string) {
	if len(kinds) == 0 {
		return
	}
	for _, k := range kinds {
		if s.counts[k] == 0 {
			s.order = append(s.order, k)
		}
		s.counts[k]++
	}
	ex.Kind = kinds[0]
	if s.kept[ex.Kind] < s.perKind {
		s.kept[ex.Kind]++
		s.items = append(s.items, ex)
	}
}

// table lists error kinds, most frequent first.
func (s *errorSample) table() Table {
	kinds := append([]string(nil), s.order...)
	sort.SliceStable(kinds, func(i, j int) bool { return s.counts[kinds[i]] > s.counts[kinds[j]] })
	t := Table{Title: "Error kinds (an item may have several)", Header: []string{"kind", "items"}}
	for _, k := range kinds {
		t.Rows = append(t.Rows, []string{k, fmt.Sprint(s.counts[k])})
	}
	return t
}

func percentOf(num, den int) string {
	if den == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(num)/float64(den))
}

// plvRecord is one PLV sentence.
type plvRecord struct {
	line   int
	text   string
	label  string // normalised PLOVER type, "" when the gold says no event
	source string
	target string
}

// PLVRecord is one usable record of a PLV gold file.
type PLVRecord struct {
	Line           int
	Text           string
	Label          string // normalised PLOVER type, "" when the gold says no event
	Source, Target string // the gold actors' words
}

// ReadPLV reads a PLV gold file as the scorer does: the records it can use, and the
// rows it left out, each as "file:line: why".
func ReadPLV(path string) ([]PLVRecord, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	problems := &goldProblems{path: path}
	recs, _, err := loadPLV(f, problems)
	out := make([]PLVRecord, len(recs))
	for i, r := range recs {
		out[i] = PLVRecord{Line: r.line, Text: r.text, Label: r.label, Source: r.source, Target: r.target}
	}
	return out, problems.list(), err
}

// loadPLV reads PLV CSV. Rows it cannot use are reported in problems and left out;
// a file without the text and label columns is an error.
func loadPLV(r io.Reader, problems *goldProblems) ([]plvRecord, int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: reading the header: %w", problems.path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"text", "label"} {
		if _, ok := col[need]; !ok {
			return nil, 0, fmt.Errorf("%s:1: not a PLV file: no %q column in the header %.80q", problems.path, need, strings.Join(header, ","))
		}
	}
	field := func(row []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	var recs []plvRecord
	skipped := 0
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problems.add(pe.StartLine, "%v", pe.Err)
				skipped++
				continue
			}
			return recs, skipped, fmt.Errorf("%s: %w", problems.path, err)
		}
		line, _ := cr.FieldPos(0)
		if len(row) < len(header) {
			problems.add(line, "%d fields, the header has %d", len(row), len(header))
			skipped++
			continue
		}
		rec := plvRecord{line: line, text: field(row, "text"), source: field(row, "source"), target: field(row, "target")}
		raw := field(row, "label")
		switch t, known := NormalizePlover(raw); {
		case noEventLabels[strings.ToUpper(raw)]:
			rec.label = ""
		case known:
			rec.label = t
		default:
			problems.add(line, "unknown PLOVER label %q", raw)
			skipped++
			continue
		}
		if rec.text == "" {
			problems.add(line, "empty text")
			skipped++
			continue
		}
		recs = append(recs, rec)
	}
	return recs, skipped, nil
}

func scorePLV(opt Options, path string) (*Report, error) {
	if opt.Code == nil {
		return nil, errors.New("plv: no coder given")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	problems := &goldProblems{path: path}
	recs, skipped, err := loadPLV(f, problems)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 && skipped == 0 {
		return nil, fmt.Errorf("%s: no records", path)
	}
	rep := &Report{Format: "plv", File: path, Records: len(recs), Skipped: skipped}
	var (
		correct, noEvent         int
		srcN, srcOK, tgtN, tgtOK int
		perGold, perPred, perOK  = map[string]int{}, map[string]int{}, map[string]int{}
		conf                     = labelConfusion{}
		sample                   = newErrorSample(opt.errorsPerKind())
	)
	for i, rec := range recs {
		ev := MostConfident(opt.Code(rec.text, ""))
		pred := EventPlover(ev)
		var kinds []string
		switch {
		case ev == nil:
			noEvent++
			if rec.label != "" {
				kinds = append(kinds, "no event")
			}
		case pred == "" && rec.label != "":
			kinds = append(kinds, "event without PLOVER type")
		case rec.label == "" && pred != "":
			kinds = append(kinds, "event where gold has none")
		case pred != rec.label:
			kinds = append(kinds, "wrong type")
		}
		conf[[2]string{rec.label, pred}]++
		perGold[rec.label]++
		perPred[pred]++
		if pred == rec.label {
			correct++
			perOK[rec.label]++
		}
		if len(ActorWords(rec.source)) > 0 {
			srcN++
			switch {
			case ev == nil:
			case ev.Source == nil || ev.Source.Text == "":
				kinds = append(kinds, "no source")
			case TextsMatch(rec.source, ev.Source.Text):
				srcOK++
			default:
				kinds = append(kinds, "wrong source")
			}
		}
		if len(ActorWords(rec.target)) > 0 {
			tgtN++
			switch {
			case ev == nil:
			case ev.Target == nil || ev.Target.Text == "":
				kinds = append(kinds, "no target")
			case TextsMatch(rec.target, ev.Target.Text):
				tgtOK++
			default:
				kinds = append(kinds, "wrong target")
			}
		}
		sample.add(Example{
			Text:      fmt.Sprintf("line %d: %s", rec.line, rec.text),
			Gold:      plvDescribe(rec.label, rec.source, rec.target),
			Predicted: plvDescribeEvent(ev, pred),
		}, kinds...)
		if opt.Progress != nil {
			opt.Progress(i+1, len(recs))
		}
	}
	rep.Add("event-type accuracy", correct, len(recs))
	rep.Add("source match", srcOK, srcN)
	rep.Add("target match", tgtOK, tgtN)
	rep.Add("no event predicted", noEvent, len(recs))
	rep.Tables = append(rep.Tables,
		perTypeTable("Per gold type", ploverTypes, perGold, perPred, perOK),
		conf.table("Confusion matrix (rows gold, columns predicted)", ploverTypes),
		sample.table())
	rep.Errors = sample.items
	rep.Problems = problems.list()
	return rep, nil
}

// perTypeTable lists, per label, the gold count, the predicted count, the correct
// ones, accuracy (= recall) and precision.
func perTypeTable(title string, order []string, gold, pred, ok map[string]int) Table {
	seen := map[string]bool{}
	for l := range gold {
		seen[l] = true
	}
	for l := range pred {
		seen[l] = true
	}
	t := Table{Title: title, Header: []string{"type", "gold", "predicted", "correct", "accuracy", "precision"}}
	for _, l := range orderedLabels(order, seen) {
		t.Rows = append(t.Rows, []string{labelName(l), fmt.Sprint(gold[l]), fmt.Sprint(pred[l]),
			fmt.Sprint(ok[l]), percentOf(ok[l], gold[l]), percentOf(ok[l], pred[l])})
	}
	return t
}

func plvDescribe(label, source, target string) string {
	return fmt.Sprintf("%s src=%q tgt=%q", labelName(label), source, target)
}

func plvDescribeEvent(ev *event.Event, pred string) string {
	if ev == nil {
		return "(no event)"
	}
	var src, tgt string
	if ev.Source != nil {
		src = ev.Source.Text
	}
	if ev.Target != nil {
		tgt = ev.Target.Text
	}
	return plvDescribe(pred, src, tgt) + fmt.Sprintf(" cameo=%s conf=%.2f", ev.CAMEO, ev.Confidence)
}
