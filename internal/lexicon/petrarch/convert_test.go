package petrarch

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"dyad/internal/coder"
	"dyad/internal/lexicon"
	"dyad/internal/text"
)

// writeDir writes dictionary files into a temporary folder.
func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const convertVerbs = `&CURRENCY
+DOLLAR
+EURO

--- EXPEL   [174]  ---
EXPEL
DEPORT
- * DIPLOMAT  [161]
- * {EMBASSY STAFF} [161]
- * SCHOOL [---]
- + * (FROM $) [080]
- * (BEFORE COURT) [:173]
- FORCES * [190]

--- GRANT  [070]  ---
GRANT
GIVE {GAVE GIVEN GIVING}
- * &CURRENCY (TO +) [071]
- * VISIT [042:043]
`

func TestConvertVerbs(t *testing.T) {
	dir := writeDir(t, map[string]string{"test.verbs.txt": convertVerbs, "test.actors.txt": "RUSSIA [RUS]\n"})
	d, rep, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := Convert(d, rep)
	byID := map[string]*lexicon.Predicate{}
	for _, p := range c.Events[0].Entries {
		byID[p.ID] = p
	}
	tests := []struct {
		id             string
		cameo          string
		object, not    []string
		source, target []string
	}{
		{id: "expel-161", cameo: "161", object: []string{"embassy staff"}, target: targetRoles("")},
		{id: "expel-161-2", cameo: "161", object: []string{"diplomat"}, target: targetRoles("")},
		{id: "expel-080", cameo: "080", object: []string{"from"}, source: []string{"from"}, target: []string{"subject"}},
		{id: "expel-173", cameo: "173", object: []string{"court"}, source: []string{"object"}, target: []string{"subject"}},
		{id: "expel-174", cameo: "174", not: []string{"school"}, target: targetRoles("")},
		{id: "grant-071", cameo: "071", object: []string{"dollar", "euro"}, target: []string{"to"}},
		{id: "grant-042", cameo: "042", object: []string{"visit"}, target: targetRoles("")},
		{id: "grant-070", cameo: "070", target: targetRoles("")},
	}
	for _, tt := range tests {
		p := byID[tt.id]
		if p == nil {
			var ids []string
			for id := range byID {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			t.Errorf("no entry %s; have %v", tt.id, ids)
			continue
		}
		if p.CAMEO != tt.cameo || !reflect.DeepEqual(p.Object, tt.object) || !reflect.DeepEqual(p.Not, tt.not) ||
			!reflect.DeepEqual(p.Source, tt.source) || !reflect.DeepEqual(p.Target, tt.target) {
			t.Errorf("%s = cameo %s object %q not %q source %q target %q\nwant cameo %s object %q not %q source %q target %q",
				tt.id, p.CAMEO, p.Object, p.Not, p.Source, p.Target, tt.cameo, tt.object, tt.not, tt.source, tt.target)
		}
	}
	if got := byID["grant-070"].Verbs; !reflect.DeepEqual(got, []string{"grant", "give"}) {
		t.Errorf("grant verbs %q (gave/given/giving are made by dyad's inflection)", got)
	}
	approx := map[string]int{}
	for _, a := range rep.Approximations {
		approx[a.What] = a.N
	}
	want := map[string]int{
		"pattern code [A:B]: the entry codes A, the Recoder adds the reciprocal B (target to source)": 1,
		"words only before the verb (dyad restricts only the object): pattern not used":               1,
		"null-coded pattern [---]: its words cancel the verb's own code when near it":                 1,
		"preposition of a prepositional phrase not required":                                          1,
	}
	if !reflect.DeepEqual(approx, want) {
		t.Errorf("approximations %v\nwant %v", approx, want)
	}
}

func TestActorCodeOnDate(t *testing.T) {
	dir := writeDir(t, map[string]string{"x.actors.txt": `HAMID_KARZAI_
+KARZAI
	[AFGELI 571224-011222]
	[AFGGOV 011222-141229]
	[AFGELI]
ASHRAF_GHANI [AFGGOV >140929] [AFGELI <140928]
AFGHANISTAN [AFG]
HAMAS [PSEREBHMS]
INDIAN_OCEAN [---]
`})
	lex, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	find := func(name string) *lexicon.Actor {
		for _, a := range lex.Actors {
			if a.Name == name {
				return a
			}
		}
		t.Fatalf("no actor %q", name)
		return nil
	}
	tests := []struct {
		name, date, code string
		kind             lexicon.Kind
	}{
		{"Hamid Karzai", "1990-05-01", "AFGELI", lexicon.KindPerson},
		{"Hamid Karzai", "2005-05-01", "AFGGOV", lexicon.KindPerson},
		{"Hamid Karzai", "2016-05-01", "AFGELI", lexicon.KindPerson},
		{"Ashraf Ghani", "2010-01-01", "AFGELI", lexicon.KindPerson},
		{"Ashraf Ghani", "2015-01-01", "AFGGOV", lexicon.KindPerson},
		{"Afghanistan", "2015-01-01", "AFG", lexicon.KindCountry},
		{"Hamas", "2015-01-01", "PSEREBHMS", lexicon.KindGroup},
		{"Indian Ocean", "2015-01-01", "", lexicon.KindGroup},
	}
	for _, tt := range tests {
		a := find(tt.name)
		if got := a.CodeOn(tt.date); got != tt.code || a.Kind != tt.kind {
			t.Errorf("%s on %s: %s %q, want %s %q", tt.name, tt.date, a.Kind, got, tt.kind, tt.code)
		}
	}
}

// TestCodeWithImportedLexicon codes sentences with a lexicon converted from small
// dictionaries: the code comes from the pattern the object matches, actors and agents
// combine, and the target may stand in a prepositional phrase.
func TestCodeWithImportedLexicon(t *testing.T) {
	dir := writeDir(t, map[string]string{
		"t.verbs.txt":  convertVerbs,
		"t.actors.txt": "RUSSIA [RUS]\n+RUSSIAN\nCOLOMBIA [COL]\n+COLOMBIAN\nSERGEI_LAVROV [RUSGOV >040309]\n",
		"t.agents.txt": "DIPLOMAT [~GOV]\nTROOP [~MIL]\n",
	})
	lex, rep, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped() != 0 {
		t.Fatalf("problems: %v", rep.Problems)
	}
	c := coder.New(lex, nil)
	tests := []struct {
		sentence, source, target, cameo string
	}{
		{"Russia expelled two Colombian diplomats.", "RUS", "COLGOV", "161"},
		{"Russia expelled Colombian troops.", "RUS", "COLMIL", "174"},
		{"Sergei Lavrov granted dollars to Colombia.", "RUSGOV", "COL", "071"},
	}
	for _, tt := range tests {
		sents := text.Split(tt.sentence)
		cands := c.Code(coder.Sentence{Text: tt.sentence, Sentence: sents[0], Published: "2020-12-24"})
		var got []string
		for _, cd := range cands {
			s := cd.Event.CAMEO + " " + cd.Event.Source.Code
			if cd.Event.Target != nil {
				s += "→" + cd.Event.Target.Code
			}
			got = append(got, s)
		}
		want := tt.cameo + " " + tt.source + "→" + tt.target
		if len(got) != 1 || got[0] != want {
			t.Errorf("%q: %q, want [%s]", tt.sentence, got, want)
		}
	}
}

func TestPhraseCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"US", "US"}, {"UN", "UN"}, {"ANC", "ANC"}, {"U.S.", "U.S."},
		{"IRAN", "iran"}, {"NATO", "nato"}, {"ISLAMIC REPUBLIC OF AFGHANISTAN", "islamic republic of afghanistan"},
		{"AL-QAEDA", "al-qaeda"}, {"US ARMY", "us army"},
	}
	for _, tt := range tests {
		if got := phraseCase(tt.in); got != tt.want {
			t.Errorf("phraseCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWriteTextLoads checks that the files import writes are dyad lexicon files that
// load without errors and hold the same entries.
func TestWriteTextLoads(t *testing.T) {
	dir := writeDir(t, map[string]string{
		"t.verbs.txt":    strings.ReplaceAll(convertVerbs, "[:173]", "[173]"),
		"t.actors.txt":   "RUSSIA [RUS]\n+RUSSIAN\nSERGEI_LAVROV [RUSGOV >040309] [RUSELI]\nINDIAN_OCEAN [---]\n",
		"t.agents.txt":   "DIPLOMAT [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\n",
		"t.discards.txt": "+ESPN\nBASEBALL\n",
	})
	d, rep, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	conv := Convert(d, rep)
	out := t.TempDir()
	files, err := conv.WriteText(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 {
		t.Errorf("wrote %v, want actors, agents, events and discards", files)
	}
	lex, err := lexicon.Load(os.DirFS(out))
	if err != nil {
		t.Fatalf("written files do not load: %v", err)
	}
	want := conv.Lexicon()
	if len(lex.Actors) != len(want.Actors) || len(lex.Predicates) != len(want.Predicates) {
		t.Errorf("loaded %d actors, %d predicates; converted %d, %d", len(lex.Actors), len(lex.Predicates), len(want.Actors), len(want.Predicates))
	}
	if Detect(out) {
		t.Errorf("Detect(%s) = true for dyad lexicon files", out)
	}
	if !Detect(dir) {
		t.Errorf("Detect(%s) = false for PETRARCH dictionaries", dir)
	}
}
