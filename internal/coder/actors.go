package coder

import (
	"strings"
	"unicode"

	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/text"
)

// phrase is an actor noun phrase: a run of tokens holding one or more lexicon actor
// matches ("two Colombian diplomats", "the Russian Foreign Ministry"), and the actor
// code they make together.
type phrase struct {
	start, end int // token range [start, end)
	actor      event.Actor
	prep       string   // the preposition just before it ("against", "in"), lower case
	isPlace    bool     // the phrase is only a place (capital or city after "in", "at"…)
	onlyPlace  bool     // the phrase names only cities or capitals ("the Istanbul bombing")
	role       string   // the role word of a role phrase, singular ("ambassador")
	person     bool     // a named person ("Sergei Lavrov", "Ambassador Alfonso Lopez Caballero")
	pronoun    bool     // a pronoun standing for an actor named before
	names      []string // the names of a person the phrase introduces, folded
	wordsEnd   int      // where the words for the actor end, when past end ("the government of Iraq")
	adjOnly    bool     // only a nationality adjective: "Algerian" in "Algerian landowners"
	city       bool     // the phrase names a city (not a country or capital): "Saint-Denis" may be in France or Réunion
	home       int      // 1 + the index of the phrase a role took its country from ("lawmakers in Fornost"), 0 for none
}

// npGlue are words that may stand inside an actor noun phrase between lexicon matches
// without ending it: determiners, numbers, and modifiers journalists put before roles.
var npGlue = map[string]bool{
	"the": true, "a": true, "an": true, "'s": true, "'": true, "its": true, "their": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "several": true, "some": true, "many": true,
	"state": true, "diplomatic": true, "senior": true, "top": true, "former": true,
	"national": true, "federal": true, "local": true, "central": true, "new": true,
	"staff": true, "members": true, "member": true, "side": true, "-": true, "of": false,
	"armed": true, "security": true, "special": true, "chief": true, "deputy": true,
}

// placePreps introduce places, not participants: "in Moscow", "at the embassy".
var placePreps = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true, "across": true, "throughout": true, "into": true}

// buildPhrases groups the sentence's actor matches into noun phrases and codes each.
// With a Context, bare roles are resolved to the actors they refer back to and the
// names of people are remembered for later sentences.
func buildPhrases(toks []text.Token, keys []string, matches []lexicon.Match, date string, ctx *Context, sent int) []phrase {
	matches = ctx.otherNamesakes(toks, keys, matches)
	matches = withoutPartyStates(keys, matches)
	var out []phrase
	lastEnd := 0
	dateline := datelineEnd(toks, keys)
	for i := 0; i < len(matches); {
		m := matches[i]
		start, end := m.Start, m.End
		group := []lexicon.Match{m}
		j := i + 1
		for j < len(matches) && gapIsGlue(toks, keys, end, matches[j].Start) && !(start < dateline && matches[j].Start >= dateline) {
			end = matches[j].End
			group = append(group, matches[j])
			j++
		}
		// Widen over a leading determiner or number ("the Kremlin", "two diplomats").
		for start > lastEnd && start > dateline && npGlue[keys[start-1]] && keys[start-1] != "'s" && keys[start-1] != "-" {
			start--
		}
		// Trailing names after a role: "Ambassador Alfonso Lopez Caballero".
		namesFrom := end
		for group[len(group)-1].Refs[0].Actor.Kind == lexicon.KindAgent && end < len(toks) &&
			isCapitalized(toks[end].Text) && !isSentenceWord(keys[end]) {
			end++
		}
		if onlyPlaces(group) && namesAgreement(keys, end) {
			// "the Paris climate accord", "the Minsk agreements": a city naming an
			// agreement or a series of talks, not its country.
			i = j
			continue
		}
		lastEnd = end
		p := phrase{start: start, end: end}
		p.prep = prepBefore(keys, start)
		p.actor = codeGroup(group, date, ctx)
		if p.actor.Code == "" {
			i = j
			continue
		}
		p.role, p.person = roleOf(group, keys), end > namesFrom
		for _, m := range group {
			if m.Refs[0].Actor.Kind == lexicon.KindPerson {
				p.person = true
			}
		}
		if p.person {
			p.names = keys[namesFrom:end]
		} else if p.role != "" {
			// "The director of Migration Colombia, Juan Francisco Espinosa, …"
			p.names = appositiveNames(toks, keys, end)
		}
		p.onlyPlace = onlyPlaces(group)
		for _, m := range group {
			p.city = p.city || m.Refs[0].Form == lexicon.FormCity
		}
		p.adjOnly = onlyAdjectives(group)
		p.isPlace = placePreps[p.prep] && p.onlyPlace
		p.actor.Start = toks[start].Start
		p.actor.End = toks[end-1].End
		out = append(out, p)
		i = j
	}
	out = inheritCountries(out, keys)
	markDateline(toks, keys, out)
	if ctx != nil {
		for i := range out {
			p := &out[i]
			// (Not "the presidents of the European Union": the role is theirs.)
			ofActor := i+1 < len(out) && out[i+1].start-p.end <= 3 && (out[i+1].prep == "of" || out[i+1].prep == "from") && !out[i+1].isPlace
			if a, ok := ctx.resolveRole(p.actor, p.role, out[:i], sent); ok && !p.person && !ofActor {
				p.actor = a
			}
			ctx.learnNames(p.names, p.actor)
		}
	}
	return out
}

// roleOf returns the role word of a phrase's last role match, singular: "ambassador"
// in "Colombian Ambassador", "government" in "the national government".
func roleOf(group []lexicon.Match, keys []string) string {
	for k := len(group) - 1; k >= 0; k-- {
		m := group[k]
		if m.Refs[0].Actor.Kind == lexicon.KindAgent {
			w := keys[m.End-1]
			if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				w = w[:len(w)-1]
			}
			return w
		}
	}
	return ""
}

// appositiveNames returns the capitalised names set off by commas right after a role
// phrase ending at i: ", Juan Francisco Espinosa," (two to four names).
func appositiveNames(toks []text.Token, keys []string, i int) []string {
	if i >= len(toks) || keys[i] != "," {
		return nil
	}
	j := i + 1
	for j < len(toks) && j-i-1 < 5 && isCapitalized(toks[j].Text) && !isSentenceWord(keys[j]) {
		j++
	}
	n := j - i - 1
	if n < 2 || n > 4 || j < len(toks) && keys[j] != "," && keys[j] != "." {
		return nil
	}
	return keys[i+1 : j]
}

// gapIsGlue reports whether the tokens between two matches keep them in one phrase.
func gapIsGlue(toks []text.Token, keys []string, from, to int) bool {
	if to-from > 3 {
		return false
	}
	for k := from; k < to; k++ {
		if !npGlue[keys[k]] && !isNumber(keys[k]) {
			return false
		}
	}
	return true
}

// inheritCountries gives a role without a country the country of a phrase joined to it
// by "of" or "from" ("two diplomats from the Russian embassy" is RUS GOV), or of the
// country it is in ("lawmakers in Poland" are POL LEG; not troops or diplomats, who are
// often abroad). A bare role joined by "and" to such a role shares its country
// ("lawmakers and officials in Poland").
func inheritCountries(ps []phrase, keys []string) []phrase {
	for i := 0; i+1 < len(ps); i++ {
		a, b := &ps[i], ps[i+1]
		if a.actor.Country == "" && len(a.actor.Sectors) > 0 && b.actor.Country == "" && strings.HasPrefix(b.actor.Code, "IGO") &&
			b.start-a.end <= 3 && b.prep == "of" {
			// "the presidents of the European Union": the organisation's officials.
			a.actor.Code, a.actor.Name, a.actor.ID = b.actor.Code, b.actor.Name, b.actor.ID
			a.wordsEnd = b.end
			continue
		}
		if a.actor.Country != "" || len(a.actor.Sectors) == 0 || b.actor.Country == "" {
			continue
		}
		switch {
		case b.start-a.end <= 3 && (b.prep == "of" || b.prep == "from"):
		case b.start-a.end == 1 && b.prep == "in" && b.onlyPlace && !b.city && locatedRole(a):
		default:
			continue
		}
		a.actor.Country = b.actor.Country
		a.actor.Code = b.actor.Country + strings.Join(a.actor.Sectors, "")
		a.actor.Name = b.actor.Name
		if b.prep != "in" {
			a.wordsEnd = b.end // "the government of Iraq"
		}
		a.home = i + 2
	}
	for i := len(ps) - 2; i >= 0; i-- {
		a, b := &ps[i], ps[i+1]
		if a.actor.Country == "" && len(a.actor.Sectors) > 0 && b.home > 0 && b.start-a.end == 1 && keys[a.end] == "and" {
			h := ps[b.home-1]
			if h.prep == "in" && !locatedRole(a) {
				continue
			}
			a.actor.Country = h.actor.Country
			a.actor.Code = h.actor.Country + strings.Join(a.actor.Sectors, "")
			a.actor.Name = h.actor.Name
			a.home = b.home
		}
	}
	return ps
}

// locatedRole reports whether a role takes the country it is said to be in: not the
// military or diplomats ("troops in Syria", "the ambassador in Berlin").
func locatedRole(p *phrase) bool {
	for _, s := range p.actor.Sectors {
		if s == "MIL" {
			return false
		}
	}
	switch p.role {
	case "ambassador", "diplomat", "envoy", "embassy", "consul", "consulate", "mission", "delegation", "attache":
		return false
	}
	return true
}

// homeCountries returns copies of a role phrase p for each further country coordinated
// with the one it took its country from ("lawmakers in Fornost and Gondor", "the
// ambassadors of Arnor, Osgiliath and Gondor"): one actor per country.
func homeCountries(ps []phrase, keys []string, p *phrase) []*phrase {
	if p == nil || p.home == 0 {
		return nil
	}
	var out []*phrase
	for _, k := range homeChain(ps, keys, p.home-1)[1:] {
		q := ps[k]
		c := *p
		c.actor.Country, c.actor.Name, c.actor.ID = q.actor.Country, q.actor.Name, q.actor.ID
		c.actor.Code = q.actor.Country + strings.Join(p.actor.Sectors, "")
		c.home = 0
		out = append(out, &c)
	}
	return out
}

// homeChain returns h and the indices of the countries coordinated after it by commas
// and "and" ("Fornost and Gondor", "Arnor, Osgiliath and Gondor").
func homeChain(ps []phrase, keys []string, h int) []int {
	out := []int{h}
	for k := h + 1; k < len(ps); k++ {
		prev, q := ps[k-1], ps[k]
		if q.actor.Country == "" || len(q.actor.Sectors) > 0 || q.start-prev.end > 2 || q.start == prev.end {
			break
		}
		for _, w := range keys[prev.end:q.start] {
			if w != "," && w != "and" {
				return out
			}
		}
		out = append(out, k)
	}
	return out
}

// homeOwner returns the index of the role that phrase i is the country of ("Gondor"
// in "lawmakers in Fornost and Gondor"), or -1.
func homeOwner(ps []phrase, keys []string, i int) int {
	for j := i - 1; j >= 0; j-- {
		if ps[j].home == 0 || ps[j].home-1 > i {
			continue
		}
		for _, k := range homeChain(ps, keys, ps[j].home-1) {
			if k == i {
				return j
			}
		}
	}
	return -1
}

// codeGroup combines the matches of one noun phrase: the country from a name,
// adjective, capital or seat; the sectors from roles; a person's or organisation's
// own code as it stood on the date.
func codeGroup(group []lexicon.Match, date string, ctx *Context) event.Actor {
	var (
		act        event.Actor
		country    string
		name       string
		sectors    []string
		own        string // a full code from a person, organisation or group
		ownID      string
		ownName    string
		ownCountry string
		metonymy   bool
	)
	for _, m := range group {
		r := m.Refs[0]
		a := r.Actor
		switch a.Kind {
		case lexicon.KindCountry:
			ctx.saw(a)
			if country == "" {
				country, name = a.Code, a.Name
				act.ID = a.ID
			}
			if r.Form == lexicon.FormSeat || (r.Form == lexicon.FormCapital && len(group) == 1) {
				metonymy = true
			}
		case lexicon.KindAgent:
			sectors = append(sectors[:0], a.Sectors...)
		case lexicon.KindDescriptor:
			// "the Latin American state": the country of its region named last.
			if c := ctx.resolve(a); c != nil && country == "" {
				country, name = c.Code, c.Name
				act.ID = c.ID
			}
		default:
			if c := a.CodeOn(date); c != "" && own == "" {
				own, ownID, ownName, ownCountry = c, a.ID, a.Name, a.Country
			}
		}
	}
	switch {
	case own != "":
		act.Code, act.ID, act.Name = own, ownID, ownName
		switch {
		case ownCountry != "":
			country = ownCountry // the entry's country: PALPLO is Palestine's
		case len(own) >= 3 && country == "" && isCountryPrefix(own):
			country = own[:3]
		}
		act.Country = country
		if len(own) >= 6 {
			act.Sectors = []string{own[3:6]}
		}
	case country != "":
		act.Country, act.Name = country, name
		if metonymy && len(sectors) == 0 {
			sectors = []string{"GOV"}
		}
		act.Sectors = sectors
		act.Code = country + strings.Join(sectors, "")
	case len(sectors) > 0:
		act.Sectors = sectors
		act.Code = strings.Join(sectors, "")
	}
	return act
}

// isCountryPrefix reports whether a code starts with a country code rather than an
// international or non-state prefix (IGO, NGO, IMG, …).
func isCountryPrefix(code string) bool {
	switch code[:3] {
	case "IGO", "NGO", "IMG", "MNC", "UAF", "REB", "OPP", "GOV", "MIL", "CVL":
		return false
	}
	return true
}

func onlyPlaces(group []lexicon.Match) bool {
	for _, m := range group {
		f := m.Refs[0].Form
		if f != lexicon.FormCapital && f != lexicon.FormCity && !(m.Refs[0].Actor.Kind == lexicon.KindCountry && f == lexicon.FormName) {
			return false
		}
	}
	return true
}

func isNumber(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case r != ',' && r != '.':
			return false
		}
	}
	return digits // "1,500", not "," alone
}

func isCapitalized(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// isSentenceWord lists capitalised words that do not continue a name.
func isSentenceWord(k string) bool {
	switch k {
	case "on", "in", "the", "and", "said", "says":
		return true
	}
	return weekdays[k] || monthNames[k]
}

// Actors returns the actor phrases the coder recognises in a short text, coded as they
// stood on date (YYYY-MM-DD or ""): what `dyad dict lookup` shows.
func (c *Coder) Actors(s, date string) []event.Actor {
	toks := text.Tokenize(s, 0)
	keys := lexicon.Keys(toks)
	m := c.lex.MatchKeys(toks, keys)
	var out []event.Actor
	for _, p := range buildPhrases(toks, keys, m.Actors, date, nil, 0) {
		a := p.actor
		a.Text = s[a.Start:a.End]
		out = append(out, a)
	}
	return out
}

// Predicates returns the predicate entries whose phrases occur in a short text.
func (c *Coder) Predicates(s string) []lexicon.Match {
	toks := text.Tokenize(s, 0)
	return c.lex.Match(toks).Predicates
}

// Context is what the coder remembers of an article while it codes its sentences in
// order: the countries named so far, so that "the Latin American state" can be
// resolved to the one of its region named last. A nil Context remembers nothing.
type Context struct {
	countries []*lexicon.Actor       // most recent last
	named     []namedActor           // actor phrases coded so far, most recent last
	names     map[string]event.Actor // short names of people ("caballero") → actor
	// discardStory is set when a sentence held a phrase that discards the whole
	// story (a lexicon's story discards).
	discardStory bool
	// namesakes are surnames the article gives to someone other than the lexicon's
	// person of that name ("Jack McConnell").
	namesakes map[string]bool
	// georgia is 1 when the article's "Georgia" is the US state, 2 when it is the
	// country, 0 before it is known (georgiaIsState).
	georgia int8
}

// Discarded reports whether a sentence coded so far discards the whole story: its
// events, from every sentence, are then none.
func (c *Context) Discarded() bool { return c != nil && c.discardStory }

func (c *Context) saw(a *lexicon.Actor) {
	if c == nil {
		return
	}
	for i, x := range c.countries {
		if x == a {
			c.countries = append(c.countries[:i], c.countries[i+1:]...)
			break
		}
	}
	c.countries = append(c.countries, a)
}

// resolve returns the country a descriptor stands for: the one it names outright, or
// the country of its region named last in the article.
func (c *Context) resolve(d *lexicon.Actor) *lexicon.Actor {
	if c == nil {
		return nil
	}
	for i := len(c.countries) - 1; i >= 0; i-- {
		x := c.countries[i]
		if d.Country != "" {
			if x.Country == d.Country {
				return x
			}
			continue
		}
		for _, r := range d.Regions {
			for _, xr := range x.Regions {
				if r == xr {
					return x
				}
			}
		}
	}
	return nil
}

// datelineEnds are the marks that end a dateline: "KABUL (Pajhwok) :", "ALGIERS,
// Algeria -", "Tehran, March 15, IRNA -".
var datelineEnds = map[string]bool{"-": true, "--": true, "—": true, "–": true, ":": true}

// markDateline marks the places of a dateline, where the story was filed, as places:
// they are no actors ("KABUL (Pajhwok) : The OIC … condemned" is the OIC's act).
func markDateline(toks []text.Token, keys []string, ps []phrase) {
	end := datelineEnd(toks, keys) - 1
	if end < 0 {
		return
	}
	for i := range ps {
		if ps[i].end <= end && ps[i].onlyPlace {
			ps[i].isPlace = true
		}
	}
}

// datelineEnd returns the index of the first token after a dateline that opens a
// sentence ("KABUL (Pajhwok) :", "ALGIERS, Algeria -"), or 0 when there is none: a
// run of capitalised words, numbers, commas and brackets ended by a dash or colon.
func datelineEnd(toks []text.Token, keys []string) int {
	if len(toks) == 0 || !isCapitalized(toks[0].Text) {
		return 0
	}
	for k := 1; k < len(toks) && k < 12; k++ {
		if datelineEnds[keys[k]] {
			if k+1 < len(toks) {
				return k + 1
			}
			return 0
		}
		t := toks[k].Text
		if !isCapitalized(t) && !isNumber(keys[k]) && keys[k] != "," && keys[k] != "(" && keys[k] != ")" && keys[k] != "." {
			return 0
		}
	}
	return 0
}

// placeModifiers stand between a preposition and a place: "in northern Syria", "in
// the southern city of Basra".
var placeModifiers = map[string]bool{
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"north": true, "south": true, "east": true, "west": true, "the": true, "rural": true,
	"neighbouring": true, "neighboring": true, "war-torn": true,
}

// prepBefore returns the word before a phrase starting at token start, looking past
// the modifiers of a place ("in northern Syria" → "in").
func prepBefore(keys []string, start int) string {
	k := start - 1
	for k > 0 && start-k <= 3 && placeModifiers[keys[k]] {
		k--
	}
	if k < 0 {
		return ""
	}
	if placeModifiers[keys[k]] {
		return keys[start-1]
	}
	return keys[k]
}

// onlyAdjectives reports whether a phrase is made of nationality adjectives alone.
func onlyAdjectives(group []lexicon.Match) bool {
	for _, m := range group {
		if m.Refs[0].Form != lexicon.FormAdj {
			return false
		}
	}
	return true
}

// otherNamesakes leaves out a person matched by a surname alone when the text gives
// that surname another first name ("Jack McConnell" is not Mitch McConnell: the full
// name would have matched as one phrase). The Context remembers such surnames, so that
// a later "Mr McConnell" in the same article is not taken for the lexicon's person
// either.
func (c *Context) otherNamesakes(toks []text.Token, keys []string, matches []lexicon.Match) []lexicon.Match {
	var out []lexicon.Match
	for _, m := range matches {
		r := m.Refs[0]
		if r.Actor.Kind == lexicon.KindPerson && m.End-m.Start == 1 {
			k := keys[m.Start]
			if c != nil && c.namesakes[k] {
				continue
			}
			if m.Start > 0 && isCapitalized(toks[m.Start-1].Text) && !isSentenceWord(keys[m.Start-1]) && !titleWords[keys[m.Start-1]] &&
				!(startsSentence(keys, m.Start-1) && sentenceStarters[keys[m.Start-1]]) {
				if c != nil {
					if c.namesakes == nil {
						c.namesakes = map[string]bool{}
					}
					c.namesakes[k] = true
				}
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// agreementNouns are what a city's name may name: "the Paris agreement", "the Oslo
// accords", "the Astana talks", "the Geneva convention".
var agreementNouns = map[string]bool{
	"agreement": true, "agreements": true, "accord": true, "accords": true, "deal": true,
	"treaty": true, "protocol": true, "talks": true, "process": true, "format": true,
	"convention": true, "conventions": true, "declaration": true, "summit": true,
	"conference": true, "principles": true, "group": true,
}

// namesAgreement reports whether the words at i (after a city's name) are an agreement
// noun, directly or after one modifier ("climate", "peace", "nuclear").
func namesAgreement(keys []string, i int) bool {
	if i < len(keys) && agreementNouns[keys[i]] {
		return true
	}
	return i+1 < len(keys) && agreementNouns[keys[i+1]] && (keys[i] == "climate" || keys[i] == "peace" || keys[i] == "nuclear" || keys[i] == "ceasefire" || keys[i] == "cease-fire" || keys[i] == "trade")
}

// withoutPartyStates leaves out the state of a US politician's party label: "Speaker
// John Boehner (R-Ohio) warned" is no act of Ohio.
func withoutPartyStates(keys []string, matches []lexicon.Match) []lexicon.Match {
	out := matches[:0:0]
	dropped := false
	for _, m := range matches {
		if k := m.Start; k >= 3 && keys[k-1] == "-" && keys[k-3] == "(" && (keys[k-2] == "r" || keys[k-2] == "d" || keys[k-2] == "i") {
			dropped = true
			continue
		}
		out = append(out, m)
	}
	if !dropped {
		return matches
	}
	return out
}

// startsSentence reports whether token i opens its sentence (after quotes).
func startsSentence(keys []string, i int) bool {
	for k := 0; k < i; k++ {
		switch keys[k] {
		case "\"", "“", "‘", "'", "(":
		default:
			return false
		}
	}
	return true
}

// sentenceStarters are words capitalised only for opening a sentence ("Yesterday
// McConnell said …").
var sentenceStarters = map[string]bool{
	"but": true, "and": true, "yesterday": true, "today": true, "meanwhile": true,
	"later": true, "then": true, "when": true, "while": true, "after": true, "before": true,
	"also": true, "however": true, "now": true, "so": true, "still": true, "earlier": true,
	"last": true, "as": true, "if": true, "here": true, "there": true, "instead": true,
	"separately": true, "once": true, "since": true, "although": true, "because": true,
}

// titleWords stand before a surname without being a first name.
var titleWords = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "dr": true,
	"dr.": true, "sir": true, "lord": true, "lady": true, "dame": true, "president": true,
	"prime": true, "minister": true, "senator": true, "sen.": true, "rep.": true,
	"gen.": true, "general": true, "king": true, "queen": true, "prince": true, "chancellor": true,
	"secretary": true, "premier": true, "ambassador": true, "governor": true, "gov.": true,
	"mayor": true, "judge": true, "justice": true, "colonel": true, "col.": true, "pope": true,
	"sheikh": true, "emir": true, "ayatollah": true, "vice": true, "leader": true, "chairman": true,
}
