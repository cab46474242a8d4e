package lexicon

import (
	"fmt"
	"regexp"
	"strings"
)

// builder turns raw entries into a Lexicon, collecting every problem.
type builder struct {
	lex   *Lexicon
	errs  []error
	preds map[string]*Predicate
}

func newBuilder() *builder {
	voc := newVocab()
	actors := newTrie(voc)
	actors.hyphenless = true
	return &builder{
		lex: &Lexicon{
			byID:      map[string]*Actor{},
			agents:    map[string]*Actor{},
			actorTrie: actors,
			predTrie:  newTrie(voc),
		},
		preds: map[string]*Predicate{},
	}
}

var (
	codePattern   = regexp.MustCompile(`^[A-Z0-9]{3}([A-Z0-9]{3})*$`)
	cameoPattern  = regexp.MustCompile(`^[0-2][0-9]{1,3}$`)
	datePattern   = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	rolePattern   = regexp.MustCompile(`^(\S+)\s+(\S*)\.\.(\S*)\s*(.*)$`)
	sectorPattern = regexp.MustCompile(`^[A-Z]{3}$`)
)

func (b *builder) fail(origin string, line int, format string, args ...any) {
	file := origin
	if i := strings.LastIndexByte(origin, ':'); i >= 0 {
		file = origin[:i]
	}
	b.errs = append(b.errs, &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) add(file string, r rawEntry) {
	origin := fmt.Sprintf("%s:%d", file, r.line)
	switch Kind(r.kind) {
	case KindEvent:
		b.addPredicate(file, origin, r)
	case KindCountry, KindIGO, KindNGO, KindAgent, KindPerson, KindGroup, KindDescriptor, KindRegion:
		b.addActor(file, origin, r)
	default:
		b.fail(origin, r.line, "unknown entry kind %q (want country, igo, ngo, agent, person, group, descriptor, region or event)", r.kind)
	}
}

// phraseFields are the fields of an actor entry that list phrases, and the form each
// gives them.
var phraseFields = map[string]Form{
	"names": FormName, "adj": FormAdj, "capital": FormCapital, "cities": FormCity, "seats": FormSeat,
}

// actorPhrase is one phrase of an actor entry and the form it has there.
type actorPhrase struct {
	text string
	form Form
}

func (b *builder) addActor(file, origin string, r rawEntry) {
	a := &Actor{Kind: Kind(r.kind), ID: r.id, Name: r.header, Origin: origin}
	if a.Name == "" {
		a.Name = r.id
	}
	var phrases []actorPhrase
	for _, f := range r.fields {
		vals := splitList(f.value)
		if form, ok := phraseFields[f.key]; ok {
			for _, v := range vals {
				phrases = append(phrases, actorPhrase{v, form})
			}
			continue
		}
		switch f.key {
		case "iso3", "country":
			if f.value == "-" {
				a.Country = ""
				continue
			}
			if !codePattern.MatchString(f.value) || len(f.value) != 3 {
				b.fail(origin, f.line, "%s %q is not a 3-letter code", f.key, f.value)
				continue
			}
			a.Country = f.value
		case "code":
			if !codePattern.MatchString(f.value) {
				b.fail(origin, f.line, "code %q is not a CAMEO actor code (3-letter groups of A-Z, 0-9)", f.value)
				continue
			}
			a.Code = f.value
		case "sectors":
			for _, v := range strings.Fields(strings.ReplaceAll(f.value, "|", " ")) {
				if !sectorPattern.MatchString(v) {
					b.fail(origin, f.line, "sector %q is not a 3-letter CAMEO agent code", v)
					continue
				}
				a.Sectors = append(a.Sectors, v)
			}
		case "plover":
			a.Plover = f.value
		case "region":
			a.Regions = append(a.Regions, strings.Fields(strings.ReplaceAll(f.value, "|", " "))...)
		case "role":
			m := rolePattern.FindStringSubmatch(f.value)
			if m == nil {
				b.fail(origin, f.line, "role %q: want CODE FROM..TO [note]", f.value)
				continue
			}
			role := Role{Code: m[1], From: m[2], To: m[3], Note: m[4]}
			if !codePattern.MatchString(role.Code) {
				b.fail(origin, f.line, "role code %q is not a CAMEO actor code", role.Code)
				continue
			}
			if (role.From != "" && !datePattern.MatchString(role.From)) || (role.To != "" && !datePattern.MatchString(role.To)) {
				b.fail(origin, f.line, "role dates %q..%q: want YYYY, YYYY-MM or YYYY-MM-DD", role.From, role.To)
				continue
			}
			if role.From != "" && role.To != "" && dateBefore(role.To, role.From) {
				b.fail(origin, f.line, "role ends (%s) before it starts (%s)", role.To, role.From)
				continue
			}
			a.Roles = append(a.Roles, role)
		case "note":
			a.Note = f.value
		default:
			b.fail(origin, f.line, "unknown field %q for a %s entry", f.key, r.kind)
		}
	}
	switch a.Kind {
	case KindCountry:
		if a.Code == "" {
			a.Code = a.ID
		}
		if a.Country == "" && len(a.Code) == 3 {
			a.Country = a.Code
		}
	case KindAgent:
		if !sectorPattern.MatchString(a.ID) {
			b.fail(origin, r.line, "agent id %q is not a 3-letter CAMEO agent code", a.ID)
		}
		if len(a.Sectors) == 0 {
			a.Sectors = []string{a.ID}
		}
		if prev, dup := b.lex.agents[a.ID]; dup {
			// Several agent entries may share a code (e.g. GOV roles split by theme).
			_ = prev
		} else {
			b.lex.agents[a.ID] = a
		}
	case KindIGO, KindNGO, KindGroup:
		if a.Code == "" && len(a.Roles) == 0 && codePattern.MatchString(a.ID) {
			a.Code = a.ID
		}
	}
	if a.Kind != KindRegion && len(phrases) == 0 {
		b.fail(origin, r.line, "%s entry %q has no names", a.Kind, a.ID)
	}
	if a.Kind != KindAgent {
		if prev, dup := b.lex.byID[a.ID]; dup {
			b.fail(origin, r.line, "id %q already used at %s", a.ID, prev.Origin)
			return
		}
		b.lex.byID[a.ID] = a
	}
	b.lex.Actors = append(b.lex.Actors, a)
	for _, p := range phrases {
		forms := []string{p.text}
		if a.Kind == KindAgent || a.Kind == KindDescriptor {
			forms = append(forms, pluralPhrase(p.text)...)
		}
		for _, form := range forms {
			b.lex.actorTrie.insert(form, ref{Actor: a, Form: p.form})
		}
	}
}

func (b *builder) addPredicate(file, origin string, r rawEntry) {
	p := &Predicate{ID: r.id, CAMEO: strings.Fields(r.header + " ")[0], Origin: origin}
	if !cameoPattern.MatchString(p.CAMEO) {
		b.fail(origin, r.line, "event %q: %q is not a CAMEO event code", r.id, p.CAMEO)
		return
	}
	for _, f := range r.fields {
		vals := splitList(f.value)
		switch f.key {
		case "plover":
			parts := strings.Fields(strings.ReplaceAll(f.value, "/", " "))
			if len(parts) == 0 || len(parts) > 2 {
				b.fail(origin, f.line, "plover %q: want TYPE [mode]", f.value)
				continue
			}
			p.PloverEvent = strings.ToUpper(parts[0])
			if len(parts) == 2 {
				p.PloverMode = parts[1]
			}
		case "context":
			p.Context = append(p.Context, strings.Fields(strings.ReplaceAll(f.value, "|", " "))...)
		case "verbs":
			p.Verbs = append(p.Verbs, vals...)
		case "nouns":
			p.Nouns = append(p.Nouns, vals...)
		case "object":
			p.Object = append(p.Object, vals...)
		case "source":
			p.Source = append(p.Source, vals...)
		case "target":
			p.Target = append(p.Target, vals...)
		case "not":
			p.Not = append(p.Not, vals...)
		case "note":
			p.Note = f.value
		case "weak":
			p.Weak = true
		default:
			b.fail(origin, f.line, "unknown field %q for an event entry", f.key)
		}
	}
	if len(p.Verbs)+len(p.Nouns) == 0 {
		b.fail(origin, r.line, "event %q has no verbs or nouns", p.ID)
		return
	}
	if prev, dup := b.preds[p.ID]; dup {
		b.fail(origin, r.line, "event id %q already used at %s", p.ID, prev.Origin)
		return
	}
	b.preds[p.ID] = p
	b.indexPredicate(p)
}

// indexPredicate fills a predicate's defaults and folded words and indexes its verb
// forms and nouns for matching.
func (b *builder) indexPredicate(p *Predicate) {
	if len(p.Source) == 0 {
		p.Source = []string{"subject", "agent"}
	}
	if len(p.Target) == 0 {
		p.Target = []string{"object", "possessor"}
	}
	p.ObjectKeys = foldPhrases(p.Object)
	p.NotKeys = foldPhrases(notForms(p))
	b.lex.Predicates = append(b.lex.Predicates, p)
	for _, v := range p.Verbs {
		for _, form := range verbForms(v) {
			b.lex.predTrie.insert(form, ref{Pred: p, Form: FormVerb})
		}
	}
	for _, n := range p.Nouns {
		for _, form := range append([]string{n}, pluralPhrase(n)...) {
			b.lex.predTrie.insert(form, ref{Pred: p, Form: FormNoun})
		}
	}
}

func (b *builder) finish() *Lexicon {
	b.lex.actorTrie.voc.freeze()
	b.lex.actorTrie.freeze()
	b.lex.predTrie.freeze()
	return b.lex
}

// foldPhrases folds each phrase into its words.
func foldPhrases(phrases []string) [][]string {
	out := make([][]string, 0, len(phrases))
	for _, ph := range phrases {
		if words := strings.Fields(Fold(ph)); len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}
