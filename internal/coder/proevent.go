package coder

import (
	"strings"

	"dyad/internal/lexicon"
	"dyad/internal/text"
)

// Pro-events are phrases that stand for an event told elsewhere in the article: "the
// Latin American state made a similar move against two Russian officials", "the
// Kremlin … targeted two Colombian diplomats in reciprocity", "France followed suit".
// The sentence says who acts on whom; what kind of event it is comes from the event
// referred to, which the story stage finds. A pro-event it cannot resolve is dropped.

// Refers says what kind of event a pro-event is.
type Refers string

const (
	// RefersSame: the kind of an event told beside it ("a similar move", "followed
	// suit", "did the same").
	RefersSame Refers = "same"
	// RefersAnswer: the kind of the event it answers, the actors the other way round
	// ("targeted two Colombian diplomats in reciprocity", "a tit-for-tat move").
	RefersAnswer Refers = "answer"
)

// The predicates pro-events are coded with: roles only, no codes.
var (
	proSame = &lexicon.Predicate{ID: "pro-event:same", Source: []string{"subject", "agent"},
		Target: []string{"against", "on", "object", "toward", "towards"}}
	proAnswer = &lexicon.Predicate{ID: "pro-event:answer", Source: []string{"subject", "agent"},
		Target: []string{"object", "against", "on", "toward", "towards"}}
)

var (
	doVerbs = map[string]bool{"make": true, "makes": true, "made": true, "making": true,
		"take": true, "takes": true, "took": true, "taken": true, "taking": true}
	sameAdjs = map[string]bool{"similar": true, "same": true, "identical": true, "comparable": true,
		"equivalent": true, "parallel": true, "like": true}
	answerAdjs = map[string]bool{"reciprocal": true, "retaliatory": true, "tit-for-tat": true,
		"mirror": true, "symmetrical": true, "symmetric": true}
	moveNouns = map[string]bool{"move": true, "step": true, "steps": true, "measure": true,
		"measures": true, "action": true, "decision": true}
	// "did the same thing" may be anything.
	sameNouns = map[string]bool{"thing": true, "things": true, "way": true, "job": true, "mistake": true, "work": true}
	// Verbs that stand for the answer when the sentence says it is one.
	answerVerbs = map[string]bool{"target": true, "targets": true, "targeted": true, "targeting": true}
	// Verbs that say it themselves.
	reciprocateVerbs = map[string]bool{"reciprocate": true, "reciprocates": true, "reciprocated": true,
		"reciprocating": true, "retaliate": true, "retaliates": true, "retaliated": true, "retaliating": true}
)

// proEvents finds the pro-event phrases of a sentence, as matches of the predicates
// above.
func proEvents(keys []string) []lexicon.Match {
	var out []lexicon.Match
	add := func(start, end int, p *lexicon.Predicate) {
		out = append(out, lexicon.Match{Start: start, End: end, Refs: []lexicon.Ref{{Pred: p, Form: lexicon.FormVerb}}})
	}
	for i := 0; i < len(keys); i++ {
		k := keys[i]
		switch {
		case doVerbs[k]:
			// make (a|the|its own) similar move
			j := i + 1
			for j < len(keys) && j <= i+3 && (keys[j] == "a" || keys[j] == "an" || keys[j] == "the" || keys[j] == "its" || keys[j] == "their" || keys[j] == "own") {
				j++
			}
			if j+1 < len(keys) && moveNouns[keys[j+1]] {
				switch {
				case sameAdjs[keys[j]]:
					add(i, j+2, proSame)
					i = j + 1
				case answerAdjs[keys[j]]:
					add(i, j+2, proAnswer)
					i = j + 1
				}
			}
		case strings.HasPrefix(k, "follow") && i+1 < len(keys) && keys[i+1] == "suit":
			add(i, i+2, proSame)
			i++
		case (k == "did" || k == "do" || k == "does" || k == "doing" || k == "done") && i+1 < len(keys) &&
			(keys[i+1] == "likewise" || keys[i+1] == "the" && i+2 < len(keys) && keys[i+2] == "same" && (i+3 == len(keys) || !sameNouns[keys[i+3]])):
			end := i + 2
			if keys[i+1] == "the" {
				end = i + 3
			}
			add(i, end, proSame)
			i = end - 1
		case reciprocateVerbs[k]:
			add(i, i+1, proAnswer)
		case answerVerbs[k] && answerCue(keys, i+1):
			add(i, i+1, proAnswer)
		}
	}
	return out
}

// answerCue reports whether the clause after a verb says it answers something: "in
// reciprocity", "in retaliation", "in response", "in kind", "tit-for-tat".
func answerCue(keys []string, from int) bool {
	for k := from; k < len(keys) && k < from+14; k++ {
		switch keys[k] {
		case ";", "but", "while", "although", "whereas":
			return false
		case "reciprocity", "retaliation", "reprisal", "tit-for-tat":
			return true
		case "response", "kind":
			if k > 0 && keys[k-1] == "in" {
				return true
			}
		}
	}
	return false
}

// codeProEvents codes the pro-events of a sentence. A pro-event that describes an
// event the sentence codes outright ("retaliated by expelling 23 diplomats", "followed
// suit, expelling …") adds nothing and is left out.
func (c *Coder) codeProEvents(s Sentence, toks []text.Token, keys []string, pros []lexicon.Match, phrases []phrase, preds []lexicon.Match, t *tree, coded []Candidate) []Candidate {
	var out []Candidate
	for _, pm := range pros {
		cands, ok := c.codeTrigger(s, toks, keys, pm, phrases, preds, t)
		if !ok {
			continue
		}
		cand := cands[0]
		ev := &cand.Event
		ev.Rule = strings.TrimPrefix(ev.Rule, "lexicon:")
		ev.Confidence = max(0.05, ev.Confidence-0.1)
		cand.ObjectEvent = nil
		cand.Refers = RefersSame
		if pm.Refs[0].Pred == proAnswer {
			cand.Refers = RefersAnswer
		}
		told := false
		for _, d := range coded {
			if d.Event.Source == nil || !sameActor(d.Event.Source.Country, d.Event.Source.Code, ev.Source.Country, ev.Source.Code) {
				continue
			}
			// "followed suit, expelling …", "retaliated by expelling …"; but in "decried
			// the expulsions and targeted two diplomats in reciprocity" the decrying is
			// another event.
			if cand.Refers == RefersSame || d.Event.Trigger.Start >= ev.Trigger.End {
				told = true
			}
		}
		if !told {
			out = append(out, cand)
		}
	}
	return out
}

func sameActor(countryA, codeA, countryB, codeB string) bool {
	if countryA != "" || countryB != "" {
		return countryA == countryB
	}
	return codeA == codeB
}
