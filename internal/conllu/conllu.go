// Package conllu reads and writes CoNLL-U, the Universal Dependencies treebank format
// (https://universaldependencies.org/format.html).
//
// A Sentence keeps everything a round trip needs: comment lines, multiword token
// ranges ("1-2") and empty nodes ("8.1") are carried along verbatim so that a tool can
// read a treebank, predict some columns and write it back with the rest unchanged.
//
// The reader checks what the syntax stage relies on (ten columns, consecutive word
// ids, head indexes in range, no cycles) and reports each problem with its line
// number; it then skips to the next sentence so the caller can carry on. It does not
// validate tag sets, relation names or feature syntax.
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word (a line whose ID is an integer).
type Word struct {
	ID     int // 1-based position in the sentence
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 for the root; -1 when the input had "_"
	Deprel string
	Deps   string
	Misc   string
}

// MultiToken is a multiword token line such as "1-2 don't": a surface token that
// spans the syntactic words First..Last.
type MultiToken struct {
	First, Last int
	Form        string
	Misc        string
}

// EmptyNode is an enhanced-dependencies empty node ("8.1"), kept as its raw line.
// After is the integer part of its id: it is written after word After.
type EmptyNode struct {
	After int
	Line  string
}

// Sentence is one sentence of a CoNLL-U file.
type Sentence struct {
	Comments []string // comment lines including the leading "#"
	Words    []Word
	Multi    []MultiToken
	Empty    []EmptyNode
	Line     int // line number of the sentence's first line
}

// Comment returns the value of a "# key = value" comment, or "".
func (s *Sentence) Comment(key string) string {
	for _, c := range s.Comments {
		rest, ok := strings.CutPrefix(c, "#")
		if !ok {
			continue
		}
		k, v, ok := strings.Cut(rest, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Forms returns the word forms of the sentence.
func (s *Sentence) Forms() []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// HasHeads reports whether every word has a head (no "_" in the HEAD column).
func (s *Sentence) HasHeads() bool {
	for _, w := range s.Words {
		if w.Head < 0 {
			return false
		}
	}
	return len(s.Words) > 0
}

// Error is a problem in the input, with its line number.
type Error struct {
	Name string // file name, if the reader was given one
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	name string
	line int
}

// NewReader returns a Reader of r; name (a file name, or "") prefixes its errors.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	return &Reader{sc: sc, name: name}
}

// Next returns the next sentence, or io.EOF after the last one. A malformed sentence
// yields an *Error; the reader has then skipped past it, so Next can be called again.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	var bad *Error
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if s == nil && bad == nil {
				continue
			}
			if bad != nil {
				return nil, bad
			}
			if err := r.check(s); err != nil {
				return nil, err
			}
			return s, nil
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if bad != nil {
			continue
		}
		if err := r.addLine(s, line); err != nil {
			bad = err
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: reading after line %d: %w", r.name, r.line, err)
	}
	if bad != nil {
		return nil, bad
	}
	if s != nil {
		if err := r.check(s); err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, io.EOF
}

func (r *Reader) errorf(line int, format string, args ...any) *Error {
	return &Error{Name: r.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (r *Reader) addLine(s *Sentence, line string) *Error {
	if strings.HasPrefix(line, "#") {
		if len(s.Words) > 0 || len(s.Multi) > 0 {
			return r.errorf(r.line, "comment inside a sentence")
		}
		s.Comments = append(s.Comments, line)
		return nil
	}
	cols := strings.Split(line, "\t")
	if len(cols) != 10 {
		return r.errorf(r.line, "%d columns, want 10 separated by tabs", len(cols))
	}
	id := cols[0]
	if a, b, ok := strings.Cut(id, "-"); ok {
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first != len(s.Words)+1 || last < first {
			return r.errorf(r.line, "bad multiword token range %q", id)
		}
		s.Multi = append(s.Multi, MultiToken{First: first, Last: last, Form: cols[1], Misc: cols[9]})
		return nil
	}
	if a, _, ok := strings.Cut(id, "."); ok {
		after, err := strconv.Atoi(a)
		if err != nil || after != len(s.Words) {
			return r.errorf(r.line, "bad empty node id %q", id)
		}
		s.Empty = append(s.Empty, EmptyNode{After: after, Line: line})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil || n != len(s.Words)+1 {
		return r.errorf(r.line, "word id %q, want %d", id, len(s.Words)+1)
	}
	if cols[1] == "" {
		return r.errorf(r.line, "empty FORM")
	}
	head := -1
	if cols[6] != "_" {
		h, err := strconv.Atoi(cols[6])
		if err != nil || h < 0 {
			return r.errorf(r.line, "bad head %q", cols[6])
		}
		head = h
	}
	s.Words = append(s.Words, Word{
		ID: n, Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4], Feats: cols[5],
		Head: head, Deprel: cols[7], Deps: cols[8], Misc: cols[9],
	})
	return nil
}

// check verifies what can only be seen once the sentence is complete: heads within
// the sentence, multiword ranges inside it, and a tree without cycles.
func (r *Reader) check(s *Sentence) error {
	if len(s.Words) == 0 {
		return r.errorf(s.Line, "sentence without words")
	}
	wordLine := func(i int) int { // line of word i (1-based), for messages
		return s.Line + len(s.Comments) + i - 1 + multiBefore(s, i) + emptyBefore(s, i)
	}
	n := len(s.Words)
	for _, m := range s.Multi {
		if m.Last > n {
			return r.errorf(wordLine(m.First), "multiword token %d-%d goes past the last word %d", m.First, m.Last, n)
		}
	}
	for i, w := range s.Words {
		if w.Head > n {
			return r.errorf(wordLine(i+1), "head %d of word %d is beyond the last word %d", w.Head, w.ID, n)
		}
		if w.Head == w.ID {
			return r.errorf(wordLine(i+1), "word %d is its own head", w.ID)
		}
	}
	if !s.HasHeads() {
		return nil
	}
	// Each word's head chain must reach 0 within n steps.
	state := make([]uint8, n+1) // 0 unknown, 1 on current path, 2 reaches root
	for i := 1; i <= n; i++ {
		var path []int
		j := i
		for j != 0 && state[j] == 0 {
			state[j] = 1
			path = append(path, j)
			j = s.Words[j-1].Head
		}
		if j != 0 && state[j] == 1 {
			return r.errorf(wordLine(j), "cycle in heads through word %d", j)
		}
		for _, p := range path {
			state[p] = 2
		}
	}
	return nil
}

func multiBefore(s *Sentence, i int) int {
	c := 0
	for _, m := range s.Multi {
		if m.First <= i {
			c++
		}
	}
	return c
}

func emptyBefore(s *Sentence, i int) int {
	c := 0
	for _, e := range s.Empty {
		if e.After < i {
			c++
		}
	}
	return c
}

// ReadAll reads every sentence of r. Malformed sentences are skipped and their errors
// returned together (joined), after the sentences that could be read.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	var errs []error
	for {
		s, err := rd.Next()
		if err == io.EOF {
			break
		}
		var ce *Error
		if errors.As(err, &ce) {
			errs = append(errs, err)
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// Write writes s in CoNLL-U followed by a blank line.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	mi, ei := 0, 0
	for len(s.Empty) > ei && s.Empty[ei].After == 0 {
		bw.WriteString(s.Empty[ei].Line)
		bw.WriteByte('\n')
		ei++
	}
	for _, wd := range s.Words {
		for mi < len(s.Multi) && s.Multi[mi].First == wd.ID {
			m := s.Multi[mi]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, m.Form, orBlank(m.Misc))
			mi++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, clean(wd.Form), orBlank(wd.Lemma),
			orBlank(wd.UPOS), orBlank(wd.XPOS), orBlank(wd.Feats), head, orBlank(wd.Deprel),
			orBlank(wd.Deps), orBlank(wd.Misc))
		for ei < len(s.Empty) && s.Empty[ei].After == wd.ID {
			bw.WriteString(s.Empty[ei].Line)
			bw.WriteByte('\n')
			ei++
		}
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func orBlank(s string) string {
	if s == "" {
		return "_"
	}
	return clean(s)
}

// clean keeps a field on its line: tabs and newlines would break the format.
func clean(s string) string {
	if strings.ContainsAny(s, "\t\n\r") {
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}
