package coder

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/syntax"
	"dyad/internal/text"
)

// A small lexicon in the documented format, so that the coder is tested apart from
// the shipped lexicon files.
const testLexicon = `
country RUS  Russia
  names    Russia | Russian Federation
  adj      Russian | Russians
  capital  Moscow
  seats    Kremlin
country COL  Colombia
  names    Colombia
  adj      Colombian | Colombians
  capital  Bogotá
  region   LAM
country VEN  Venezuela
  names    Venezuela
  adj      Venezuelan
  region   LAM
descriptor latin-american-state  the Latin American state
  names    Latin American state | Latin American country
  region   LAM
country CHN  China
  names    China
  adj      Chinese
country GEO  Georgia
  names    Georgia
  adj      Georgian
country USA  United States
  names    United States
  cities   Atlanta
agent GOV  government
  names    government | foreign ministry | ministry | diplomat | ambassador | official | diplomatic mission | embassy | regime
agent MIL  military
  names    troops | army | soldiers
person maduro-nicolas  Nicolás Maduro
  names    Nicolás Maduro | Maduro
  role     VENGOV 2013-04-19..  president
event expel-diplomats 161
  plover   SANCTION expel
  verbs    expel | declare personae non gratae | declare persona non grata
  object   diplomat | ambassador | official | staff
event expel-people 174
  plover   SANCTION expel
  verbs    expel | deport | oust
event decry 111
  plover   ACCUSE disapprove
  verbs    decry | denounce | condemn | criticize
  nouns    condemnation
event summon 114
  plover   ACCUSE
  verbs    summon
event suppress 175
  plover   COERCE
  verbs    suppress
event attack 190
  plover   ASSAULT
  verbs    attack
  nouns    attack
  target   object | at
event withdraw 0874
  plover   RETREAT
  verbs    withdraw
  object   troops
event protest 141
  plover   PROTEST demo
  verbs    protest | demonstrate
  target   against
agent CVL  civilians
  names    protester | civilian
event accuse-espionage 1125
  plover   ACCUSE
  verbs    accuse of spying
  nouns    involvement in espionage | espionage
event donate 070
  plover   AID
  verbs    donate
event meet 040
  plover   CONSULT
  verbs    meet
  target   with | object
`

func testCoder(t *testing.T) *Coder {
	t.Helper()
	lex, err := lexicon.Load(fstest.MapFS{"t.txt": {Data: []byte(testLexicon)}})
	if err != nil {
		t.Fatal(err)
	}
	return New(lex, nil)
}

func codeOne(c *Coder, s string) []event.Event {
	sents := text.Split(s)
	var out []event.Event
	ctx := &Context{}
	for _, sent := range sents {
		for _, cand := range c.Code(Sentence{Text: s, Sentence: sent, Published: "2020-12-24", Context: ctx}) {
			out = append(out, cand.Event)
		}
	}
	return out
}

func describe(evs []event.Event) string {
	var parts []string
	for _, e := range evs {
		src, tgt := "-", "-"
		if e.Source != nil {
			src = e.Source.Code
		}
		if e.Target != nil {
			tgt = e.Target.Code
		}
		mood := e.Modality.Mood
		if e.Modality.Negated {
			mood = "not-" + mood
		}
		parts = append(parts, src+" "+e.CAMEO+" "+tgt+" "+mood)
	}
	return strings.Join(parts, "; ")
}

func TestCodeSentenceShapes(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"active", "Russia expelled two Colombian diplomats Wednesday.", "RUS 161 COLGOV asserted"},
		{"seat metonymy, coordination", "The Kremlin decried the expulsions as groundless and targeted two Colombian diplomats.", "RUSGOV 111 COLGOV asserted"},
		{"passive with agent", "Two Russian diplomats were expelled by Colombia.", "COL 161 RUSGOV asserted"},
		{"passive without agent: no source, no event", "Two Russian diplomats were expelled.", ""},
		{"role with name", "The Russian Foreign Ministry summoned Colombian Ambassador Alfonso Lopez Caballero on December 22.", "RUSGOV 114 COLGOV asserted"},
		{"negated", "Russia did not expel the Colombian ambassador.", "RUS 161 COLGOV not-asserted"},
		{"future sanction is a threat", "Russia will expel two Colombian diplomats.", "RUS 1313 COLGOV asserted"},
		{"future meeting is an intent", "Russia will meet Colombian diplomats.", "RUS 036 COLGOV asserted"},
		{"refusal", "Russia will not meet Colombian diplomats.", "RUS 125 COLGOV asserted"},
		{"pronoun subject", "Russia said it would meet Colombian diplomats.", "RUS 036 COLGOV asserted"},
		{"future verbal act stays future", "Russia will condemn Colombia.", "RUS 111 COL future"},
		{"hypothetical", "It is unclear if Russia has expelled Colombian officials.", "RUS 161 COLGOV hypothetical"},
		{"reported", "Russia expelled two Colombian diplomats, Reuters reported.", "RUS 161 COLGOV reported"},
		{"historical", "Russia has previously condemned Venezuela.", "RUS 111 VEN historical"},
		{"relative clause", "Venezuela is under Nicolás Maduro, which has suppressed the Colombian government.", "VENGOV 175 COLGOV historical"},
		{"object restriction", "Russia withdrew its ambassador.", ""},
		{"preposition target", "Russian officials met with Chinese diplomats.", "RUSGOV 040 CHNGOV asserted"},
		{"possessive control", "Moscow protested against Colombia's decision to expel two diplomats from the Russian embassy.", "RUSGOV 111 COL asserted; COL 161 RUSGOV asserted"},
		{"nominal", "The condemnation of Colombia by Russia came late.", "RUS 111 COL asserted"},
		{"state protest is verbal", "The Russian Foreign Ministry protested against Colombia's decision.", "RUSGOV 111 COL asserted"},
		{"civilian protest", "Colombian protesters demonstrated against the Russian embassy.", "COLCVL 141 RUSGOV asserted"},
		{"reason adjunct", "Colombia expelled two Russian diplomats over their alleged involvement in espionage.", "COL 161 RUSGOV asserted; COL 1125 RUSGOV asserted"},
		{"descriptor", "Colombia is a friend. Russia condemned the Latin American state.", "RUS 111 COL asserted"},
		{"descriptor, latest of its region", "Colombia and Venezuela are neighbours. Russia condemned the Latin American country.", "RUS 111 VEN asserted"},
		{"descriptor unresolved", "Russia condemned the Latin American country.", "RUS 111 - asserted"},
		{"people not events", "Russia and China.", ""},
		{"denied", "Russia denied expelling Colombian diplomats.", "RUS 161 COLGOV not-asserted"},
		{"considered", "Russia is considering expelling Colombian diplomats.", "RUS 161 COLGOV hypothetical"},
		{"opposed to", "Russia is opposed to expelling Colombian diplomats.", "RUS 161 COLGOV not-future"},
		{"needs to", "Russia still needs to expel Colombian diplomats.", "RUS 161 COLGOV hypothetical"},
		{"a quote after a colon has no doer", "Venezuela told Colombian officials: \"It is important to expel Russian diplomats.\"", ""},
		{"a share of people in a poll is no actor", "Thirteen percent of Colombians condemned Venezuela.", ""},
		{"a city naming an agreement is no country", "Russia condemned the Bogotá peace agreement.", "RUS 111 - asserted"},
		{"a party label's state is no actor", "Senator Smith (D-Atlanta) condemned Venezuela.", ""},
		{"avoided", "Russia avoided expelling Colombian diplomats.", "RUS 161 COLGOV not-asserted"},
		{"a question", "Should Russia expel Colombian diplomats?", "RUS 161 COLGOV hypothetical"},
		{"failed to", "Russia failed to expel Colombian diplomats.", "RUS 161 COLGOV not-asserted"},
		{"tried to", "Russia tried to expel Colombian diplomats.", "RUS 161 COLGOV hypothetical"},
		{"authority to", "Russia has the authority to expel Colombian diplomats.", "RUS 161 COLGOV hypothetical"},
		{"a habit in a relative clause", "Colombian officials who expel Russian diplomats are praised.", "COLGOV 161 RUSGOV historical"},
		{"requested of someone else", "Venezuela urged Russia to expel Colombian diplomats.", "RUS 161 COLGOV future"},
		{"a dateline is no actor", "Bogotá - Troops attacked Venezuela.", "MIL 190 VEN asserted"},
		{"coordinated partners meet each other", "Russia and China met on Monday.", "RUS 040 CHN asserted; CHN 040 RUS asserted"},
		{"coordinated sources", "Russia and China condemned Venezuela.", "RUS 111 VEN asserted; CHN 111 VEN asserted"},
		{"coordinated targets", "Russia condemned Venezuela and Colombia.", "RUS 111 VEN asserted; RUS 111 COL asserted"},
		{"a role takes the country it is in", "Officials in Russia condemned Venezuela.", "RUSGOV 111 VEN asserted"},
		{"one role per country it is in", "Officials in Russia and China condemned Venezuela.", "RUSGOV 111 VEN asserted; CHNGOV 111 VEN asserted"},
		{"one role per country of an of-phrase", "The ambassadors of Russia, China and Colombia condemned Venezuela.",
			"RUSGOV 111 VEN asserted; CHNGOV 111 VEN asserted; COLGOV 111 VEN asserted"},
		{"a role and a role in a country", "Protesters and officials in Russia condemned Venezuela.", "RUSCVL 111 VEN asserted; RUSGOV 111 VEN asserted"},
		{"troops in a country may be foreign", "Venezuela attacked troops in Colombia.", "VEN 190 MIL asserted"},
	}
	for _, tt := range tests {
		if got := describe(codeOne(c, tt.in)); got != tt.want {
			t.Errorf("%s: %q\n got  %q\n want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestEventsPointAtTheirWords(t *testing.T) {
	c := testCoder(t)
	s := "Intro line.\nRussia expelled two Colombian diplomats."
	evs := codeOne(c, s)
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	e := evs[0]
	for _, sp := range []struct {
		text       string
		start, end int
	}{
		{e.Trigger.Text, e.Trigger.Start, e.Trigger.End},
		{e.Source.Text, e.Source.Start, e.Source.End},
		{e.Target.Text, e.Target.Start, e.Target.End},
	} {
		if s[sp.start:sp.end] != sp.text {
			t.Errorf("span %d:%d is %q, record says %q", sp.start, sp.end, s[sp.start:sp.end], sp.text)
		}
	}
	if e.Source.Text != "Russia" || e.Target.Text != "two Colombian diplomats" || e.Trigger.Text != "expelled" {
		t.Errorf("spans = %q %q %q", e.Source.Text, e.Trigger.Text, e.Target.Text)
	}
}

// FuzzCode checks that no sentence makes the coder panic and that every event's spans
// slice the text exactly.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Russia expelled two Colombian diplomats Wednesday.",
		"the the Kremlin the Russia the expelled by by Colombia's to expel",
		"Colombia's decision to expel two diplomats from the Russian embassy in Bogotá",
		"to expel", "which has suppressed", "Two Russian diplomats were expelled by Colombia.",
	} {
		f.Add(s)
	}
	lex, err := lexicon.Load(fstest.MapFS{"t.txt": {Data: []byte(testLexicon)}})
	if err != nil {
		f.Fatal(err)
	}
	c := New(lex, nil)
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range codeOne(c, s) {
			for _, sp := range [][2]int{{e.Trigger.Start, e.Trigger.End}, {e.Source.Start, e.Source.End}} {
				if sp[0] < 0 || sp[1] > len(s) || sp[0] > sp[1] {
					t.Fatalf("span %v outside the text (%d bytes)", sp, len(s))
				}
			}
			if s[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
				t.Fatalf("trigger span does not slice its text")
			}
		}
	})
}

func TestCoreference(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"their country: the country of the actor named before",
			"Colombian officials said their country condemned Venezuela.",
			"COL 111 VEN reported"},
		{"its government",
			"Colombia said its government condemned Venezuela.",
			"COLGOV 111 VEN reported"},
		{"bare role, same role named before",
			"The Colombian government met Russian diplomats. The government condemned Venezuela.",
			"COLGOV 040 RUSGOV asserted; COLGOV 111 VEN asserted"},
		{"bare role, same role earlier in the sentence",
			"The Colombian government said the national government condemned Venezuela.",
			"COLGOV 111 VEN reported"},
		{"bare role, same sectors in the previous sentence",
			"The Colombian foreign ministry met Russian diplomats. The national government condemned Venezuela.",
			"COLGOV 040 RUSGOV asserted; COLGOV 111 VEN asserted"},
		{"two officials of one government in one sentence",
			"The Colombian foreign ministry condemned the government.",
			"COLGOV 111 GOV asserted"},
		{"bare role, nothing to refer to",
			"The government condemned Venezuela.",
			"GOV 111 VEN asserted"},
		{"bare role, antecedent too far for a sector match",
			"Colombian troops met Russian diplomats. Nothing happened. Nothing else happened. The ministry condemned Venezuela.",
			"COLMIL 040 RUSGOV asserted; GOV 111 VEN asserted"},
		{"role with a country of its own is not resolved",
			"The Colombian government met Russian diplomats. The Venezuelan government condemned Russia.",
			"COLGOV 040 RUSGOV asserted; VENGOV 111 RUS asserted"},
		{"opening pronoun",
			"Russia met Colombian diplomats on Monday. It condemned Venezuela on Tuesday.",
			"RUS 040 COLGOV asserted; RUS 111 VEN asserted"},
		{"opening pronoun, nothing named before",
			"It condemned Venezuela on Tuesday.",
			""},
		{"he is a person, not a state",
			"Russia met Colombian diplomats on Monday. He condemned Venezuela on Tuesday.",
			"RUS 040 COLGOV asserted"},
		{"short name of a person introduced with a role",
			"Russia summoned Colombian Ambassador Alfonso Lopez Caballero. Caballero condemned Russia.",
			"RUS 114 COLGOV asserted; COLGOV 111 RUS asserted"},
		{"two short names",
			"Russia summoned Colombian Ambassador Alfonso Lopez Caballero. Lopez Caballero condemned Russia.",
			"RUS 114 COLGOV asserted; COLGOV 111 RUS asserted"},
		{"appositive name",
			"The Colombian foreign ministry, Juan Francisco Espinosa, met Russian diplomats. Espinosa condemned Russia.",
			"COLGOV 040 RUSGOV asserted; COLGOV 111 RUS asserted"},
		{"a namesake is not the lexicon's person",
			"Carlos Maduro condemned Russia. Mr Maduro met Colombian diplomats.",
			""},
		{"a title is no first name",
			"Mr Maduro condemned Russia.",
			"VENGOV 111 RUS asserted"},
		{"unknown name stays unknown",
			"Russia summoned Colombian Ambassador Alfonso Lopez Caballero. Espinosa condemned Russia.",
			"RUS 114 COLGOV asserted"},
	}
	for _, tt := range tests {
		if got := describe(codeOne(c, tt.in)); got != tt.want {
			t.Errorf("%s: %q\n got  %q\n want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestProEvents(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"similar move", "Russia expelled two Colombian diplomats after Colombia made a similar move against two Russian officials.",
			"RUS 161 COLGOV asserted; COL same RUSGOV asserted"},
		{"answer with a cue", "The Kremlin decried the expulsions and targeted two Colombian diplomats in reciprocity.",
			"RUSGOV 111 COLGOV asserted; RUSGOV answer COLGOV asserted"},
		{"target without a cue is nothing", "The Kremlin targeted two Colombian diplomats.", ""},
		{"followed suit", "China followed suit.", "CHN same - asserted"},
		{"retaliated by doing it: the explicit event only", "Russia retaliated by expelling two Colombian diplomats.",
			"RUS 161 COLGOV asserted"},
		{"did the same", "Venezuela did the same on Monday.", "VEN same - asserted"},
		{"a similar statement is no move", "Venezuela made a similar statement.", ""},
	}
	for _, tt := range tests {
		var parts []string
		sents := text.Split(tt.in)
		ctx := &Context{}
		for _, sent := range sents {
			for _, cand := range c.Code(Sentence{Text: tt.in, Sentence: sent, Published: "2020-12-24", Context: ctx}) {
				e := cand.Event
				if cand.Refers != "" {
					e.CAMEO = string(cand.Refers)
				}
				parts = append(parts, describe([]event.Event{e}))
			}
		}
		if got := strings.Join(parts, "; "); got != tt.want {
			t.Errorf("%s: %q\n got  %q\n want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// parsedCoder returns a coder whose parser gives, for a sentence of n tokens, the
// analysis written as "UPOS HEAD REL" per token, separated by "|".
func parsedCoder(t *testing.T, parses map[string]string) *Coder {
	t.Helper()
	lex, err := lexicon.Load(fstest.MapFS{"t.txt": {Data: []byte(testLexicon)}})
	if err != nil {
		t.Fatal(err)
	}
	return New(lex, func(forms []string) []syntax.Word {
		p, ok := parses[strings.Join(forms, " ")]
		if !ok {
			t.Fatalf("no parse for %q", strings.Join(forms, " "))
		}
		var out []syntax.Word
		for i, w := range strings.Split(p, "|") {
			f := strings.Fields(w)
			head, err := strconv.Atoi(f[1])
			if err != nil || len(f) != 3 {
				t.Fatalf("parse of %q: bad word %q", forms, w)
			}
			out = append(out, syntax.Word{Form: forms[i], Lemma: strings.ToLower(forms[i]), UPOS: f[0], Head: head, Rel: f[2]})
		}
		return out
	})
}

// TestTreeRules checks rules that read the dependency tree, on given parses.
func TestTreeRules(t *testing.T) {
	tests := []struct {
		name, in, parse, want string
		petrarch              bool
	}{
		{"a closing speaker is not who acts, even when the parse hangs the trigger under 'said'",
			"Russia is about to condemn Venezuela, a senior official said.",
			"PROPN 3 nsubj|AUX 3 cop|ADJ 0 root|PART 5 mark|VERB 11 advcl|PROPN 5 obj|PUNCT 10 punct|DET 10 det|ADJ 10 amod|NOUN 11 nsubj|VERB 3 parataxis|PUNCT 3 punct",
			"RUS 111 VEN reported", false},
		{"a passive whose subject is no actor has no doer in another clause",
			"Russia condemned Venezuela after a man was attacked.",
			"PROPN 2 nsubj|VERB 0 root|PROPN 2 obj|SCONJ 8 mark|DET 6 det|NOUN 8 nsubj:pass|AUX 8 aux:pass|VERB 2 advcl|PUNCT 2 punct",
			"RUS 111 VEN asserted", false},
		{"a place an uncoded object is aimed at is the target",
			"Venezuela attacked two ships at Bogotá.",
			"PROPN 2 nsubj|VERB 0 root|NUM 4 nummod|NOUN 2 obj|ADP 6 case|PROPN 4 nmod|PUNCT 2 punct",
			"VEN 190 COLGOV asserted", false},
		{"PETRARCH: a passive done in a place of another country is the place's doing",
			"A Colombian was attacked in Venezuela.",
			"DET 2 det|PROPN 4 nsubj:pass|AUX 4 aux:pass|VERB 0 root|ADP 6 case|PROPN 4 obl|PUNCT 4 punct",
			"VEN 190 COL asserted", true},
		{"by dyad's conventions a passive without a doer has no source",
			"A Colombian was attacked in Venezuela.",
			"DET 2 det|PROPN 4 nsubj:pass|AUX 4 aux:pass|VERB 0 root|ADP 6 case|PROPN 4 obl|PUNCT 4 punct",
			"", false},
		{"PETRARCH: the subject of a complement clause is the target",
			"Russia condemned that Venezuela is a haven.",
			"PROPN 2 nsubj|VERB 0 root|SCONJ 7 mark|PROPN 7 nsubj|AUX 7 cop|DET 7 det|NOUN 2 ccomp|PUNCT 2 punct",
			"RUS 111 VEN asserted", true},
		{"aid is for the object of its purpose clause, even when the parse hangs the clause from what the given thing is made of",
			"Russia donated a shipment of ventilators to assist Venezuela.",
			"PROPN 2 nsubj|VERB 0 root|DET 4 det|NOUN 2 obj|ADP 6 case|NOUN 4 nmod|PART 8 mark|VERB 6 acl|PROPN 8 obj|PUNCT 2 punct",
			"RUS 070 VEN asserted", false},
		{"markup the parse takes for the subject does not hide the actor named after it",
			"<script>alert(1)</script> Russia expelled Venezuela.",
			"PUNCT 2 punct|PROPN 11 nsubj|PUNCT 4 punct|NUM 2 dep|PUNCT 4 punct|PUNCT 8 punct|SYM 8 cc|NOUN 2 conj|PUNCT 10 punct|PROPN 8 appos|VERB 0 root|PROPN 11 obj|PUNCT 11 punct",
			"RUS 174 VEN asserted", false},
		{"by dyad's conventions the complement's subject is no target",
			"Russia condemned that Venezuela is a haven.",
			"PROPN 2 nsubj|VERB 0 root|SCONJ 7 mark|PROPN 7 nsubj|AUX 7 cop|DET 7 det|NOUN 2 ccomp|PUNCT 2 punct",
			"RUS 111 - asserted", false},
	}
	parses := map[string]string{}
	for _, tt := range tests {
		forms := []string{}
		for _, tk := range text.Tokenize(tt.in, 0) {
			forms = append(forms, tk.Norm)
		}
		parses[strings.Join(forms, " ")] = tt.parse
	}
	c := parsedCoder(t, parses)
	pc := c.With(Conventions{Petrarch: true})
	for _, tt := range tests {
		cc := c
		if tt.petrarch {
			cc = pc
		}
		if got := describe(codeOne(cc, tt.in)); got != tt.want {
			t.Errorf("%s: %q\n got  %q\n want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestNamesAreNoModals(t *testing.T) {
	tests := []struct {
		in, trigger string
		want        string
	}{
		{"Theresa May has held talks with the Irish premier.", "held", event.MoodAsserted},
		{"Officials said Will Lopez met the premier.", "met", event.MoodReported},
		{"Officials may meet the premier.", "meet", event.MoodHypothetical},
		{"May officials meet the premier?", "meet", event.MoodHypothetical},
	}
	for _, tt := range tests {
		toks := text.Split(tt.in)[0].Tokens
		keys := lexicon.Keys(toks)
		i := slices.Index(keys, tt.trigger)
		if got := modalityOf(nameless(keys, toks, nil), i, false).Mood; got != tt.want {
			t.Errorf("%q: mood %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGeorgiaTheState(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ name, in, want string }{
		{"the country", "Russia condemned Georgia.", "RUS 111 GEO asserted"},
		{"the country, named so", "Russia condemned Georgia. Tbilisi protested. Georgians in Atlanta marched.", "RUS 111 GEO asserted"},
		{"the state: an American city in the article", "Russia condemned Georgia. Lawmakers met in Atlanta.", "RUS 111 USA asserted"},
	}
	for _, tt := range tests {
		if got := describe(codeOne(c, tt.in)); got != tt.want {
			t.Errorf("%s: %q\n got  %q\n want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// Partners the lexicon does not know, coordinated with the doer of a joint act, are
// its target in words only; the doer keeps its own words.
func TestUncodedPartnerOfAJointAct(t *testing.T) {
	in := "Colombia and its allies met on Monday."
	parse := "PROPN 5 nsubj|CCONJ 4 cc|PRON 4 nmod:poss|NOUN 1 conj|VERB 0 root|ADP 7 case|PROPN 5 obl|PUNCT 5 punct"
	forms := []string{}
	for _, tk := range text.Tokenize(in, 0) {
		forms = append(forms, tk.Norm)
	}
	evs := codeOne(parsedCoder(t, map[string]string{strings.Join(forms, " "): parse}).WithSpanModel(nil), in)
	if len(evs) != 1 || evs[0].Source == nil || evs[0].Target == nil {
		t.Fatalf("got %+v, want one event with a source and a target", evs)
	}
	if s, g := evs[0].Source, evs[0].Target; s.Text != "Colombia" || s.Code != "COL" || g.Text != "its allies" || g.Code != "" {
		t.Errorf("source %q %s, target %q %q; want Colombia COL, \"its allies\" uncoded", s.Text, s.Code, g.Text, g.Code)
	}
}
