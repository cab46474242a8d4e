// Package coder finds the events that one sentence reports: who acts (source), on whom
// (target), doing what (CAMEO and PLOVER codes), and how the sentence presents it
// (asserted, reported, negated, future, hypothetical, historical).
//
// It works on one sentence at a time and knows nothing of the article around it:
// dates, places, coreference, attribution and merging belong to the story stage.
// Events whose target the sentence does not name come out with Target nil, so that the
// story stage can resolve it; the pipeline drops those it cannot.
package coder

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/syntax"
	"dyad/internal/text"
)

// Coder codes sentences with a lexicon. It is read-only and safe for concurrent use.
type Coder struct {
	lex   *lexicon.Lexicon
	parse ParseFunc
	conv  Conventions
	spans *SpanModel // chooses actors' words; nil keeps the hand rules' words
}

// Conventions are ways of coding that are not dyad's own, for dictionaries written
// to expect them.
type Conventions struct {
	// Petrarch codes as PETRARCH does where dyad would not: a verb with no target of
	// its own takes the subject of its complement clause ("Gollum allowed that Mordor
	// isn't …" → HOB→MOR), and a passive with no doer named, in a place of another
	// country, takes the place as the doer ("An Eriadorian was shot dead in Osgiliath"
	// → OSG→ERI).
	Petrarch bool
}

// With returns a copy of the coder that follows the conventions cv.
func (c *Coder) With(cv Conventions) *Coder {
	d := *c
	d.conv = cv
	return &d
}

// ParseFunc tags and parses one sentence given its tokens' forms.
type ParseFunc func(forms []string) []syntax.Word

// New returns a coder that uses lex. With a parser, arguments are read from the
// dependency tree; without one, from word order.
//
// Actors' words are chosen by the built-in span model (DefaultSpanModel), if any.
func New(lex *lexicon.Lexicon, parse ParseFunc) *Coder {
	return &Coder{lex: lex, parse: parse, spans: DefaultSpanModel()}
}

// Candidate is a sentence event before the story stage: the event record as far as one
// sentence can fill it, plus what the story stage needs to finish it.
type Candidate struct {
	Event event.Event
	// ObjectEvent is set when the object of the trigger is itself an event noun ("decried
	// the expulsions"): its predicate, so that the story stage can find the event meant.
	ObjectEvent *lexicon.Predicate
	// Refers is set on a pro-event ("made a similar move"): its CAMEO code is empty
	// until the story stage gives it the code of the event it refers to.
	Refers Refers
	// Reason is set on an accusation read from the reason given for the event before
	// it ("expelled two diplomats over their alleged espionage"): what an answer to
	// the sentence answers is that event, not its reason.
	Reason bool
	// SourceSpans and TargetSpans are the extents weighed for the words of the
	// event's actors (nil when there was no choice), for training the span model.
	SourceSpans, TargetSpans *SpanChoice
}

// Sentence is what the coder reads: the sentence's tokens in the article text.
type Sentence struct {
	Text      string // the whole article text; offsets point into it
	Sentence  text.Sentence
	Published string // YYYY-MM-DD, for dating actors' roles
	// Context carries what earlier sentences of the article named; nil for a sentence
	// coded alone. Code sentences of one article in order with the same Context.
	Context *Context
}

// Code returns the candidate events of one sentence.
func (c *Coder) Code(s Sentence) []Candidate {
	toks := s.Sentence.Tokens
	if len(toks) == 0 {
		return nil
	}
	keys := lexicon.Keys(toks)
	if menuText(keys) {
		// "Hillicon Valley: Democrats seize on … | Google taps … | Warren calls for …":
		// a page's list of links, not a sentence.
		return nil
	}
	if sentence, story := c.lex.Discarded(keys); sentence {
		// "restore the African Nations Cup to Gondor": sport, not diplomacy.
		if story && s.Context != nil {
			s.Context.discardStory = true
		}
		return nil
	}
	m := c.lex.MatchKeys(toks, keys)
	if len(m.Actors) == 0 && (s.Context == nil || len(s.Context.named) == 0) {
		return nil
	}
	m.Actors = c.usStates(s.Text, keys, m.Actors, s.Context)
	phrases := buildPhrases(toks, keys, m.Actors, s.Published, s.Context, s.Sentence.Index)
	phrases = s.Context.references(toks, keys, phrases, s.Sentence.Index)
	if nameList(toks, phrases) {
		// "Choose your country United States of America Afghanistan Albania …": a
		// page's list of names, not a sentence.
		return nil
	}
	defer s.Context.remember(phrases, s.Sentence.Index)
	if len(phrases) == 0 {
		return nil
	}
	pros := proEvents(keys)
	if len(m.Predicates) == 0 && len(pros) == 0 && !c.maySplit(keys) {
		return nil
	}
	// Parse only sentences that can hold an event: a predicate and an actor.
	var t *tree
	if c.parse != nil {
		// A dateline ("ALGIERS, Algeria -") is no part of the sentence's grammar, and
		// the treebanks have none: parse what follows it.
		from := datelineEnd(toks, keys)
		forms := make([]string, len(toks)-from)
		for i, tk := range toks[from:] {
			forms[i] = tk.Norm
		}
		if words := c.parse(forms); len(words) == len(forms) {
			t = newTree(shiftWords(words, from))
		}
	}
	if t != nil {
		m.Predicates = c.splitPredicates(t, keys, m.Predicates, phrases)
	}
	var out []Candidate
	for _, pm := range m.Predicates {
		if insidePhrase(phrases, pm) {
			continue // "Fund" in "International Monetary Fund"
		}
		if cands, ok := c.codeTrigger(s, toks, keys, pm, phrases, m.Predicates, t); ok {
			out = append(out, cands...)
		} else if cand, ok := c.reasonAccusation(s, toks, keys, pm, out); ok {
			out = append(out, cand)
		}
	}
	if len(pros) > 0 {
		out = append(out, c.codeProEvents(s, toks, keys, pros, phrases, m.Predicates, t, out)...)
	}
	return dropLightVerbEvents(out, toks, t)
}

// approving verbs are light verbs whose own event (05x) gives way to the event noun
// they approve.
var approving = map[string]bool{"approve": true, "authorize": true, "authorise": true}

// dropLightVerbEvents leaves out the saying of a light verb (a statement, appeal or
// demand, or an approval: "approved troop deployments") whose object is an event noun
// coded with the same source: in "Moscow ordered
// the closure of the British Council" the closure is what Moscow did, not a demand
// (the noun takes the verb's subject, see inheritedSubject).
func dropLightVerbEvents(cands []Candidate, toks []text.Token, t *tree) []Candidate {
	if t == nil || len(cands) < 2 {
		return cands
	}
	word := func(ev event.Event) int {
		for i, tk := range toks {
			if tk.Start == ev.Trigger.Start && tk.End == ev.Trigger.End {
				return i // a one-word trigger
			}
		}
		return -1
	}
	// head is the word of an event's trigger the parse hangs outside it.
	head := func(ev event.Event) int {
		lo, hi := -1, -1
		for i, tk := range toks {
			if tk.Start == ev.Trigger.Start {
				lo = i
			}
			if tk.End == ev.Trigger.End {
				hi = i + 1
			}
		}
		if lo < 0 || hi <= lo {
			return -1
		}
		return t.headOf(lo, hi)
	}
	out := cands[:0]
	for i, a := range cands {
		light := false
		v := word(a.Event)
		if v >= 0 && lightVerbs[strings.ToLower(t.words[v].Lemma)] && a.Event.Source != nil && (sayingCode(a.Event.CAMEO) || strings.HasPrefix(a.Event.CAMEO, "05") && approving[strings.ToLower(t.words[v].Lemma)]) {
			for j, b := range cands {
				n := head(b.Event)
				if j != i && n >= 0 && t.head(n) == v && t.rel(n) == "obj" && b.Event.Source != nil && b.Event.Source.Code == a.Event.Source.Code {
					light = true
				}
			}
		}
		if v >= 0 && strings.ToLower(t.words[v].Lemma) == "agree" && strings.HasPrefix(a.Event.CAMEO, "03") && a.Event.Source != nil {
			// "UK and EU negotiators have agreed a free trade agreement": the agreement
			// reached (057) is the event, not an intent to trade.
			for j, b := range cands {
				n := head(b.Event)
				if j != i && n >= 0 && b.Event.CAMEO == "057" && (t.head(n) == v && t.rel(n) == "obj" || agreedOn(t, n) && t.head(n) == v ||
					t.caseOf(n) == "of" && t.head(n) >= 0 && agreedOn(t, t.head(n)) && t.head(t.head(n)) == v) {
					light = true
				}
			}
		}
		if !light {
			out = append(out, a)
		}
	}
	return out
}

// codeTrigger codes the events one trigger reports: one, or one per coordinated
// actor ("Russia and China condemned …" is two), the first the main reading.
func (c *Coder) codeTrigger(s Sentence, toks []text.Token, keys []string, pm lexicon.Match, phrases []phrase, preds []lexicon.Match, t *tree) ([]Candidate, bool) {
	noun := pm.Refs[0].Form == lexicon.FormNoun
	if t == nil && !noun && nounContext(keys, pm.Start) {
		// "the attack": read the phrase as the noun, if the lexicon has it as one.
		var nouns []lexicon.Ref
		for _, r := range pm.Refs {
			if r.Form == lexicon.FormNoun {
				nouns = append(nouns, r)
			}
		}
		if len(nouns) == 0 {
			return nil, false
		}
		pm.Refs, noun = nouns, true
	}
	if t != nil && pm.End-pm.Start == 1 {
		// A word the lexicon has as both verb and noun ("audit", "probe") is read as
		// the parse tags it.
		tagNoun := t.words[pm.Start].UPOS == "NOUN"
		if tagNoun != noun {
			form := lexicon.FormVerb
			if tagNoun {
				form = lexicon.FormNoun
			}
			var same []lexicon.Ref
			for _, r := range pm.Refs {
				if r.Form == form {
					same = append(same, r)
				}
			}
			if len(same) > 0 {
				pm.Refs, noun = same, tagNoun
			}
		}
	}
	var args arguments
	how := "surface"
	if t != nil && pm.End-pm.Start == 1 && !posFits(t, pm, noun) && !headline(toks) {
		return nil, false
	}
	if t != nil {
		args, how = treeArguments(t, keys, pm, noun, phrases), "tree"
		// Where the parse finds no argument, word order may: parses of news are
		// imperfect ("declares personae non gratae" tagged as a noun and a verb).
		if surf := findArguments(toks, keys, pm, noun, phrases); fillFrom(&args, surf, t) {
			how = "tree+surface"
		}
	} else {
		args = findArguments(toks, keys, pm, noun, phrases)
	}
	if t != nil {
		args.addTreeConjuncts(t, phrases)
	}
	args.addHomes(phrases, keys)
	pred, restricted := choosePredicate(pm.Refs, keys, args, keys[pm.Start:pm.End])
	if pred == nil || cancelled(pred, keys, pm) {
		return nil, false
	}
	src := pickRole(args, pred.Source)
	tgt := pickRole(args, pred.Target)
	if src == nil && args.passive && expulsion(pred.CAMEO) && args.preps["from"] != nil && stateLike(args.preps["from"].actor) {
		// "Two inspectors have been expelled from North Korea": the state they are
		// expelled from expels them.
		src = args.preps["from"]
		args.inferredSubject = true
	}
	if tgt == nil && !c.conv.Petrarch && t != nil && verbalCode(pred.CAMEO) {
		// "Trump called Saudi Arabia's King Salman on Saturday, discussing ways to …",
		// "Stoltenberg called Erdogan to apologize": said to the one called.
		if q := t.calledParty(t.headOf(pm.Start, pm.End), phrases); q != nil && q != src {
			tgt = q
		}
	}
	if tgt == nil && !c.conv.Petrarch && t != nil && slices.Contains(pred.Target, "between") {
		// "launched a mediation effort to resolve the rift between Qatar and other Gulf
		// states": the parties, however deep under the trigger.
		if q := t.betweenBelow(t.headOf(pm.Start, pm.End), phrases); q != nil && q != src {
			tgt = q
		}
	}
	if tgt == nil && !c.conv.Petrarch && strings.HasPrefix(pred.CAMEO, "10") && args.clause != nil && args.clause != src && !args.clause.pronoun {
		// "demanded that Prime Minister Pashinian's government resign": a demand is
		// made of the subject of what is demanded.
		tgt = args.clause
	}
	if c.conv.Petrarch {
		if tgt == nil && args.clause != nil && args.clause != src {
			tgt = args.clause
		}
		if src == nil && args.passive && args.place != nil && tgt != nil && args.place.actor.Country != tgt.actor.Country && pickRole(args, []string{"by"}) == nil {
			src = args.place
		}
	}
	if src == nil || pollShare(keys, src) {
		return nil, false
	}
	split := false
	var partner *phrase
	if tgt == nil && src == args.subject && (joint(pred.CAMEO) || (mutual(pred) || cooperative(pred.CAMEO)) && !args.hasObjectBesides(pred, keys)) {
		switch {
		case args.coSubject != nil:
			// "The EU and Turkey failed to reach agreement": the one with the other,
			// each in its own words.
			tgt, split = args.coSubject, true
			delete(args.words, src)
		case t != nil:
			// "Kuwait and its gulf war allies agreed to stage an exercise": the partner
			// the lexicon does not know is the target in words only.
			if partner = t.uncodedConjunct(src, phrases); partner != nil {
				delete(args.words, src)
			}
		}
	}
	// The main event keeps the words of the whole coordination ("Russia and China");
	// the events of the other conjuncts have their own.
	srcs, tgts := args.conjoined(src, tgt), args.conjoined(tgt, src)
	if tgt != nil && sameEntity(tgt.actor, src.actor) {
		tgt = nil
	}
	trig := event.Span{Text: s.Text[toks[pm.Start].Start:toks[pm.End-1].End], Start: toks[pm.Start].Start, End: toks[pm.End-1].End}
	ev := event.Event{
		Sentence: s.Sentence.Index,
		Trigger:  trig,
		CAMEO:    pred.CAMEO,
		Modality: modalityOf(nameless(keys, toks, phrases), pm.Start, args.relative),
		Rule:     "lexicon:" + pred.ID + "/" + how,
		Evidence: s.Sentence.Text(s.Text),
	}
	if pred.PloverEvent != "" {
		ev.Plover = &event.Plover{Event: pred.PloverEvent, Mode: pred.PloverMode, Context: pred.Context}
	}
	if pm.RestEnd > 0 {
		ev.Rule += "+split" // the trigger's other words stand after the object
	}
	if t != nil && ev.Modality.Mood == event.MoodAsserted {
		if mood := t.governingMood(t.headOf(pm.Start, pm.End)); mood != "" {
			ev.Modality.Mood = mood
		}
	}
	if visit(ev.CAMEO) && (armed(src.actor) || tgt != nil && (tgt.isPlace || tgt.onlyPlace || tgt.city) && tgt.actor.Country != "" && tgt.actor.Country == src.actor.Country) {
		// Troops arriving are deployed, not visiting ("the Union army arrived in
		// Galveston"); a trip within one's own country is no diplomacy ("Trump's
		// arrival in West Palm Beach, Florida").
		return nil, false
	}
	if (strings.HasPrefix(ev.CAMEO, "15") || ev.CAMEO == "138") && actsInWords(src.actor) {
		// A party or a company "mobilizing its troops" musters supporters, not
		// soldiers ("Democrats want to mobilize their troops").
		return nil, false
	}
	if t != nil && verbalAttack(ev.CAMEO, strings.ToLower(t.words[t.headOf(pm.Start, pm.End)].Lemma), src.actor) {
		// A party's or a company's "attack" is criticism (111).
		ev.CAMEO = "111"
		ev.Plover = &event.Plover{Event: "ACCUSE", Mode: "disapprove"}
		ev.Rule += "+verbal"
	}
	if pred.PloverEvent == "PROTEST" && isState(src.actor) && !src.adjOnly {
		// (Not "Algerian landowners began a hunger strike": the adjective names
		// people of the country, not its state.)
		// A government that "protests" objects in words; demonstrations are for the
		// governed (PLOVER's PROTEST, CAMEO 14, are collective civilian action).
		ev.CAMEO = "111"
		ev.Plover = &event.Plover{Event: "ACCUSE", Mode: "disapprove"}
		ev.Rule += "+state-protest"
	}
	sc := spanContext{text: s.Text, t: t, toks: toks, keys: keys, trigLo: pm.Start, trigHi: pm.End, restLo: pm.RestStart, restHi: pm.RestEnd, preds: preds, ptype: "none", phrases: phrases}
	if ev.Plover != nil {
		sc.ptype = ev.Plover.Event
	}
	var srcSpans, tgtSpans *SpanChoice
	a := src.actor
	args.setWords(&a, src, toks)
	clipRest(&a, pm, toks)
	srcSpans = sc.options("s", src, [2]int{a.Start, a.End}, tgt, false, nil)
	c.chooseWords(&a, srcSpans)
	a.Text = s.Text[a.Start:a.End]
	ev.Source = &a
	alternative := false
	if tgt != nil {
		b := tgt.actor
		args.setWords(&b, tgt, toks)
		clipRest(&b, pm, toks)
		tgtSpans = sc.options("t", tgt, [2]int{b.Start, b.End}, src, false, nil)
		tgtSpans = c.alternatives(sc, tgtSpans, [2]int{b.Start, b.End}, args, src, pred.Target, phrases, true, tgt == args.object && args.objectWord >= 0)
		alternative = c.chooseTarget(&b, tgtSpans)
		b.Text = s.Text[b.Start:b.End]
		ev.Target = &b
	} else if u := cmp.Or(pickUncoded(args, pred.Target), partner); u != nil && !(src.start < u.end && u.start < src.end) && (namesPeople(keys, u) || args.place == nil || u == partner) && !(t != nil && t.temporal(u.start, u.end)) {
		// On whom, in words the lexicon does not know (never a time: "captured three
		// cities on Monday"): kept for --partial output and for the story stage, never
		// coded.
		b := event.Actor{Start: toks[u.start].Start, End: toks[u.end-1].End}
		tgtSpans = sc.options("t", u, [2]int{b.Start, b.End}, src, true, args.place)
		tgtSpans = c.alternatives(sc, tgtSpans, [2]int{b.Start, b.End}, args, src, pred.Target, phrases, false, false)
		alternative = c.chooseTarget(&b, tgtSpans)
		b.Text = s.Text[b.Start:b.End]
		ev.Target = &b
	} else if args.place != nil && args.place.actor.Country != src.actor.Country && !args.passive && stateLike(src.actor) {
		// Done in a place and to no one named: the place's country is the target, as
		// CAMEO codes a curfew or a deployment.
		b := args.place.actor
		tgtSpans = sc.options("t", args.place, [2]int{b.Start, b.End}, src, false, nil)
		tgtSpans = c.alternatives(sc, tgtSpans, [2]int{b.Start, b.End}, args, src, pred.Target, phrases, false, false)
		alternative = c.chooseTarget(&b, tgtSpans)
		b.Text = s.Text[b.Start:b.End]
		ev.Target = &b
	} else if tgtSpans = sc.freeOptions(args, src, pred.Target, phrases); tgtSpans != nil && c.spans != nil {
		// No target by the rules: the model may still name one in words only.
		if ch := c.spans.Choose(tgtSpans.Options); ch > 0 {
			tgtSpans.Chosen = ch
			o := tgtSpans.Options[ch]
			ev.Target = &event.Actor{Text: s.Text[o.Start:o.End], Start: o.Start, End: o.End}
		}
	}
	if alternative {
		ev.Rule += "+alt"
		// The other conjuncts' events go to the same target.
		tgts = []*phrase{tgtSpans.Options[tgtSpans.Chosen].coded}
	}
	if tgt == nil && t != nil && strings.HasPrefix(ev.CAMEO, "07") {
		// "provided $1.7 billion in humanitarian assistance to support Syrian refugees
		// in Jordan", "donated ventilators to assist Ethiopia": whom the aid is for.
		v := t.headOf(pm.Start, pm.End)
		q := t.beneficiary(v, phrases)
		if h := t.head(v); q == nil && h >= 0 && nominal(t.words[v].UPOS) {
			// The purpose of aid named by a noun hangs from its verb or noun:
			// "announced humanitarian assistance … to help people in Somalia".
			q = t.beneficiary(h, phrases)
		}
		if q != nil && q != src {
			b := q.actor
			b.Text = s.Text[b.Start:b.End]
			ev.Target = &b
			tgt = q
			ev.Rule += "+purpose"
		}
	}
	ev.Confidence = confidence(pred, restricted, args, tgt != nil)
	if ev.Modality.Mood == event.MoodFuture && !requested(keys, pm.Start) {
		// (An act someone else asks for is nobody's declared intent.)
		if code, ok := intentCode(ev.CAMEO, ev.Modality.Negated); ok {
			// "X said it will release Y", "X will meet Y on Tuesday": what happened is
			// that X declared an intention (CAMEO 03x, 13x) or a refusal (12x).
			ev.CAMEO, ev.Plover = code, nil
			ev.Modality.Mood, ev.Modality.Negated = event.MoodAsserted, false
			ev.Rule += "+intent"
		}
	}
	if split || len(srcs) > 1 {
		// Coded from a compound subject ("The Philippines and France agree"): PETRARCH
		// patterns may ask for one ("%").
		ev.Rule += "+compound"
	}
	cand := Candidate{Event: ev, SourceSpans: srcSpans, TargetSpans: tgtSpans}
	if tgt == nil {
		cand.ObjectEvent = objectEventNoun(pm, preds)
	}
	out := []Candidate{cand}
	if d, ok := mustDemand(s.Text, t, pm, ev, src, phrases); ok {
		out = append(out, d)
	}
	// The other conjuncts: every source with every target; a mutual act of two
	// coordinated partners both ways.
	pairs := [][2]*phrase{}
	for i, sp := range srcs {
		for j, tp := range tgts {
			if i == 0 && j == 0 || tp != nil && sameEntity(tp.actor, sp.actor) {
				continue
			}
			pairs = append(pairs, [2]*phrase{sp, tp})
		}
	}
	if split && tgt != nil {
		pairs = append(pairs, [2]*phrase{tgt, src})
	}
	for _, pr := range pairs {
		if len(out) >= maxConjoined {
			break
		}
		v := cand
		v.SourceSpans, v.TargetSpans = nil, nil
		v.Event.Source = actorIn(s.Text, pr[0])
		if pr[1] != nil {
			v.Event.Target = actorIn(s.Text, pr[1])
		} else if v.Event.Target != nil && v.Event.Target.Code != "" {
			v.Event.Target = nil
		}
		v.Event.Confidence = max(0.05, ev.Confidence-0.05)
		v.Event.Rule += "+conjunct"
		out = append(out, v)
	}
	return out, true
}

// alternatives adds the other noun phrases that may be the target to its options,
// except by PETRARCH's conventions, whose dictionaries say where the target stands.
func (c *Coder) alternatives(sc spanContext, ch *SpanChoice, cur [2]int, args arguments, src *phrase, targetRoles []string, ps []phrase, codedOnly, object bool) *SpanChoice {
	if c.conv.Petrarch {
		return ch
	}
	return sc.alternatives(ch, cur, args, src, targetRoles, ps, codedOnly, object)
}

// mustDemand reads a statement that another actor must do something as a demand of it
// (CAMEO 100): "Russia says Israel must end attacks on Syria", "the minister said the
// European Union should be ready to mediate". Not when the one who must is the speaker
// or the speaker's own country as a whole ("Trump said America must lead"), nor a role
// of no country ("officials said people should avoid mass transit", "the next Treasury
// secretary must be able to …").
func mustDemand(text string, t *tree, pm lexicon.Match, ev event.Event, src *phrase, ps []phrase) (Candidate, bool) {
	if t == nil || !strings.HasPrefix(ev.CAMEO, "01") {
		return Candidate{}, false
	}
	v := t.headOf(pm.Start, pm.End)
	if s := t.subjectOf(v); s < 0 || t.phraseAt(s, ps) != src {
		return Candidate{}, false // the speaker must be the saying verb's own subject
	}
	for _, c := range t.saidClauses(v) {
		must := false
		for _, a := range t.children[c] {
			if t.rel(a) == "aux" {
				switch strings.ToLower(t.words[a].Form) {
				case "must", "should":
					must = true
				case "have", "'ve":
					must = false // "should have passed": a reproach, no demand
				}
			}
		}
		sub := t.child(c, "nsubj")
		if !must || sub < 0 || !t.actorAt(sub, ps) {
			continue
		}
		q := t.phraseAt(sub, ps)
		if q == nil || sub < q.start || sub >= q.end || q == src || bareRole(q.actor) || q.isPlace || q.pronoun || sameEntity(q.actor, src.actor) || q.actor.Code == src.actor.Country {
			continue
		}
		d := ev
		d.CAMEO = "100"
		d.Plover = &event.Plover{Event: "REQUEST"}
		d.Target = actorIn(text, q)
		d.Rule += "+must"
		d.Confidence = max(0.05, ev.Confidence-0.05)
		return Candidate{Event: d}, true
	}
	return Candidate{}, false
}

// clipRest ends an actor's words before the other part of a split trigger: "the
// ambassador" of "found the ambassador guilty", which the parse may read as one
// phrase.
func clipRest(a *event.Actor, pm lexicon.Match, toks []text.Token) {
	if pm.RestEnd > 0 && a.Start < toks[pm.RestStart].Start && a.End > toks[pm.RestStart].Start {
		a.End = toks[pm.RestStart-1].End
	}
}

// nameless returns keys without the words of names that read as modals or hedges
// ("Theresa May has held talks", "Will Smith"): those inside an actor phrase, or
// capitalised inside a sentence that is not a headline. keys itself when there are
// none.
func nameless(keys []string, toks []text.Token, ps []phrase) []string {
	var out []string
	title := headline(toks)
	for i, k := range keys {
		if !modalWords[k] {
			continue
		}
		name := i > 0 && !title && isCapitalized(toks[i].Text)
		for j := 0; !name && j < len(ps); j++ {
			name = ps[j].start <= i && i < ps[j].end
		}
		if name {
			if out == nil {
				out = append([]string(nil), keys...)
			}
			out[i] = toks[i].Text
		}
	}
	if out == nil {
		return keys
	}
	return out
}

// modalWords are modals and hedges that are also names.
var modalWords = map[string]bool{"may": true, "will": true, "can": true, "might": true, "must": true, "should": true, "would": true, "could": true}

// chooseTarget gives a target the words the span model prefers among the options, and
// reports whether it chose another noun phrase than the rules' (the actor it stands
// for, or words alone).
func (c *Coder) chooseTarget(a *event.Actor, ch *SpanChoice) bool {
	c.chooseWords(a, ch)
	if ch == nil || !ch.Options[ch.Chosen].alt {
		return false
	}
	o := ch.Options[ch.Chosen]
	if o.coded != nil {
		*a = o.coded.actor
	} else {
		*a = event.Actor{}
	}
	a.Start, a.End = o.Start, o.End
	return true
}

// chooseWords gives an actor the words the span model prefers among the options.
func (c *Coder) chooseWords(a *event.Actor, ch *SpanChoice) {
	if c.spans == nil || ch == nil {
		return
	}
	ch.Chosen = c.spans.Choose(ch.Options)
	a.Start, a.End = ch.Options[ch.Chosen].Start, ch.Options[ch.Chosen].End
}

// choosePredicate picks, among the entries a trigger phrase names, the one whose object
// restriction the sentence meets (the most specific), else one without a restriction.
//
// The trigger's own words count as object words when the entry's phrase holds its
// object ("refused to meet" with the restriction "meet").
func choosePredicate(refs []lexicon.Ref, keys []string, args arguments, trigger []string) (*lexicon.Predicate, bool) {
	var open *lexicon.Predicate
	objectWords := args.objectWords(keys)
	if len(trigger) > 1 {
		objectWords = append(append([]string(nil), trigger[1:]...), objectWords...)
	}
	// The parse's object first: "suspended humanitarian aid to Kabul in protest at …"
	// is about aid, whatever else the clause goes on to name.
	if args.objectHi > args.objectLo {
		near := keys[args.objectLo:args.objectHi]
		if len(trigger) > 1 {
			near = append(append([]string(nil), trigger[1:]...), near...)
		}
		if p := restrictedMatch(refs, near); p != nil {
			return p, true
		}
	}
	if p := restrictedMatch(refs, objectWords); p != nil {
		return p, true
	}
	for _, r := range refs {
		if len(r.Pred.Object) == 0 {
			open = r.Pred
			break
		}
	}
	return open, false
}

// restrictedMatch returns the first entry whose object restriction words hold.
func restrictedMatch(refs []lexicon.Ref, words []string) *lexicon.Predicate {
	for _, r := range refs {
		for _, w := range r.Pred.ObjectKeys {
			if containsWords(words, w) {
				return r.Pred
			}
		}
	}
	return nil
}

// containsWords reports whether words hold the phrase parts (folded words), allowing a
// plural ending on its last word.
func containsWords(words []string, parts []string) bool {
	for i := 0; i+len(parts) <= len(words); i++ {
		ok := true
		for j, p := range parts {
			got := words[i+j]
			if got != p && !(j == len(parts)-1 && isPluralOf(got, p)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// cancelled reports whether a "not" word of the entry stands near the trigger
// ("expelled from school").
func cancelled(p *lexicon.Predicate, keys []string, m lexicon.Match) bool {
	if len(p.NotKeys) == 0 {
		return false
	}
	lo, hi := max(0, m.Start-3), min(len(keys), m.End+4)
	for _, w := range p.NotKeys {
		if containsWords(keys[lo:hi], w) {
			return true
		}
	}
	return false
}

// objectEventNoun returns the predicate of an event noun right after the trigger
// ("decried the expulsions"), if any.
func objectEventNoun(trigger lexicon.Match, preds []lexicon.Match) *lexicon.Predicate {
	for _, pm := range preds {
		if pm.Start >= trigger.End && pm.Start <= trigger.End+2 && pm.Refs[0].Form == lexicon.FormNoun {
			return pm.Refs[0].Pred
		}
	}
	return nil
}

func confidence(p *lexicon.Predicate, restricted bool, args arguments, hasTarget bool) float64 {
	c := 0.6
	if restricted {
		c += 0.15
	}
	if hasTarget && args.object != nil {
		c += 0.1
	}
	if args.inferredSubject {
		c -= 0.1
	}
	if p.Weak {
		c -= 0.25
	}
	return min(0.95, max(0.05, c))
}

// isPluralOf reports whether w is a regular plural of base, without building strings.
func isPluralOf(w, base string) bool {
	switch {
	case len(w) == len(base)+1:
		return w[len(base)] == 's' && w[:len(base)] == base
	case len(w) == len(base)+2:
		if w[:len(base)] == base && w[len(base):] == "es" {
			return true
		}
		return strings.HasSuffix(base, "y") && w[:len(base)-1] == base[:len(base)-1] && w[len(base)-1:] == "ies"
	}
	return false
}

// isState reports whether an actor is a state or its government: a country code alone,
// or with the government, military or diplomatic sectors.
func isState(a event.Actor) bool {
	if a.Country == "" {
		return false
	}
	if len(a.Sectors) == 0 {
		return true
	}
	for _, s := range a.Sectors {
		if s == "GOV" || s == "MIL" || s == "LEG" {
			return true
		}
	}
	return false
}

// posFits reports whether the tagger agrees that the trigger is what the lexicon says:
// a verb phrase headed by a verb ("state" in "Russian state media" is not), a noun
// phrase headed by a noun.
func posFits(t *tree, m lexicon.Match, noun bool) bool {
	hw := t.headOf(m.Start, m.End)
	h := t.words[hw].UPOS
	if !noun && m.Start > 0 && afterModal[strings.ToLower(t.words[m.Start-1].Form)] && !isCapitalized(t.words[m.Start].Form) {
		// Only a verb follows a modal, whatever the tagger said: "it would free 1,500
		// prisoners" (tagged an adjective of "prisoners").
		return true
	}
	if !noun && (t.rel(hw) == "amod" || t.rel(hw) == "compound") {
		// A participle used as an adjective names no act: "the alleged censorship",
		// "the banned party".
		return false
	}
	if noun {
		return h == "NOUN" || h == "PROPN"
	}
	if t.rel(hw) == "root" && h == "NOUN" && !t.hasVerb() {
		// A sentence the tagger gave no verb: its root is the verb it missed ("The US
		// military trains Iraqi pilots", "trains" tagged a plural noun).
		return true
	}
	if m.End-m.Start > 1 {
		// "is willing", "held talks", "declares personae non gratae"
		return h == "VERB" || h == "AUX" || h == "ADJ"
	}
	return h == "VERB"
}

// afterModal are the words only a bare verb follows.
var afterModal = map[string]bool{"would": true, "will": true, "can": true, "could": true, "must": true, "should": true, "might": true, "shall": true, "'ll": true, "'d": true}

// insidePhrase reports whether a trigger lies within an actor phrase.
func insidePhrase(ps []phrase, m lexicon.Match) bool {
	for _, p := range ps {
		if m.Start >= p.start && m.End <= p.end {
			return true
		}
	}
	return false
}

// reasonMarkers introduce the reason given for an action: "expelled two diplomats over
// their alleged involvement in espionage".
var reasonMarkers = map[string]bool{"over": true, "for": true, "alleged": true, "allegedly": true, "suspected": true, "charges": true}

// reasonAccusation codes the accusation a reason adjunct carries: when X sanctions Y
// "over (alleged) espionage", X accuses Y of it. The trigger is an accusation noun
// with no actors of its own, right after a reason marker, in a sentence whose earlier
// event has both a source and a target.
func (c *Coder) reasonAccusation(s Sentence, toks []text.Token, keys []string, pm lexicon.Match, prev []Candidate) (Candidate, bool) {
	if len(prev) == 0 || pm.Refs[0].Form != lexicon.FormNoun {
		return Candidate{}, false
	}
	var pred *lexicon.Predicate
	for _, r := range pm.Refs {
		if r.Pred.PloverEvent == "ACCUSE" {
			pred = r.Pred
			break
		}
	}
	if pred == nil {
		return Candidate{}, false
	}
	marked := false
	for k := max(0, pm.Start-5); k < pm.Start; k++ {
		if reasonMarkers[keys[k]] {
			marked = true
		}
	}
	base := prev[len(prev)-1].Event
	if !marked || base.Source == nil || base.Target == nil || base.Trigger.End > toks[pm.Start].Start {
		return Candidate{}, false
	}
	ev := base
	ev.Trigger = event.Span{Text: s.Text[toks[pm.Start].Start:toks[pm.End-1].End], Start: toks[pm.Start].Start, End: toks[pm.End-1].End}
	ev.CAMEO = pred.CAMEO
	ev.Plover = &event.Plover{Event: pred.PloverEvent, Mode: pred.PloverMode, Context: pred.Context}
	ev.Rule = "lexicon:" + pred.ID + "/reason-of:" + base.CAMEO
	ev.Confidence = max(0.05, base.Confidence-0.15)
	src, tgt := *base.Source, *base.Target
	ev.Source, ev.Target = &src, &tgt
	return Candidate{Event: ev, Reason: true}, true
}

// intentCode returns the CAMEO code for announcing a future action: the intent codes
// of CAMEO 03 for cooperation (to meet 036, to give aid 033, to yield 035, to release
// 0353), 13 threats for force and coercion, and 12 rejections for a refusal ("will not
// meet"). ok is false where CAMEO has no such code (a future verbal act).
func intentCode(code string, negated bool) (string, bool) {
	if len(code) < 2 {
		return "", false
	}
	root := code[:2]
	if negated {
		switch root {
		case "03", "04":
			return "125", true // reject a proposal to meet
		case "05", "06":
			return "121", true // reject material or diplomatic cooperation
		case "07":
			return "122", true // reject a request for aid
		case "08":
			return "124", true // refuse to yield
		}
		return "", false
	}
	switch root {
	case "04":
		return "036", true
	case "05":
		return "032", true
	case "06":
		return "031", true
	case "07":
		switch {
		case strings.HasPrefix(code, "071"):
			return "0331", true
		case strings.HasPrefix(code, "072"):
			return "0332", true
		case strings.HasPrefix(code, "073"):
			return "0333", true
		case strings.HasPrefix(code, "074"):
			return "0334", true
		}
		return "033", true
	case "08":
		switch {
		case strings.HasPrefix(code, "0841"), strings.HasPrefix(code, "084"):
			return "0353", true // release persons or property
		case strings.HasPrefix(code, "085"):
			return "0354", true
		case strings.HasPrefix(code, "087"):
			return "0356", true
		}
		return "035", true
	case "14":
		return "133", true // threaten with dissent, protest
	case "16":
		switch {
		case strings.HasPrefix(code, "162"):
			return "1311", true // threaten to reduce or stop aid
		case strings.HasPrefix(code, "163"):
			return "1312", true // threaten with sanctions
		}
		return "1313", true // threaten to reduce or break relations
	case "17":
		if strings.HasPrefix(code, "172") {
			return "132", true // threaten with administrative sanctions
		}
		return "137", true // threaten with repression
	case "15", "18", "19", "20":
		return "138", true // threaten with military force
	}
	return "", false
}

// nounPreceders are words after which a verb's form is a noun ("the attack", "its
// arms", "oil, gas and water"): without a tagger, the word order says so.
var nounPreceders = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "this": true, "that": true, "these": true, "those": true, "'s": true,
	"of": true, "no": true, "any": true, "every": true, "each": true, "such": true,
}

func nounContext(keys []string, i int) bool {
	if i == 0 {
		return false
	}
	prev := keys[i-1]
	if nounPreceders[prev] {
		return true
	}
	// A list of nouns: "oil, gas and water".
	return prev == "," && i+1 < len(keys) && (keys[i+1] == "and" || keys[i+1] == "or" || keys[i+1] == ",")
}

// fillFrom fills the roles the parse left empty from the word-order reading, and
// reports whether it did.
func fillFrom(a *arguments, surf arguments, t *tree) bool {
	filled := false
	// Word order takes no phrase the parse shows to modify a thing ("agreed to
	// undertake joint military exercises" is no agreement with the military) or to be
	// the doer's own ("willing to withdraw its troops").
	thing := func(p *phrase) bool {
		w := t.phraseHead(p)
		return t.head(w) >= 0 && t.thingModifier(w, t.head(w), p) || bareRole(p.actor) && t.ownThing(w)
	}
	if a.subject == nil && !a.ownSubject && !a.unknownSubject && surf.subject != nil {
		a.subject, a.inferredSubject, a.relative = surf.subject, surf.inferredSubject, surf.relative
		filled = true
	}
	// An object the parse found that is no actor ("condemned the attack") stays
	// empty rather than taking the next actor along the sentence.
	if a.object == nil && a.objectWord < 0 && surf.object != nil && surf.object != a.subject && !thing(surf.object) {
		a.object = surf.object
		filled = true
	}
	if a.clause == nil && surf.clause != nil && surf.clause != a.subject {
		a.clause = surf.clause
		filled = true
	}
	for prep, p := range surf.preps {
		if a.preps[prep] == nil && p != a.subject && !thing(p) {
			a.preps[prep] = p
			filled = true
		}
	}
	return filled
}

// mutual reports whether a predicate is done with someone rather than to them (meet,
// agree, talk: its target may stand after "with"), so that coordinated subjects are
// each other's partners.
func mutual(p *lexicon.Predicate) bool {
	for _, r := range p.Target {
		if r == "with" {
			return true
		}
	}
	return false
}

// cooperative reports whether a CAMEO code is one two parties do together (intents to
// cooperate, consultations, diplomatic and material cooperation): "the US and China
// signed an agreement" is the one with the other.
func cooperative(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "03", "04", "05", "06":
		return true
	}
	return false
}

// shiftWords puts the analysis of a sentence's last words back among all its tokens:
// the first from tokens (a dateline) hang from nothing and are punctuation.
func shiftWords(words []syntax.Word, from int) []syntax.Word {
	if from == 0 {
		return words
	}
	out := make([]syntax.Word, from+len(words))
	for i := 0; i < from; i++ {
		out[i] = syntax.Word{UPOS: "PUNCT", Rel: "dep"}
	}
	for i, w := range words {
		if w.Head > 0 {
			w.Head += from
		}
		out[from+i] = w
	}
	return out
}

// maxConjoined caps the events one trigger makes from coordinated actors.
const maxConjoined = 8

// actorIn is a phrase's actor with its own words.
func actorIn(text string, p *phrase) *event.Actor {
	a := p.actor
	a.Text = text[a.Start:a.End]
	return &a
}

// headline reports whether a sentence is written in title case ("U.S. Lifts Travel Ban
// to Lebanon"), where the tagger, trained on running text, misreads verbs as nouns.
func headline(toks []text.Token) bool {
	words, caps := 0, 0
	for _, tk := range toks {
		r := []rune(tk.Text)
		if len(r) == 0 || !unicode.IsLetter(r[0]) {
			continue
		}
		words++
		if unicode.IsUpper(r[0]) {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*7
}

// menuText reports whether a "sentence" is a run of headlines or links joined by
// vertical bars, scraped with an article: its verbs belong to other stories.
func menuText(keys []string) bool {
	bars := 0
	for _, k := range keys {
		if k == "|" {
			bars++
		}
	}
	return bars >= 2
}

// visit reports whether a code is a visit made or hosted (042, 043).
func visit(code string) bool { return code == "042" || code == "043" }

// armed reports whether an actor is an armed force: troops, police, rebels, militants.
func armed(a event.Actor) bool {
	for _, s := range a.Sectors {
		switch s {
		case "MIL", "REB", "UAF", "INS":
			return true
		}
	}
	return false
}

// nameList reports whether a sentence is mostly a run of names: eight actor phrases or
// more covering over half its tokens.
func nameList(toks []text.Token, ps []phrase) bool {
	if len(ps) < 8 {
		return false
	}
	covered := 0
	for _, p := range ps {
		covered += p.end - p.start
	}
	return 2*covered > len(toks)
}

// pollShare reports whether the words before an actor's head give a share of people,
// as polls do ("13 percent of Americans approve", "three-quarters of white
// evangelicals approved"): an opinion measured, not an act.
func pollShare(keys []string, p *phrase) bool {
	lo := max(0, p.start-4)
	for k := lo; k < p.end && k < len(keys); k++ {
		switch keys[k] {
		case "percent", "%", "per", "half", "third", "thirds", "quarter", "quarters", "three-quarters", "two-thirds", "majority", "plurality", "minority":
			return k+1 < len(keys) && (keys[k+1] == "of" || keys[k+1] == "cent")
		}
	}
	return false
}

// verbalAttackers are sectors that attack in words, not arms: "corporations hammered
// trade unions", "conservatives savagely attack unions".
var verbalAttackers = map[string]bool{"PTY": true, "OPP": true, "BUS": true, "MED": true, "LEG": true, "LAB": true, "EDU": true, "JUD": true, "ELI": true, "NGO": true}

// verbalAttack reports whether an assault coded from a generic attacking verb is done
// by an actor of words alone (a party, a business, the press, a legislature), with no
// armed sector.
func verbalAttack(code, lemma string, src event.Actor) bool {
	if !strings.HasPrefix(code, "18") && !strings.HasPrefix(code, "19") {
		return false
	}
	switch lemma {
	case "attack", "hammer", "slam", "blast", "hit", "strike", "batter", "pummel", "savage", "assault", "fight", "battle":
	default:
		return false
	}
	return actsInWords(src)
}

// actsInWords reports whether an actor acts in words alone: all its sectors are parties,
// businesses, the press, legislatures and the like.
func actsInWords(a event.Actor) bool {
	if len(a.Sectors) == 0 {
		return false
	}
	for _, sec := range a.Sectors {
		if !verbalAttackers[sec] {
			return false
		}
	}
	return true
}

// stateLike reports whether an actor is a state or one of its arms, with or without a
// country: who imposes curfews and deploys forces.
func stateLike(a event.Actor) bool {
	if isState(a) {
		return true
	}
	for _, s := range a.Sectors {
		switch s {
		case "GOV", "MIL", "COP", "SPY":
			return true
		}
	}
	return false
}

// sameEntity reports whether two coded actors are one: the same code from the same
// lexicon entry ("Russia" and "the Kremlin" are both Russia's government). Two people
// of one government ("Ford pardoned Nixon", USAELI both) are not.
func sameEntity(a, b event.Actor) bool {
	return a.Code == b.Code && a.ID == b.ID
}

// joint reports whether a CAMEO code is an act two parties can only do together, so
// that coordinated subjects are each other's partners whatever the object: intents
// to cooperate ("agreed to share information"), consultations, signed agreements,
// material cooperation ("began joint military exercises").
func joint(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "03", "04", "06":
		return true
	}
	return strings.HasPrefix(code, "057")
}

// expulsion reports whether a CAMEO code expels people: diplomats (161),
// peacekeepers, inspectors and aid agencies (166x) or others (174).
func expulsion(code string) bool {
	return strings.HasPrefix(code, "161") || strings.HasPrefix(code, "166") || strings.HasPrefix(code, "174")
}

// sayingCode reports whether a CAMEO code is words only: a statement (01), an appeal
// (02) or a demand (10).
func sayingCode(code string) bool {
	return strings.HasPrefix(code, "01") || strings.HasPrefix(code, "02") || strings.HasPrefix(code, "10")
}

// verbalCode reports whether a CAMEO code is something said (roots 01 to 13: statements,
// appeals, intents, consultations, support, demands, criticism, refusals, threats).
func verbalCode(code string) bool {
	return len(code) >= 2 && code[:2] >= "01" && code[:2] <= "13"
}
