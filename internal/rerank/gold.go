package rerank

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"dyad/internal/event"
)

// Gold sets the trainer reads. The names are those of `dyad eval --gold`.
const (
	SetPLV        = "plv"
	SetConfliBERT = "conflibert"
	SetPloverGSR  = "plover-gsr"
)

// Example is one gold sentence (or short text) with its label: a PLOVER type for the
// PLV and PLOVER GSR sets, a CAMEO penta class (0–4) for ConfliBERT.
type Example struct {
	Set    string
	Line   int    // line in the gold file, for error messages and error analysis
	Text   string // the sentence as given
	Plover string // normalised PLOVER type, "" when the set has none
	Penta  int    // penta class 0–4, -1 when the set has none
}

// ploverTypes are the PLOVER types scored by dyad eval (CONCEDE and RETREAT are
// folded into YIELD), in the manual's order; the fallback classifier's classes.
var ploverTypes = []string{
	"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN",
	"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

// ploverAliases maps other PLOVER versions' names onto ploverTypes, as dyad eval does.
var ploverAliases = map[string]string{
	"CONCEDE": "YIELD", "RETREAT": "YIELD", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE",
	"INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}

// cameoRootPlover is the crosswalk dyad eval uses for events with a CAMEO code and no
// PLOVER type.
var cameoRootPlover = map[string]string{
	"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
	"08": "YIELD", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
	"13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
	"17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}

// ploverPenta is the penta class of each PLOVER type (none is a statement, class 0).
var ploverPenta = map[string]int{
	"AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
	"COOPERATE": 2, "AID": 2, "YIELD": 2,
	"REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
	"PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

// normalizePlover returns the scored type for a PLOVER name and whether it is known.
func normalizePlover(name string) (string, bool) {
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

// EventPlover is the PLOVER type dyad eval reads from an event: its PLOVER type, else
// the crosswalk of its CAMEO root; "" for none.
func EventPlover(ev *event.Event) string {
	if ev == nil {
		return ""
	}
	if ev.Plover != nil && strings.TrimSpace(ev.Plover.Event) != "" {
		t, _ := normalizePlover(ev.Plover.Event)
		return t
	}
	if len(ev.CAMEO) >= 2 {
		return cameoRootPlover[ev.CAMEO[:2]]
	}
	return ""
}

// EventPenta is the penta class dyad eval reads from an event: from its CAMEO root
// (01–02→0, 03–05→1, 06–08→2, 09–13→3, 14–20→4), else from its PLOVER type; -1 for none.
func EventPenta(ev *event.Event) int {
	if ev == nil {
		return -1
	}
	if len(ev.CAMEO) >= 2 {
		if root, err := strconv.Atoi(ev.CAMEO[:2]); err == nil {
			switch {
			case root >= 1 && root <= 2:
				return 0
			case root >= 3 && root <= 5:
				return 1
			case root >= 6 && root <= 8:
				return 2
			case root >= 9 && root <= 13:
				return 3
			case root >= 14 && root <= 20:
				return 4
			}
		}
	}
	if c, ok := ploverPenta[EventPlover(ev)]; ok {
		return c
	}
	return -1
}

// correct reports whether ev has the example's label, at the example's granularity.
func (x *Example) correct(ev *event.Event) bool {
	if x.Plover != "" {
		return EventPlover(ev) == x.Plover
	}
	return x.Penta >= 0 && EventPenta(ev) == x.Penta
}

// LoadGold reads a gold file of the named set. Records it cannot use are skipped and
// counted; a file that is not of the set's format is an error.
func LoadGold(set, path string) ([]Example, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	switch set {
	case SetPLV:
		return readPLV(f, path)
	case SetConfliBERT:
		return readConfliBERT(f, path)
	case SetPloverGSR:
		return readPloverGSR(f, path)
	}
	return nil, 0, fmt.Errorf("%s: unknown gold set %q (want %s, %s or %s)", path, set, SetPLV, SetConfliBERT, SetPloverGSR)
}

func readPLV(r io.Reader, path string) ([]Example, int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: reading the header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	ti, ok1 := col["text"]
	li, ok2 := col["label"]
	if !ok1 || !ok2 {
		return nil, 0, fmt.Errorf("%s:1: not a PLV file: no text and label columns", path)
	}
	var out []Example
	skipped := 0
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				skipped++
				continue
			}
			return out, skipped, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		if ti >= len(row) || li >= len(row) {
			skipped++
			continue
		}
		label, known := normalizePlover(row[li])
		text := strings.TrimSpace(row[ti])
		if !known || text == "" {
			skipped++
			continue
		}
		out = append(out, Example{Set: SetPLV, Line: line, Text: text, Plover: label, Penta: ploverPenta[label]})
	}
	return out, skipped, nil
}

func readConfliBERT(r io.Reader, path string) ([]Example, int, error) {
	br := bufio.NewReader(r)
	var out []Example
	skipped := 0
	for line := 1; ; line++ {
		s, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return out, skipped, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if s == "" && err == io.EOF {
			break
		}
		s = strings.TrimRight(s, "\r\n")
		if strings.TrimSpace(s) != "" {
			i := strings.LastIndexByte(s, '\t')
			class := -1
			if i >= 0 {
				if c, err := strconv.Atoi(strings.TrimSpace(s[i+1:])); err == nil && c >= 0 && c <= 4 {
					class = c
				}
			}
			if class < 0 || strings.TrimSpace(s[:i]) == "" {
				skipped++
			} else {
				out = append(out, Example{Set: SetConfliBERT, Line: line, Text: strings.TrimSpace(s[:i]), Penta: class})
			}
		}
		if err == io.EOF {
			break
		}
	}
	return out, skipped, nil
}

func readPloverGSR(r io.Reader, path string) ([]Example, int, error) {
	var recs []struct {
		Event string `json:"event"`
		Text  string `json:"text"`
	}
	if err := json.NewDecoder(r).Decode(&recs); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	var out []Example
	skipped := 0
	for i, rec := range recs {
		label, known := normalizePlover(rec.Event)
		if rec.Event == "DOCUMENT" {
			continue // the file's own documentation record
		}
		if !known || strings.TrimSpace(rec.Text) == "" {
			skipped++
			continue
		}
		// Line is the record's position in the array: the file has no line per record.
		out = append(out, Example{Set: SetPloverGSR, Line: i + 1, Text: strings.TrimSpace(rec.Text), Plover: label, Penta: ploverPenta[label]})
	}
	return out, skipped, nil
}

// GoldFiles are the train files of each set, relative to the gold folder
// (../shared/data/gold).
var GoldFiles = map[string]string{
	SetPLV:        "plv/plv-train.csv",
	SetConfliBERT: "conflibert/cameo_class_train.tsv",
	SetPloverGSR:  "plover-gsr/PLOVER_GSR_CAMEO.txt",
}
