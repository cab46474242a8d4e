package petrarch

import (
	"reflect"
	"strings"
	"testing"
)

func TestParsePattern(t *testing.T) {
	w := func(prep string, ws ...string) Elem { return Elem{Kind: ElemWords, Words: ws, Prep: prep} }
	tests := []struct {
		name      string
		in        string
		pre, post []Elem
		code, rev string
		err       string
	}{
		{name: "object word", in: "- * DIPLOMAT [161]", post: []Elem{w("", "DIPLOMAT")}, code: "161"},
		{name: "noun phrase in braces", in: "- * {HUMANITARIAN AID}  [073]  ", post: []Elem{w("", "HUMANITARIAN", "AID")}, code: "073"},
		{name: "synset", in: "- * &CURRENCY [071]", post: []Elem{w("", "&CURRENCY")}, code: "071"},
		{name: "prepositional phrase", in: "- * POLICE (TO BORDER) [153]", post: []Elem{w("", "POLICE"), w("TO", "BORDER")}, code: "153"},
		{name: "bare preposition", in: "- * (TO) [042:043]", post: []Elem{w("TO")}, code: "042", rev: "043"},
		{name: "reverse code only", in: "- * (BEFORE COURT) [:173]", post: []Elem{w("BEFORE", "COURT")}, rev: "173"},
		{name: "source in a prepositional phrase, target before the verb", in: "- + * (FROM $) [080]",
			pre: []Elem{{Kind: ElemTarget}}, post: []Elem{{Kind: ElemSource, Prep: "FROM"}}, code: "080"},
		{name: "skip and compound", in: "- % * TALKS ^ [031]", pre: []Elem{{Kind: ElemCompound}},
			post: []Elem{w("", "TALKS"), {Kind: ElemSkip}}, code: "031"},
		{name: "braces inside parentheses", in: "- * (TO {BANNED PARTIES}) $ [1722]",
			post: []Elem{w("TO", "BANNED", "PARTIES"), {Kind: ElemSource}}, code: "1722"},
		{name: "PETRARCH-1 connectors", in: "- SO IN_AND_*_OUT_AGAIN NOW [074]",
			pre: []Elem{w("", "SO"), w("", "IN", "AND")}, post: []Elem{w("", "OUT", "AGAIN"), w("", "NOW")}, code: "074"},
		{name: "null code", in: "- * SEARCH [---]", post: []Elem{w("", "SEARCH")}, code: "---"},
		{name: "no code", in: "- * DIPLXMATIC  [", err: "no [code] at the end"},
		{name: "unbalanced parenthesis", in: "- * VENTURE (WITH VISIT) VISIT)[042:043]", err: "')' without '('"},
		{name: "no verb mark", in: "- DIPLOMAT [161]", err: "want exactly one '*' (the verb)"},
		{name: "two verb marks", in: "- * A * [161]", err: "want exactly one '*' (the verb)"},
		{name: "bad code", in: "- * A [1.1]", err: "the code is not a code"},
		{name: "unclosed brace", in: "- * {A B [161]", err: "'{' without '}'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, msg := parsePattern(tt.in)
			if msg != tt.err {
				t.Fatalf("error %q, want %q", msg, tt.err)
			}
			if tt.err != "" {
				return
			}
			if !reflect.DeepEqual(p.Pre, tt.pre) || !reflect.DeepEqual(p.Post, tt.post) {
				t.Errorf("pre %+v post %+v\nwant pre %+v post %+v", p.Pre, p.Post, tt.pre, tt.post)
			}
			if p.Code != tt.code || p.Reverse != tt.rev {
				t.Errorf("code %q:%q, want %q:%q", p.Code, p.Reverse, tt.code, tt.rev)
			}
		})
	}
}

// verbSnippet exercises the verb grammar: synsets (with a "_" label and a nested
// synset), block headers with and without codes, verbs with forms, own codes and
// multi-word forms, patterns, a transformation, comments of every kind, and lines
// that cannot be read.
const verbSnippet = `# a comment line
<!-- an XML comment
   over two lines -->
&CURRENCY
+DOLLAR
+SWISS_FRANC
&TIES_
+DIPLOMATIC
+&CURRENCY

--- EXPEL   [---]  ---
EXPEL  # jw 11/13/91
OUST {OUSTS OUSTED OUSTING}
KICK [174]
+KICK_OUT {+KICKS_OUT +KICKED_OUT +KICKING_OUT}
WIRE_+TAP
- * DIPLOMAT  [161]  # EXPEL
- * &UNDEFINED [162]
* (TO QUESTION) [110]
~ a (b . ATTACK) SAY = a b 112
--- BROKEN [1.x] ---
ORPHAN
`

func TestReadVerbs(t *testing.T) {
	d, probs, err := ReadVerbs("v.txt", strings.NewReader(verbSnippet))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Synsets); got != 2 {
		t.Fatalf("%d synsets, want 2", got)
	}
	if s := d.Synsets["&TIES"]; s == nil || !s.NoPlural || !reflect.DeepEqual(s.Phrases, [][]string{{"DIPLOMATIC"}, {"&CURRENCY"}}) {
		t.Errorf("synset &TIES = %+v", s)
	}
	if s := d.Synsets["&CURRENCY"]; s == nil || !reflect.DeepEqual(s.Phrases[1], []string{"SWISS", "FRANC"}) || !reflect.DeepEqual(s.Lines, []int{5, 6}) {
		t.Errorf("synset &CURRENCY = %+v", s)
	}
	if len(d.Blocks) != 1 {
		t.Fatalf("%d blocks, want 1 (the broken header is skipped)", len(d.Blocks))
	}
	b := d.Blocks[0]
	if b.Name != "EXPEL" || b.Code != "---" || b.Line != 11 {
		t.Errorf("block %s [%s] at %d", b.Name, b.Code, b.Line)
	}
	wantVerbs := []Verb{
		{Words: []string{"EXPEL"}, Line: 12},
		{Words: []string{"OUST"}, Forms: [][]string{{"OUSTS"}, {"OUSTED"}, {"OUSTING"}}, Line: 13},
		{Words: []string{"KICK"}, Code: "174", Line: 14},
		{Words: []string{"KICK", "OUT"}, Forms: [][]string{{"KICKS", "OUT"}, {"KICKED", "OUT"}, {"KICKING", "OUT"}}, Line: 15},
		{Words: []string{"WIRE", "TAP"}, Head: 1, Line: 16},
	}
	if !reflect.DeepEqual(b.Verbs, wantVerbs) {
		t.Errorf("verbs\n%+v\nwant\n%+v", b.Verbs, wantVerbs)
	}
	if len(b.Patterns) != 2 || b.Patterns[0].Line != 17 || b.Patterns[0].Code != "161" {
		t.Errorf("patterns %+v", b.Patterns)
	}
	if !reflect.DeepEqual(d.Transformations, []int{20}) {
		t.Errorf("transformations at %v, want [20]", d.Transformations)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	want := []string{
		`v.txt:19: pattern "* (TO QUESTION) [110]" has no leading '-' (line skipped)`,
		`v.txt:21: block code [1.x] is not a code (line skipped)`,
		`v.txt:22: "ORPHAN": verb outside any --- VERB [code] --- block (line skipped)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPetrDate(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"140608", "2014-06-08", ""},
		{"300101", "2030-01-01", ""},
		{"310101", "1931-01-01", ""},
		{"000101", "2000-01-01", ""},
		{"20120229", "2012-02-29", ""},
		{"20110229", "", `date "20110229" is not a day of the calendar`},
		{"2004017", "", `date "2004017" is not YYMMDD or YYYYMMDD`},
		{"14O608", "", `date "14O608" is not YYMMDD or YYYYMMDD`},
	}
	for _, tt := range tests {
		got, err := petrDate(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("petrDate(%q) = %q, %q; want %q, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

const actorSnippet = `<!-- ACTORS -->
AFGHANISTAN_  [AFG]
+AFGHAN_
+ISLAMIC_REPUBLIC_OF_AFGHANISTAN
HAMID_KARZAI_  # CountryInfo.txt
	[AFGELI 571224-011222]
	[AFGGOV 011222-141229]
	[AFGELI]
ASHRAF_GHANI [AFGGOV >140929] [AFGELI <140928]
KOFI_ANNAN_	[IGOUNO 970101-061231] [ELI/GOV]
INDIAN_OCEAN  [---]
+ORPHANED_SYNONYM [XYZ 2004017-20061201]
NOCODE_NAME
	[BADCODE >20121301]
]
`

func TestReadActors(t *testing.T) {
	d, probs, err := ReadActors("a.txt", strings.NewReader(actorSnippet))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entries) != 6 {
		t.Fatalf("%d entries, want 6", len(d.Entries))
	}
	afg := d.Entries[0]
	if !reflect.DeepEqual(afg.Names, []string{"AFGHANISTAN", "AFGHAN", "ISLAMIC REPUBLIC OF AFGHANISTAN"}) || !reflect.DeepEqual(afg.Lines, []int{2, 3, 4}) {
		t.Errorf("names %q at %v", afg.Names, afg.Lines)
	}
	karzai := d.Entries[1].Codes
	wantKarzai := []DatedCode{
		{Code: "AFGELI", From: "1957-12-24", To: "2001-12-22", Line: 6},
		{Code: "AFGGOV", From: "2001-12-22", To: "2014-12-29", Line: 7},
		{Code: "AFGELI", Line: 8},
	}
	if !reflect.DeepEqual(karzai, wantKarzai) {
		t.Errorf("Karzai codes %+v", karzai)
	}
	ghani := d.Entries[2].Codes
	if len(ghani) != 2 || ghani[0].From != "2014-09-29" || ghani[1].To != "2014-09-28" {
		t.Errorf("Ghani codes %+v", ghani)
	}
	if annan := d.Entries[3].Codes; len(annan) != 2 || annan[1].Code != "ELI" || !reflect.DeepEqual(annan[1].Also, []string{"GOV"}) {
		t.Errorf("Annan codes %+v", annan)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	want := []string{
		`a.txt:12: code [XYZ 2004017-20061201]: date "2004017" is not YYMMDD or YYYYMMDD (line skipped)`,
		`a.txt:14: code [BADCODE >20121301]: date "20121301" is not a day of the calendar (line skipped)`,
		`a.txt:15: ']' without '[' (line skipped)`,
		`a.txt:13: "NOCODE NAME" has no code: read as a name that codes nothing`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const agentSnippet = `!PERSON! = MAN, WOMAN
AMBASSADOR [~GOV] # LRP 02 Jun 2004
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
POLICE {} [ ~COP]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
ISLAMIC_EXTREMIST
MINISTER [GOV]
!UNDEFINED!_OF_WALKS [~GOV]
BROKEN [~GOVX]
`

func TestReadAgents(t *testing.T) {
	ags, probs, err := ReadAgents("g.txt", strings.NewReader(agentSnippet))
	if err != nil {
		t.Fatal(err)
	}
	want := []Agent{
		{Phrase: "AMBASSADOR", Code: "GOV", Line: 2},
		{Phrase: "ATTORNEY GENERAL", Plural: "ATTORNEYS GENERAL", Code: "GOVATG", Line: 3},
		{Phrase: "POLICE", NoPlural: true, Code: "COP", Line: 4},
		{Phrase: "CONGRESSMAN", NoPlural: true, Code: "LEG", Line: 5},
		{Phrase: "CONGRESSWOMAN", NoPlural: true, Code: "LEG", Line: 5},
		{Phrase: "HUMAN RIGHTS BODY", Code: "NGO", Prefix: true, Line: 6},
	}
	if !reflect.DeepEqual(ags, want) {
		t.Errorf("agents\n%+v\nwant\n%+v", ags, want)
	}
	var lines []int
	for _, p := range probs {
		if !p.Skipped {
			t.Errorf("unexpected warning %s", p)
		}
		lines = append(lines, p.Line)
	}
	if !reflect.DeepEqual(lines, []int{7, 8, 9, 10}) {
		t.Errorf("problems at lines %v, want [7 8 9 10]: %v", lines, probs)
	}
}

func TestReadDiscards(t *testing.T) {
	ds, probs, err := ReadDiscards("d.txt", strings.NewReader("+ESPN2\nAFRICAN NATIONS CUP   # ab 13 Jun 2005\nBATSM_\n+\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Discard{
		{Phrase: "ESPN2", Story: true, Line: 1},
		{Phrase: "AFRICAN NATIONS CUP", Line: 2},
		{Phrase: "BATSM", Exact: true, Line: 3},
	}
	if !reflect.DeepEqual(ds, want) {
		t.Errorf("discards %+v", ds)
	}
	if len(probs) != 1 || probs[0].Line != 4 || !probs[0].Skipped {
		t.Errorf("problems %v, want one at line 4", probs)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		kind FileKind
		ok   bool
	}{
		{"CAMEO.2.0.txt", KindVerbs, true},
		{"PETR_Validate_verbs_2_02.txt", KindVerbs, true},
		{"Phoenix.Countries.actors.txt", KindActors, true},
		{"PETR.Validate.agents.txt", KindAgents, true},
		{"Phoenix.discards.txt", KindDiscards, true},
		{"Phoenix.IssueCoding.txt", KindIssues, true},
		{"PETR.UnitTest.records.xml", "", false},
		{"PETR.Validate.records.140226.txt", "", false},
		{"Phoenix.prepositions.txt", "", false},
		{"PETR_Validate_Internal_Coding_Ontology_1_01.txt", KindOntology, true},
	}
	for _, tt := range tests {
		if k, ok := Classify(tt.name); k != tt.kind || ok != tt.ok {
			t.Errorf("Classify(%q) = %q, %v; want %q, %v", tt.name, k, ok, tt.kind, tt.ok)
		}
	}
}
