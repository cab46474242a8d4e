// Command people checks the named-people lexicon files (internal/lexicon/data/people-*.txt)
// and writes the "former official" roles that follow each person's last office.
//
// The files are written by hand: one `person` entry per person, with a `role` line per
// office (CODE FROM..TO note). What this command adds is mechanical: CAMEO has no agent
// for "former", and codes former officials with the elite agent ELI, so after a person's
// last office ends (and in gaps of more than half a year between offices) it writes
//
//	role RUSELI 2008-05-08..  former president
//
// Those lines (code ending in ELI, note starting with "former ") belong to this command:
// it removes and rewrites them on every run, and it lists each person's roles oldest
// first (the lexicon loader takes the last role as the current code when no date is
// given). So edit the office lines and re-run
//
//	go run ./internal/lexicon/gen/people -write
//
// Without -write it only checks the files and prints counts per file and per office. It
// does not load the lexicon for matching: that is package lexicon's job.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	dir := flag.String("dir", "internal/lexicon/data", "folder holding the people-*.txt files")
	write := flag.Bool("write", false, "rewrite the files with the former-official (ELI) roles filled in")
	flag.Parse()
	if err := run(*dir, *write); err != nil {
		fmt.Fprintln(os.Stderr, "people:", err)
		os.Exit(1)
	}
}

func run(dir string, write bool) error {
	files, err := filepath.Glob(filepath.Join(dir, "people-*.txt"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no people-*.txt in %s", dir)
	}
	var all []*Person
	for _, f := range files {
		ps, err := ParseFile(f)
		if err != nil {
			return err
		}
		if write {
			for _, p := range ps {
				FillFormer(p)
			}
			if err := WriteFile(f, ps); err != nil {
				return err
			}
		}
		all = append(all, ps...)
		fmt.Printf("%-28s %5d people\n", filepath.Base(f), len(ps))
	}
	problems := Check(all)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	offices := map[string]int{}
	for _, p := range all {
		seen := map[string]bool{}
		for _, r := range p.Roles {
			if r.Former() {
				continue
			}
			if o := Office(r.Note); !seen[o] {
				seen[o] = true
				offices[o]++
			}
		}
	}
	var keys []string
	for k := range offices {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return offices[keys[i]] > offices[keys[j]] })
	fmt.Printf("%-28s %5d people\n", "total", len(all))
	for _, k := range keys {
		fmt.Printf("  %-26s %5d people\n", k, offices[k])
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d problems", len(problems))
	}
	return nil
}

// Person is one `person` entry.
type Person struct {
	ID, Display string
	Names       []string
	Roles       []Role
	Notes       []string // `note` fields, kept as written
	File        string
	Line        int
}

// Role is one `role` line: an actor code valid between two dates.
type Role struct {
	Code     string
	From, To Date // zero Date = open end
	Note     string
	Line     int
}

// Country is the country part of the code (the first three letters).
func (r Role) Country() string { return r.Code[:3] }

// Agent is what follows the country (GOV, ELI, OPP, WSTNAT …).
func (r Role) Agent() string { return r.Code[3:] }

// Former reports whether the role is one this command writes.
func (r Role) Former() bool {
	return strings.HasSuffix(r.Code, "ELI") && strings.HasPrefix(r.Note, "former ")
}

// Date is a date of the lexicon format: a year, a month or a day.
type Date struct {
	Y, M, D int // M and D are 0 when not given
}

// IsZero reports an open end.
func (d Date) IsZero() bool { return d.Y == 0 }

func (d Date) String() string {
	switch {
	case d.Y == 0:
		return ""
	case d.M == 0:
		return fmt.Sprintf("%04d", d.Y)
	case d.D == 0:
		return fmt.Sprintf("%04d-%02d", d.Y, d.M)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
}

// First is the first day the date can mean; Last the last.
func (d Date) First() time.Time {
	m, day := max(d.M, 1), max(d.D, 1)
	return time.Date(d.Y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

func (d Date) Last() time.Time {
	switch {
	case d.M == 0:
		return time.Date(d.Y, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.D == 0:
		return time.Date(d.Y, time.Month(d.M)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// Next is the period right after d at the same precision.
func (d Date) Next() Date {
	switch {
	case d.M == 0:
		return Date{Y: d.Y + 1}
	case d.D == 0:
		t := time.Date(d.Y, time.Month(d.M)+1, 1, 0, 0, 0, 0, time.UTC)
		return Date{Y: t.Year(), M: int(t.Month())}
	}
	t := d.First().AddDate(0, 0, 1)
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	var d Date
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil {
			return d, fmt.Errorf("date %q: %w", s, err)
		}
		d.Y = t.Year()
		if len(s) >= 7 {
			d.M = int(t.Month())
		}
		if len(s) == 10 {
			d.D = t.Day()
		}
		return d, nil
	}
	return d, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// ParseFile reads the person entries of one file. Other entry kinds are an error: the
// people files hold people only.
func ParseFile(path string) ([]*Person, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		out  []*Person
		cur  *Person
		errs []error
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := stripComment(sc.Text())
		if strings.TrimSpace(line) == "" {
			continue
		}
		fail := func(format string, a ...any) {
			errs = append(errs, fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, a...)))
		}
		fields := strings.Fields(line)
		if line[0] != ' ' && line[0] != '\t' {
			if fields[0] != "person" || len(fields) < 3 {
				fail("want `person ID Display Name`, got %q", line)
				cur = nil
				continue
			}
			cur = &Person{ID: fields[1], Display: strings.Join(fields[2:], " "), File: filepath.Base(path), Line: n}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			fail("field outside any entry")
			continue
		}
		value := strings.TrimSpace(strings.TrimSpace(line)[len(fields[0]):])
		switch fields[0] {
		case "names":
			for _, p := range strings.Split(value, "|") {
				if p = strings.TrimSpace(p); p != "" {
					cur.Names = append(cur.Names, p)
				}
			}
		case "note":
			cur.Notes = append(cur.Notes, value)
		case "role":
			r, err := parseRole(fields[1:])
			if err != nil {
				fail("%v", err)
				continue
			}
			r.Line = n
			cur.Roles = append(cur.Roles, r)
		default:
			fail("unknown field %q in a person entry", fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", path, err))
	}
	return out, errors.Join(errs...)
}

func parseRole(fields []string) (Role, error) {
	var r Role
	if len(fields) < 2 {
		return r, fmt.Errorf("role wants `CODE FROM..TO [note]`")
	}
	r.Code = fields[0]
	if len(r.Code) < 6 || len(r.Code)%3 != 0 || strings.ToUpper(r.Code) != r.Code {
		return r, fmt.Errorf("role code %q is not a country code followed by agent codes", r.Code)
	}
	from, to, ok := strings.Cut(fields[1], "..")
	if !ok {
		return r, fmt.Errorf("role dates %q want FROM..TO", fields[1])
	}
	var err error
	if from != "" {
		if r.From, err = ParseDate(from); err != nil {
			return r, err
		}
	}
	if to != "" {
		if r.To, err = ParseDate(to); err != nil {
			return r, err
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.From.First().After(r.To.Last()) {
		return r, fmt.Errorf("role starts %s after it ends %s", r.From, r.To)
	}
	r.Note = strings.Join(fields[2:], " ")
	return r, nil
}

func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}
