package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"

	"dyad/internal/text"
)

const testLexicon = `
# a small lexicon in the documented format
country COL  Colombia
  names     Colombia | Republic of Colombia
  adj       Colombian | Colombians
  capital   Bogotá
  seats     Casa de Nariño

country USA  United States
  names     United States | U.S. | US | America

igo IGOUNO  United Nations
  names     United Nations | UN

igo IGOWSTNAT  NATO
  names     NATO | Nato

descriptor kingdom  the kingdom
  names     the kingdom
  country   -

agent GOV  government
  names     government | diplomat | foreign ministry | spokesman

person abdul-mahdi-adil  Adil Abdul-Mahdi
  names     Adil Abdul-Mahdi

person lavrov-sergei  Sergei Lavrov
  names     Sergei Lavrov | Lavrov
  role      RUSGOV 2004-03-09..            foreign minister
  role      RUSGOV 1994..2004-03-08  UN ambassador

event expel-diplomats  161
  plover    SANCTION expel
  verbs     expel | kick out
  nouns     expulsion
  object    diplomat | ambassador

event expel-people  174
  plover    SANCTION expel
  verbs     expel | deport
`

func loadTest(t *testing.T, src string) *Lexicon {
	t.Helper()
	lex, err := Load(fstest.MapFS{"test.txt": {Data: []byte(src)}})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return lex
}

func matchTexts(lex *Lexicon, s string) (actors, preds []string) {
	toks := text.Tokenize(s, 0)
	m := lex.Match(toks)
	span := func(mm Match) string {
		return s[toks[mm.Start].Start:toks[mm.End-1].End]
	}
	for _, a := range m.Actors {
		actors = append(actors, span(a)+"="+a.Refs[0].Actor.ID+"/"+a.Refs[0].Form.String())
	}
	for _, p := range m.Predicates {
		var ids []string
		for _, r := range p.Refs {
			ids = append(ids, r.Pred.ID)
		}
		preds = append(preds, span(p)+"="+strings.Join(ids, ","))
	}
	return actors, preds
}

func TestMatchFindsActorsAndPredicates(t *testing.T) {
	lex := loadTest(t, testLexicon)
	tests := []struct {
		in            string
		actors, preds string
	}{
		{"Colombia expelled two Russian diplomats", "Colombia=COL/name diplomats=GOV/name", "expelled=expel-diplomats,expel-people"},
		{"The Colombian government in Bogota", "Colombian=COL/adj government=GOV/name Bogota=COL/capital", ""},
		{"BOGOTÁ kicks out envoys", "BOGOTÁ=COL/capital", "kicks out=expel-diplomats"},
		{"tell us about the UN and the US", "UN=IGOUNO/name US=USA/name", ""},
		{"the expulsions of Lavrov", "Lavrov=lavrov-sergei/name", "expulsions=expel-diplomats"},
		{"Lavrov played a lavrov card in bogotá", "Lavrov=lavrov-sergei/name", ""},
		{"Adil Abdul Mahdi met Adil Abdul-Mahdi", "Adil Abdul Mahdi=abdul-mahdi-adil/name Adil Abdul-Mahdi=abdul-mahdi-adil/name", ""},
		{"a Nato mission, the kingdom's kingdom", "Nato=IGOWSTNAT/name the kingdom=kingdom/name", ""},
		{"the Republic of Colombia deported spokesmen", "Republic of Colombia=COL/name spokesmen=GOV/name", "deported=expel-people"},
		// A middle initial is skipped inside a person's name, and only there.
		{"Sergei V. Lavrov met the Republic A. of Colombia", "Sergei V. Lavrov=lavrov-sergei/name Colombia=COL/name", ""},
	}
	for _, tt := range tests {
		actors, preds := matchTexts(lex, tt.in)
		if got := strings.Join(actors, " "); got != tt.actors {
			t.Errorf("%q actors = %q, want %q", tt.in, got, tt.actors)
		}
		if got := strings.Join(preds, " "); got != tt.preds {
			t.Errorf("%q predicates = %q, want %q", tt.in, got, tt.preds)
		}
	}
}

func TestCodeOnFollowsTermsOfOffice(t *testing.T) {
	lex := loadTest(t, testLexicon)
	lavrov := lex.ActorByID("lavrov-sergei")
	for date, want := range map[string]string{"2020-12-24": "RUSGOV", "1990-01-01": "", "2004-03-08": "RUSGOV", "": "RUSGOV"} {
		if got := lavrov.CodeOn(date); got != want {
			t.Errorf("CodeOn(%q) = %q, want %q", date, got, want)
		}
	}
	if got := lex.ActorByID("COL").CodeOn("2020-01-01"); got != "COL" {
		t.Errorf("country code = %q", got)
	}
}

func TestLoadReportsEveryBadLine(t *testing.T) {
	src := `country COL  Colombia
  names  Colombia
  colour red
  role   XX 2020..2019
event e1 999
  verbs  x
event e2 010
  plover SAY
person p1 Someone
  role   ABCGOV 2020..2019
	stray
  indented outside
`
	_, err := Load(fstest.MapFS{"bad.txt": {Data: []byte(src)}})
	if err == nil {
		t.Fatal("Load accepted a broken file")
	}
	msg := err.Error()
	for _, want := range []string{"bad.txt:3: unknown field \"colour\"", "bad.txt:4:", "bad.txt:5:", "bad.txt:7: event \"e2\" has no verbs", "bad.txt:10: role ends", "bad.txt:9: person entry \"p1\" has no names"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q:\n%s", want, msg)
		}
	}
}

func TestVerbFormsAndPlurals(t *testing.T) {
	has := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, tt := range []struct{ lemma, form string }{
		{"expel", "expelled"}, {"expel", "expels"}, {"expel", "expelling"}, {"accuse", "accused"},
		{"accuse", "accusing"}, {"decry", "decried"}, {"decry", "decries"}, {"meet", "met"},
		{"kick out", "kicked out"}, {"visit", "visited"}, {"formally protest", "formally protested"}, {"ban", "banned"}, {"seize", "seizing"},
	} {
		if forms := verbForms(tt.lemma); !has(forms, tt.form) {
			t.Errorf("verbForms(%q) = %v, missing %q", tt.lemma, forms, tt.form)
		}
	}
	for _, tt := range []struct{ noun, plural string }{
		{"diplomat", "diplomats"}, {"spokesman", "spokesmen"}, {"embassy", "embassies"},
		{"foreign ministry", "foreign ministries"}, {"bus", ""},
	} {
		got := pluralPhrase(tt.noun)
		if tt.plural == "" {
			if len(got) != 0 {
				t.Errorf("pluralPhrase(%q) = %v, want none", tt.noun, got)
			}
		} else if !has(got, tt.plural) {
			t.Errorf("pluralPhrase(%q) = %v, want %q", tt.noun, got, tt.plural)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Bogotá": "bogota", "NICOLÁS": "nicolas", "Russia’s": "russia's", "Straße": "strasse", "plain": "plain"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
