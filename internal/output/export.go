package output

import (
	"fmt"
	"io"
	"strings"
)

// ExportFormats lists the formats NewExport accepts.
var ExportFormats = []string{"jsonl", "tsv", "csv", "gdelt", "plover"}

// NewExport returns a writer for any export format: those of New, and csv, gdelt
// and plover.
func NewExport(format string, w io.Writer) (Writer, error) {
	switch format {
	case "csv":
		return NewCSV(w), nil
	case "gdelt":
		return NewGDELT(w), nil
	case "plover":
		return NewPlover(w), nil
	case "jsonl", "tsv":
		return New(format, w)
	}
	return nil, fmt.Errorf("unknown export format %q (want one of %s)", format, strings.Join(ExportFormats, ", "))
}
