package petrarch

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// VerbDict is a parsed PETRARCH verb dictionary (PETRARCH-2's CAMEO.2.0.txt, or the
// PETRARCH-1/TABARI-style verb files of the validation suites).
type VerbDict struct {
	File    string
	Synsets map[string]*Synset // by name, "&CURRENCY" (a trailing "_" removed)
	Blocks  []*VerbBlock
	// Transformations are the lines of "~ a (b . ATTACK) SAY = a b 112" rules: read,
	// not translated.
	Transformations []int
}

// Synset is a named set of phrases ("&CURRENCY": dollar, euro, …) that a pattern can
// use in place of a word.
type Synset struct {
	Name     string
	Phrases  [][]string // upper-case words; a word may itself be a synset ("&TIETYPES")
	NoPlural bool       // the label or phrase ended in "_": no plural is formed
	Line     int
	Lines    []int // the line of each phrase
}

// VerbBlock is a "--- NAME [CODE] ---" block: synonymous verbs and the patterns they
// share.
type VerbBlock struct {
	Name     string
	Code     string // the block's code for a verb alone; "---" for none
	Reverse  string // second code of a block code "[A:B]"
	Line     int
	Verbs    []Verb
	Patterns []Pattern
}

// Verb is one verb of a block: "EXPEL", "+CALL_OFF", "WIRE_+TAP {WIRE_+TAPPED …}".
type Verb struct {
	Words []string   // upper case: "CALL", "OFF"
	Head  int        // index of the verb word (marked "+" in a multi-word verb)
	Forms [][]string // inflected forms given in {...}, each like Words
	Code  string     // the verb's own code, "" when it takes the block's
	Line  int
}

// Pattern is one "- PRE * POST [CODE]" line of a block.
type Pattern struct {
	Pre, Post []Elem
	Code      string // the event code; "---" for "no event"; "" when only Reverse is given
	Reverse   string // second code of "[A:B]": the event from the target back to the source
	Line      int
	Text      string
}

// ElemKind is the kind of a pattern element.
type ElemKind uint8

// Pattern element kinds.
const (
	ElemWords    ElemKind = iota // a word or phrase (may contain synsets)
	ElemSource                   // "$": the source actor stands here
	ElemTarget                   // "+": the target actor stands here
	ElemSkip                     // "^": an actor here is skipped
	ElemCompound                 // "%": a compound actor ("A and B met")
)

// Elem is one element of a pattern. Inside "( … )" Prep is the preposition; a
// prepositional phrase with no words ("(TO)") is an ElemWords with no Words.
type Elem struct {
	Kind  ElemKind
	Words []string
	Prep  string
}

var codeRE = regexp.MustCompile(`^(---|\+\+\+|[0-9A-Z]*)(?::([0-9A-Z]+|---))?$`)

// ReadVerbs parses a verb dictionary. Lines it cannot read are returned as problems.
func ReadVerbs(name string, r io.Reader) (*VerbDict, []Problem, error) {
	lines, err := readLines(r, true)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	d := &VerbDict{File: name, Synsets: map[string]*Synset{}}
	var (
		probs []Problem
		block *VerbBlock
		syn   *Synset
	)
	bad := func(n int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: n, Msg: fmt.Sprintf(format, args...), Skipped: true})
	}
	warn := func(n int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	for _, l := range lines {
		s := strings.TrimSpace(l.text)
		if syn != nil && strings.HasPrefix(s, "+") {
			ws := words(s[1:])
			if len(ws) == 0 {
				bad(l.n, "empty synset member")
				continue
			}
			syn.Phrases = append(syn.Phrases, ws)
			syn.Lines = append(syn.Lines, l.n)
			continue
		}
		syn = nil
		switch {
		case strings.HasPrefix(s, "---"):
			m := blockRE.FindStringSubmatch(s)
			if m == nil {
				bad(l.n, "block header %q: want --- NAME [CODE] ---", s)
				block = nil
				continue
			}
			code, reverse := "---", ""
			if m[2] != "" {
				c, rev, ok := parseCode(m[2])
				if !ok {
					bad(l.n, "block code [%s] is not a code", m[2])
					block = nil
					continue
				}
				code, reverse = trimMark(c, l.n, warn), rev
			}
			block = &VerbBlock{Name: m[1], Code: code, Reverse: reverse, Line: l.n}
			d.Blocks = append(d.Blocks, block)
		case strings.HasPrefix(s, "&"):
			name := strings.Fields(s)[0]
			noPlural := strings.HasSuffix(name, "_")
			name = strings.TrimRight(name, "_")
			if len(name) < 2 {
				bad(l.n, "synset label %q has no name", s)
				continue
			}
			if prev, dup := d.Synsets[name]; dup {
				warn(l.n, "synset %s already defined at line %d: members added to it", name, prev.Line)
				syn = prev
				continue
			}
			syn = &Synset{Name: name, NoPlural: noPlural, Line: l.n}
			d.Synsets[name] = syn
		case strings.HasPrefix(s, "~"):
			if !strings.Contains(s, "=") {
				bad(l.n, "transformation %q has no '='", s)
				continue
			}
			d.Transformations = append(d.Transformations, l.n)
		case strings.HasPrefix(s, "-"):
			if block == nil {
				bad(l.n, "pattern outside any --- VERB [code] --- block")
				continue
			}
			p, msg := parsePattern(s)
			if msg != "" {
				bad(l.n, "pattern %q: %s", s, msg)
				continue
			}
			p.Code = trimMark(p.Code, l.n, warn)
			p.Line, p.Text = l.n, s
			block.Patterns = append(block.Patterns, p)
		case strings.HasPrefix(s, "*"):
			bad(l.n, "pattern %q has no leading '-'", s)
		default:
			if block == nil {
				bad(l.n, "%q: verb outside any --- VERB [code] --- block", s)
				continue
			}
			v, msg := parseVerb(s)
			if msg != "" {
				bad(l.n, "verb %q: %s", s, msg)
				continue
			}
			v.Line = l.n
			v.Code = trimMark(v.Code, l.n, warn)
			if len(v.Words) > 1 && !strings.Contains(s, "_") {
				warn(l.n, "verb %q: words separated by blanks read as one verb phrase (PETRARCH joins them with '_')", s)
			}
			block.Verbs = append(block.Verbs, v)
		}
	}
	return d, probs, nil
}

var blockRE = regexp.MustCompile(`^---+\s*([^\s\[\]]+)\s*(?:\[([^\]]*)\])?.*$`)

// parseCode reads the inside of "[…]": "161", "---", "042:043", ":173", "080!".
func parseCode(s string) (code, reverse string, ok bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	bang := strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
	m := codeRE.FindStringSubmatch(strings.TrimRight(s, "!?"))
	if m == nil || (m[1] == "" && m[2] == "") {
		return "", "", false
	}
	code = m[1]
	if bang {
		code += s[len(s)-1:]
	}
	return code, m[2], true
}

// trimMark removes a trailing "!" or "?" that some codes carry ("[080!]", "[025?]")
// and says so.
func trimMark(code string, line int, warn func(int, string, ...any)) string {
	if t := strings.TrimRight(code, "!?"); t != code {
		warn(line, "code [%s]: trailing %q ignored", code, code[len(t):])
		return t
	}
	return code
}

// parseVerb reads a verb line: WORD, +FIRST_SECOND, FIRST_+SECOND, each optionally
// followed by {FORMS} and [CODE].
func parseVerb(s string) (Verb, string) {
	var v Verb
	if i := strings.IndexByte(s, '['); i >= 0 {
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return v, "'[' without ']'"
		}
		code, rev, ok := parseCode(s[i+1 : i+j])
		if !ok {
			return v, fmt.Sprintf("[%s] is not a code", s[i+1:i+j])
		}
		if rev != "" {
			code += ":" + rev
		}
		v.Code = code
		if strings.TrimSpace(s[i+j+1:]) != "" {
			return v, "text after the code"
		}
		s = s[:i]
	}
	if i := strings.IndexByte(s, '{'); i >= 0 {
		j := strings.IndexByte(s, '}')
		if j < i {
			return v, "'{' without '}'"
		}
		for _, f := range strings.Fields(strings.ReplaceAll(s[i+1:j], ",", " ")) {
			ws, _, ok := verbWords(f)
			if ok {
				v.Forms = append(v.Forms, ws)
			}
		}
		if strings.TrimSpace(s[j+1:]) != "" {
			return v, "text after {...}"
		}
		s = s[:i]
	}
	f := strings.Fields(s)
	if len(f) == 0 {
		return v, "no verb"
	}
	ws, head, ok := verbWords(strings.Join(f, "_"))
	if !ok && len(f) > 1 && !strings.Contains(s, "_") && !strings.Contains(s, "+") {
		ws, head, ok = words(s), 0, true // "LASH OUT": a phrasal verb written with a blank
	}
	if !ok {
		return v, "a multi-word verb needs '+' before the word that is the verb"
	}
	v.Words, v.Head = ws, head
	return v, ""
}

// verbWords splits "WIRE_+TAP" into its words and the index of the "+" word.
func verbWords(tok string) ([]string, int, bool) {
	parts := words(tok)
	head := -1
	for i, p := range parts {
		if strings.HasPrefix(p, "+") {
			head = i
			parts[i] = p[1:]
		}
	}
	if len(parts) == 0 {
		return nil, 0, false
	}
	if head < 0 {
		if len(parts) > 1 {
			return nil, 0, false
		}
		head = 0
	}
	return parts, head, true
}

// parsePattern reads "- PRE * POST [CODE]".
func parsePattern(s string) (Pattern, string) {
	var p Pattern
	open := strings.LastIndexByte(s, '[')
	if open < 0 || !strings.HasSuffix(strings.TrimSpace(s), "]") {
		return p, "no [code] at the end"
	}
	code, rev, ok := parseCode(strings.TrimSuffix(strings.TrimSpace(s[open+1:]), "]"))
	if !ok {
		return p, "the code is not a code"
	}
	p.Code, p.Reverse = code, rev
	body := strings.TrimPrefix(s[:open], "-")
	if strings.Count(body, "*") != 1 {
		return p, "want exactly one '*' (the verb)"
	}
	pre, post, _ := strings.Cut(body, "*")
	var msg string
	if p.Pre, msg = parseElems(pre); msg != "" {
		return p, msg
	}
	if p.Post, msg = parseElems(post); msg != "" {
		return p, msg
	}
	return p, ""
}

// parseElems reads one side of a pattern: words, "{noun phrase}", "(PREP …)", "$",
// "+", "^", "%". Words joined by "_" are one phrase.
func parseElems(s string) ([]Elem, string) {
	r := strings.NewReplacer("(", " ( ", ")", " ) ", "{", " { ", "}", " } ")
	var (
		out            []Elem
		inParen        bool
		expectPrep     bool
		prep           string
		prepUnits      int
		inBrace        bool
		brace          []string
		braceStartPrep string
	)
	add := func(e Elem) {
		out = append(out, e)
		if inParen {
			prepUnits++
		}
	}
	for _, tok := range strings.Fields(r.Replace(s)) {
		switch tok {
		case "(":
			if inParen || inBrace {
				return nil, "nested '('"
			}
			inParen, expectPrep, prep, prepUnits = true, true, "", 0
			continue
		case ")":
			if !inParen || inBrace {
				return nil, "')' without '('"
			}
			if expectPrep {
				return nil, "empty '( )'"
			}
			if prepUnits == 0 {
				out = append(out, Elem{Kind: ElemWords, Prep: prep})
			}
			inParen = false
			continue
		case "{":
			if inBrace {
				return nil, "nested '{'"
			}
			inBrace, brace, braceStartPrep = true, nil, prep
			continue
		case "}":
			if !inBrace {
				return nil, "'}' without '{'"
			}
			inBrace = false
			if len(brace) == 0 {
				return nil, "empty '{ }'"
			}
			if expectPrep {
				return nil, "'(' must start with a preposition"
			}
			e := Elem{Kind: ElemWords, Words: brace}
			if inParen {
				e.Prep = braceStartPrep
			}
			add(e)
			continue
		}
		if inBrace {
			brace = append(brace, words(tok)...)
			continue
		}
		if inParen && expectPrep {
			prep, expectPrep = strings.ToUpper(tok), false
			continue
		}
		e := Elem{Kind: ElemWords}
		if inParen {
			e.Prep = prep
		}
		switch tok {
		case "$":
			e.Kind = ElemSource
		case "+":
			e.Kind = ElemTarget
		case "^":
			e.Kind = ElemSkip
		case "%":
			e.Kind = ElemCompound
		default:
			e.Words = words(tok)
			if len(e.Words) == 0 {
				continue // a bare "_" connector
			}
		}
		add(e)
	}
	if inParen {
		return nil, "'(' without ')'"
	}
	if inBrace {
		return nil, "'{' without '}'"
	}
	return out, ""
}
