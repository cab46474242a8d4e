package petrarch

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ActorEntry is one entry of a PETRARCH actor dictionary: a name line, its "+"
// synonyms and its codes (on the name line or on the indented lines after it).
type ActorEntry struct {
	Names []string // the name first, then the synonyms; words joined by spaces, upper case as written
	Codes []DatedCode
	Line  int
	Lines []int // the line of each name
}

// DatedCode is an actor code that may hold only for a period: [CODE] always,
// [CODE >YYMMDD] after, [CODE <YYMMDD] before, [CODE YYMMDD-YYMMDD] between. Dates
// are YYYY-MM-DD ("" for open).
type DatedCode struct {
	Code     string   // "---" (or "+++") for a name that codes nothing
	Also     []string // further codes of a TABARI "[A/B]" multiple code
	From, To string
	Line     int
}

// Dated reports whether the code has a date restriction.
func (c DatedCode) Dated() bool { return c.From != "" || c.To != "" }

// ActorDict is a parsed actor dictionary.
type ActorDict struct {
	File    string
	Entries []*ActorEntry
}

// ReadActors parses an actor dictionary.
func ReadActors(name string, r io.Reader) (*ActorDict, []Problem, error) {
	lines, err := readLines(r, false)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	d := &ActorDict{File: name}
	var (
		probs []Problem
		cur   *ActorEntry
	)
	bad := func(n int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: n, Msg: fmt.Sprintf(format, args...), Skipped: true})
	}
	finish := func() {
		if cur != nil && len(cur.Codes) == 0 {
			probs = append(probs, Problem{File: name, Line: cur.Line,
				Msg: fmt.Sprintf("%q has no code: read as a name that codes nothing", cur.Names[0])})
		}
	}
	for _, l := range lines {
		s := strings.TrimSpace(l.text)
		switch {
		case strings.HasPrefix(s, "["):
			if cur == nil {
				bad(l.n, "code line before any actor name")
				continue
			}
			codes, msg := parseActorCodes(s, l.n)
			if msg != "" {
				bad(l.n, "%s", msg)
				continue
			}
			cur.Codes = append(cur.Codes, codes...)
		case strings.HasPrefix(s, "+"):
			if cur == nil {
				bad(l.n, "synonym before any actor name")
				continue
			}
			name, codes, msg := splitNameCodes(s[1:], l.n)
			if msg != "" {
				bad(l.n, "%s", msg)
				continue
			}
			if name == "" {
				bad(l.n, "empty synonym")
				continue
			}
			cur.Names = append(cur.Names, name)
			cur.Lines = append(cur.Lines, l.n)
			cur.Codes = append(cur.Codes, codes...)
		default:
			name, codes, msg := splitNameCodes(s, l.n)
			if msg != "" {
				bad(l.n, "%s", msg)
				continue
			}
			if name == "" {
				bad(l.n, "no actor name")
				continue
			}
			finish()
			cur = &ActorEntry{Names: []string{name}, Codes: codes, Line: l.n, Lines: []int{l.n}}
			d.Entries = append(d.Entries, cur)
		}
	}
	finish()
	return d, probs, nil
}

// splitNameCodes splits "NAME_WORDS [CODE …] [CODE …]" into the name (words joined by
// spaces) and its codes.
func splitNameCodes(s string, line int) (string, []DatedCode, string) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		if strings.IndexByte(s, ']') >= 0 {
			return "", nil, "']' without '['"
		}
		return strings.Join(words(s), " "), nil, ""
	}
	codes, msg := parseActorCodes(s[i:], line)
	if msg != "" {
		return "", nil, msg
	}
	return strings.Join(words(s[:i]), " "), codes, ""
}

// parseActorCodes reads one or more "[CODE date]" groups.
func parseActorCodes(s string, line int) ([]DatedCode, string) {
	var out []DatedCode
	s = strings.TrimSpace(s)
	for s != "" {
		if s[0] != '[' {
			return nil, fmt.Sprintf("text %q after a code", s)
		}
		j := strings.IndexByte(s, ']')
		if j < 0 {
			return nil, "'[' without ']'"
		}
		c, msg := parseDatedCode(s[1:j])
		if msg != "" {
			return nil, msg
		}
		c.Line = line
		out = append(out, c)
		s = strings.TrimSpace(s[j+1:])
	}
	return out, ""
}

// parseDatedCode reads the inside of one code bracket.
func parseDatedCode(s string) (DatedCode, string) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return DatedCode{}, "empty code '[]'"
	}
	codes := strings.Split(strings.ToUpper(f[0]), "/")
	c := DatedCode{Code: codes[0]}
	if len(codes) > 1 {
		c.Also = codes[1:]
	}
	for _, code := range codes {
		if !validActorCode(code) {
			return c, fmt.Sprintf("code %q is not an actor code", f[0])
		}
	}
	restr := strings.Join(f[1:], "")
	if restr == "" {
		return c, ""
	}
	var err error
	switch {
	case restr[0] == '>':
		c.From, err = petrDate(restr[1:])
	case restr[0] == '<':
		c.To, err = petrDate(restr[1:])
	case strings.Contains(restr, "-"):
		a, b, _ := strings.Cut(restr, "-")
		if c.From, err = petrDate(a); err == nil {
			c.To, err = petrDate(b)
		}
		if err == nil && c.To < c.From {
			err = fmt.Errorf("period ends (%s) before it starts (%s)", c.To, c.From)
		}
	default:
		err = fmt.Errorf("want >DATE, <DATE or DATE-DATE")
	}
	if err != nil {
		return c, fmt.Sprintf("code [%s]: %v", s, err)
	}
	return c, ""
}

func validActorCode(c string) bool {
	if c == "---" || c == "+++" {
		return true
	}
	for i := 0; i < len(c); i++ {
		if !(c[i] >= 'A' && c[i] <= 'Z' || c[i] >= '0' && c[i] <= '9') {
			return false
		}
	}
	return len(c) >= 2
}

// petrDate reads YYMMDD (years 00–30 are 20YY, the rest 19YY, as KEDS and TABARI
// have it) or YYYYMMDD and returns YYYY-MM-DD, checking that the day exists.
func petrDate(s string) (string, error) {
	var y, m, d int
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("date %q is not YYMMDD or YYYYMMDD", s)
		}
	}
	switch len(s) {
	case 6:
		y, _ = strconv.Atoi(s[:2])
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
		m, _ = strconv.Atoi(s[2:4])
		d, _ = strconv.Atoi(s[4:])
	case 8:
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:])
	default:
		return "", fmt.Errorf("date %q is not YYMMDD or YYYYMMDD", s)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", fmt.Errorf("date %q is not a day of the calendar", s)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), nil
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
