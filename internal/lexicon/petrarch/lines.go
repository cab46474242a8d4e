package petrarch

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Problem is a dictionary line that could not be read (Skipped) or was read with an
// assumption worth knowing, with its place.
type Problem struct {
	File    string
	Line    int
	Msg     string
	Skipped bool // the line's content is not in the result
}

func (p Problem) String() string {
	if p.Skipped {
		return fmt.Sprintf("%s:%d: %s (line skipped)", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// srcLine is one line of a dictionary file with its comments removed.
type srcLine struct {
	n    int
	text string // comments removed, right-trimmed; the left side is kept (indentation)
}

// readLines reads a dictionary file the way PETRARCH does: <!-- … --> comments (also
// over several lines), "#" to the end of the line, blank lines dropped. semicolon also
// treats ";" as a comment start (old KEDS/TABARI verb files).
func readLines(r io.Reader, semicolon bool) ([]srcLine, error) {
	var out []srcLine
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	inComment := false
	for n := 1; sc.Scan(); n++ {
		s := strings.TrimRight(sc.Text(), "\r")
		var b strings.Builder
		for s != "" {
			if inComment {
				i := strings.Index(s, "-->")
				if i < 0 {
					s = ""
					break
				}
				s = s[i+3:]
				inComment = false
				continue
			}
			i := strings.Index(s, "<!--")
			if i < 0 {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:i])
			s = s[i+4:]
			inComment = true
		}
		text := b.String()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		if semicolon {
			if i := strings.IndexByte(text, ';'); i >= 0 {
				text = text[:i]
			}
		}
		text = strings.TrimRight(text, " \t")
		// PETRARCH skips any line that starts with "<!", also a malformed "<! --".
		if t := strings.TrimSpace(text); t == "" || strings.HasPrefix(t, "<!") {
			continue
		}
		out = append(out, srcLine{n: n, text: text})
	}
	return out, sc.Err()
}

// words splits a PETRARCH phrase on blanks and "_" (its word joiner) and drops the
// empty pieces that a trailing "_" (TABARI's "whole word" mark) leaves.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
}
