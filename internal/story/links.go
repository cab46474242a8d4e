package story

import (
	"dyad/internal/event"
	"dyad/internal/text"
)

// Words that say one event answers another: "in reciprocity", "in retaliation", "in
// response to", "tit-for-tat". ("A similar move" says two events are alike, not which
// answers which; "after" says that, below.)
var responseCues = map[string]bool{
	"reciprocity": true, "reciprocal": true, "reciprocated": true, "reciprocate": true,
	"retaliation": true, "retaliated": true, "retaliate": true, "retaliates": true,
	"retaliatory": true, "response": true, "responded": true, "responding": true,
	"tit-for-tat": true, "mirror": true, "mirrored": true, "kind": true,
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

// sequenceCues say that the event after them came first: "Russia expelled two
// Colombian diplomats after the Latin American state made a similar move".
var sequenceCues = map[string]bool{"after": true, "following": true}

// linkSequences adds a response_to link between two events of one sentence joined by
// "after" whose actors are each other's: "A did X after B did Y to A" is A answering B,
// and so is "After B did Y to A, A did X".
func linkSequences(evs []*merged, sents []text.Sentence, keysOf func(text.Sentence) []string) {
	for _, s := range sents {
		keys := keysOf(s)
		for i, k := range keys {
			if !sequenceCues[k] {
				continue
			}
			at := s.Tokens[i]
			earlier := nextInSentence(evs, s, at.End, nil)
			if earlier == nil {
				continue
			}
			later := previousInSentence(evs, s, at.Start)
			if later == nil {
				// "After B did Y, A did X": the event after the first one.
				later = nextInSentence(evs, s, at.End, earlier)
			}
			if later == nil || later == earlier || later.Source == nil || later.Target == nil || earlier.Source == nil || earlier.Target == nil {
				continue
			}
			if actorKey(later.Source) == actorKey(earlier.Target) && actorKey(later.Target) == actorKey(earlier.Source) && !linked(earlier, later) {
				addLink(later, earlier, at)
			}
		}
	}
}

// nextInSentence returns the event whose trigger in sentence s comes first at or after
// offset, other than skip and any event whose trigger is skip's.
func nextInSentence(evs []*merged, s text.Sentence, offset int, skip *merged) *merged {
	var best *merged
	bestAt := 1 << 30
	for _, m := range evs {
		if m == skip {
			continue
		}
		for _, tr := range m.triggers {
			if tr.Start >= offset && tr.End <= s.End && tr.Start < bestAt {
				if skip != nil && tr.Start <= firstTriggerAfter(skip, offset) {
					continue
				}
				best, bestAt = m, tr.Start
			}
		}
	}
	return best
}

func firstTriggerAfter(m *merged, offset int) int {
	first := 1 << 30
	for _, tr := range m.triggers {
		if tr.Start >= offset && tr.Start < first {
			first = tr.Start
		}
	}
	return first
}

// previousInSentence returns the event whose trigger in sentence s ends last before
// offset.
func previousInSentence(evs []*merged, s text.Sentence, offset int) *merged {
	var best *merged
	bestAt := -1
	for _, m := range evs {
		for _, tr := range m.triggers {
			if tr.Start >= s.Start && tr.End <= offset && tr.Start > bestAt {
				best, bestAt = m, tr.Start
			}
		}
	}
	return best
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
