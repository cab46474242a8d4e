package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"dyad/internal/event"
	"dyad/internal/ontology"
)

// The conflibert format: ConfliBERT's CAMEO classification set, one sentence per
// line, a tab, and its "penta" class 0–4 (statement, verbal cooperation, material
// cooperation, verbal conflict, material conflict). No header.

func init() {
	Register(Format{
		Name:  "conflibert",
		Doc:   "ConfliBERT TSV (sentence, penta class 0-4): class of the most confident event's CAMEO root; accuracy and macro-F1",
		Score: scoreConfliBERT,
	})
}

// pentaNames names the penta classes, indexed by class.
var pentaNames = []string{"statement", "verbal coop", "material coop", "verbal conflict", "material conflict"}

// ploverPenta gives the penta class of a PLOVER type, for events that carry no CAMEO
// code. No PLOVER type maps to class 0: CAMEO 01–02 have no PLOVER counterpart.
var ploverPenta = map[string]int{
	"AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
	"COOPERATE": 2, "AID": 2, "YIELD": 2,
	"REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
	"PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

// PloverPenta returns the penta class of a scored PLOVER type.
func PloverPenta(t string) (int, bool) {
	c, ok := ploverPenta[t]
	return c, ok
}

// PentaClass returns the penta class of ev from its CAMEO root, as the ConfliBERT
// annotators class them (ontology.PentaClass: 01–02→0, 03–05→1, 06–08→2, 09–13 and 16
// →3, the rest of 14–20→4 — their rounds label root 16 "3-16 Reduce Relations"), else
// from its PLOVER type; -1 when it has neither.
func PentaClass(ev *event.Event) int {
	if ev == nil {
		return -1
	}
	if c := ontology.PentaClass(ev.CAMEO); c >= 0 {
		return c
	}
	if c, ok := ploverPenta[EventPlover(ev)]; ok {
		return c
	}
	return -1
}

type confliRecord struct {
	line  int
	text  string
	class int
}

// loadConfliBERT reads the TSV: the class is after the last tab. Lines of any
// length are read whole; blank lines are ignored; a first line whose class column
// says "label" or "class" is taken as a header.
func loadConfliBERT(r io.Reader, problems *goldProblems) ([]confliRecord, int, error) {
	br := bufio.NewReader(r)
	var recs []confliRecord
	skipped := 0
	for line := 1; ; line++ {
		s, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return recs, skipped, fmt.Errorf("%s:%d: %w", problems.path, line, err)
		}
		if s == "" && err == io.EOF {
			break
		}
		s = strings.TrimRight(s, "\r\n")
		if strings.TrimSpace(s) != "" {
			if rec, ok := parseConfliLine(s, line, problems); ok {
				recs = append(recs, rec)
			} else if !(line == 1 && isConfliHeader(s)) {
				skipped++
			}
		}
		if err == io.EOF {
			break
		}
	}
	return recs, skipped, nil
}

func isConfliHeader(s string) bool {
	i := strings.LastIndexByte(s, '\t')
	if i < 0 {
		return false
	}
	h := strings.ToLower(strings.TrimSpace(s[i+1:]))
	return h == "label" || h == "class"
}

func parseConfliLine(s string, line int, problems *goldProblems) (confliRecord, bool) {
	i := strings.LastIndexByte(s, '\t')
	if i < 0 {
		problems.add(line, "no tab between sentence and class")
		return confliRecord{}, false
	}
	text, label := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	class, err := strconv.Atoi(label)
	if err != nil || class < 0 || class > 4 {
		if !(line == 1 && isConfliHeader(s)) {
			problems.add(line, "class %q is not 0-4", label)
		}
		return confliRecord{}, false
	}
	if text == "" {
		problems.add(line, "empty sentence")
		return confliRecord{}, false
	}
	return confliRecord{line: line, text: text, class: class}, true
}

func scoreConfliBERT(opt Options, path string) (*Report, error) {
	if opt.Code == nil {
		return nil, errors.New("conflibert: no coder given")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	problems := &goldProblems{path: path}
	recs, skipped, err := loadConfliBERT(f, problems)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 && skipped == 0 {
		return nil, fmt.Errorf("%s: no records", path)
	}
	rep := &Report{Format: "conflibert", File: path, Records: len(recs), Skipped: skipped}
	var (
		gold, predicted []int
		conf            = labelConfusion{}
		sample          = newErrorSample(opt.errorsPerKind())
	)
	for i, rec := range recs {
		ev := MostConfident(opt.Code(rec.text, ""))
		pred := PentaClass(ev)
		gold = append(gold, rec.class)
		predicted = append(predicted, pred)
		conf[[2]string{pentaLabel(rec.class), pentaLabel(pred)}]++
		if pred != rec.class {
			kind := "wrong class"
			switch {
			case ev == nil:
				kind = "no event"
			case pred < 0:
				kind = "event without CAMEO class"
			}
			desc := "(no event)"
			if ev != nil {
				desc = fmt.Sprintf("%s cameo=%s plover=%s conf=%.2f", pentaLabel(pred), ev.CAMEO, EventPlover(ev), ev.Confidence)
			}
			sample.add(Example{Text: fmt.Sprintf("line %d: %s", rec.line, rec.text), Gold: pentaLabel(rec.class), Predicted: desc}, kind)
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(recs))
		}
	}
	scores := pentaScores(gold, predicted)
	rep.Add("accuracy", scores.correct, len(recs))
	rep.Metrics = append(rep.Metrics, Metric{Name: "macro-F1", Value: scores.macroF1, N: len(recs)})
	noEvent := 0
	for _, p := range predicted {
		if p < 0 {
			noEvent++
		}
	}
	rep.Add("no class predicted", noEvent, len(recs))
	order := make([]string, len(pentaNames))
	for c := range pentaNames {
		order[c] = pentaLabel(c)
	}
	rep.Tables = append(rep.Tables, scores.table(), conf.table("Confusion matrix (rows gold, columns predicted)", order), sample.table())
	rep.Errors = sample.items
	rep.Problems = problems.list()
	return rep, nil
}

// pentaLabel is "3 verbal conflict", or "" for no class.
func pentaLabel(c int) string {
	if c < 0 || c >= len(pentaNames) {
		return ""
	}
	return fmt.Sprintf("%d %s", c, pentaNames[c])
}

// classScores are per-class precision, recall and F1 over the penta classes.
type classScores struct {
	correct                  int
	gold, predicted, truePos [5]int
	precision, recall, f1    [5]float64
	macroF1                  float64
	classesInMacro           int
}

// pentaScores computes per-class and macro-averaged scores. A missing prediction
// (-1) counts against the gold class's recall and no class's precision. The macro
// average is over the classes that occur in gold or predictions.
func pentaScores(gold, predicted []int) classScores {
	var s classScores
	for i, g := range gold {
		p := predicted[i]
		s.gold[g]++
		if p >= 0 {
			s.predicted[p]++
		}
		if p == g {
			s.truePos[g]++
			s.correct++
		}
	}
	sum := 0.0
	for c := range 5 {
		if s.predicted[c] > 0 {
			s.precision[c] = float64(s.truePos[c]) / float64(s.predicted[c])
		}
		if s.gold[c] > 0 {
			s.recall[c] = float64(s.truePos[c]) / float64(s.gold[c])
		}
		if s.precision[c]+s.recall[c] > 0 {
			s.f1[c] = 2 * s.precision[c] * s.recall[c] / (s.precision[c] + s.recall[c])
		}
		if s.gold[c] > 0 || s.predicted[c] > 0 {
			sum += s.f1[c]
			s.classesInMacro++
		}
	}
	if s.classesInMacro > 0 {
		s.macroF1 = sum / float64(s.classesInMacro)
	}
	return s
}

func (s classScores) table() Table {
	t := Table{Title: "Per class", Header: []string{"class", "gold", "predicted", "correct", "precision", "recall", "F1"}}
	for c := range 5 {
		t.Rows = append(t.Rows, []string{pentaLabel(c), fmt.Sprint(s.gold[c]), fmt.Sprint(s.predicted[c]), fmt.Sprint(s.truePos[c]),
			fmt.Sprintf("%.3f", s.precision[c]), fmt.Sprintf("%.3f", s.recall[c]), fmt.Sprintf("%.3f", s.f1[c])})
	}
	return t
}
