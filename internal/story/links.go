package story

import (
	"dyad/internal/event"
	"dyad/internal/text"
)

// Words that say one event answers another: "in reciprocity", "in retaliation", "in
// response to", "a similar move", "tit-for-tat".
var responseCues = map[string]bool{
	"reciprocity": true, "reciprocal": true, "reciprocated": true, "reciprocate": true,
	"retaliation": true, "retaliated": true, "retaliate": true, "retaliates": true,
	"retaliatory": true, "response": true, "responded": true, "responding": true,
	"tit-for-tat": true, "similar": true, "mirror": true, "mirrored": true, "kind": true,
	"reprisal": true, "reprisals": true,
}

// cuePhrases keep the cues that need a neighbour: "in kind", "similar move".
func isCue(keys []string, i int) bool {
	k := keys[i]
	if !responseCues[k] {
		return false
	}
	switch k {
	case "kind":
		return i > 0 && keys[i-1] == "in"
	case "similar":
		return i+1 < len(keys) && (keys[i+1] == "move" || keys[i+1] == "step" || keys[i+1] == "measure" || keys[i+1] == "measures" || keys[i+1] == "action")
	case "response", "responding":
		return i+1 < len(keys) && keys[i+1] == "to"
	}
	return true
}

// linkResponses adds a response_to link from an event told next to a response cue to
// the event of the opposite direction it answers (Russia expels Colombians "in
// reciprocity" for Colombia expelling Russians), preferring one of the same kind.
func linkResponses(evs []*merged, sents []text.Sentence, keysOf func(text.Sentence) []string) {
	for _, s := range sents {
		keys := keysOf(s)
		for i := range keys {
			if !isCue(keys, i) {
				continue
			}
			cueAt := s.Tokens[i].Start
			answer := nearestInSentence(evs, s, cueAt)
			if answer == nil || answer.Source == nil || answer.Target == nil {
				continue
			}
			if answered := answeredBy(evs, answer); answered != nil {
				addLink(answer, answered, s.Tokens[i])
			}
		}
	}
}

// nearestInSentence returns the event with a trigger in sentence s closest to offset.
func nearestInSentence(evs []*merged, s text.Sentence, offset int) *merged {
	var best *merged
	bestDist := 1 << 30
	for _, m := range evs {
		for _, tr := range m.triggers {
			if tr.Start < s.Start || tr.End > s.End {
				continue
			}
			d := tr.Start - offset
			if d < 0 {
				d = -d
			}
			if d < bestDist {
				best, bestDist = m, d
			}
		}
	}
	return best
}

// answeredBy finds the event that e answers: its actors the other way round, the same
// kind of event if there is one.
func answeredBy(evs []*merged, e *merged) *merged {
	var any *merged
	for _, m := range evs {
		if m == e || m.Source == nil || m.Target == nil {
			continue
		}
		if actorKey(m.Source) != actorKey(e.Target) || actorKey(m.Target) != actorKey(e.Source) {
			continue
		}
		if linked(m, e) {
			return nil // already the answer to e
		}
		if family(&m.Event) == family(&e.Event) {
			return m
		}
		if any == nil {
			any = m
		}
	}
	return any
}

func linked(from, to *merged) bool {
	for _, l := range from.Links {
		if l.Type == "response_to" && l.Event == to.ID {
			return true
		}
	}
	return false
}

func addLink(from, to *merged, cue text.Token) {
	if linked(from, to) {
		return
	}
	from.Links = append(from.Links, event.Link{Type: "response_to", Event: to.ID, Text: cue.Text})
}
