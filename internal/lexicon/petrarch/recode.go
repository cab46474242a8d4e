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
	preds    map[string]*lexicon.Predicate // by entry id
	blocks   map[*lexicon.Predicate]blockOf
	ontology *Ontology
	// exact are the blocks of single-word verbs by the word as written ("left"):
	// PETRARCH matches a verb's written forms, so "left" is the LEFT block, not a
	// form of LEAVE as dyad's lexicon would have it.
	exact map[string]blockOf
	// prefix are the agents written "[CODE~]", whose code goes before the actor's.
	prefix []prefixAgent
}

type prefixAgent struct {
	code    string
	phrases [][]string // lower-case words
}

// Recoder returns the Recoder for the lexicon built from c (by c.Lexicon).
func (c *Converted) Recoder(lex *lexicon.Lexicon) *Recoder {
	r := &Recoder{preds: map[string]*lexicon.Predicate{}, blocks: c.blocks, ontology: c.ontology, exact: map[string]blockOf{}}
	for _, p := range lex.Predicates {
		r.preds[p.ID] = p
	}
	for _, b := range c.blocks {
		for _, v := range b.block.Verbs {
			if len(v.Words) != 1 {
				continue
			}
			w := strings.ToLower(v.Words[0])
			if _, dup := r.exact[w]; !dup {
				r.exact[w] = b
			}
		}
	}
	for _, a := range c.Agents {
		code, ok := strings.CutSuffix(a.Actor.Name, "~")
		if !ok {
			continue
		}
		pa := prefixAgent{code: code}
		for _, ph := range a.Phrases {
			pa.phrases = append(pa.phrases, strings.Fields(strings.ToLower(ph.Text)))
		}
		r.prefix = append(r.prefix, pa)
	}
	return r
}

// Recode adjusts the events coded from text in place and returns them:
//
//   - a trigger that is written as the verb of another block than the one dyad's
//     lexicon matched ("left" is LEFT [032:033], not a form of LEAVE [012]) is coded
//     by that block;
//   - the code is that of the most specific pattern of the verb's block that the
//     sentence matches as a whole (words before and after the verb, in order, with
//     other words between them unless "_" joins them): dyad's lexicon restricts only
//     the object, so "didn't clash over the efforts" ("- &NEGATVAUXVRB * OVER
//     EFFORTS [904]") would otherwise keep the code of the clash; a null pattern
//     ([---]) drops the event;
//   - a future event keeps the code of its pattern: PETRARCH codes "Arnor will
//     contribute a million dollars" as the contribution (070), where dyad's coder
//     turns it into an announced intent (033);
//   - with an ontology file (PICO), a negated verb whose pattern does not hold the
//     negation itself takes the code of its negation ("didn't clash over the
//     efforts": 110 negated is 050), as PETRARCH-2 does;
//   - an actor that is only an agent ("a senior official") is coded "---GOV", the
//     "---" standing for the country PETRARCH did not find; an agent written
//     "[CODE~]" goes before the actor's code ("MSF Arnor" is NGOARN);
//   - a code "[A:B]" (of the pattern, else of the verb) adds the reciprocal event B
//     from the target to the source ("arrived in Gondor": 032, and Gondor hosts, 033).
func (r *Recoder) Recode(text string, evs []event.Event) []event.Event {
	out := evs[:0]
	var extra []event.Event
	for _, ev := range evs {
		id, how, ok := predicateOf(ev.Rule)
		p := r.preds[id]
		if ok && p != nil && strings.Contains(how, "+intent") {
			ev.CAMEO = p.CAMEO
		}
		b, found := r.blocks[p]
		if !found || p == nil {
			r.actors(&ev)
			out = append(out, ev)
			continue
		}
		if eb, ok := r.exact[strings.ToLower(ev.Trigger.Text)]; ok && eb.block != b.block && !hasVerb(b.block, ev.Trigger.Text) {
			b = eb
			if code, _ := verbCode(b.block, ev.Trigger.Text); code != "" {
				ev.CAMEO = code
			}
		}
		pat := matchPattern(b, text, ev)
		if pat != nil {
			if pat.Code == "---" || pat.Code == "+++" {
				continue
			}
			ev.CAMEO = pat.Code
		}
		if ev.CAMEO == "---" || ev.CAMEO == "+++" || ev.CAMEO == "" {
			continue
		}
		if !b.p1 && noObject(ev.Target) {
			continue
		}
		if ev.Modality.Negated && (pat == nil || !hasWords(pat.Pre)) {
			if code, ok := r.ontology.Negate(ev.CAMEO); ok {
				ev.CAMEO, ev.Modality.Negated = code, false
			}
		}
		r.actors(&ev)
		out = append(out, ev)
		reverse := ""
		if pat != nil {
			reverse = pat.Reverse
		} else if code, rev := verbCode(b.block, ev.Trigger.Text); code == ev.CAMEO {
			reverse = rev
		}
		if reverse != "" && reverse != "---" && ev.Source != nil && ev.Target != nil && ev.Source.Code != "" && ev.Target.Code != "" {
			back := ev
			back.ID += "-reciprocal"
			back.CAMEO = reverse
			back.Source, back.Target = ev.Target, ev.Source
			extra = append(extra, back)
		}
	}
	return append(out, extra...)
}

// noObject reports whether an event's target is neither an actor nor any noun
// phrase but a time ("said on Thursday") or nothing. PETRARCH-2's tree patterns
// (UD-PETRARCH) read the target from the verb's object or complement: a verb with
// none, such as a closing ", a senior official said", codes no event even where
// require_dyad is off; PETRARCH-1-style coding gives it the target "---".
func noObject(a *event.Actor) bool {
	if a == nil {
		return true
	}
	if a.Code != "" {
		return false
	}
	ws := patternWords(a.Text)
	if len(ws) == 0 {
		return true
	}
	for _, w := range ws {
		if !timeWords[w] {
			return false
		}
	}
	return true
}

var timeWords = map[string]bool{
	"today": true, "yesterday": true, "tomorrow": true, "tonight": true, "now": true, "later": true, "earlier": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"last": true, "next": true, "this": true, "week": true, "month": true, "year": true, "night": true, "morning": true,
	"evening": true, "afternoon": true, "on": true, "the": true,
}

// actors brings an event's actor codes to PETRARCH's conventions.
func (r *Recoder) actors(ev *event.Event) {
	agentOnly(ev.Source)
	agentOnly(ev.Target)
	r.prefixAgents(ev.Source)
	r.prefixAgents(ev.Target)
}

// prefixAgents puts the code of an agent written "[CODE~]" ("MSF {} [NGO~]") that
// the actor's words hold before the actor's code, where dyad's coder appends agents
// or, beside another agent, leaves it out ("An MSF Arnor diplomat" is NGOARNGOV).
func (r *Recoder) prefixAgents(a *event.Actor) {
	if a == nil || a.Code == "" || len(r.prefix) == 0 {
		return
	}
	words := strings.Fields(strings.ToLower(a.Text))
	for _, pa := range r.prefix {
		if !containsPhrase(words, pa.phrases) {
			continue
		}
		code := strings.TrimPrefix(a.Code, "---")
		if strings.HasPrefix(code, pa.code) {
			continue
		}
		if len(code) > 3 {
			if i := strings.Index(code[3:], pa.code); i >= 0 && i%3 == 0 {
				code = code[:3+i] + code[3+i+len(pa.code):]
			}
		}
		a.Code = pa.code + code
	}
}

func containsPhrase(words []string, phrases [][]string) bool {
	for _, ph := range phrases {
		for i := 0; i+len(ph) <= len(words) && len(ph) > 0; i++ {
			ok := true
			for j, w := range ph {
				if strings.Trim(words[i+j], ",.;:'\"()") != w {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// hasVerb reports whether a block has the trigger word as one of its verbs or
// written forms.
func hasVerb(b *VerbBlock, trigger string) bool {
	t := strings.ToLower(trigger)
	for _, v := range b.Verbs {
		if len(v.Words) == 1 && strings.ToLower(v.Words[0]) == t {
			return true
		}
		for _, f := range v.Forms {
			if len(f) == 1 && strings.ToLower(f[0]) == t {
				return true
			}
		}
	}
	return false
}

// verbCode returns the code of the verb alone ("[A:B]" split): the code of the verb
// the trigger is written as, else of the first verb, else of the block.
func verbCode(b *VerbBlock, trigger string) (code, reverse string) {
	full := b.Code
	if b.Reverse != "" {
		full += ":" + b.Reverse
	}
	t := strings.ToLower(trigger)
	for i, v := range b.Verbs {
		if v.Code == "" {
			continue
		}
		if i == 0 || len(v.Words) == 1 && strings.ToLower(v.Words[0]) == t {
			full = v.Code
		}
	}
	code, reverse, _ = strings.Cut(full, ":")
	return code, reverse
}

// hasWords reports whether pattern elements hold any words.
func hasWords(es []Elem) bool {
	for _, e := range es {
		if e.Kind == ElemWords && (len(e.Words) > 0 || e.Prep != "") {
			return true
		}
	}
	return false
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
	if p := matchPattern(b, text, ev); p != nil {
		return p.Code, true
	}
	return "", false
}

// matchPattern is matchBlock returning the pattern (nil when none matches).
func matchPattern(b blockOf, text string, ev event.Event) *Pattern {
	start := strings.Index(text, ev.Evidence)
	if start < 0 || ev.Evidence == "" || ev.Trigger.Start < start || ev.Trigger.End > start+len(ev.Evidence) {
		return nil
	}
	before := patternWords(text[start:ev.Trigger.Start])
	after := patternWords(text[ev.Trigger.End : start+len(ev.Evidence)])
	// "%" before the verb asks for a compound subject ("The Philippines and France
	// agree"): the coder marks events coded from one with "+compound".
	compound := strings.Contains(ev.Rule, "+compound")
	best := 0
	var found *Pattern
	for i := range b.block.Patterns {
		pat := &b.block.Patterns[i]
		if pat.Code == "" {
			continue // only the reverse event: not coded here
		}
		n, ok := matchSide(pat.Pre, before, b, true)
		if !ok {
			continue
		}
		if hasCompound(pat.Pre) {
			if !compound {
				continue
			}
			n++
		}
		m, ok := matchSide(pat.Post, after, b, false)
		if !ok || n+m == 0 {
			continue
		}
		if n+m > best {
			best, found = n+m, pat
		}
	}
	return found
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

// hasCompound reports whether pattern elements hold a "%" (a compound actor).
func hasCompound(elems []Elem) bool {
	for _, e := range elems {
		if e.Kind == ElemCompound {
			return true
		}
	}
	return false
}
