package coder

import (
	"strings"

	"dyad/internal/lexicon"
)

// "Georgia" is a country and a US state. American news means the state far more
// often ("Georgia defied White House guidelines", "a study suggests Georgia should
// begin reopening"); the article's other words tell which: the state's cities,
// officials and abbreviations, or the country's capital, regions and leaders.
var (
	georgiaStateCues = []string{
		"Atlanta", "Savannah", "Augusta, Ga", "Macon", "Fulton County", "Cobb County", "DeKalb",
		"Gwinnett", "Ga.", "R-Ga", "D-Ga", "R-GA", "D-GA", "Gov. Brian Kemp", "Kemp", "Raffensperger",
		"Ossoff", "Warnock", "Loeffler", "Perdue", "Stacey Abrams", "Peach State",
		"state of Georgia", "Georgia's governor", "Georgia Gov", "Georgia governor",
		"Georgia Republican", "Georgia Democrat", "Georgia voters", "Georgia lawmakers",
		"Georgia legislature", "Georgia Senate", "Georgia's Senate", "Georgia House",
		"Georgia Tech", "University of Georgia", "Georgia Secretary of State", "Georgia Bulldogs",
	}
	georgiaCountryCues = []string{
		"Tbilisi", "Georgian", "Saakashvili", "Ossetia", "Abkhazia", "Caucasus", "Batumi",
		"Kutaisi", "Ivanishvili", "Zurabishvili", "Garibashvili", "Kobakhidze", "Sakartvelo",
	}
)

// georgiaIsState reports whether the article means the US state by "Georgia": it names
// the state's cues and none of the country's. The answer is kept in the Context.
func (c *Context) georgiaIsState(article string) bool {
	if c != nil && c.georgia != 0 {
		return c.georgia == 1
	}
	state := containsAny(article, georgiaStateCues) && !containsAny(article, georgiaCountryCues)
	if c != nil {
		c.georgia = 2
		if state {
			c.georgia = 1
		}
	}
	return state
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// usStates recodes "Georgia" as a place in the United States, as the lexicon codes
// the other states, when the article means the state.
func (co *Coder) usStates(article string, keys []string, matches []lexicon.Match, ctx *Context) []lexicon.Match {
	for i, m := range matches {
		r := m.Refs[0]
		if r.Actor == nil || r.Actor.ID != "GEO" || r.Form != lexicon.FormName || m.End-m.Start != 1 || keys[m.Start] != "georgia" {
			continue
		}
		usa := co.lex.ActorByID("USA")
		if usa == nil || !ctx.georgiaIsState(article) {
			return matches
		}
		out := append([]lexicon.Match(nil), matches...)
		for j := i; j < len(out); j++ {
			if q := out[j]; q.Refs[0].Actor == r.Actor && q.End-q.Start == 1 && keys[q.Start] == "georgia" {
				out[j].Refs = []lexicon.Ref{{Actor: usa, Form: lexicon.FormCity}}
			}
		}
		return out
	}
	return matches
}
