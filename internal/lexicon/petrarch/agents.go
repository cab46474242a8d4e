package petrarch

import (
	"fmt"
	"io"
	"strings"
)

// Agent is one agent phrase: "FOREIGN_MINISTER [~GOVFRM]", "HUMAN_RIGHTS_BODY
// [NGO~]", with its plural.
type Agent struct {
	Phrase string // words joined by spaces, upper case as written
	Plural string // "" when no plural is formed ({} in the file) or it is regular
	// NoPlural is set by "{}": the phrase has no (other) plural form.
	NoPlural bool
	Code     string // the agent code without "~": "GOVFRM"
	Prefix   bool   // "NGO~": the code goes before the actor's code, not after
	Line     int
}

// ReadAgents parses an agent dictionary, expanding "!MARKER!" substitution sets.
func ReadAgents(name string, r io.Reader) ([]Agent, []Problem, error) {
	lines, err := readLines(r, false)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var (
		out   []Agent
		probs []Problem
		subst = map[string][]string{}
	)
	bad := func(n int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: n, Msg: fmt.Sprintf(format, args...), Skipped: true})
	}
	for _, l := range lines {
		s := strings.TrimSpace(l.text)
		if strings.HasPrefix(s, "!") && strings.Contains(s, "=") && !strings.Contains(s, "[") {
			k := strings.IndexByte(s[1:], '!')
			if k < 0 {
				bad(l.n, "substitution marker %q: want !NAME! = A, B, …", s)
				continue
			}
			marker := s[1 : k+1]
			_, list, _ := strings.Cut(s, "=")
			var items []string
			for _, it := range strings.Split(list, ",") {
				if it = strings.TrimSpace(it); it != "" {
					items = append(items, it)
				}
			}
			subst[marker] = items
			continue
		}
		open := strings.IndexByte(s, '[')
		if open < 0 {
			bad(l.n, "agent %q has no [code]", s)
			continue
		}
		end := strings.IndexAny(s[open:], "]}")
		if end < 0 {
			bad(l.n, "'[' without ']'")
			continue
		}
		if s[open+end] == '}' {
			probs = append(probs, Problem{File: name, Line: l.n, Msg: "code closed with '}' instead of ']': read as ']'"})
		}
		rawCode := strings.ReplaceAll(s[open+1:open+end], " ", "")
		a := Agent{Line: l.n}
		switch {
		case strings.HasPrefix(rawCode, "~"):
			a.Code = rawCode[1:]
		case strings.HasSuffix(rawCode, "~"):
			a.Code, a.Prefix = strings.TrimSuffix(rawCode, "~"), true
		default:
			bad(l.n, "agent code [%s] has no '~' (want [~CODE] or [CODE~])", rawCode)
			continue
		}
		a.Code = strings.ToUpper(a.Code)
		if len(a.Code) == 0 || len(a.Code)%3 != 0 || !validActorCode(a.Code) {
			bad(l.n, "agent code %q is not made of 3-character codes", a.Code)
			continue
		}
		phrase := s[:open]
		if i := strings.IndexByte(phrase, '{'); i >= 0 {
			j := strings.IndexByte(phrase, '}')
			if j < i {
				bad(l.n, "'{' without '}'")
				continue
			}
			a.Plural = strings.Join(words(phrase[i+1:j]), " ")
			a.NoPlural = a.Plural == ""
			phrase = phrase[:i]
		}
		phrases := []string{phrase}
		if i := strings.IndexByte(phrase, '!'); i >= 0 {
			j := strings.IndexByte(phrase[i+1:], '!')
			if j < 0 {
				bad(l.n, "substitution marker in %q not closed with '!'", phrase)
				continue
			}
			marker := phrase[i+1 : i+1+j]
			items, ok := subst[marker]
			if !ok {
				bad(l.n, "substitution marker !%s! is not defined above", marker)
				continue
			}
			phrases = phrases[:0]
			for _, it := range items {
				phrases = append(phrases, phrase[:i]+it+phrase[i+2+j:])
			}
			a.NoPlural = true // the set lists every form
		}
		for _, ph := range phrases {
			b := a
			b.Phrase = strings.Join(words(ph), " ")
			if b.Phrase == "" {
				bad(l.n, "agent without a phrase")
				break
			}
			out = append(out, b)
		}
	}
	return out, probs, nil
}

// Discard is a phrase whose presence stops coding: of the sentence, or (Story) of
// the whole story.
type Discard struct {
	Phrase string // upper case as written, words joined by spaces
	Story  bool
	Exact  bool // ended in "_": the phrase must end at a word boundary, else it is a stem
	Line   int
}

// ReadDiscards parses a discard list.
func ReadDiscards(name string, r io.Reader) ([]Discard, []Problem, error) {
	lines, err := readLines(r, false)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var (
		out   []Discard
		probs []Problem
	)
	for _, l := range lines {
		s := strings.TrimSpace(l.text)
		d := Discard{Line: l.n}
		if strings.HasPrefix(s, "+") {
			d.Story, s = true, s[1:]
		}
		d.Exact = strings.HasSuffix(s, "_")
		d.Phrase = strings.Join(words(s), " ")
		if d.Phrase == "" {
			probs = append(probs, Problem{File: name, Line: l.n, Msg: "empty discard phrase", Skipped: true})
			continue
		}
		out = append(out, d)
	}
	return out, probs, nil
}

// Issue is one phrase of an issue list ("n:genocide [ID_ATROCITY]"); an Ignore phrase
// ("~Saturday Night massacre") cancels issue coding of its sentence (Story: "~~", of
// the story).
type Issue struct {
	Phrase   string // as written, with its n:/v:/+ expansion marks
	Code     string
	Category string
	Ignore   bool
	Story    bool
	Line     int
}

// ReadIssues parses an issue list. dyad does not code issues; they are read so that
// they are counted and none is lost silently.
func ReadIssues(name string, r io.Reader) ([]Issue, []Problem, error) {
	lines, err := readLines(r, false)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var (
		out      []Issue
		probs    []Problem
		category string
	)
	for _, l := range lines {
		s := strings.TrimSpace(l.text)
		switch {
		case strings.HasPrefix(s, "<ISSUE"):
			if _, rest, ok := strings.Cut(s, `CATEGORY="`); ok {
				category, _, _ = strings.Cut(rest, `"`)
			}
			continue
		case strings.HasPrefix(s, "</ISSUE"):
			category = ""
			continue
		}
		is := Issue{Category: category, Line: l.n}
		switch {
		case strings.HasPrefix(s, "~~"):
			is.Ignore, is.Story, is.Phrase = true, true, strings.TrimSpace(s[2:])
		case strings.HasPrefix(s, "~"):
			is.Ignore, is.Phrase = true, strings.TrimSpace(s[1:])
		default:
			i := strings.IndexByte(s, '[')
			j := strings.IndexByte(s, ']')
			if i < 0 || j < i {
				probs = append(probs, Problem{File: name, Line: l.n, Msg: fmt.Sprintf("issue %q has no [CODE]", s), Skipped: true})
				continue
			}
			is.Phrase, is.Code = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:j])
		}
		if is.Phrase == "" {
			probs = append(probs, Problem{File: name, Line: l.n, Msg: "empty issue phrase", Skipped: true})
			continue
		}
		out = append(out, is)
	}
	return out, probs, nil
}
