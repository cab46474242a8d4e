package lexicon

// Importers (internal/lexicon/petrarch) build a Lexicon from entries they make in
// code rather than from text files. Their entries are taken as given: codes are not
// checked against CAMEO, because imported dictionaries (the PETRARCH validation
// suites) use codes of their own; `dyad dict lint` is where codes are checked.

// Phrase is one phrase naming an actor, in a form ("Moscow" as a capital).
type Phrase struct {
	Text string
	Form Form
}

// ActorEntry is an actor with the phrases that name it.
type ActorEntry struct {
	Actor   *Actor
	Phrases []Phrase
}

// Construct builds a Lexicon from actor and predicate entries made in code. Actor ids
// must be unique (except agents, which are looked up by their code, first entry
// first); predicates get the default source and target roles when they have none.
// Inflected verb forms and plurals are indexed as for entries read from files.
func Construct(actors []ActorEntry, preds []*Predicate) *Lexicon {
	b := newBuilder()
	for _, e := range actors {
		a := e.Actor
		if a.Kind == KindAgent {
			if _, dup := b.lex.agents[a.ID]; !dup {
				b.lex.agents[a.ID] = a
			}
		} else if _, dup := b.lex.byID[a.ID]; !dup {
			b.lex.byID[a.ID] = a
		}
		b.lex.Actors = append(b.lex.Actors, a)
		for _, p := range e.Phrases {
			forms := []string{p.Text}
			if a.Kind == KindAgent || a.Kind == KindDescriptor {
				forms = append(forms, pluralPhrase(p.Text)...)
			}
			for _, f := range forms {
				b.lex.actorTrie.insert(f, ref{Actor: a, Form: p.Form})
			}
		}
	}
	for _, p := range preds {
		b.indexPredicate(p)
	}
	return b.finish()
}

// EachPhrase calls fn with every phrase the matcher indexes (as folded words; verb
// forms and plurals included) and the entries it names, actors first, for checks
// such as `dyad dict lint`. The order is not specified.
func (l *Lexicon) EachPhrase(fn func(words []string, refs []Ref)) {
	for _, t := range []*trie{l.actorTrie, l.predTrie} {
		for node, refs := range t.refs {
			if len(refs) == 0 {
				continue
			}
			var ws []string
			for n := int32(node); n != 0; n = t.parent[n] {
				ws = append(ws, t.voc.words[t.wordOf[n]])
			}
			for i, j := 0, len(ws)-1; i < j; i, j = i+1, j-1 {
				ws[i], ws[j] = ws[j], ws[i]
			}
			fn(ws, refs)
		}
	}
}

// VerbForms returns the inflected forms the lexicon indexes for a verb phrase, so
// that an importer adds only the forms it would miss.
func VerbForms(phrase string) []string { return verbForms(phrase) }
