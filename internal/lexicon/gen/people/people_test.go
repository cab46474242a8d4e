package main

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

const dataDir = "../../data"

func loadAll(t *testing.T) []*Person {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dataDir, "people-*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no people files in %s", dataDir)
	}
	var all []*Person
	for _, f := range files {
		ps, err := ParseFile(f)
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		all = append(all, ps...)
	}
	return all
}

func TestRegionFilesExist(t *testing.T) {
	for _, region := range []string{"americas", "europe", "mena", "africa", "asia-pacific", "igo"} {
		ps, err := ParseFile(filepath.Join(dataDir, "people-"+region+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) == 0 {
			t.Errorf("people-%s.txt has no people", region)
		}
	}
}

func TestFilesAreConsistent(t *testing.T) {
	for _, p := range Check(loadAll(t)) {
		t.Error(p)
	}
}

// The former-official roles are computed: a file edited without re-running the command
// would code a sitting minister as a former one.
func TestFormerRolesAreUpToDate(t *testing.T) {
	for _, p := range loadAll(t) {
		var have, want []string
		for _, r := range p.Roles {
			if r.Former() {
				have = append(have, roleLine(r))
			}
		}
		q := *p
		q.Roles = append([]Role(nil), p.Roles...)
		FillFormer(&q)
		for _, r := range q.Roles {
			if r.Former() {
				want = append(want, roleLine(r))
			}
		}
		sort.Strings(have)
		sort.Strings(want)
		if strings.Join(have, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:%d %s: former roles\n%s\nwant\n%s\n(run: go run ./internal/lexicon/gen/people -write)",
				p.File, p.Line, p.ID, strings.Join(have, "\n"), strings.Join(want, "\n"))
		}
	}
}

// Bare words that are common English words or shared by many public figures must not
// be a person's name on their own.
func TestNoAmbiguousBareNames(t *testing.T) {
	banned := set(`brown may rice lee kim wang khan ali li park moon clinton zhang liu chen singh
	sharif hasina abe kohl may fox rudd key king price bush-senior white black green young
	mohammed muhammad ahmed hassan hussein abdullah salman al hague gallant tenet wade talon
	shorten downer lugo pita anwar najib barbecue castro duterte marcos aquino bhutto jiang`)
	for _, p := range loadAll(t) {
		for _, n := range p.Names {
			if banned[Fold(n)] {
				t.Errorf("%s:%d %s: bare name %q is ambiguous", p.File, p.Line, p.ID, n)
			}
		}
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// codesOn returns the codes of the person named name (folded match) on date d.
func codesOn(t *testing.T, ps []*Person, name string, d time.Time) (*Person, []string) {
	t.Helper()
	want := Fold(name)
	for _, p := range ps {
		for _, n := range p.Names {
			if Fold(n) != want {
				continue
			}
			var codes []string
			seen := map[string]bool{}
			for _, r := range p.Roles {
				if covers(r, d) && !seen[r.Code] {
					seen[r.Code] = true
					codes = append(codes, r.Code)
				}
			}
			return p, codes
		}
	}
	return nil, nil
}

func covers(r Role, d time.Time) bool {
	return (r.From.IsZero() || !d.Before(r.From.First())) && (r.To.IsZero() || !d.After(r.To.Last()))
}

func TestSpotChecksOnDates(t *testing.T) {
	ps := loadAll(t)
	tests := []struct {
		name, date, want string
	}{
		{"Sergei Lavrov", "2020-12-24", "RUSGOV"},
		{"Lavrov", "2020-12-24", "RUSGOV"},
		{"Sergey Lavrov", "2003-06-01", "RUSGOV"},
		{"Barack Obama", "2009-01-20", "USAGOV"},
		{"Obama", "2017-01-20", "USAGOV"},
		{"Obama", "2017-06-01", "USAELI"},
		{"Iván Duque", "2018-08-07", "COLGOV"},
		{"Ivan Duque", "2022-08-07", "COLGOV"},
		{"Duque", "2023-03-01", "COLELI"},
		{"Claudia Blum", "2020-06-01", "COLGOV"},
		{"Nicolás Maduro", "2010-01-01", "VENGOV"},
		{"Maduro", "2020-12-24", "VENGOV"},
		{"Donald Trump", "2018-01-01", "USAGOV"},
		{"Trump", "2023-01-01", "USAELI"},
		{"Trump", "2025-06-01", "USAGOV"},
		{"George W. Bush", "2010-01-01", "USAELI"},
		{"Vladimir Putin", "2010-01-01", "RUSGOV"},
		{"Putin", "2020-12-24", "RUSGOV"},
		{"Angela Merkel", "2020-12-24", "DEUGOV"},
		{"Merkel", "2022-06-01", "DEUELI"},
		{"Muammar Gaddafi", "2005-01-01", "LBYGOV"},
		{"Kadhafi", "2005-01-01", "LBYGOV"},
		{"Qaddafi", "2005-01-01", "LBYGOV"},
		{"Erdogan", "2010-01-01", "TURGOV"},
		{"Netanyahu", "2020-12-24", "ISRGOV"},
		{"Ban Ki-moon", "2010-01-01", "IGOUNO"},
		{"Antonio Guterres", "2020-12-24", "IGOUNO"},
		{"Volodymyr Zelensky", "2022-03-01", "UKRGOV"},
		{"Xi Jinping", "2020-12-24", "CHNGOV"},
		{"Narendra Modi", "2020-12-24", "INDGOV"},
	}
	for _, tc := range tests {
		p, codes := codesOn(t, ps, tc.name, day(tc.date))
		if p == nil {
			t.Errorf("%q: no such person", tc.name)
			continue
		}
		if len(codes) != 1 || codes[0] != tc.want {
			t.Errorf("%q on %s: codes %v, want [%s]", tc.name, tc.date, codes, tc.want)
		}
	}
}

func TestSpotChecksOnTerms(t *testing.T) {
	ps := loadAll(t)
	tests := []struct {
		name, code, from, to, note string
	}{
		{"Barack Obama", "USAGOV", "2009-01-20", "2017-01-20", "president"},
		{"Iván Duque", "COLGOV", "2018-08-07", "2022-08-07", "president"},
		{"Donald Trump", "USAGOV", "2017-01-20", "2021-01-20", "president"},
		{"Donald Trump", "USAGOV", "2025-01-20", "", "president"},
		{"Nicolás Maduro", "VENGOV", "2013", "", "president"},
		{"Nicolás Maduro", "VENGOV", "2006", "2013", "foreign minister"},
		{"Claudia Blum", "COLGOV", "2019", "2021", "foreign minister"},
		{"Sergei Lavrov", "RUSGOV", "2004-03-09", "", "foreign minister"},
	}
	for _, tc := range tests {
		var p *Person
		want := Fold(tc.name)
		for _, q := range ps {
			for _, n := range q.Names {
				if Fold(n) == want {
					p = q
				}
			}
		}
		if p == nil {
			t.Errorf("%q: no such person", tc.name)
			continue
		}
		found := false
		for _, r := range p.Roles {
			// A year or month in the table asks only that the file's date fall inside it.
			if r.Code == tc.code && r.Note == tc.note && dateIn(r.From, tc.from) && dateIn(r.To, tc.to) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no role %s %s..%s %s; roles: %+v", tc.name, tc.code, tc.from, tc.to, tc.note, p.Roles)
		}
	}
}

func dateIn(d Date, want string) bool {
	if want == "" {
		return d.IsZero()
	}
	return !d.IsZero() && strings.HasPrefix(d.String(), want)
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in          string
		first, last string
		next, prev  string
		bad         bool
	}{
		{in: "2004-03-09", first: "2004-03-09", last: "2004-03-09", next: "2004-03-10", prev: "2004-03-08"},
		{in: "2004-02", first: "2004-02-01", last: "2004-02-29", next: "2004-03", prev: "2004-01"},
		{in: "2004-01", first: "2004-01-01", last: "2004-01-31", next: "2004-02", prev: "2003-12"},
		{in: "2004", first: "2004-01-01", last: "2004-12-31", next: "2005", prev: "2003"},
		{in: "2004-12-31", first: "2004-12-31", last: "2004-12-31", next: "2005-01-01", prev: "2004-12-30"},
		{in: "2004-13", bad: true},
		{in: "04-03-09", bad: true},
		{in: "2004-3-9", bad: true},
	}
	for _, tc := range tests {
		d, err := ParseDate(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tc.in, d)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		got := []string{d.First().Format("2006-01-02"), d.Last().Format("2006-01-02"), d.Next().String(), d.Prev().String()}
		want := []string{tc.first, tc.last, tc.next, tc.prev}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q: first/last/next/prev %v, want %v", tc.in, got, want)
		}
	}
}

func mustRole(t *testing.T, s string) Role {
	t.Helper()
	r, err := parseRole(strings.Fields(s))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFillFormer(t *testing.T) {
	tests := []struct {
		name  string
		roles []string
		want  []string // former roles, as "CODE FROM..TO"
	}{
		{"still in office", []string{"RUSGOV 2004-03-09.. foreign minister"}, nil},
		{"after last office", []string{"USAGOV 2009-01-20..2017-01-20 president"}, []string{"USAELI 2017-01-21.."}},
		{"gap between terms", []string{"USAGOV 2017-01-20..2021-01-20 president", "USAGOV 2025-01-20.. president"},
			[]string{"USAELI 2021-01-21..2025-01-19"}},
		{"reshuffle is no gap", []string{"RUSGOV 1999-08-16..2000-05-07 prime minister", "RUSGOV 2000-05-07..2008-05-07 president",
			"RUSGOV 2008-05-08..2012-05-07 prime minister", "RUSGOV 2012-05-07.. president"}, nil},
		{"month precision", []string{"COLGOV 2019-11..2021-05 foreign minister"}, []string{"COLELI 2021-06.."}},
		{"year precision gap", []string{"FRAGOV 2002..2004 foreign minister", "FRAGOV 2010..2012 prime minister"},
			[]string{"FRAELI 2005..2009", "FRAELI 2013.."}},
		{"after IGO office: home country", []string{"PRTGOV 1995-10-28..2002-04-06 prime minister", "IGOUNO 2017-01-01.. secretary-general"},
			[]string{"PRTELI 2002-04-07..2016-12-31"}},
		{"overlapping offices end at the latest", []string{"ESPGOV 2000..2010 foreign minister", "ESPGOV 2004..2006 defence minister"},
			[]string{"ESPELI 2011.."}},
		{"final role in the country served longest", []string{"GEOGOV 2004-01-25..2013-11-17 president", "UKRGOV 2015-05-30..2016-11-09 governor"},
			[]string{"GEOELI 2013-11-18..2015-05-29", "GEOELI 2016-11-10.."}},
		{"old former roles are replaced", []string{"USAGOV 2001-01-20..2009-01-20 president", "USAELI 2005.. former president"},
			[]string{"USAELI 2009-01-21.."}},
	}
	for _, tc := range tests {
		p := &Person{ID: "x"}
		for _, s := range tc.roles {
			p.Roles = append(p.Roles, mustRole(t, s))
		}
		FillFormer(p)
		var got []string
		for _, r := range p.Roles {
			if r.Former() {
				got = append(got, r.Code+" "+r.From.String()+".."+r.To.String())
			}
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: former roles %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCheckFindsProblems(t *testing.T) {
	mk := func(id string, names []string, roles ...string) *Person {
		p := &Person{ID: id, Names: names, File: "f", Line: 1}
		for _, s := range roles {
			p.Roles = append(p.Roles, mustRole(t, s))
		}
		return p
	}
	tests := []struct {
		name   string
		people []*Person
		want   string // substring of the one problem expected, "" for none
	}{
		{"clean", []*Person{mk("a-b", []string{"A B"}, "USAGOV 2001..2002 x")}, ""},
		{"duplicate id", []*Person{mk("a-b", []string{"A B"}, "USAGOV 2001..2002 x"), mk("a-b", []string{"C D"}, "USAGOV 2001..2002 x")}, "id already used"},
		{"shared name", []*Person{mk("a-b", []string{"A B", "Bee"}, "USAGOV 2001..2002 x"), mk("c-d", []string{"C D", "bée"}, "USAGOV 2001..2002 x")}, "also a name of"},
		{"bad country", []*Person{mk("a-b", []string{"A B"}, "XYZGOV 2001..2002 x")}, "unknown role code"},
		{"bad agent", []*Person{mk("a-b", []string{"A B"}, "USAXXX 2001..2002 x")}, "unknown role code"},
		{"two countries at once", []*Person{mk("a-b", []string{"A B"}, "USAGOV 2001-01-01..2003-01-01 x", "GBRGOV 2002-01-01..2004-01-01 y")}, "overlaps"},
		{"government and former at once", []*Person{mk("a-b", []string{"A B"}, "USAGOV 2001-01-01..2003-01-01 x", "USAELI 2002-01-01.. former x")}, "overlaps"},
		{"handover day is no overlap", []*Person{mk("a-b", []string{"A B"}, "USAGOV 2001-01-01..2003-01-01 x", "USAOPP 2003-01-01.. y")}, ""},
		{"imprecise ends may touch", []*Person{mk("a-b", []string{"A B"}, "USAGOV 2001..2003 x", "USAOPP 2003.. y")}, ""},
		{"two offices of one government", []*Person{mk("a-b", []string{"A B"}, "USAGOV 2001..2005 x", "USAGOV 2003..2004 y")}, ""},
		{"bad id", []*Person{mk("A_b", []string{"A B"}, "USAGOV 2001..2002 x")}, "id must be"},
	}
	for _, tc := range tests {
		got := Check(tc.people)
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: problems %v, want none", tc.name, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
			t.Errorf("%s: problems %v, want one with %q", tc.name, got, tc.want)
		}
	}
}

func TestParseRoleRejects(t *testing.T) {
	for _, s := range []string{"USAGOV", "USAGOV 2001-2002", "usagov 2001..2002", "USAGO 2001..2002", "USAGOV 2005..2001", "USAGOV 2001..20x2"} {
		if _, err := parseRole(strings.Fields(s)); err == nil {
			t.Errorf("parseRole(%q): no error", s)
		}
	}
}
