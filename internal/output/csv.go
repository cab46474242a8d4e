package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"dyad/internal/event"
)

// NewCSV returns a writer of comma-separated rows (RFC 4180 quoting) with the
// columns and values of the TSV format (TSVColumns), after a header row.
func NewCSV(w io.Writer) Writer {
	bw := bufio.NewWriterSize(w, 64<<10)
	c := &csvWriter{bw: bw, cw: csv.NewWriter(bw)}
	c.tsv = &tsvWriter{bw: bufio.NewWriter(&c.row), header: true}
	return c
}

// csvWriter formats each event as the TSV writer does and re-quotes the row, so the
// two formats cannot drift apart.
type csvWriter struct {
	bw     *bufio.Writer
	cw     *csv.Writer
	tsv    *tsvWriter
	row    bytes.Buffer
	header bool
}

func (w *csvWriter) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	return w.cw.Write(TSVColumns)
}

func (w *csvWriter) Write(e event.Event) error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.row.Reset()
	if err := w.tsv.Write(e); err != nil {
		return err
	}
	if err := w.tsv.Close(); err != nil {
		return err
	}
	fields := strings.Split(strings.TrimSuffix(w.row.String(), "\n"), "\t")
	if len(fields) != len(TSVColumns) {
		return fmt.Errorf("csv: event %s: %d fields for %d columns", e.ID, len(fields), len(TSVColumns))
	}
	return w.cw.Write(fields)
}

func (w *csvWriter) Close() error {
	// An empty export still says what its columns are.
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	return w.bw.Flush()
}
