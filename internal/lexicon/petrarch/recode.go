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
	preds map[string]*lexicon.Predicate // by entry id
}

// NewRecoder returns the Recoder for a lexicon that Load (or Converted.Lexicon) built.
func NewRecoder(lex *lexicon.Lexicon) *Recoder {
	r := &Recoder{preds: map[string]*lexicon.Predicate{}}
	for _, p := range lex.Predicates {
		r.preds[p.ID] = p
	}
	return r
}

// Recode adjusts the events of one text in place and returns them:
//
//   - a future event keeps the code of its pattern: PETRARCH codes "Arnor will
//     contribute a million dollars" as the contribution (070), where dyad's coder
//     turns it into an announced intent (033);
//   - an actor that is only an agent ("a senior official") is coded "---GOV", the
//     "---" standing for the country PETRARCH did not find.
func (r *Recoder) Recode(evs []event.Event) []event.Event {
	for i := range evs {
		ev := &evs[i]
		if id, how, ok := predicateOf(ev.Rule); ok && strings.HasSuffix(how, "+intent") {
			if p := r.preds[id]; p != nil {
				ev.CAMEO = p.CAMEO
			}
		}
		agentOnly(ev.Source)
		agentOnly(ev.Target)
	}
	return evs
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
