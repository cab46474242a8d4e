package petrarch

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Ontology is PETRARCH-2's internal coding ontology (PICO, "…Internal_Coding_Ontology…
// .txt"): each CAMEO code as a sum of hexadecimal features, so that codes can be
// combined. dyad uses it for one thing, as PETRARCH-2 does: a negated verb's code is
// its value minus 0xFFFF ("not"), read back as the code with that value — "didn't
// clash" is 110 (0xFFFF+0x0080) negated, 0x0080, which is 050; "declined to comment"
// (011) is 0x1000-0xFFFF, the negated 010.
type Ontology struct {
	values  map[string][]int64 // code → its values, the primary first
	primary map[int64]string   // value → the first code that has it as its primary value
	alt     map[int64]string   // value → the first code that has it as another value
	Lines   []int              // the line of each code read
}

const picoNot = 0xFFFF

// ReadOntology parses a PICO file: "CODE:VALUE" lines, VALUE a sum of hexadecimal
// terms ("-0xFFFF+0x2040+0x300"), optionally followed by "#"-separated fields, of
// which those that are values too are other ways to write the code
// ("110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove"); the rest are names and comments.
func ReadOntology(name string, r io.Reader) (*Ontology, []Problem, error) {
	// Read raw: the "#" fields after a value are part of the entry here.
	o := &Ontology{values: map[string][]int64{}, primary: map[int64]string{}, alt: map[int64]string{}}
	var probs []Problem
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "#")
		head := strings.TrimSpace(fields[0])
		if head == "" {
			continue // a comment line
		}
		code, expr, ok := strings.Cut(head, ":")
		v, err := picoValue(expr)
		if !ok || err != nil {
			probs = append(probs, Problem{File: name, Line: n, Msg: fmt.Sprintf("%q is not CODE:VALUE", head), Skipped: true})
			continue
		}
		code = strings.TrimSpace(code)
		vals := []int64{v}
		for _, f := range fields[1:] {
			if a, err := picoValue(f); err == nil {
				vals = append(vals, a)
			}
		}
		if _, dup := o.values[code]; dup {
			probs = append(probs, Problem{File: name, Line: n, Msg: fmt.Sprintf("code %s given again: the first is used", code)})
			continue
		}
		o.values[code] = vals
		o.Lines = append(o.Lines, n)
		if _, dup := o.primary[v]; !dup {
			o.primary[v] = code
		}
		for _, a := range vals[1:] {
			if _, dup := o.alt[a]; !dup {
				o.alt[a] = code
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return o, probs, nil
}

// picoValue evaluates a sum of hexadecimal (or decimal) terms.
func picoValue(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty")
	}
	var sum int64
	sign := int64(1)
	term := ""
	flush := func() error {
		t := strings.TrimSpace(term)
		base := 10 // "---:0"
		if h, ok := strings.CutPrefix(strings.ToLower(t), "0x"); ok {
			t, base = h, 16
		}
		n, err := strconv.ParseInt(t, base, 64)
		if err != nil {
			return err
		}
		sum += sign * n
		term = ""
		return nil
	}
	for i, r := range s {
		if (r == '+' || r == '-') && i > 0 {
			if err := flush(); err != nil {
				return 0, err
			}
			sign = 1
			if r == '-' {
				sign = -1
			}
			continue
		}
		if r == '-' && i == 0 {
			sign = -1
			continue
		}
		term += string(r)
	}
	if err := flush(); err != nil {
		return 0, err
	}
	return sum, nil
}

// Negate returns the code of "not CODE": ok is false when the ontology does not
// have CODE or no code has the negated value.
func (o *Ontology) Negate(code string) (string, bool) {
	if o == nil {
		return "", false
	}
	for _, v := range o.values[code] {
		n := v - picoNot
		if c, ok := o.primary[n]; ok {
			return c, true
		}
		if c, ok := o.alt[n]; ok {
			return c, true
		}
	}
	return "", false
}

// Len is the number of codes read.
func (o *Ontology) Len() int {
	if o == nil {
		return 0
	}
	return len(o.values)
}
