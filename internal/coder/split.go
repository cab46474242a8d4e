package coder

import (
	"slices"
	"strings"

	"dyad/internal/lexicon"
)

// maxSplitGap caps the words between the parts of a split verb: an object phrase.
const maxSplitGap = 8

// splitPredicates adds the multi-word verbs whose parts the parse links across their
// object ("found the ambassador guilty", "kicked the envoys out", "declared two
// diplomats persona non grata"), which the lexicon, matching runs of words, cannot
// see. The verb's match replaces a match of the verb alone ("kicked" as an assault),
// and the other part's words are no trigger of their own.
func (c *Coder) splitPredicates(t *tree, keys []string, preds []lexicon.Match, ps []phrase) []lexicon.Match {
	var found []lexicon.Match
	for v := range t.words {
		if t.words[v].UPOS != "VERB" {
			continue
		}
		for r := v + 2; r < len(keys) && r <= v+1+maxSplitGap; r++ {
			if !t.splitLinked(v, r, ps) {
				continue
			}
			end, refs := c.lex.PredicateAcross(keys, v, r)
			var verbs []lexicon.Ref
			for _, ref := range refs {
				if ref.Form == lexicon.FormVerb {
					verbs = append(verbs, ref)
				}
			}
			if t.baseRel(r) == "case" && t.head(r) != v && end <= r+1 && !particles[strings.ToLower(t.words[r].Form)] {
				continue // a preposition alone is no rest ("called X on Friday" is no "call on")
			}
			if end > 0 && len(verbs) > 0 {
				found = append(found, lexicon.Match{Start: v, End: v + 1, Refs: verbs, RestStart: r, RestEnd: end})
				break
			}
		}
	}
	if len(found) == 0 {
		return preds
	}
	out := found
	for _, m := range preds {
		clash := false
		for _, f := range found {
			if m.Start < f.End && f.Start < m.End || m.Start < f.RestEnd && f.RestStart < m.End {
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b lexicon.Match) int { return a.Start - b.Start })
	return out
}

// particles complete a verb even when the parse reads them as prepositions: "forced
// the head of state out of the country".
var particles = map[string]bool{"out": true, "off": true, "away": true, "back": true, "down": true}

// splitLinked reports whether the words from r on may be the rest of a verb at v whose
// object stands between them: the gap is v's object and r hangs from v ("kicked [the
// envoys] out"), or the gap holds an actor the parse made a modifier of r, read as v's
// object ("found [the ambassador] guilty" with "guilty" as the object). A gap that is
// only a modifier of the verb's own object ("sending [40] investigators", "strengthen
// [security] ties") is not one.
func (t *tree) splitLinked(v, r int, ps []phrase) bool {
	if h := t.head(r); h != v && !(t.baseRel(r) == "case" && h >= 0 && t.head(h) == v) {
		return false // the rest, or the phrase its preposition opens ("on alert"), hangs from v
	}
	object, function := false, false
	for k := v + 1; k < r; k++ {
		h := t.head(k)
		if h < v || h > r {
			return false
		}
		if h == v {
			switch {
			case (t.baseRel(k) == "obj" || t.baseRel(k) == "iobj") && t.baseRel(r) != "obj":
				object = true
			case t.baseRel(k) == "obl":
				function = true // "placed a brigade in Italy on alert": only with an object
			default:
				return false
			}
		}
		switch t.words[k].UPOS {
		case "PUNCT", "VERB", "AUX", "SCONJ":
			return false
		case "ADP", "CCONJ":
			// Inside the verb's object ("placed an Army brigade in Italy on alert"),
			// not as the gap itself ("begged for God's forgiveness").
			function = true
		}
	}
	if object {
		return true
	}
	if function {
		return false
	}
	for k := v + 1; k < r; k++ {
		if t.head(k) == r && t.rel(k) == "nmod:poss" {
			return false // "promised [Washington's] support": whose support, not the object
		}
	}
	for i := range ps {
		if p := &ps[i]; !p.isPlace && !p.pronoun && p.start > v && p.end <= r {
			return true
		}
	}
	return false
}

// maySplit reports whether the lexicon could find a split verb in the sentence, so
// that a sentence with no other predicate is parsed for it.
func (c *Coder) maySplit(keys []string) bool {
	for v := range keys {
		for r := v + 2; r < len(keys) && r <= v+1+maxSplitGap; r++ {
			if end, _ := c.lex.PredicateAcross(keys, v, r); end > 0 {
				return true
			}
		}
	}
	return false
}
