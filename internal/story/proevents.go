package story

import (
	"dyad/internal/coder"
	"dyad/internal/event"
)

// resolveProEvents gives each pro-event ("made a similar move against …", "targeted
// two diplomats in reciprocity") the kind of the event it refers to, and drops those
// that refer to nothing the article codes: a move of unknown kind is not an event.
func resolveProEvents(cands []coder.Candidate) []coder.Candidate {
	has := false
	for _, c := range cands {
		if c.Refers != "" {
			has = true
			break
		}
	}
	if !has {
		return cands
	}
	out := make([]coder.Candidate, 0, len(cands))
	for i, c := range cands {
		if c.Refers == "" {
			out = append(out, c)
			continue
		}
		var ante *event.Event
		switch c.Refers {
		case coder.RefersSame:
			ante = sameKindAntecedent(cands, i)
		case coder.RefersAnswer:
			ante = answeredAntecedent(cands, i)
		}
		if ante == nil {
			continue
		}
		ev := c.Event
		ev.CAMEO = ante.CAMEO
		if ante.Plover != nil {
			p := *ante.Plover
			p.Intensity = nil
			ev.Plover = &p
		}
		if ev.Target == nil && c.Refers == coder.RefersAnswer {
			doer := *ante.Source
			ev.Target = &doer
		}
		ev.Rule += "+refers:" + ante.CAMEO
		c.Event = ev
		out = append(out, c)
	}
	return out
}

// usable reports whether a candidate can stand as what a pro-event refers to: an
// event told outright, with a source and a code other than a mere statement.
func usable(c coder.Candidate) bool {
	e := c.Event
	return c.Refers == "" && e.Source != nil && e.CAMEO != "" && cameoRoot(e.CAMEO) != "01"
}

// sameKindAntecedent finds the event "a similar move" compares with: the nearest one
// told outright in the same sentence, else the last one of the two sentences before.
func sameKindAntecedent(cands []coder.Candidate, i int) *event.Event {
	pro := cands[i].Event
	best, bestDist := -1, 1<<30
	for k := range cands {
		e := &cands[k].Event
		if k == i || !usable(cands[k]) || e.Sentence != pro.Sentence {
			continue
		}
		d := e.Trigger.Start - pro.Trigger.Start
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = k, d
		}
	}
	if best >= 0 {
		return actOf(cands, best)
	}
	for k := i - 1; k >= 0; k-- {
		e := &cands[k].Event
		if pro.Sentence-e.Sentence > 2 {
			break
		}
		if usable(cands[k]) && e.Sentence < pro.Sentence {
			return actOf(cands, k)
		}
	}
	return nil
}

// answeredAntecedent finds the event an answer answers: one with the actors the
// other way round (with no target named, one done to the answer's source), told
// before it if there is one, else after.
func answeredAntecedent(cands []coder.Candidate, i int) *event.Event {
	pro := cands[i].Event
	fits := func(e *event.Event) bool {
		if e.Target == nil || actorKey(e.Target) != actorKey(pro.Source) {
			return false
		}
		if pro.Target != nil {
			return actorKey(e.Source) == actorKey(pro.Target)
		}
		return actorKey(e.Source) != actorKey(pro.Source)
	}
	for k := i - 1; k >= 0; k-- {
		if usable(cands[k]) && fits(&cands[k].Event) {
			return actOf(cands, k)
		}
	}
	for k := i + 1; k < len(cands); k++ {
		if usable(cands[k]) && fits(&cands[k].Event) {
			return actOf(cands, k)
		}
	}
	return nil
}

// actOf returns candidate k, or, if k is an accusation read from the reason for an
// act ("ordered the departure of two Russian officials over their alleged
// espionage"), that act: "targeted two Colombian diplomats in reciprocity" answers
// the expulsion, and "made a similar move" repeats it, not the reason given for it.
func actOf(cands []coder.Candidate, k int) *event.Event {
	reason := &cands[k].Event
	if !cands[k].Reason {
		return reason
	}
	for j := k - 1; j >= 0 && cands[j].Event.Sentence == reason.Sentence; j-- {
		if e := &cands[j].Event; usable(cands[j]) && !cands[j].Reason &&
			actorKey(e.Source) == actorKey(reason.Source) && e.Target != nil && actorKey(e.Target) == actorKey(reason.Target) {
			return e
		}
	}
	return reason
}
