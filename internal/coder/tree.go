package coder

import (
	"slices"
	"strings"
	"unicode"

	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/syntax"
)

// tree is a dependency parse of one sentence, indexed by token (0-based): words[i] is
// the analysis of token i.
type tree struct {
	words    []syntax.Word
	children [][]int
}

func newTree(words []syntax.Word) *tree {
	words = joinSubjects(words)
	t := &tree{words: words, children: make([][]int, len(words))}
	for i, w := range words {
		if h := w.Head - 1; h >= 0 && h < len(words) && h != i {
			t.children[h] = append(t.children[h], i)
		}
	}
	return t
}

// joinSubjects reads two subjects of one verb with a conjunction between them ("The
// United States and the Taliban signed a pact", which the parser sometimes gives two
// nsubj arcs) as the coordination they are. The words are copied before any change.
func joinSubjects(words []syntax.Word) []syntax.Word {
	subject := func(i int) bool {
		switch words[i].Rel {
		case "nsubj", "nsubj:pass":
			switch words[i].UPOS {
			case "NOUN", "PROPN":
				return true
			}
		}
		return false
	}
	under := func(k, x int) bool { // word k is in the subtree of word x
		for range len(words) {
			if k == x {
				return true
			}
			if k = words[k].Head - 1; k < 0 || k >= len(words) {
				return false
			}
		}
		return false
	}
	copied := false
	for b := range words {
		if !subject(b) || words[b].Head-1 <= b {
			continue
		}
		a := -1
		for k := b - 1; k >= 0; k-- {
			if words[k].Head == words[b].Head && subject(k) {
				a = k
				break
			}
		}
		if a < 0 {
			continue
		}
		cc, ok := -1, true
		var mods []int // b's determiners and adjectives hung on the verb ("and the evil Gondor")
		for k := a + 1; k < b && ok; k++ {
			switch {
			case under(k, a) || under(k, b) || words[k].Form == ",":
			case words[k].UPOS == "CCONJ" && cc < 0:
				cc = k
			case cc >= 0 && (words[k].UPOS == "DET" || words[k].UPOS == "ADJ"):
				if words[k].Head == words[b].Head {
					mods = append(mods, k)
				}
			default:
				ok = false
			}
		}
		if !ok || cc < 0 {
			continue
		}
		if !copied {
			words, copied = slices.Clone(words), true
		}
		words[b].Head, words[b].Rel = a+1, "conj"
		words[cc].Head, words[cc].Rel = b+1, "cc"
		for _, k := range mods {
			words[k].Head = b + 1
		}
	}
	return words
}

func (t *tree) rel(i int) string { return t.words[i].Rel }
func (t *tree) head(i int) int   { return t.words[i].Head - 1 }
func (t *tree) baseRel(i int) string {
	r := t.words[i].Rel
	if k := strings.IndexByte(r, ':'); k >= 0 {
		return r[:k]
	}
	return r
}

// unmarked reports whether i is a bare noun phrase modifying its head, most often a
// time ("expelled two diplomats Wednesday"): UD 2.14's obl:unmarked and nmod:unmarked,
// and the older :tmod and :npmod.
func (t *tree) unmarked(i int) bool {
	r := t.words[i].Rel
	return strings.HasSuffix(r, ":unmarked") || strings.HasSuffix(r, ":tmod") || strings.HasSuffix(r, ":npmod")
}

// child returns the first child of i whose relation is one of rels.
func (t *tree) child(i int, rels ...string) int {
	for _, c := range t.children[i] {
		for _, r := range rels {
			if t.words[c].Rel == r {
				return c
			}
		}
	}
	return -1
}

// caseOf returns the preposition marking a nominal ("against" in "against Colombia").
func (t *tree) caseOf(i int) string {
	for _, c := range t.children[i] {
		if t.words[c].Rel == "case" {
			return strings.ToLower(t.words[c].Form)
		}
	}
	return ""
}

// headOf returns the word of words [start, end) whose head lies outside them: the first
// content word so placed, else the first word (a trigger's or an actor phrase's head).
func (t *tree) headOf(start, end int) int {
	first := -1
	for i := start; i < end; i++ {
		if h := t.head(i); h < start || h >= end {
			switch t.baseRel(i) {
			case "det", "case", "punct", "cc", "mark", "aux", "cop":
				// A word of function hanging outside, as "a" of "a military" in
				// "a military academy": the phrase's head is the content word.
				if first < 0 {
					first = i
				}
				continue
			}
			return i
		}
	}
	if first >= 0 {
		return first
	}
	return start
}

// phraseHead returns the word of an actor phrase that the parse hangs outside it.
func (t *tree) phraseHead(p *phrase) int {
	return t.headOf(p.start, p.end)
}

// phraseAt returns the actor phrase standing for the nominal at word i: the phrase
// that holds i, else the nearest phrase inside i's subtree that is not inside a clause
// of its own ("two staff members of the Colombian mission" → the mission).
func (t *tree) phraseAt(i int, ps []phrase) *phrase {
	if i < 0 {
		return nil
	}
	for k := range ps {
		if ps[k].start <= i && i < ps[k].end {
			return &ps[k]
		}
	}
	if t.words[i].UPOS == "VERB" {
		// A clause ("denied comparing the idea with dictatorships in Russia") names
		// no actor by the actors inside it.
		return nil
	}
	best, bestDist := -1, 1<<30
	var walk func(n, depth int)
	walk = func(n, depth int) {
		for _, c := range t.children[n] {
			switch t.baseRel(c) {
			case "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "punct":
				continue
			}
			if t.unmarked(c) {
				continue // a time ("several years after Calenardhon crowds burned …") names no one
			}
			for k := range ps {
				if ps[k].start <= c && c < ps[k].end && !ps[k].isPlace && depth < bestDist && !t.thingModifier(c, n, &ps[k]) {
					best, bestDist = k, depth
				}
			}
			walk(c, depth+1)
		}
	}
	walk(i, 0)
	if best < 0 {
		return nil
	}
	return &ps[best]
}

// treeArguments reads a trigger's arguments from the dependency tree.
func treeArguments(t *tree, keys []string, m lexicon.Match, noun bool, ps []phrase) arguments {
	a := arguments{preps: map[string]*phrase{}}
	v := t.headOf(m.Start, m.End)
	var subj, obj, agent int = -1, -1, -1
	// The arguments of a multi-word trigger hang from any of its words ("declares
	// personae non gratae two staff members"), but not from inside it.
	var kids []int
	for w := m.Start; w < m.End; w++ {
		for _, c := range t.children[w] {
			if c < m.Start || c >= m.End {
				kids = append(kids, c)
			}
		}
	}
	for _, c := range kids {
		switch t.rel(c) {
		case "nsubj":
			// (Of two subjects a misparse gives, "the news agency WFNA said", the one
			// that names an actor.)
			if subj < 0 || t.phraseAt(subj, ps) == nil {
				subj = c
			}
		case "nsubj:pass":
			obj, a.passive = c, true
		case "obj", "iobj":
			if obj < 0 {
				obj = c
			}
		case "obl:agent":
			agent = c
		case "nmod:poss":
			if noun {
				// Only a noun has a possessor: on a verb it is a misread subject's
				// ("Dagolath's Deputy Prime Minister Telemar left").
				a.possessor = t.phraseAt(c, ps)
			}
		case "obl", "nmod", "obl:tmod", "obl:npmod":
			prep := t.caseOf(c)
			if prep == "by" && (a.passive || noun) {
				agent = c
				continue
			}
			p := t.phraseAt(c, ps)
			if p != nil && !p.isPlace && prep != "" && a.preps[prep] == nil {
				a.preps[prep] = p
				for _, q := range t.conjuncts(c, ps, p) {
					a.addConj(p, q)
				}
			}
			if p != nil && p.isPlace && a.place == nil && t.rel(c) == "obl" && p.start <= c && c < p.end {
				a.place = p // "imposed a curfew in Jamaica"
			}
		}
	}
	if subj < 0 && !noun {
		subj = t.subjectOf(v)
	}
	if agent >= 0 && (a.passive || noun || subj < 0) {
		// A by-phrase is the doer of a passive or a noun; after an active verb with a
		// subject it is a misread modifier ("arrested journalists during a
		// demonstration by reporters").
		subj = agent
	}
	a.objectWord = obj
	// The words each role's actor stands in: "70 employees of Wargaming", not only
	// the actor phrase inside it.
	for _, w := range []int{subj, obj} {
		if w >= 0 {
			a.widen(t.phraseAt(w, ps), t, w)
		}
	}
	for _, c := range kids {
		switch t.rel(c) {
		case "obl", "nmod", "obl:agent", "nmod:poss":
			a.widen(t.phraseAt(c, ps), t, c)
		case "ccomp":
			if s := t.child(c, "nsubj", "nsubj:pass"); s >= 0 && c > v && a.clause == nil && t.actorAt(s, ps) {
				a.clause = t.phraseAt(s, ps)
			}
		}
	}
	if obj >= 0 && !t.actorAt(obj, ps) && !t.ownThing(obj) {
		a.addUncoded("object", t.nounPhrase(obj, ps))
		// "fired two artillery shells at Seoul": the target hangs from the object.
		for _, c := range t.children[obj] {
			if t.baseRel(c) != "nmod" {
				continue
			}
			switch prep := t.caseOf(c); prep {
			case "at", "on", "against", "into", "toward", "towards", "upon":
				// A place counts here (shells fired at Seoul are fired at Korea) unless
				// the verb has a participant of its own ("celebrated Eid at Osgiliath
				// with Gondor").
				if p := t.phraseAt(c, ps); p != nil && (!p.isPlace || len(a.preps) == 0) && a.preps[prep] == nil && t.actorAt(c, ps) {
					a.preps[prep] = p
				}
			}
		}
	}
	for _, c := range kids {
		switch t.rel(c) {
		case "obl", "nmod":
			if prep := t.caseOf(c); prep != "" && prep != "by" && argumentPreps[prep] && !t.actorAt(c, ps) {
				a.addUncoded(prep, t.nounPhrase(c, ps))
			}
		}
	}
	a.subject = t.phraseAt(subj, ps)
	if a.subject != nil && a.subject.isPlace {
		a.subject = nil // a dateline or a place, not who acts
	}
	if a.subject != nil && subj >= 0 {
		// "The Netherlands and Russia failed to reach agreement"
		for _, p := range t.conjuncts(subj, ps, a.subject) {
			if a.coSubject == nil {
				a.coSubject = p
			}
			a.addConj(a.subject, p)
		}
	}
	if a.subject == nil && subj >= 0 && subjectPronouns[strings.ToLower(t.words[subj].Form)] {
		// "The ELN has said it will release …": the actor named before the pronoun.
		a.subject = nearestBefore(ps, subj)
		a.inferredSubject = a.subject != nil
	}
	a.object = t.phraseAt(obj, ps)
	if a.object != nil && bareRole(a.object.actor) && t.ownThing(t.phraseHead(a.object)) {
		// "withdraw its troops": the doer's own, no one it acts on.
		a.object = nil
	}
	if a.object != nil {
		for _, p := range t.conjuncts(obj, ps, a.object) {
			a.addConj(a.object, p)
		}
	}
	if noun {
		if a.subject == nil && a.possessor != nil {
			a.subject, a.possessor = a.possessor, nil
		}
		if a.object == nil {
			a.object = a.preps["of"]
		}
		if h := t.head(v); a.object == nil && h >= 0 && t.rel(v) == "obj" && lightVerbs[strings.ToLower(t.words[h].Lemma)] {
			// "gave Putin a stern warning": the light verb's indirect object.
			if io := t.child(h, "iobj"); io >= 0 && t.actorAt(io, ps) {
				a.object = t.phraseAt(io, ps)
			}
		}
		if h := t.head(v); h >= 0 && t.receives(v, h) {
			// "Iran faces criticism from the U.N.", "drew condemnation from Russia": the
			// one who receives is the target, the one it comes from the source.
			if r := t.child(h, "nsubj", "nsubj:pass"); r >= 0 {
				if p := t.phraseAt(r, ps); p != nil && a.subject == nil {
					from := a.preps["from"]
					if from == nil {
						from = a.preps["by"]
					}
					for _, c := range t.children[h] {
						if from == nil && t.baseRel(c) == "obl" && (t.caseOf(c) == "from" || t.caseOf(c) == "by") {
							from = t.phraseAt(c, ps) // "drew condemnation from Germany"
						}
					}
					a.object, a.subject = p, from
					a.widen(p, t, r)
					a.received = true
				}
			}
		}
	}
	// A passive whose subject names no actor and whose doer is not named ("after a
	// hafling was reported") has no doer to inherit from another clause.
	a.ownSubject = a.subject == nil && a.passive && agent < 0 && obj >= 0 && t.namesThing(obj) && !t.actorAt(obj, ps)
	// An active verb whose subject the parse finds, a person or thing the lexicon does
	// not know and with no actor in its words, keeps it: word order must not take a
	// word before it ("Court documents revealed Papadopoulos offered to set up a
	// meeting" is no offer by a court). Markup the parse took for a name
	// ("<script>alert(1)</script> Russia expelled …") names no one and does not count.
	a.unknownSubject = a.subject == nil && !a.passive && subj >= 0 && t.rel(subj) == "nsubj" && t.words[subj].UPOS == "PROPN" && wordLike(t.words[subj].Form) && !dayWord(strings.ToLower(t.words[subj].Form)) && !monthNames[strings.ToLower(t.words[subj].Form)] && t.phraseAt(subj, ps) == nil
	// A verb with a subject of its own that names no actor ("the official news agency
	// WFNA said") takes none from the verb it depends on, nor, if it reports, from
	// word order.
	ownNoun := subj >= 0 && t.rel(subj) == "nsubj" && (t.words[subj].UPOS == "NOUN" || t.words[subj].UPOS == "PROPN") && a.subject == nil
	if ownNoun && reportingVerbs[strings.ToLower(t.words[v].Form)] {
		a.unknownSubject = true
	}
	// A passive verb with no doer named takes none from the verb it is coordinated
	// with or depends on: "Arnor celebrated … and was reported" is no report by Arnor.
	passiveNoDoer := agent < 0 && t.child(v, "aux:pass") >= 0
	if a.subject == nil && !a.ownSubject && !a.received && !ownNoun && !passiveNoDoer {
		a.subject, a.relative = t.inheritedSubject(v, ps)
		a.inferredSubject = a.subject != nil
		if a.subject != nil && !a.relative {
			// "Russia and China have agreed a trade agreement": the agreement's
			// partners are the verb's coordinated subjects.
			for _, p := range t.conjuncts(t.phraseHead(a.subject), ps, a.subject) {
				if a.coSubject == nil {
					a.coSubject = p
				}
				a.addConj(a.subject, p)
			}
		}
	}
	if a.object == nil && obj >= 0 && objectPronouns[strings.ToLower(t.words[obj].Form)] {
		// "called Prime Minister Scott Morrison to congratulate him": the actor named
		// before the pronoun, other than the one acting and the names set beside it
		// ("The SNP's leader Nicola Sturgeon wrote … accusing him").
		for k := len(ps) - 1; k >= 0; k-- {
			p := &ps[k]
			if p.end > obj || p == a.subject || p.isPlace || p.onlyPlace || p.pronoun {
				continue
			}
			if a.subject != nil && (p.start == a.subject.end || p.end == a.subject.start) {
				continue
			}
			a.object = p
			break
		}
	}
	if a.subject != nil && a.subject == a.object {
		a.object = nil
	}
	// Object restrictions read the object and the complements after the trigger
	// ("urged Iran to release the prisoners").
	a.objectStart, a.objectEnd = m.End, min(len(keys), m.End+12)
	if _, hi := t.span(v); hi > m.End {
		a.objectEnd = min(hi, m.End+20)
	}
	if obj >= 0 && obj < m.Start {
		a.objectStart, a.objectEnd = t.span(obj)
	}
	if obj >= m.End {
		// The object noun with its modifiers and of-phrases, not its other phrases:
		// "withdrew peacekeepers from another position in Syria" withdraws
		// peacekeepers, not a position.
		a.objectLo, a.objectHi = t.headedSpan(obj, func(c int) bool {
			if c < obj {
				return true
			}
			switch t.baseRel(c) {
			case "flat", "compound", "appos", "conj", "cc":
				return true
			case "nmod":
				return t.caseOf(c) == "of"
			}
			return false
		})
	}
	return a
}

// namesThing reports whether word i is a noun (not a pronoun, which stands for
// someone named elsewhere).
func (t *tree) namesThing(i int) bool {
	switch t.words[i].UPOS {
	case "NOUN", "PROPN":
		return true
	}
	return false
}

// inheritedSubject finds the subject of a verb that has none of its own: the
// controller of an infinitive ("agreed to withdraw", "urged Russia to withdraw"), the
// first conjunct's subject ("decried … and targeted"), the noun a relative clause
// modifies ("a regime which has suppressed"), the possessor of a noun with an
// infinitive ("Colombia's decision to expel").
func (t *tree) inheritedSubject(v int, ps []phrase) (*phrase, bool) {
	for steps := 0; steps < 4; steps++ {
		h := t.head(v)
		if h < 0 {
			return nil, false
		}
		switch t.rel(v) {
		case "obj":
			// "Russian forces launched an attack on …": the event noun's doer is the
			// subject of the light verb it is the object of.
			if !lightVerbs[strings.ToLower(t.words[h].Lemma)] {
				return nil, false
			}
			if s := t.subjectOf(h); s >= 0 {
				return t.phraseAt(s, ps), false
			}
			// "… decided to launch an attack": one more step up.
		case "xcomp":
			if t.quoteBetween(h, v) {
				// "She told the BBC: 'It is important to support teachers'": a quote,
				// misparsed as the complement of "told", names no doer.
				return nil, false
			}
			if o := t.child(h, "obj"); o >= 0 && !contactVerbs[strings.ToLower(t.words[h].Lemma)] {
				if p := t.phraseAt(o, ps); p != nil || t.words[o].UPOS == "PRON" || !sendVerbs[strings.ToLower(t.words[h].Lemma)] {
					return p, false
				}
				// "the OAS is sending a 30-person team to launch an audit": a team the
				// lexicon does not know acts for its sender.
			}
			if s := t.child(h, "nsubj", "nsubj:pass"); s >= 0 {
				return t.phraseAt(s, ps), false
			}
		case "conj", "advcl":
			if h > v && reportingVerbs[strings.ToLower(t.words[h].Form)] {
				// "X is about to restore ties …, a senior official said", misparsed with
				// the trigger under "said": the speaker is not who acts; the subject
				// of the clause "said" hangs from is.
				if g := t.head(h); g >= 0 && g < v {
					if s := t.child(g, "nsubj", "nsubj:pass"); s >= 0 {
						return t.phraseAt(s, ps), false
					}
				}
				return nil, false
			}
			if s := t.child(h, "nsubj"); s >= 0 {
				return t.phraseAt(s, ps), false
			}
			if t.rel(v) == "conj" && t.words[v].UPOS == "VERB" && t.words[h].UPOS != "VERB" && t.words[h].UPOS != "AUX" {
				// A verb coordinated with a noun is a misparse ("condemned an attack
				// on Thursday and promised aid", "promised" under "Thursday"): its
				// subject is that of the verb the noun depends on.
				for g := t.head(h); g >= 0 && g != v; g = t.head(g) {
					if t.words[g].UPOS == "VERB" {
						if s := t.child(g, "nsubj"); s >= 0 {
							return t.phraseAt(s, ps), false
						}
						break
					}
				}
			}
		case "nmod":
			// "announced $33 million in assistance", "a sixfold increase in funding":
			// the event noun measured by an amount is the light verb's object.
			if cs := t.caseOf(v); (cs == "in" || cs == "of") && t.quantity(h) && t.rel(h) == "obj" {
				break
			}
			// "agreed on the draft text of a free-trade deal"
			if t.caseOf(v) == "of" && t.rel(h) == "obl" && agreedOn(t, h) {
				break
			}
			return nil, false
		case "obl":
			// "agreed to a rollover trade deal", "agreed on a ceasefire": the deal is
			// the one agreeing's.
			if agreedOn(t, v) {
				if s := t.subjectOf(h); s >= 0 {
					return t.phraseAt(s, ps), false
				}
			}
			return nil, false
		case "acl:relcl":
			// Without a relative word the parse may have misread a main clause ("The
			// European Union, the United States and other countries have imposed
			// sanctions"): the subject stands, but not the relative clause's mood.
			return t.phraseAt(h, ps), t.relativized(v)
		case "acl":
			// "Colombia's decision to expel": the noun's possessor; "Amnesty put out
			// a report accusing the army": the subject of the verb the noun depends on.
			if p := t.child(h, "nmod:poss"); p >= 0 {
				return t.phraseAt(p, ps), false
			}
			if g := t.head(h); g >= 0 {
				if s := t.child(g, "nsubj"); s >= 0 && s != h {
					return t.phraseAt(s, ps), false
				}
			}
			return nil, false
		default:
			return nil, false
		}
		v = h
	}
	return nil, false
}

// subjectOf returns the subject of verb v, or -1. A name the parse made a compound
// of the time before the verb is its subject: "Denmark last week announced" parsed
// as "(Denmark last week) announced".
func (t *tree) subjectOf(v int) int {
	if s := t.child(v, "nsubj"); s >= 0 {
		return s
	}
	for _, c := range t.children[v] {
		if c > v || t.baseRel(c) != "obl" && t.baseRel(c) != "nmod" || t.caseOf(c) != "" {
			continue
		}
		for _, n := range t.children[c] {
			if n < c && t.baseRel(n) == "compound" && t.words[n].UPOS == "PROPN" {
				return n
			}
		}
	}
	return -1
}

// governingMood returns the mood a verb takes from the verbs it depends on, beyond
// the words right before it: "Turkey must issue a written statement promising to sign
// an accord" (hypothetical), "pledged to send troops to help rebuild" (future). ""
// when they assert it.
func (t *tree) governingMood(v int) string {
	mood := ""
	for steps := 0; steps < 4 && v >= 0; steps++ {
		switch t.rel(v) {
		case "xcomp", "advcl", "acl", "conj":
			// (A verb coordinated with another shares its modals: "will challenge the
			// tariffs and seek to impose retaliatory ones".)
		case "obj", "obl", "nmod", "nsubj":
			// Through a noun a clause hangs from, to the verb it belongs to: "sign
			// an accord recognising" (not from the trigger itself: "could face
			// sanctions after the attack" does not make the attack a possibility).
			if steps == 0 || !nominal(t.words[v].UPOS) {
				return mood
			}
		default:
			return mood
		}
		v = t.head(v)
		if v < 0 {
			return mood
		}
		for _, a := range t.children[v] {
			if t.rel(a) != "aux" {
				continue
			}
			switch strings.ToLower(t.words[a].Form) {
			case "must", "should", "could", "might", "may":
				return event.MoodHypothetical // whatever else it was
			case "will", "would", "'ll", "shall":
				mood = event.MoodFuture
			}
		}
		switch strings.ToLower(t.words[v].Form) {
		case "promising", "pledging", "vowing", "planning", "intending", "threatening", "offering", "seeking",
			// A noun of intent the clause completes: "Kim's threats to attack Guam".
			"threat", "threats", "plan", "plans", "promise", "promises", "pledge", "pledges", "vow", "vows", "intention", "intent", "offer", "offers":
			mood = event.MoodFuture
		case "proposal", "proposals", "bid", "attempt", "attempts", "call", "calls", "demand", "demands", "request", "requests", "idea", "ideas", "option", "options",
			// What a bill would do, or what something aims at, is not done: "a bill
			// aimed at barring the United States from sharing intelligence".
			"bill", "bills", "legislation", "measure", "amendment", "aimed", "aiming", "designed", "intended":
			return event.MoodHypothetical
		}
	}
	return mood
}

// saidClauses returns the clauses a saying verb at v reports: its ccomp and parataxis
// children, and a that-clause the parse hung from the day it was said on ("said on
// Tuesday that Qatar must mediate", read as a relative clause of "Tuesday").
func (t *tree) saidClauses(v int) []int {
	var out []int
	for _, c := range t.children[v] {
		switch t.rel(c) {
		case "ccomp", "parataxis":
			out = append(out, c)
		case "obl", "obl:tmod", "obl:unmarked", "nmod:tmod":
			if !dayWord(strings.ToLower(t.words[c].Form)) {
				continue
			}
			for _, r := range t.children[c] {
				if t.rel(r) == "acl:relcl" && r > c && strings.ToLower(t.words[c+1].Form) == "that" {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// Words that date something: weekdays, months, and the spans a statement is dated by.
var (
	weekdays = map[string]bool{
		"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
		"saturday": true, "sunday": true,
	}
	monthNames = map[string]bool{
		"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
		"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	}
	timeSpans = map[string]bool{
		"today": true, "yesterday": true, "week": true, "weekend": true, "month": true, "year": true,
		"morning": true, "evening": true, "night": true,
	}
)

// dayWord reports whether a lower-case word is a weekday or a span of days.
func dayWord(w string) bool { return weekdays[w] || timeSpans[w] }

// agreedOn reports whether word n is what a verb of agreeing is about: "agreed to a
// deal", "agreed on a ceasefire".
func agreedOn(t *tree, n int) bool {
	h := t.head(n)
	cs := t.caseOf(n)
	return h >= 0 && strings.ToLower(t.words[h].Lemma) == "agree" && (cs == "to" || cs == "on" || cs == "upon")
}

// beneficiary returns the actor a giving verb at v is for, named as the object of its
// purpose clause: "to support Syrian refugees", "to assist Ethiopia", "to help the
// Philippines army".
func (t *tree) beneficiary(v int, ps []phrase) *phrase {
	kids := t.children[v]
	if o := t.child(v, "obj"); o >= 0 {
		// The parse may hang it from what is given, or from what that is made of: "a
		// shipment of ventilators to assist Venezuela".
		kids = append(append([]int(nil), kids...), t.children[o]...)
		for _, c := range t.children[o] {
			if t.baseRel(c) == "nmod" && t.caseOf(c) == "of" {
				kids = append(kids, t.children[c]...)
			}
		}
	}
	var place *phrase
	for _, c := range kids {
		if t.rel(c) != "advcl" && t.rel(c) != "xcomp" && t.rel(c) != "acl" || t.child(c, "mark") < 0 {
			continue
		}
		if place == nil {
			// "to fight the Ebola epidemic in West Africa", "to help people in
			// Somalia, Ethiopia and Kenya": where the aid goes, when no one is named.
			place = t.placeBelow(c, ps)
		}
		switch strings.ToLower(t.words[c].Lemma) {
		case "support", "assist", "help", "aid", "benefit", "feed", "rebuild", "relieve":
		default:
			continue
		}
		if o := t.child(c, "obj"); o >= 0 && t.actorAt(o, ps) {
			return t.phraseAt(o, ps)
		}
	}
	return place
}

// placeBelow returns the first place (or country) in an "in" or "to" phrase under word
// v, at most four steps down and not inside a relative clause.
func (t *tree) placeBelow(v int, ps []phrase) *phrase {
	skip := func(c int) bool { return t.rel(c) == "acl:relcl" || t.rel(c) == "parataxis" }
	return t.phraseBelow(v, 4, skip, func(c int) *phrase {
		if cs := t.caseOf(c); cs == "in" || cs == "to" {
			if p := t.phraseAt(c, ps); p != nil && (p.isPlace || p.onlyPlace) && p.start <= c && c < p.end {
				return p
			}
		}
		return nil
	})
}

// phraseBelow searches the words under v, nearest first and at most depth steps down,
// for one that match turns into a phrase; skip leaves a word and all under it out.
func (t *tree) phraseBelow(v, depth int, skip func(c int) bool, match func(c int) *phrase) *phrase {
	level := []int{v}
	for range depth {
		var next []int
		for _, w := range level {
			for _, c := range t.children[w] {
				if skip(c) {
					continue
				}
				if p := match(c); p != nil {
					return p
				}
				next = append(next, c)
			}
		}
		level = next
	}
	return nil
}

// hasVerb reports whether the tagger found a finite verb or auxiliary in the sentence
// (an infinitive or participle is no main verb: "trains pilots to fly").
func (t *tree) hasVerb() bool {
	for _, w := range t.words {
		if (w.UPOS == "VERB" || w.UPOS == "AUX") && strings.Contains(w.Feats, "VerbForm=Fin") {
			return true
		}
	}
	return false
}

// relativized reports whether a relative clause headed by v has a relative word.
func (t *tree) relativized(v int) bool {
	for _, c := range t.children[v] {
		switch strings.ToLower(t.words[c].Form) {
		case "who", "which", "that", "whom", "whose", "where":
			return true
		}
	}
	return false
}

// sendVerbs send someone to do something on their behalf.
var sendVerbs = map[string]bool{"send": true, "dispatch": true, "deploy": true, "assign": true, "appoint": true, "task": true, "commission": true, "hire": true}

// quantity reports whether word i measures something: a number or amount ("$33
// million", "a sixfold increase", "a package").
func (t *tree) quantity(i int) bool {
	if t.words[i].UPOS == "NUM" || t.words[i].UPOS == "SYM" {
		return true
	}
	switch strings.ToLower(t.words[i].Lemma) {
	case "million", "billion", "increase", "package", "boost", "amount", "sum", "tranche", "round", "shipment", "batch", "total", "lot", "lots", "plenty", "additional", "more":
		return true
	}
	return false
}

// quoteBetween reports whether a colon or a quotation mark stands between words a and
// b.
func (t *tree) quoteBetween(a, b int) bool {
	for k := min(a, b) + 1; k < max(a, b); k++ {
		switch t.words[k].Form {
		case ":", "\"", "“", "”", "``", "''":
			return true
		}
	}
	return false
}

// span returns the token range of i's subtree.
func (t *tree) span(i int) (int, int) {
	lo, hi := i, i+1
	var walk func(n int)
	walk = func(n int) {
		for _, c := range t.children[n] {
			lo, hi = min(lo, c), max(hi, c+1)
			walk(c)
		}
	}
	walk(i)
	return lo, hi
}

// nearestBefore returns the actor phrase that ends nearest before token i, skipping
// places.
func nearestBefore(ps []phrase, i int) *phrase {
	for k := len(ps) - 1; k >= 0; k-- {
		if ps[k].end <= i && !ps[k].isPlace && !ps[k].onlyPlace {
			return &ps[k]
		}
	}
	return nil
}

// nounPhrase returns the noun phrase headed by word i as a phrase that names no actor:
// its subtree without the preposition that marks it, or nil when i is no noun (a
// pronoun, a clause, a time) or the phrase holds an actor phrase or a place.
func (t *tree) nounPhrase(i int, ps []phrase) *phrase {
	lo, hi, ok := t.nounSpan(i)
	if !ok {
		return nil
	}
	for _, p := range ps {
		if p.start < hi && lo < p.end && !p.isPlace && !bareRole(p.actor) {
			return nil // an actor is in there: the coded roles speak for it
		}
	}
	return &phrase{start: lo, end: hi}
}

// uncodedConjunct returns the first noun phrase coordinated with phrase p's head that
// names no actor ("its gulf war allies" in "Kuwait and its gulf war allies"), or nil.
func (t *tree) uncodedConjunct(p *phrase, ps []phrase) *phrase {
	w := t.headOf(p.start, p.end)
	if w < 0 {
		return nil
	}
	for _, c := range t.children[w] {
		if t.baseRel(c) != "conj" || !nominal(t.words[c].UPOS) {
			continue
		}
		if q := t.nounPhrase(c, ps); q != nil {
			return q
		}
	}
	return nil
}

// nounSpan returns the tokens of the noun phrase headed by word i: its subtree
// without the preposition that marks it and without punctuation at its ends. ok is
// false when i is no noun (a pronoun, a clause) or the phrase is too long to be one.
func (t *tree) nounSpan(i int) (lo, hi int, ok bool) {
	switch t.words[i].UPOS {
	case "NOUN", "PROPN", "NUM":
	default:
		return 0, 0, false
	}
	lo, hi = t.headedSpan(i, func(c int) bool {
		switch t.baseRel(c) {
		case "case", "cc", "punct", "mark":
			return false
		}
		return true
	})
	return lo, hi, hi-lo <= 25
}

// widen records the noun phrase of word w as the words that stand for actor phrase p.
func (a *arguments) widen(p *phrase, t *tree, w int) {
	if p == nil || p.isPlace {
		return
	}
	lo, hi, ok := t.roleSpan(w, p)
	if !ok || lo > p.start || hi < p.end {
		return
	}
	if a.words == nil {
		a.words = map[*phrase][2]int{}
	}
	if _, seen := a.words[p]; !seen {
		a.words[p] = [2]int{lo, hi}
	}
}

// roleSpan returns the noun phrase headed by word w as the words for the actor phrase
// p inside it: the head with its determiners, modifiers, compounds, of-phrases,
// appositions and conjuncts ("the Russian space organization Glavkosmos and the
// Indian Space Research Organization", "chairman of the African Union Commission"),
// but not its other prepositional phrases or clauses ("the Chinese ambassador in
// Berlin", "a decision to reinstate …"). ok is false when p is only the possessor of
// the head ("Buhari's decision": Buhari).
func (t *tree) roleSpan(w int, p *phrase) (lo, hi int, ok bool) {
	switch t.words[w].UPOS {
	case "NOUN", "PROPN", "NUM":
	default:
		return 0, 0, false
	}
	lo, hi = t.headedSpan(w, t.keepInRole)
	if hi-lo > 20 {
		return 0, 0, false
	}
	for k := lo; k < hi; k++ {
		if !wordLike(t.words[k].Form) {
			return 0, 0, false // markup or symbols misread as a noun phrase
		}
	}
	// The actor phrase must be the head's own words or a modifier kept above, not a
	// possessor ("Buhari's decision") or something outside.
	for _, c := range t.children[w] {
		if t.rel(c) == "nmod:poss" {
			if clo, chi := t.span(c); p.start >= clo && p.end <= chi {
				return 0, 0, false
			}
		}
	}
	return lo, hi, true
}

// keepInRole reports whether a child of a role's head noun belongs to the words of the
// role.
func (t *tree) keepInRole(c int) bool {
	switch t.baseRel(c) {
	case "det", "amod", "compound", "nummod", "flat", "cc", "nmod:poss":
		return true
	case "conj":
		// "Russia and the Crimea", not "rejected the appeal and upheld the sentences"
		switch t.words[c].UPOS {
		case "NOUN", "PROPN", "NUM":
			return true
		}
		return false
	case "appos":
		// "diplomats Wednesday" is a misread time, and "… from Syria, Defence Minister
		// Sergei Shoigu said" a misread speaker, not appositions.
		if w := strings.ToLower(t.words[c].Form); isSentenceWord(w) || relativeDays[w] {
			return false
		}
		_, hi := t.span(c)
		return hi >= len(t.words) || !reportingVerbs[strings.ToLower(t.words[hi].Form)]

	case "punct":
		return t.words[c].Form == "," || t.words[c].Form == "(" || t.words[c].Form == ")"
	case "nmod":
		if t.rel(c) == "nmod:poss" {
			return true
		}
		switch t.words[c].UPOS {
		case "NOUN", "PROPN", "NUM":
			return t.caseOf(c) == "of"
		}
	}
	return false
}

// wordLike reports whether a token may stand in a noun phrase: a word, a number, or
// the punctuation of names and lists.
func wordLike(form string) bool {
	switch form {
	case ",", "(", ")", "'", "’", "'s", "’s", "-", "&", ".":
		return true
	}
	digits := strings.ContainsAny(form, "0123456789")
	for _, r := range form {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-' && r != '\'' && r != '’' && r != '&' && !(r == ',' && digits) {
			return false // (a comma only inside a number: "20,000 civilians")
		}
	}
	return form != ""
}

// reportingVerbs end the clause that names a speaker: "…, an official said".
var reportingVerbs = map[string]bool{"said": true, "says": true, "say": true, "told": true,
	"reported": true, "reports": true, "announced": true, "added": true, "stated": true,
	"confirmed": true, "claimed": true, "noted": true, "wrote": true, "according": true,
	"learned": true, "learnt": true}

// lightVerbs carry an event noun as their object, the noun saying what happened:
// "launched an attack", "carried out strikes", "opened an investigation".
var lightVerbs = map[string]bool{
	"launch": true, "carry": true, "conduct": true, "stage": true, "mount": true, "make": true,
	"hold": true, "wage": true, "unleash": true, "begin": true, "start": true, "resume": true,
	"intensify": true, "step": true, "continue": true, "undertake": true, "perform": true,
	"order": true, "declare": true, "impose": true, "issue": true, "sign": true, "reach": true,
	"offer": true, "extend": true, "file": true, "open": true, "grant": true, "lodge": true,
	"express": true, "announce": true, "initiate": true, "pursue": true, "execute": true,
	"agree": true, // "agreed a free trade agreement"
	"give":  true, // "gave Putin a stern warning"
	// "approved troop deployments in Libya", "authorized the release of $1.2 billion"
	"approve": true, "authorize": true, "authorise": true,
}

var objectPronouns = map[string]bool{"him": true, "her": true, "them": true}

// actorAt reports whether the nominal at word i stands for an actor phrase, not only
// a place named inside it ("Kurdish fighters in northern Syria").
func (t *tree) actorAt(i int, ps []phrase) bool {
	p := t.phraseAt(i, ps)
	return p != nil && (!p.isPlace || p.start <= i && i < p.end)
}

// conjuncts returns the actor phrases coordinated with the nominal at word w (its
// conj dependents, and theirs: "Britain, France and Germany"), other than self.
func (t *tree) conjuncts(w int, ps []phrase, self *phrase) []*phrase {
	var out []*phrase
	var walk func(n, depth int)
	walk = func(n, depth int) {
		for _, c := range t.children[n] {
			if t.rel(c) != "conj" || depth > 6 {
				continue
			}
			switch t.words[c].UPOS {
			case "NOUN", "PROPN":
			default:
				continue // a coordinated clause, not an actor
			}
			if p := t.phraseAt(c, ps); p != nil && p != self && !p.isPlace && p.start <= c && c < p.end {
				out = append(out, p)
			}
			walk(c, depth+1)
		}
	}
	walk(w, 0)
	return out
}

// coordinated reports whether the conjuncts of word w are joined by a conjunction
// ("Gondor and Osgiliath", "France, Germany and Britain").
func (t *tree) coordinated(w int) bool {
	for _, c := range t.children[w] {
		if t.rel(c) != "conj" {
			continue
		}
		if t.child(c, "cc") >= 0 || t.coordinated(c) {
			return true
		}
	}
	return false
}

// ownThing reports whether noun w is its doer's own ("withdrew its troops from the
// zone", "extended their mission in the republic", "declared its support"): what is
// done with it is not done to it, and the target is elsewhere.
func (t *tree) ownThing(w int) bool {
	for _, c := range t.children[w] {
		if t.rel(c) == "nmod:poss" {
			switch strings.ToLower(t.words[c].Form) {
			case "its", "their", "our":
				return true
			}
		}
	}
	return false
}

// relativeDays are times journalists set off with commas: "The Nigerian Senate,
// yesterday, began …".
var relativeDays = map[string]bool{"yesterday": true, "today": true, "tomorrow": true, "tonight": true, "earlier": true, "later": true}

// thingModifier reports whether a bare role phrase (a sector with no country, such as
// "military" or "government") only modifies a thing at word c under head n: "joint
// military exercises", "a military academy", "a government compound" name no actor.
func (t *tree) thingModifier(c, n int, p *phrase) bool {
	if !bareRole(p.actor) || p.start <= n && n < p.end {
		return false
	}
	switch t.baseRel(c) {
	case "amod", "compound":
	default:
		return false
	}
	return !peopleNouns[strings.ToLower(t.words[n].Form)]
}

// opens reports whether words [lo, hi) hold an opening bracket: "(UNSMIL)" keeps its
// closing one.
func (t *tree) opens(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if t.words[k].Form == "(" {
			return true
		}
	}
	return false
}

// bareRole reports whether an actor is a role alone, with no country and no code of
// its own: "military", "government", "journalists".
func bareRole(a event.Actor) bool {
	return a.Country == "" && len(a.Sectors) > 0 && a.Code == strings.Join(a.Sectors, "")
}

// headedSpan returns the tokens of word w's subtree, leaving out the direct children
// keep rejects (with theirs) and punctuation at the ends ("(UNSMIL)" keeps its closing
// bracket).
func (t *tree) headedSpan(w int, keep func(c int) bool) (lo, hi int) {
	lo, hi = w, w+1
	var walk func(n int)
	walk = func(n int) {
		for _, c := range t.children[n] {
			if n == w && !keep(c) {
				continue
			}
			lo, hi = min(lo, c), max(hi, c+1)
			walk(c)
		}
	}
	walk(w)
	return t.trimPunct(lo, hi)
}

// trimPunct leaves punctuation out of the ends of words [lo, hi), but keeps a closing
// bracket whose opening one is in: "(UNSMIL)".
func (t *tree) trimPunct(lo, hi int) (int, int) {
	for lo < hi-1 && t.words[lo].UPOS == "PUNCT" {
		lo++
	}
	for hi > lo+1 && t.words[hi-1].UPOS == "PUNCT" && !(t.words[hi-1].Form == ")" && t.opens(lo, hi-1)) {
		hi--
	}
	return lo, hi
}

// receiveVerbs take an event noun as what their subject receives: "faces criticism",
// "drew condemnation", "won praise", "came under attack".
var receiveVerbs = map[string]bool{
	"face": true, "receive": true, "draw": true, "attract": true, "earn": true, "win": true,
	"suffer": true, "endure": true, "incur": true, "get": true, "garner": true,
}

// receives reports whether event noun v is what the subject of its head h receives:
// "faces criticism", "came under attack".
func (t *tree) receives(v, h int) bool {
	lemma := strings.ToLower(t.words[h].Lemma)
	if t.rel(v) == "obj" {
		return receiveVerbs[lemma]
	}
	return t.baseRel(v) == "obl" && t.caseOf(v) == "under" && lemma == "come"
}

// calledParty returns the one a telephone call reached when verb v says what the call
// was for ("called Erdogan to apologize", "called King Salman, discussing …"), nil
// when v is no such verb.
func (t *tree) calledParty(v int, ps []phrase) *phrase {
	switch t.rel(v) {
	case "xcomp", "advcl":
	default:
		return nil
	}
	h := t.head(v)
	if h < 0 || !callVerbs[strings.ToLower(t.words[h].Lemma)] {
		return nil
	}
	o := t.child(h, "obj")
	if o < 0 || o > v {
		return nil
	}
	if p := t.phraseAt(o, ps); p != nil && !p.isPlace && p.start <= o && o < p.end {
		return p
	}
	return nil
}

// betweenBelow returns the actor of the first "between" phrase under word v, at most
// six steps down, not inside a clause of its own (a purpose is: "an effort to resolve
// the rift between …").
func (t *tree) betweenBelow(v int, ps []phrase) *phrase {
	skip := func(c int) bool {
		switch t.rel(c) {
		case "acl:relcl", "advcl", "ccomp", "parataxis", "conj":
			return true
		}
		return false
	}
	return t.phraseBelow(v, 6, skip, func(c int) *phrase {
		if t.caseOf(c) == "between" {
			if p := t.phraseAt(c, ps); p != nil && !p.isPlace && p.start <= c && c < p.end {
				return p
			}
		}
		return nil
	})
}

// callVerbs telephone someone: their object is who was called, not what is named.
var callVerbs = map[string]bool{"call": true, "phone": true, "telephone": true, "ring": true}

// contactVerbs reach someone without making them act: in "X called Y to congratulate
// him" the infinitive is X's purpose, though the parse may read it as Y's complement
// (object control, as in "urged Y to leave").
var contactVerbs = map[string]bool{
	"call": true, "phone": true, "telephone": true, "ring": true, "contact": true,
	"visit": true, "meet": true, "host": true, "receive": true, "write": true, "email": true,
}
