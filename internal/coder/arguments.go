package coder

import (
	"strings"

	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/text"
)

// arguments are the actor phrases that stand in grammatical roles around a trigger,
// found from the word order of the sentence. Roles are semantic: in a passive, the
// by-phrase is the subject and the grammatical subject is the object.
type arguments struct {
	subject, object *phrase
	preps           map[string]*phrase // "against", "with", "of", …
	possessor       *phrase
	passive         bool
	relative        bool // the subject came from a relative pronoun's antecedent
	inferredSubject bool // the subject was inferred (control, relative clause)
	ownSubject      bool // the parse gives the trigger a subject that names no actor
	unknownSubject  bool // the parse gives the trigger a named subject the lexicon does not know
	objectStart     int  // first token after the trigger, where the object words begin
	objectEnd       int
	// objectLo, objectHi are the parse's object noun phrase, when it has one after the
	// trigger: object restrictions are looked for there first.
	objectLo, objectHi int
	objectWord         int // the parse's object word, -1 when it found none (set by treeArguments only)
	// uncoded holds, by role ("object", "against", …), the noun phrases the parse
	// puts in a role that name no actor the lexicon knows ("the captain of a rescue
	// ship"): a target in words only, used when no actor stands in any target role.
	uncoded map[string]*phrase
	// place is a place the trigger happens in ("a curfew in Jamaica"), coSubject the
	// actor coordinated with the subject ("the EU and Turkey failed to agree"): targets
	// when no participant stands in a target role.
	place, coSubject *phrase
	// clause is the subject of the trigger's complement clause ("allowed that Mordor
	// isn't …"): a target only by PETRARCH's conventions.
	clause *phrase
	// words holds, for an actor phrase in a role, the token range of the whole noun
	// phrase it stands in ("70 employees of Wargaming" for "employees").
	words map[*phrase][2]int
	// received is set when an event noun is what the subject of "face", "draw" …
	// receives: the subject is the target, and no other subject is inherited.
	received bool
	// conj holds the actor phrases coordinated with a role's phrase ("Russia and
	// China", "Britain, France and Germany"), in order.
	conj map[*phrase][]*phrase
}

// addConj records q as coordinated with p.
func (a *arguments) addConj(p, q *phrase) {
	if p == nil || q == nil || p == q || q.isPlace {
		return
	}
	if a.conj == nil {
		a.conj = map[*phrase][]*phrase{}
	}
	for _, x := range a.conj[p] {
		if x == q {
			return
		}
	}
	a.conj[p] = append(a.conj[p], q)
}

// roles returns the phrases standing in roles, each once.
func (a arguments) roles() []*phrase {
	out := []*phrase{a.subject, a.object, a.possessor, a.coSubject}
	for _, p := range a.preps {
		out = append(out, p)
	}
	seen := map[*phrase]bool{}
	k := 0
	for _, p := range out {
		if p != nil && !seen[p] {
			seen[p] = true
			out[k] = p
			k++
		}
	}
	return out[:k]
}

// addTreeConjuncts adds the actors the parse coordinates with a target's phrase where
// none were found: a phrase found inside a larger noun phrase ("ties between Gondor
// and Osgiliath"), or by word order ("ties with Gondor and Arnor").
func (a *arguments) addTreeConjuncts(t *tree, ps []phrase) {
	for _, p := range a.roles() {
		// Only targets: a subject's conjuncts the parse finds directly, and one found
		// inside a noun phrase is a modifier ("the summit between the EU and Turkey").
		if len(a.conj[p]) > 0 || p == a.subject || p == a.coSubject {
			continue
		}
		w := t.phraseHead(p)
		if !t.coordinated(w) {
			continue // "the ICC, to which it is not a party": no "and", no list
		}
		for _, q := range t.conjuncts(w, ps, p) {
			a.addConj(p, q)
		}
	}
}

// addHomes adds, for a role (and its conjuncts) that took its country from a
// coordination of countries, one actor per country ("lawmakers in Fornost and Gondor").
func (a *arguments) addHomes(ps []phrase, keys []string) {
	for _, p := range a.roles() {
		for _, x := range a.conjoined(p, nil) {
			for _, c := range homeCountries(ps, keys, x) {
				a.addConj(p, c)
			}
		}
	}
}

// conjoined returns p and the phrases coordinated with it, leaving out other (the
// actor in the other role); nil p gives [nil].
func (a arguments) conjoined(p, other *phrase) []*phrase {
	out := []*phrase{p}
	if p == nil {
		return out
	}
	for _, q := range a.conj[p] {
		if q != other {
			out = append(out, q)
		}
	}
	return out
}

func (a arguments) objectWords(keys []string) []string {
	if a.objectStart >= a.objectEnd {
		return nil
	}
	return span(keys, a.objectStart, a.objectEnd)
}

func (a *arguments) addUncoded(role string, p *phrase) {
	if p == nil {
		return
	}
	if a.uncoded == nil {
		a.uncoded = map[string]*phrase{}
	}
	if a.uncoded[role] == nil {
		a.uncoded[role] = p
	}
}

// pickUncoded returns the first uncoded noun phrase standing in one of the roles.
func pickUncoded(a arguments, roles []string) *phrase {
	for _, r := range roles {
		if p := a.uncoded[r]; p != nil {
			return p
		}
	}
	return nil
}

// pickRole returns the first phrase standing in one of the roles.
// Grammatical roles come in the order given; among prepositional roles, the phrase
// nearest the trigger wins ("arrived in Gondor on Monday on his first visit").
func pickRole(a arguments, roles []string) *phrase {
	var near *phrase
	for _, r := range roles {
		var p *phrase
		switch r {
		case "subject", "agent":
			p = a.subject
		case "object":
			p = a.object
		case "possessor":
			p = a.possessor
		default:
			if q := a.preps[r]; q != nil && (near == nil || q.start < near.start) {
				near = q
			}
			continue
		}
		if p != nil && near == nil {
			return p
		}
	}
	return near
}

// Words that end a clause when looking for a trigger's subject or object.
var clauseBreak = map[string]bool{
	";": true, ":": true, "that": true, "because": true, "while": true, "whether": true,
	"if": true, "but": true, "although": true, "though": true, "since": true, "unless": true,
	"after": true, "before": true, "when": true, "where": true, "said": true, "says": true,
}

var relativePronoun = map[string]bool{"which": true, "who": true, "whom": true}

var beForms = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "be": true, "got": true, "get": true}

// objectControl verbs give their object as the subject of a following "to" verb:
// "urged Russia to withdraw".
var objectControl = map[string]bool{
	"urged": true, "urge": true, "urges": true, "asked": true, "ask": true, "asks": true,
	"ordered": true, "order": true, "orders": true, "forced": true, "force": true, "told": true,
	"pressed": true, "persuaded": true, "called": true, "encouraged": true, "allowed": true,
	"invited": true, "invite": true, "requested": true, "demanded": true, "warned": true,
}

var argumentPreps = map[string]bool{
	"against": true, "with": true, "on": true, "to": true, "of": true, "from": true, "for": true,
	"toward": true, "towards": true, "over": true, "into": true, "by": true, "upon": true,
}

// findArguments looks left of the trigger for its subject and right for its object and
// prepositional arguments.
func findArguments(toks []text.Token, keys []string, m lexicon.Match, noun bool, ps []phrase) arguments {
	a := arguments{preps: map[string]*phrase{}, objectWord: -1}
	if noun {
		return nounArguments(keys, m, ps)
	}
	a.passive = isPassive(keys, m)
	// Subject: the nearest actor phrase to the left within the clause.
	left := -1
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].end <= m.Start {
			left = i
			break
		}
	}
	if left >= 0 {
		if o := homeOwner(ps, keys, left); o >= 0 {
			// "Lawmakers in Fornost and Gondor welcomed": the lawmakers act.
			left = o
		}
		p := &ps[left]
		between := span(keys, p.end, m.Start)
		switch {
		case pronounSubject(keys, p.end, m.Start) && !p.isPlace:
			// "The ELN has said it will release …": the pronoun stands for the
			// actor named before it.
			a.subject, a.inferredSubject = p, true
		case infinitive(keys, m.Start) && !quoted(between):
			// (Not across a colon or quotation mark: "She told the BBC: 'It is
			// important to support teachers'".)
			a.subject = controller(keys, ps, left)
			a.inferredSubject = true
		case hasRelative(between):
			a.subject, a.relative, a.inferredSubject = p, true, true
		case !hasBreak(between) && !p.isPlace && (p.prep == "" || p.prep == "'s" || p.prep == "the" || !argumentPreps[p.prep]):
			a.subject = p
			if left > 0 && p.prep == "and" && ps[left-1].end == p.start-1 && !ps[left-1].isPlace && ps[left-1].prep != "of" && ps[left-1].prep != "from" {
				// "Russia and China met": the first named, with the other.
				a.subject, a.coSubject = &ps[left-1], p
				a.addConj(a.subject, p)
			}
		}
	}
	// Object and prepositional arguments: the phrases to the right, up to a clause break.
	a.objectStart = m.End
	a.objectEnd = min(len(keys), m.End+12)
	for i := range ps {
		p := &ps[i]
		if p.start < m.End {
			continue
		}
		if p.start-m.End > 12 || hasBreak(span(keys, m.End, p.start)) {
			a.objectEnd = p.start
			break
		}
		if p.isPlace || speaker(keys, p) {
			// "…, Kurdish-led forces said": who says so, not whom it is done to.
			continue
		}
		switch {
		case p.prep == "by" && a.passive:
			if a.subject != nil && a.object == nil {
				a.object = a.subject
			}
			a.subject = p
		case p.prep == "of" && a.object == nil && p.start-m.End <= 6 && !hasPhraseBetween(ps, m.End, p.start):
			// "declared persona non grata two staff members of the mission": the actor
			// of an of-phrase right after the trigger stands for the object.
			a.object = p
			a.objectEnd = p.end
		case argumentPreps[p.prep]:
			if a.preps[p.prep] == nil {
				a.preps[p.prep] = p
			}
		case a.object == nil:
			a.object = p
			a.objectEnd = p.end
		case p.prep == "and" && a.object != nil && i > 0 && ps[i-1].end == p.start-1:
			// "condemned Russia and China"
			a.addConj(a.object, p)
		}
	}
	if m.End < len(keys) && keys[m.End] == "that" {
		// "allowed that Mordor isn't …": the subject of the complement clause.
		for i := range ps {
			if p := &ps[i]; p.start > m.End && p.start <= m.End+2 && !p.isPlace {
				a.clause = p
				break
			}
		}
	}
	if a.passive && a.object == nil && a.subject != nil && (a.preps["by"] == nil || a.preps["by"] != a.subject) {
		// "Two diplomats were expelled" names no doer: the subject is the object.
		a.object, a.subject = a.subject, nil
	}
	if a.passive && a.object != nil && a.object.end <= m.Start {
		// The object restriction reads the passive subject: "diplomats were expelled".
		a.objectStart, a.objectEnd = a.object.start, a.object.end
	}
	return a
}

// nounArguments reads "X's expulsion of Y", "the expulsion of Y by X", "talks with Y".
func nounArguments(keys []string, m lexicon.Match, ps []phrase) arguments {
	a := arguments{preps: map[string]*phrase{}, objectStart: m.End, objectEnd: min(len(keys), m.End+8), objectWord: -1}
	for i := range ps {
		p := &ps[i]
		switch {
		case p.onlyPlace && p.end <= m.Start:
			// "the Istanbul bombing": where it happened, not who did it.
			continue
		case p.end <= m.Start && m.Start-p.end <= 2 && (endsPossessive(keys, p.end) || p.end == m.Start):
			a.possessor = p
			a.subject = p
		case p.start >= m.End && p.start-m.End <= 6 && !p.isPlace && argumentPreps[p.prep]:
			if p.prep == "by" {
				a.subject = p
			} else if a.preps[p.prep] == nil {
				a.preps[p.prep] = p
				if p.prep == "of" && a.object == nil {
					a.object = p
				}
			}
		}
	}
	if a.possessor != nil && a.object == nil {
		// "Colombia's expulsion" alone: the possessor is the doer.
		a.possessor = nil
	}
	return a
}

func endsPossessive(keys []string, end int) bool {
	return end < len(keys) && (keys[end] == "'s" || keys[end] == "'")
}

// isPassive reports whether the trigger verb is a passive participle: a form of "be"
// shortly before it ("were expelled", "was later expelled").
func isPassive(keys []string, m lexicon.Match) bool {
	w := keys[m.Start]
	if !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "en") && !strings.HasSuffix(w, "wn") && w != "held" && w != "met" && w != "shot" && w != "hit" && w != "struck" && w != "seized" {
		return false
	}
	for k := m.Start - 1; k >= 0 && k >= m.Start-3; k-- {
		if beForms[keys[k]] {
			return true
		}
		if clauseBreak[keys[k]] || keys[k] == "," {
			return false
		}
	}
	return false
}

// infinitive reports whether the trigger is a "to" infinitive ("decided to expel").
func infinitive(keys []string, start int) bool {
	return start > 0 && keys[start-1] == "to"
}

// controller finds the subject of a "to" infinitive: the object of an object-control
// verb ("urged Russia to leave"), else the subject of the clause ("Russia decided to
// leave", "the ministry summoned the ambassador to protest").
func controller(keys []string, ps []phrase, nearest int) *phrase {
	p := &ps[nearest]
	if p.start > 0 && objectControl[keys[p.start-1]] {
		return p
	}
	// "Colombia's decision to expel": the possessor of the noun controls.
	if endsPossessive(keys, p.end) {
		return p
	}
	for i := nearest - 1; i >= 0; i-- {
		q := &ps[i]
		if q.isPlace || argumentPreps[q.prep] {
			continue
		}
		if hasBreak(span(keys, q.end, p.start)) {
			break
		}
		return q
	}
	if p.prep == "" || p.prep == "the" || p.prep == "'s" {
		return p
	}
	return nil
}

func hasBreak(words []string) bool {
	for _, w := range words {
		if clauseBreak[w] {
			return true
		}
	}
	return false
}

func hasRelative(words []string) bool {
	for _, w := range words {
		if relativePronoun[w] {
			return true
		}
		if clauseBreak[w] {
			return false
		}
	}
	return false
}

// span returns keys[from:to], or nothing when the range is empty or reversed.
func span(keys []string, from, to int) []string {
	if from < 0 || to > len(keys) || from >= to {
		return nil
	}
	return keys[from:to]
}

// hasPhraseBetween reports whether an actor phrase lies in tokens [from, to).
func hasPhraseBetween(ps []phrase, from, to int) bool {
	for _, p := range ps {
		if p.start >= from && p.end <= to {
			return true
		}
	}
	return false
}

var subjectPronouns = map[string]bool{"it": true, "they": true, "he": true, "she": true, "we": true}

// pronounSubject reports whether a subject pronoun stands between an actor phrase
// (ending at from) and the trigger (at to), in the trigger's own clause.
func pronounSubject(keys []string, from, to int) bool {
	for k := to - 1; k >= from && k >= to-6; k-- {
		if clauseBreak[keys[k]] || keys[k] == "," {
			return false
		}
		if subjectPronouns[keys[k]] {
			return !expletive(keys, k, to)
		}
	}
	return false
}

// quoted reports whether words hold a colon or a quotation mark.
func quoted(words []string) bool {
	for _, w := range words {
		switch w {
		case ":", "\"", "“", "”", "``", "''":
			return true
		}
	}
	return false
}

// expletive reports whether "it" at k is the empty subject of "it is important to
// support …": a form of "be", then no verb in -ing ("it is preparing to send"), and
// "to" right before the trigger at to.
func expletive(keys []string, k, to int) bool {
	return keys[k] == "it" && k+2 < to && beForms[keys[k+1]] && !strings.HasSuffix(keys[k+2], "ing") && keys[to-1] == "to"
}

// peopleNouns name people in a noun phrase the lexicon does not code ("a handful of
// journalists", "two Kuwaiti nationals"): such a phrase is what the event is done to,
// more than the place it is done in.
var peopleNouns = map[string]bool{
	"people": true, "person": true, "persons": true, "man": true, "men": true, "woman": true,
	"women": true, "child": true, "children": true, "journalist": true, "journalists": true,
	"prisoner": true, "prisoners": true, "migrant": true, "migrants": true, "national": true,
	"nationals": true, "citizen": true, "citizens": true, "worker": true, "workers": true,
	"student": true, "students": true, "captain": true, "crew": true, "member": true,
	"members": true, "leader": true, "leaders": true, "activist": true, "activists": true,
	"suspect": true, "suspects": true, "militant": true, "militants": true, "resident": true,
	"residents": true, "villager": true, "villagers": true, "family": true, "families": true,
	"official": true, "officials": true, "lawyer": true, "lawyers": true, "doctor": true,
	"doctors": true, "hostage": true, "hostages": true, "detainee": true, "detainees": true,
	"refugee": true, "refugees": true, "soldier": true, "soldiers": true, "fighter": true,
	"fighters": true, "staff": true, "employee": true, "employees": true, "reporter": true,
	"reporters": true, "wife": true, "son": true, "daughter": true, "father": true, "mother": true,
}

// namesPeople reports whether an uncoded phrase names people.
func namesPeople(keys []string, p *phrase) bool {
	for k := p.start; k < p.end; k++ {
		if peopleNouns[keys[k]] {
			return true
		}
	}
	return false
}

// setWords gives an actor the offsets of the whole noun phrase its phrase stands in,
// when the parse found one.
func (a arguments) setWords(act *event.Actor, p *phrase, toks []text.Token) {
	if w, ok := a.words[p]; ok && !p.pronoun {
		act.Start, act.End = toks[w[0]].Start, toks[w[1]-1].End
	} else if p.wordsEnd > p.end {
		act.End = toks[p.wordsEnd-1].End
	}
}

// hasObjectBesides reports whether the trigger has an object the lexicon does not
// code, other than the thing the predicate itself names ("Trump and Republicans
// welcomed Barr's summary": the summary, not each other; but "the US and China signed
// an agreement" is with each other).
func (a arguments) hasObjectBesides(p *lexicon.Predicate, keys []string) bool {
	if a.objectWord < 0 || a.objectWord >= len(keys) {
		return false
	}
	w := keys[a.objectWord]
	for _, n := range p.Nouns {
		if f := strings.Fields(strings.ToLower(n)); len(f) > 0 && (f[len(f)-1] == w || isPluralOf(w, f[len(f)-1])) {
			return false
		}
	}
	return true
}

// speaker reports whether an actor phrase is the subject of a reporting verb right
// after it ("…, an official said", "Kurdish-led forces said Tuesday").
func speaker(keys []string, p *phrase) bool {
	if p.end+1 < len(keys) && (keys[p.end] == "has" || keys[p.end] == "have") && (keys[p.end+1] == "learned" || keys[p.end+1] == "learnt") {
		return true // "…, Fox News has learned"
	}
	return p.end < len(keys) && reportVerbs[keys[p.end]]
}
