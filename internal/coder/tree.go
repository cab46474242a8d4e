package coder

import (
	"strings"

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
	t := &tree{words: words, children: make([][]int, len(words))}
	for i, w := range words {
		if h := w.Head - 1; h >= 0 && h < len(words) && h != i {
			t.children[h] = append(t.children[h], i)
		}
	}
	return t
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

// headOf returns the word of a multi-word trigger whose head lies outside it.
func (t *tree) headOf(start, end int) int {
	for i := start; i < end; i++ {
		if h := t.head(i); h < start || h >= end {
			return i
		}
	}
	return start
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
	best, bestDist := -1, 1<<30
	var walk func(n, depth int)
	walk = func(n, depth int) {
		for _, c := range t.children[n] {
			switch t.baseRel(c) {
			case "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "punct":
				continue
			}
			for k := range ps {
				if ps[k].start <= c && c < ps[k].end && !ps[k].isPlace && depth < bestDist {
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
			subj = c
		case "nsubj:pass":
			obj, a.passive = c, true
		case "obj", "iobj":
			if obj < 0 {
				obj = c
			}
		case "obl:agent":
			agent = c
		case "nmod:poss":
			a.possessor = t.phraseAt(c, ps)
		case "obl", "nmod", "obl:tmod", "obl:npmod":
			prep := t.caseOf(c)
			if prep == "by" && (a.passive || noun) {
				agent = c
				continue
			}
			if p := t.phraseAt(c, ps); p != nil && !p.isPlace && prep != "" && a.preps[prep] == nil {
				a.preps[prep] = p
			}
		}
	}
	if agent >= 0 {
		subj = agent
	}
	a.objectWord = obj
	a.subject = t.phraseAt(subj, ps)
	if a.subject == nil && subj >= 0 && subjectPronouns[strings.ToLower(t.words[subj].Form)] {
		// "The ELN has said it will release …": the actor named before the pronoun.
		a.subject = nearestBefore(ps, subj)
		a.inferredSubject = a.subject != nil
	}
	a.object = t.phraseAt(obj, ps)
	if noun {
		if a.subject == nil && a.possessor != nil {
			a.subject, a.possessor = a.possessor, nil
		}
		if a.object == nil {
			a.object = a.preps["of"]
		}
	}
	if a.subject == nil {
		a.subject, a.relative = t.inheritedSubject(v, ps)
		a.inferredSubject = a.subject != nil
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
	return a
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
		case "xcomp":
			if o := t.child(h, "obj"); o >= 0 {
				return t.phraseAt(o, ps), false
			}
			if s := t.child(h, "nsubj", "nsubj:pass"); s >= 0 {
				return t.phraseAt(s, ps), false
			}
		case "conj", "advcl":
			if s := t.child(h, "nsubj"); s >= 0 {
				return t.phraseAt(s, ps), false
			}
		case "acl:relcl":
			return t.phraseAt(h, ps), true
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
