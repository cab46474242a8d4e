package story

import (
	"sort"
	"strings"

	"dyad/internal/event"
)

// An article often tells one event several times ("Russia expelled two diplomats …",
// "the Russian side declares personae non gratae two staff members …"). Mentions with
// the same actors, the same kind of event and compatible dates are one event.

// merged is an event with every mention that tells of it.
type merged struct {
	event.Event
	triggers []event.Span // the trigger of each mention, for linking
}

// mergeMentions folds events that tell of the same event into one, keeping the
// best-supported fields, in the order of their first mention.
func mergeMentions(evs []event.Event) []*merged {
	var out []*merged
	for _, ev := range evs {
		var into *merged
		for _, m := range out {
			if sameEvent(&m.Event, &ev) {
				into = m
				break
			}
		}
		if into == nil {
			out = append(out, &merged{Event: ev, triggers: []event.Span{ev.Trigger}})
			continue
		}
		into.absorb(ev)
	}
	for _, m := range out {
		sort.Slice(m.Mentions, func(i, j int) bool { return m.Mentions[i].Start < m.Mentions[j].Start })
		if n := len(m.Mentions); n > 1 {
			// Told more than once: more likely to be right.
			m.Confidence = min(0.99, m.Confidence+0.05*float64(n-1))
		}
	}
	return out
}

// sameEvent reports whether two events are mentions of one: same source, same target
// (or one of them unnamed), same kind of event, compatible dates and modality.
func sameEvent(a, b *event.Event) bool {
	if actorKey(a.Source) != actorKey(b.Source) || cameoBase(a.CAMEO) != cameoBase(b.CAMEO) {
		return false
	}
	if coded(a.Target) && coded(b.Target) && actorKey(a.Target) != actorKey(b.Target) {
		return false
	}
	if a.Keep() != b.Keep() || !a.Keep() && a.Modality.Mood != b.Modality.Mood {
		return false
	}
	return datesCompatible(a.Date, b.Date)
}

// actorKey identifies an actor for merging: its country when it has one ("Russia",
// "the Kremlin" and "the Russian side" are one actor), else its code.
func actorKey(a *event.Actor) string {
	if a == nil {
		return ""
	}
	if a.Country != "" {
		return a.Country
	}
	return a.Code
}

// cameoBase is the three-digit CAMEO code: mentions of one event may be coded 161 and
// 1612, but a denunciation (111) and a summons (114) are two events.
func cameoBase(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

// family is the kind of event for linking: the PLOVER type, else the CAMEO root.
func family(e *event.Event) string {
	if e.Plover != nil && e.Plover.Event != "" {
		return e.Plover.Event
	}
	return cameoRoot(e.CAMEO)
}

// datesCompatible reports whether two dates may be the same day: one is only the
// publication date, or one is a prefix of the other ("2020-12" and "2020-12-08").
func datesCompatible(a, b *event.Date) bool {
	if a == nil || b == nil || a.Precision == "published" || b.Precision == "published" {
		return true
	}
	return strings.HasPrefix(a.Value, b.Value) || strings.HasPrefix(b.Value, a.Value)
}

// absorb adds another mention, taking its fields where they are better supported.
func (m *merged) absorb(ev event.Event) {
	m.triggers = append(m.triggers, ev.Trigger)
	if isProEvent(&m.Event) && !isProEvent(&ev) {
		// The event told outright speaks for it rather than "a similar move": its
		// trigger, sentence and rule; what the pro-event knew is kept below.
		pro, told := m.Event, ev.Mentions
		m.Event, m.Mentions = ev, pro.Mentions
		ev, ev.Mentions = pro, told
	}
	m.Mentions = append(m.Mentions, ev.Mentions...)
	if !coded(m.Target) && ev.Target != nil && (m.Target == nil || coded(ev.Target)) {
		m.Target = ev.Target
	}
	if better(ev.Date, m.Date) {
		m.Date = ev.Date
	}
	if m.Location == nil && ev.Location != nil {
		m.Location = ev.Location
	}
	if m.Attribution == nil && ev.Attribution != nil {
		m.Attribution = ev.Attribution
	}
	if ev.Modality.Mood == event.MoodAsserted && m.Modality.Mood == event.MoodReported {
		m.Modality.Mood = event.MoodAsserted
	}
	if len(ev.CAMEO) > len(m.CAMEO) && strings.HasPrefix(ev.CAMEO, m.CAMEO) {
		m.CAMEO = ev.CAMEO // the deeper code the text supports
	}
	if ev.Confidence > m.Confidence {
		m.Confidence = ev.Confidence
	}
}

var precisionRank = map[string]int{"published": 0, "year": 1, "month": 2, "day": 3}

// better reports whether date a is more precise than b.
func better(a, b *event.Date) bool {
	if a == nil {
		return false
	}
	if b == nil {
		return true
	}
	return precisionRank[a.Precision] > precisionRank[b.Precision]
}

// isProEvent reports whether an event was coded from a pro-event ("made a similar
// move"), whose kind came from another event.
func isProEvent(e *event.Event) bool { return strings.HasPrefix(e.Rule, "pro-event:") }
