package lexicon

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// rawEntry is one entry of a lexicon file before it is checked: a header line and its
// indented fields, each with its line number.
type rawEntry struct {
	kind, id, header string
	line             int
	fields           []rawField
}

type rawField struct {
	key, value string
	line       int
}

// ParseError is a problem in a lexicon file, with its place.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// parseFile splits a lexicon file into raw entries. It reports every malformed line
// and goes on.
func parseFile(name string, r io.Reader) ([]rawEntry, []error) {
	var (
		entries []rawEntry
		errs    []error
		cur     *rawEntry
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		line := stripComment(sc.Text())
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		fields := strings.Fields(line)
		if !indented {
			if len(fields) < 2 {
				errs = append(errs, &ParseError{name, n, fmt.Sprintf("entry header %q needs a kind and an id", strings.TrimSpace(line))})
				cur = nil
				continue
			}
			header := strings.TrimSpace(line)
			header = strings.TrimSpace(header[len(fields[0]):])
			header = strings.TrimSpace(header[len(fields[1]):])
			entries = append(entries, rawEntry{kind: fields[0], id: fields[1], header: header, line: n})
			cur = &entries[len(entries)-1]
			continue
		}
		if cur == nil {
			errs = append(errs, &ParseError{name, n, "indented field outside any entry"})
			continue
		}
		key := fields[0]
		value := strings.TrimSpace(strings.TrimSpace(line)[len(key):])
		cur.fields = append(cur.fields, rawField{key: key, value: value, line: n})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	return entries, errs
}

// stripComment removes a "#" comment: a "#" at the start of the line or after white
// space ("C#" and "#1" inside words are kept).
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

// splitList splits a " | " separated list, trimming each item and dropping empty ones.
func splitList(v string) []string {
	parts := strings.Split(v, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
