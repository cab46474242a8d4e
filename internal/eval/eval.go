// Package eval scores dyad against gold standards: it loads each gold format, runs the
// pipeline on its sentences and compares. Each format lives in its own file and
// registers itself with Register; the command line picks one with --gold FORMAT.
//
// It does not train anything and it does not decide what the pipeline does: the caller
// supplies the pipeline through Options.
package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"

	"dyad/internal/conllu"
	"dyad/internal/event"
	"dyad/internal/syntax"
)

// CodeFunc codes one sentence (or short text) and returns its events, most confident
// first. published is the publication date (YYYY-MM-DD) or "".
type CodeFunc func(text, published string) []event.Event

// Options is what a scorer may use.
type Options struct {
	Code CodeFunc
	// CodePETRARCH codes as PETRARCH does, for its validation suites: events of every
	// modality, also those missing an actor; the scorer keeps those with both a
	// source and a target, or with one where the suite turns require_dyad off.
	CodePETRARCH CodeFunc
	// Dict is a dictionary directory given with --dict, for scorers whose gold set
	// comes with its own dictionaries ("" for dyad's own lexicon).
	Dict string
	// Progress, if not nil, is called as records are scored.
	Progress func(done, total int)
	// ErrorsPerKind is how many wrong records of each error kind the report lists:
	// 0 for the default (10), a negative number for all of them.
	ErrorsPerKind int
	// Syntax is the model the conllu format scores (nil: the built-in one), and
	// GoldTags has it parse with the gold UPOS and XPOS, scoring the parser apart
	// from the tagger.
	Syntax   *syntax.Model
	GoldTags bool
	// ParseText, if not nil, has the conllu format score from raw text: each gold
	// document's text, rebuilt from its "# text =" lines, is split, tokenised and
	// parsed by ParseText. Predicted names a CoNLL-U file to score instead of
	// parsing anything. Both are aligned with the gold words by character span.
	ParseText func(text string) []*conllu.Sentence
	Predicted string
}

// errorsPerKind returns the number of wrong records to keep per error kind.
func (o Options) errorsPerKind() int {
	switch {
	case o.ErrorsPerKind == 0:
		return 10
	case o.ErrorsPerKind < 0:
		return math.MaxInt
	}
	return o.ErrorsPerKind
}

// Scorer scores the gold file at path.
type Scorer func(opt Options, path string) (*Report, error)

// Format is a registered gold format.
type Format struct {
	Name  string
	Doc   string // one line: what the file is and what is measured
	Score Scorer
}

var formats = map[string]Format{}

// Register adds a gold format; it is called from init functions.
func Register(f Format) {
	if _, dup := formats[f.Name]; dup {
		panic("eval: format registered twice: " + f.Name)
	}
	formats[f.Name] = f
}

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	f, ok := formats[name]
	return f, ok
}

// Formats lists the registered formats by name.
func Formats() []Format {
	out := make([]Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Metric is one measured number.
type Metric struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`          // a proportion (0–1) unless Unit says otherwise
	Unit  string  `json:"unit,omitempty"` // "" for a proportion, else e.g. "count", "tokens/s"
	N     int     `json:"n,omitempty"`    // how many items the value is over
}

// Table is a labelled grid of cells, e.g. per-class accuracy or a confusion matrix.
type Table struct {
	Title  string     `json:"title"`
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
}

// Example is one scored item kept for error analysis.
type Example struct {
	Text      string `json:"text"`
	Gold      string `json:"gold"`
	Predicted string `json:"predicted"`
	Kind      string `json:"kind,omitempty"` // error kind
}

// Report is the result of scoring one gold file.
type Report struct {
	Format   string    `json:"format"`
	File     string    `json:"file"`
	Records  int       `json:"records"`
	Skipped  int       `json:"skipped,omitempty"` // records that could not be read
	Metrics  []Metric  `json:"metrics"`
	Tables   []Table   `json:"tables,omitempty"`
	Errors   []Example `json:"errors,omitempty"`   // a sample of wrong items
	Problems []string  `json:"problems,omitempty"` // records that could not be read
	Notes    []string  `json:"notes,omitempty"`    // what the reader should know about the run
}

// Metric returns the value of the named metric and whether it exists.
func (r *Report) Metric(name string) (float64, bool) {
	for _, m := range r.Metrics {
		if m.Name == name {
			return m.Value, true
		}
	}
	return 0, false
}

// Add appends a proportion metric computed as num/den.
func (r *Report) Add(name string, num, den int) {
	v := 0.0
	if den > 0 {
		v = float64(num) / float64(den)
	}
	r.Metrics = append(r.Metrics, Metric{Name: name, Value: v, N: den})
}

// WriteJSON writes the report as one JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report as tables a person can read.
func (r *Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%s  (%s, %d records", r.File, r.Format, r.Records)
	if r.Skipped > 0 {
		fmt.Fprintf(w, ", %d skipped", r.Skipped)
	}
	fmt.Fprintln(w, ")")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, m := range r.Metrics {
		switch m.Unit {
		case "":
			fmt.Fprintf(tw, "  %s\t%6.1f%%\t", m.Name, 100*m.Value)
		default:
			fmt.Fprintf(tw, "  %s\t%8.4g %s\t", m.Name, m.Value, m.Unit)
		}
		if m.N > 0 {
			fmt.Fprintf(tw, "(n=%d)", m.N)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	for _, t := range r.Tables {
		fmt.Fprintf(w, "\n%s\n", t.Title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, strings.Join(t.Header, "\t")+"\t")
		for _, row := range t.Rows {
			fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
		}
		tw.Flush()
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	return nil
}
