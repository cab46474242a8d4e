package coder

import (
	"slices"
	"strings"

	"dyad/internal/event"
	"dyad/internal/text"
)

// Coreference within one article. Journalists name an actor once in full and then
// refer back to it: a bare role ("the ministry", "the national government", "the
// ambassador"), a pronoun that opens a sentence ("It also expelled …"), a short name
// ("Caballero" after "Colombian Ambassador Alfonso Lopez Caballero"). The Context
// remembers the actors each sentence named so that later sentences can resolve these.

// namedActor is an actor phrase an earlier sentence (or an earlier part of this one)
// coded.
type namedActor struct {
	actor    event.Actor
	sentence int
	role     string // the role word, singular ("ambassador", "government"), if any
	person   bool
	topic    bool // the phrase opens its sentence: what the sentence is about
}

// How far back references reach, in sentences: a role word names the same office
// across an article; a bare sector or a pronoun only the actor just named.
const (
	roleWindow    = 12
	sectorWindow  = 1
	pronounWindow = 2
	keepNamed     = 64
)

// remember records the coded actor phrases of a sentence.
func (c *Context) remember(ps []phrase, sent int) {
	if c == nil {
		return
	}
	for _, p := range ps {
		// A country named outright is an actor to refer back to ("Russia … It"); a city
		// or a place after "in" is not.
		if p.isPlace || p.onlyPlace && p.actor.Country == "" || p.actor.Code == "" || p.pronoun {
			continue
		}
		c.named = append(c.named, namedActor{actor: p.actor, sentence: sent, role: p.role, person: p.person, topic: p.start <= 1})
	}
	if n := len(c.named); n > keepNamed {
		c.named = append(c.named[:0], c.named[n-keepNamed:]...)
	}
}

// learnNames records the short names a person phrase introduces: its last name, and
// its last two names ("Lopez Caballero").
func (c *Context) learnNames(names []string, a event.Actor) {
	if c == nil || len(names) < 2 || a.Country == "" {
		return
	}
	if c.names == nil {
		c.names = map[string]event.Actor{}
	}
	last := names[len(names)-1]
	c.names[last] = a
	c.names[names[len(names)-2]+" "+last] = a
}

// resolveRole gives a bare role the country of the actor it refers back to: the last
// actor with the same role word in the article ("the ambassador" → "Colombian
// Ambassador Alfonso Lopez Caballero"), else the actor of the same sectors the
// previous sentence opened with ("Colombian troops … The army …"). earlier are the phrases
// of this sentence before it.
func (c *Context) resolveRole(a event.Actor, role string, earlier []phrase, sent int) (event.Actor, bool) {
	if c == nil || a.Country != "" || len(a.Sectors) == 0 {
		return a, false
	}
	sectors := strings.Join(a.Sectors, "")
	fits := func(n namedActor, byRole bool) bool {
		if n.actor.Country == "" || n.person && !byRole {
			return false
		}
		if byRole {
			return role != "" && n.role == role && strings.Join(n.actor.Sectors, "") == sectors
		}
		// Not within one sentence: "Romania's president refused the justice minister"
		// names two people of one government.
		// And only the actor the previous sentence was about: in "X met Russian
		// diplomats. The government …", the government is X's.
		return n.topic && strings.Join(n.actor.Sectors, "") == sectors && n.sentence < sent && sent-n.sentence <= sectorWindow
	}
	for _, byRole := range []bool{true, false} {
		for i := len(earlier) - 1; i >= 0; i-- {
			p := earlier[i]
			n := namedActor{actor: p.actor, sentence: sent, role: p.role, person: p.person}
			if !p.isPlace && !p.onlyPlace && !p.pronoun && fits(n, byRole) {
				return referTo(a, n.actor), true
			}
		}
		for i := len(c.named) - 1; i >= 0; i-- {
			n := c.named[i]
			if sent-n.sentence > roleWindow {
				break
			}
			if fits(n, byRole) {
				return referTo(a, n.actor), true
			}
		}
	}
	return a, false
}

// referTo codes a reference with the actor it refers to, keeping the reference's own
// role: "the ministry" of Russia is RUSGOV, whatever the antecedent's other codes.
func referTo(a, to event.Actor) event.Actor {
	a.Country, a.Name, a.ID = to.Country, to.Name, to.ID
	a.Code = to.Country + strings.Join(a.Sectors, "")
	return a
}

// pronounPhrases are subject pronouns a sentence opens with ("It said …", "They
// expelled …"), each resolved to the actor it stands for, as a phrase of its own.
var referringPronouns = map[string]bool{"it": true, "they": true, "he": true, "she": true}

// references adds phrases for the words of a sentence that refer back to actors named
// before: short names of people, and a subject pronoun opening the sentence. They are
// added only where no actor phrase of the sentence stands before them, so that "The
// ELN has said it will …" keeps its own reading.
func (c *Context) references(toks []text.Token, keys []string, ps []phrase, sent int) []phrase {
	ps = ownCountries(toks, keys, ps)
	if c == nil || len(c.named) == 0 && len(c.names) == 0 {
		return ps
	}
	var add []phrase
	inPhrase := func(i int) bool {
		for _, p := range ps {
			if p.start <= i && i < p.end {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(toks); i++ {
		if inPhrase(i) {
			continue
		}
		if len(c.names) > 0 && isCapitalized(toks[i].Text) {
			if i+1 < len(toks) && isCapitalized(toks[i+1].Text) {
				if a, ok := c.names[keys[i]+" "+keys[i+1]]; ok {
					add = append(add, referencePhrase(toks, keys, i, i+2, a, true))
					i++
					continue
				}
			}
			if a, ok := c.names[keys[i]]; ok && !(i+1 < len(toks) && isCapitalized(toks[i+1].Text) && !isSentenceWord(keys[i+1])) {
				add = append(add, referencePhrase(toks, keys, i, i+1, a, true))
				continue
			}
		}
		if referringPronouns[keys[i]] && opensClause(keys, ps, i) {
			if a, ok := c.pronounAntecedent(keys[i], sent); ok {
				p := referencePhrase(toks, keys, i, i+1, a, keys[i] == "he" || keys[i] == "she")
				p.pronoun = true
				add = append(add, p)
			}
		}
	}
	if len(add) == 0 {
		return ps
	}
	out := make([]phrase, 0, len(ps)+len(add))
	j := 0
	for _, p := range ps {
		for j < len(add) && add[j].start < p.start {
			out = append(out, add[j])
			j++
		}
		out = append(out, p)
	}
	return append(out, add[j:]...)
}

func referencePhrase(toks []text.Token, keys []string, start, end int, a event.Actor, person bool) phrase {
	p := phrase{start: start, end: end, actor: a, person: person}
	if start > 0 {
		p.prep = keys[start-1]
	}
	p.actor.Start, p.actor.End = toks[start].Start, toks[end-1].End
	return p
}

// opensClause reports whether a pronoun at i is the subject a sentence opens with:
// only quotation marks, and no actor phrase, before it.
func opensClause(keys []string, ps []phrase, i int) bool {
	for _, p := range ps {
		if p.start < i {
			return false
		}
	}
	for k := 0; k < i; k++ {
		switch keys[k] {
		case "\"", "“", "”", "'", "‘", "’", "(", "and", "but", "so", "then":
		default:
			return false
		}
	}
	return true
}

// pronounAntecedent finds whom an opening pronoun stands for: "he" and "she" the last
// person named, "it" and "they" the actor the previous sentences were about (their
// opening phrase), within a couple of sentences.
func (c *Context) pronounAntecedent(pronoun string, sent int) (event.Actor, bool) {
	if pronoun == "he" || pronoun == "she" {
		// The person the previous sentences were about (their opening phrase) before
		// the last one named: "Belgian Prime Minister Charles Michel met Italian
		// President Sergio Mattarella. He will later meet …" is Michel.
		if a, ok := c.lastNamed(sent, func(n namedActor) bool { return n.person && n.topic }); ok {
			return a, true
		}
		return c.lastNamed(sent, func(n namedActor) bool { return n.person })
	}
	return c.lastNamed(sent, func(n namedActor) bool { return n.topic && !n.person })
}

// lastNamed returns the actor named last, within the pronoun window before sentence
// sent, that ok admits.
func (c *Context) lastNamed(sent int, ok func(namedActor) bool) (event.Actor, bool) {
	for i := len(c.named) - 1; i >= 0; i-- {
		n := c.named[i]
		if n.sentence >= sent {
			continue
		}
		if sent-n.sentence > pronounWindow {
			break
		}
		if ok(n) {
			return n.actor, true
		}
	}
	return event.Actor{}, false
}

// ownCountries adds a phrase for "his country", "its government" and the like: the
// country of the actor named last before it in the sentence ("Putin said his country
// will not lift the ban": Russia), or that country's government.
func ownCountries(toks []text.Token, keys []string, ps []phrase) []phrase {
	var out []phrase
	for i := 0; i+1 < len(keys); i++ {
		switch keys[i] {
		case "his", "her", "its", "their":
		default:
			continue
		}
		sector := ""
		switch keys[i+1] {
		case "country", "nation", "state":
		case "government", "administration":
			sector = "GOV"
		default:
			continue
		}
		var ante *phrase
		for k := range ps {
			if q := &ps[k]; q.end <= i && len(q.actor.Code) >= 3 && isCountryPrefix(q.actor.Code) && !q.isPlace {
				ante = q
			}
		}
		if ante == nil {
			continue
		}
		if j := phraseIndexAt(ps, i+1); j >= 0 {
			// "its government" matched as a bare role: the role of that country.
			if q := &ps[j]; !q.isPlace && (len(q.actor.Code) < 3 || !isCountryPrefix(q.actor.Code)) {
				if out == nil {
					out = append([]phrase(nil), ps...)
				}
				a := referTo(q.actor, ante.actor)
				a.Code = ante.actor.Code[:3] + strings.Join(q.actor.Sectors, "")
				out[j].actor = a
			}
			continue
		}
		if insideAny(ps, i) {
			continue
		}
		country := ante.actor.Code[:3]
		a := event.Actor{Code: country + sector, Country: ante.actor.Country}
		if sector != "" {
			a.Sectors = []string{sector}
		}
		p := referencePhrase(toks, keys, i, i+2, a, false)
		if out == nil {
			out = append([]phrase(nil), ps...)
		}
		out = append(out, p)
	}
	if out == nil {
		return ps
	}
	slices.SortStableFunc(out, func(a, b phrase) int { return a.start - b.start })
	return out
}

// phraseIndexAt returns the index of the phrase holding word i, or -1.
func phraseIndexAt(ps []phrase, i int) int {
	for k, p := range ps {
		if p.start <= i && i < p.end {
			return k
		}
	}
	return -1
}

func insideAny(ps []phrase, i int) bool {
	for _, p := range ps {
		if p.start <= i && i < p.end {
			return true
		}
	}
	return false
}
