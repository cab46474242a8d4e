package rerank

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"dyad/internal/eval"
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
	// Source and Target are the gold actors' words (PLV only), scored as dyad eval
	// scores them.
	Source, Target string
}

// ploverTypes are the PLOVER types dyad eval scores (the fallback's classes).
var ploverTypes = eval.ScoredPloverTypes()

// EventPlover is the PLOVER type dyad eval reads from an event ("" for none).
func EventPlover(ev *event.Event) string { return eval.EventPlover(ev) }

// EventPenta is the penta class dyad eval reads from an event (-1 for none).
func EventPenta(ev *event.Event) int { return eval.PentaClass(ev) }

// pentaOf is the penta class of a scored PLOVER type.
func pentaOf(t string) int {
	c, _ := eval.PloverPenta(t)
	return c
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
		return readPLV(path)
	case SetConfliBERT:
		return readConfliBERT(f, path)
	case SetPloverGSR:
		return readPloverGSR(f, path)
	}
	return nil, 0, fmt.Errorf("%s: unknown gold set %q (want %s, %s or %s)", path, set, SetPLV, SetConfliBERT, SetPloverGSR)
}

// readPLV takes the PLV records the scorer reads (internal/eval), leaving out those
// with no event type.
func readPLV(path string) ([]Example, int, error) {
	recs, problems, err := eval.ReadPLV(path)
	var out []Example
	skipped := len(problems)
	for _, r := range recs {
		if r.Label == "" {
			skipped++
			continue
		}
		out = append(out, Example{Set: SetPLV, Line: r.Line, Text: r.Text, Plover: r.Label, Penta: pentaOf(r.Label), Source: r.Source, Target: r.Target})
	}
	return out, skipped, err
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
		label, known := eval.NormalizePlover(rec.Event)
		if rec.Event == "DOCUMENT" {
			continue // the file's own documentation record
		}
		if !known || strings.TrimSpace(rec.Text) == "" {
			skipped++
			continue
		}
		// Line is the record's position in the array: the file has no line per record.
		out = append(out, Example{Set: SetPloverGSR, Line: i + 1, Text: strings.TrimSpace(rec.Text), Plover: label, Penta: pentaOf(label)})
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
