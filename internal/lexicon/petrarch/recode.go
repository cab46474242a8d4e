package petrarch

import (
	"strings"

	"dyad/internal/event"
	"dyad/internal/lexicon"
)

// Recoder brings events coded with a converted PETRARCH lexicon to PETRARCH's own
// conventions where dyad's coder, built for its own lexicon, codes differently. It is
// read-only after NewRecoder and safe for concurrent use.
type Recoder struct {
	preds  map[string]*lexicon.Predicate // by entry id
	blocks map[*lexicon.Predicate]blockOf
}

// Recoder returns the Recoder for the lexicon built from c (by c.Lexicon).
func (c *Converted) Recoder(lex *lexicon.Lexicon) *Recoder {
	r := &Recoder{preds: map[string]*lexicon.Predicate{}, blocks: c.blocks}
	for _, p := range lex.Predicates {
		r.preds[p.ID] = p
	}
	return r
}

// Recode adjusts the events coded from text in place and returns them:
//
//   - the code is that of the most specific pattern of the verb's block that the
//     sentence matches as a whole (words before and after the verb, in order, with
//     other words between them unless "_" joins them): dyad's lexicon restricts only
//     the object, so "didn't clash over the efforts" ("- &NEGATVAUXVRB * OVER
//     EFFORTS [904]") would otherwise keep the code of the clash; a null pattern
//     ([---]) drops the event;
//   - a future event keeps the code of its pattern: PETRARCH codes "Arnor will
//     contribute a million dollars" as the contribution (070), where dyad's coder
//     turns it into an announced intent (033);
//   - an actor that is only an agent ("a senior official") is coded "---GOV", the
//     "---" standing for the country PETRARCH did not find.
func (r *Recoder) Recode(text string, evs []event.Event) []event.Event {
	out := evs[:0]
	for _, ev := range evs {
		id, how, ok := predicateOf(ev.Rule)
		p := r.preds[id]
		if ok && p != nil && strings.HasSuffix(how, "+intent") {
			ev.CAMEO = p.CAMEO
		}
		if b, found := r.blocks[p]; found && p != nil {
			if code, matched := matchBlock(b, text, ev); matched {
				if code == "---" || code == "+++" {
					continue
				}
				ev.CAMEO = code
			}
		}
		agentOnly(ev.Source)
		agentOnly(ev.Target)
		out = append(out, ev)
	}
	return out
}

// predicateOf splits an event rule "lexicon:ID/HOW" into the entry id and how its
// arguments were found.
func predicateOf(rule string) (id, how string, ok bool) {
	rest, ok := strings.CutPrefix(rule, "lexicon:")
	if !ok {
		return "", "", false
	}
	id, how, _ = strings.Cut(rest, "/")
	return id, how, true
}

// agentOnly prefixes "---" to the code of an actor named only by an agent.
func agentOnly(a *event.Actor) {
	if a == nil || a.Code == "" || a.Country != "" || a.ID != "" || len(a.Sectors) == 0 {
		return
	}
	if a.Code == strings.Join(a.Sectors, "") {
		a.Code = "---" + a.Code
	}
}

// matchBlock finds the most specific pattern of an event's verb block that its
// sentence matches around the trigger, and returns its code; matched is false when no
// pattern with words matches (the coder's choice stands).
func matchBlock(b blockOf, text string, ev event.Event) (code string, matched bool) {
	start := strings.Index(text, ev.Evidence)
	if start < 0 || ev.Evidence == "" || ev.Trigger.Start < start || ev.Trigger.End > start+len(ev.Evidence) {
		return "", false
	}
	before := patternWords(text[start:ev.Trigger.Start])
	after := patternWords(text[ev.Trigger.End : start+len(ev.Evidence)])
	best := 0
	for _, pat := range b.block.Patterns {
		if pat.Code == "" {
			continue // only the reverse event: not coded here
		}
		n, ok := matchSide(pat.Pre, before, b, true)
		if !ok {
			continue
		}
		m, ok := matchSide(pat.Post, after, b, false)
		if !ok || n+m == 0 {
			continue
		}
		if n+m > best {
			best, code = n+m, pat.Code
		}
	}
	return code, best > 0
}

// matchSide matches one side of a pattern: its word elements in order. Before the
// verb they are matched backwards from it, so that the words nearest the verb count.
// It returns how many words matched.
func matchSide(elems []Elem, ws []string, b blockOf, pre bool) (int, bool) {
	var units [][][]string // per element, its alternatives (synsets expanded)
	for _, e := range elems {
		if e.Kind != ElemWords {
			continue
		}
		var words []string
		if e.Prep != "" {
			words = append(words, e.Prep)
		}
		words = append(words, e.Words...)
		if len(words) == 0 {
			continue
		}
		alts, err := expandSynsets(words, b.dict.Synsets, 0)
		if err != "" {
			return 0, false
		}
		units = append(units, alts)
	}
	if pre {
		// Backwards: reverse the words and each element's order.
		rw := make([]string, len(ws))
		for i, w := range ws {
			rw[len(ws)-1-i] = w
		}
		ws = rw
		for i, j := 0, len(units)-1; i < j; i, j = i+1, j-1 {
			units[i], units[j] = units[j], units[i]
		}
		for k, alts := range units {
			rev := make([][]string, len(alts))
			for i, a := range alts {
				ra := make([]string, len(a))
				for j, w := range a {
					ra[len(a)-1-j] = w
				}
				rev[i] = ra
			}
			units[k] = rev
		}
	}
	pos, total := 0, 0
	for _, alts := range units {
		bestEnd, bestLen := -1, 0
		for _, a := range alts {
			// The earliest place this alternative ends; the longest on a tie.
			if end, ok := findWords(ws, pos, a, b.p1); ok && (bestEnd < 0 || end < bestEnd || end == bestEnd && len(a) > bestLen) {
				bestEnd, bestLen = end, len(a)
			}
		}
		if bestEnd < 0 {
			return 0, false
		}
		pos, total = bestEnd, total+bestLen
	}
	return total, true
}

// findWords finds phrase in ws from position from and returns where it ends. In a
// PETRARCH-1 dictionary the words of one element stand together (they were joined
// by "_"); in a PETRARCH-2 one an element is a noun phrase, whose modifiers may have
// other words between them.
func findWords(ws []string, from int, phrase []string, together bool) (int, bool) {
	for i := from; i < len(ws); i++ {
		if !wordMatches(ws[i], phrase[0]) {
			continue
		}
		j, k := i+1, 1
		for ; k < len(phrase) && j < len(ws); j++ {
			if wordMatches(ws[j], phrase[k]) {
				k++
			} else if together {
				break
			}
		}
		if k == len(phrase) {
			return j, true
		}
	}
	return 0, false
}

// wordMatches compares a sentence word with a dictionary word (upper case, a
// trailing "_" for "this word only"), allowing a plural or past ending.
func wordMatches(w, dict string) bool {
	d := strings.ToLower(dict)
	if exact, ok := strings.CutSuffix(d, "_"); ok {
		return w == exact
	}
	if w == d {
		return true
	}
	for _, end := range []string{"s", "es", "d", "ed"} {
		if w == d+end {
			return true
		}
	}
	return false
}

// patternWords splits text into lower-case words as PETRARCH's parses have them:
// punctuation apart, "n't" and "'s" as words of their own ("won't" is "wo n't").
func patternWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == ',' || r == '.' || r == ';' || r == ':' || r == '"' || r == '(' || r == ')'
	}) {
		f = strings.ReplaceAll(f, "’", "'")
		switch {
		case strings.HasSuffix(f, "n't") && len(f) > 3:
			out = append(out, f[:len(f)-3], "n't")
		case strings.HasSuffix(f, "'s") && len(f) > 2:
			out = append(out, f[:len(f)-2], "'s")
		default:
			out = append(out, f)
		}
	}
	return out
}
