package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// minGap is the shortest pause between two offices that gets a former-official role:
// shorter pauses are reshuffles, not retirements.
const minGap = 183 // days

// FillFormer replaces p's former-official roles with ones computed from its offices: one
// from the day after the last office ends (unless an office is still open) and one for
// every gap of more than minGap days between offices. A gap's country is that of the
// office just ended; the final role's is the country the person served longest (a
// Georgian president who later governed a Ukrainian region stays a former Georgian
// official). After an IGO office the person's own country is used, if the file gives one.
func FillFormer(p *Person) {
	var offices []Role
	for _, r := range p.Roles {
		if !r.Former() {
			offices = append(offices, r)
		}
	}
	home := homeCountry(offices)
	longest := longestCountry(offices)
	sorted := append([]Role(nil), offices...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].From.First().Before(sorted[j].From.First())
	})
	var added []Role
	var last *Role // the office that ends latest among those seen so far
	for i := range sorted {
		r := &sorted[i]
		if last != nil && !last.To.IsZero() && !r.From.IsZero() &&
			r.From.First().Sub(last.To.Last()).Hours()/24 > minGap {
			if c := formerCountry(*last, home); c != "" {
				added = append(added, Role{Code: c + "ELI", From: last.To.Next(), To: r.From.Prev(), Note: "former " + noteOr(last.Note)})
			}
		}
		if last == nil || r.To.IsZero() || (!last.To.IsZero() && r.To.Last().After(last.To.Last())) {
			last = r
		}
		if last.To.IsZero() {
			break // in office to this day: no more gaps can follow
		}
	}
	if last != nil && !last.To.IsZero() {
		if c := longest; c != "" {
			note := last.Note
			for _, r := range sorted { // the latest office held in that country names the role
				if r.Country() == c {
					note = r.Note
				}
			}
			added = append(added, Role{Code: c + "ELI", From: last.To.Next(), Note: "former " + noteOr(note)})
		}
	}
	p.Roles = append(offices, added...)
	SortRoles(p.Roles)
}

func noteOr(n string) string {
	if n == "" {
		return "official"
	}
	return n
}

func formerCountry(r Role, home string) string {
	if r.Country() != "IGO" {
		return r.Country()
	}
	return home
}

// homeCountry is the country of the person's national offices, "" when there is none.
func homeCountry(roles []Role) string {
	for _, r := range roles {
		if r.Country() != "IGO" {
			return r.Country()
		}
	}
	return ""
}

// longestCountry is the non-IGO country of the offices that add up to the longest time,
// "" when there is none. Open-ended offices never reach here (no final role is written).
func longestCountry(roles []Role) string {
	days := map[string]float64{}
	for _, r := range roles {
		if r.Country() == "IGO" || r.From.IsZero() || r.To.IsZero() {
			continue
		}
		days[r.Country()] += r.To.Last().Sub(r.From.First()).Hours()/24 + 1
	}
	best := ""
	for c, d := range days {
		if best == "" || d > days[best] || (d == days[best] && c < best) {
			best = c
		}
	}
	if best == "" {
		return homeCountry(roles)
	}
	return best
}

// Prev is the period right before d at the same precision.
func (d Date) Prev() Date {
	switch {
	case d.M == 0:
		return Date{Y: d.Y - 1}
	case d.D == 0:
		if d.M == 1 {
			return Date{Y: d.Y - 1, M: 12}
		}
		return Date{Y: d.Y, M: d.M - 1}
	}
	t := d.First().AddDate(0, 0, -1)
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// roleLine formats a role line the way the files align them.
func roleLine(r Role) string {
	s := fmt.Sprintf("  role      %-9s %-24s %s", r.Code, r.From.String()+".."+r.To.String(), r.Note)
	return strings.TrimRight(s, " ")
}

// WriteFile rewrites path with each person's roles in chronological order (the lexicon
// loader reads the last role as the current one) and the former-official roles replaced
// by those in ps. Every other line is kept as it is.
func WriteFile(path string, ps []*Person) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	old, err := ParseFile(path)
	if err != nil {
		return err
	}
	skip := map[int]bool{}      // 1-based numbers of all role lines: rewritten below
	block := map[int][]string{} // at the first role line of a person: its sorted roles
	for i, p := range ps {
		first := 0
		for _, r := range old[i].Roles {
			skip[r.Line] = true
			if first == 0 || r.Line < first {
				first = r.Line
			}
		}
		roles := append([]Role(nil), p.Roles...)
		SortRoles(roles)
		var text []string
		for _, r := range roles {
			if r.Line > 0 && !r.Former() {
				text = append(text, lines[r.Line-1])
			} else {
				text = append(text, roleLine(r))
			}
		}
		if first == 0 { // no role yet: put them after the header
			first = p.Line
			text = append([]string{lines[p.Line-1]}, text...)
			skip[p.Line] = true
		}
		block[first] = text
	}
	var b strings.Builder
	for i, l := range lines {
		n := i + 1
		if t, ok := block[n]; ok {
			for _, x := range t {
				b.WriteString(x)
				b.WriteByte('\n')
			}
		}
		if !skip[n] {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// SortRoles orders roles by start, then by end (open ends last), keeping the order of
// equal ones.
func SortRoles(roles []Role) {
	sort.SliceStable(roles, func(i, j int) bool { return roleBefore(roles[i], roles[j]) })
}

func roleBefore(a, b Role) bool {
	af, bf := a.From.First(), b.From.First()
	if a.From.IsZero() {
		af = time.Time{}
	}
	if b.From.IsZero() {
		bf = time.Time{}
	}
	if !af.Equal(bf) {
		return af.Before(bf)
	}
	switch {
	case a.To.IsZero() || b.To.IsZero():
		return !a.To.IsZero() && b.To.IsZero()
	}
	return a.To.Last().Before(b.To.Last())
}
