// Package output writes events in the formats dyad offers: JSON Lines (the full event
// record) and TSV (one flat row per event, for spreadsheets and shell tools). It
// formats; it does not decide which events to write.
package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dyad/internal/event"
)

// Writer writes events one at a time. Close flushes.
type Writer interface {
	Write(event.Event) error
	Close() error
}

// Formats lists the formats New accepts.
var Formats = []string{"jsonl", "tsv", "csv", "gdelt", "plover"}

// New returns a writer for format.
func New(format string, w io.Writer) (Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "jsonl", "json", "":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{bw: bw, enc: enc}, nil
	case "tsv":
		return &tsvWriter{bw: bw}, nil
	case "csv", "gdelt", "plover":
		return NewExport(format, w)
	}
	return nil, fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func (w *jsonlWriter) Write(e event.Event) error { return w.enc.Encode(e) }
func (w *jsonlWriter) Close() error              { return w.bw.Flush() }

// TSVColumns are the columns of the TSV format, in order (documented in
// docs/event-record.md).
var TSVColumns = []string{
	"id", "article_id", "published", "date", "date_precision", "sentence",
	"source_code", "source_country", "source_text", "target_code", "target_country", "target_text",
	"cameo", "quad_class", "goldstein", "plover_event", "plover_mode",
	"mood", "negated", "confidence", "rule", "trigger", "trigger_start", "trigger_end", "evidence",
}

type tsvWriter struct {
	bw     *bufio.Writer
	header bool
}

func (w *tsvWriter) Write(e event.Event) error {
	if !w.header {
		w.header = true
		if _, err := w.bw.WriteString(strings.Join(TSVColumns, "\t") + "\n"); err != nil {
			return err
		}
	}
	var date, prec string
	if e.Date != nil {
		date, prec = e.Date.Value, e.Date.Precision
	}
	actor := func(a *event.Actor) (string, string, string) {
		if a == nil {
			return "", "", ""
		}
		return a.Code, a.Country, a.Text
	}
	sc, sn, st := actor(e.Source)
	tc, tn, tt := actor(e.Target)
	var pe, pm string
	if e.Plover != nil {
		pe, pm = e.Plover.Event, e.Plover.Mode
	}
	var gold string
	if e.Goldstein != nil {
		gold = strconv.FormatFloat(*e.Goldstein, 'f', -1, 64)
	}
	quad := ""
	if e.QuadClass != 0 {
		quad = strconv.Itoa(e.QuadClass)
	}
	row := []string{
		e.ID, e.ArticleID, e.Published, date, prec, strconv.Itoa(e.Sentence),
		sc, sn, st, tc, tn, tt,
		e.CAMEO, quad, gold, pe, pm,
		e.Modality.Mood, strconv.FormatBool(e.Modality.Negated), strconv.FormatFloat(e.Confidence, 'f', 2, 64),
		e.Rule, e.Trigger.Text, strconv.Itoa(e.Trigger.Start), strconv.Itoa(e.Trigger.End), e.Evidence,
	}
	for i, f := range row {
		row[i] = tsvField(f)
	}
	_, err := w.bw.WriteString(strings.Join(row, "\t") + "\n")
	return err
}

func (w *tsvWriter) Close() error { return w.bw.Flush() }

// tsvField keeps a value on one line and in one column.
func tsvField(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}
