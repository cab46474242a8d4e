package coder

import (
	"strings"

	"dyad/internal/event"
)

// Modality is read from the words around the trigger. Precision comes first: when a
// sentence hedges, the event is marked, and the default output leaves it out.

var negators = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "neither": true, "nor": true}

var futureMarkers = map[string]bool{
	"will": true, "'ll": true, "shall": true, "would": true, "plans": true, "plan": true, "planned": true,
	"planning": true, "intends": true, "intend": true, "intended": true, "threatened": true,
	"threatens": true, "vowed": true, "vows": true, "pledged": true, "pledges": true, "expected": true,
	"promised": true, "promises": true, "going": true, "wants": true, "want": true, "wanted": true,
	"seeks": true, "sought": true, "hopes": true, "hoped": true, "aims": true, "ready": true,
	"prepared": true, "preparing": true, "set": true, "due": true, "likely": true,
	// Agreeing or offering to act is not acting: "agreed to withdraw its troops".
	"agree": true, "agreed": true, "agrees": true, "willing": true, "offer": true,
	"offered": true, "offers": true,
}

// agreeing words make an intent only before "to" and a verb: "agreed to withdraw", not
// "agreed a trade deal" or "agreed to the deal", which is the deal reached.
var agreeing = map[string]bool{"agree": true, "agreed": true, "agrees": true}

var determiners = map[string]bool{"a": true, "an": true, "the": true, "this": true, "that": true, "its": true, "their": true, "his": true, "her": true}

// refusals make the act they govern a negated future: "refused to withdraw",
// "opposed to giving him the funds".
var refusals = map[string]bool{
	"refused": true, "refuses": true, "refuse": true, "declined": true, "declines": true,
	"unwilling": true, "rejected": true, "opposed": true, "oppose": true, "opposes": true,
	"reluctant": true,
}

// failures say the act was tried and not done: "failed to broker".
var failures = map[string]bool{"failed": true, "fails": true, "fail": true, "failing": true}

// deniers say the act did not happen: "denies mounting a chemical attack".
var deniers = map[string]bool{"denied": true, "denies": true, "deny": true, "denying": true, "disputed": true, "disputes": true,
	// Kept from doing it: "Obama avoided taking sides".
	"avoided": true, "avoids": true, "avoiding": true, "refrained": true, "refrains": true}

// considerations make the act a possibility: "is considering giving money", "weighing
// sanctions", "must provide", "the authority to conduct strikes".
var considerations = map[string]bool{
	"considering": true, "considers": true, "consider": true, "weighing": true, "weighs": true,
	"mulling": true, "mulls": true, "contemplating": true, "must": true, "ought": true,
	"can": true, "cannot": true, // an ability is no act: "judges can already jail parents"
	"authority": true, "power": true, "permission": true, "right": true, "ability": true,
	"capacity": true, "proposal": true, "bid": true, "option": true, "options": true,
	// Needing or trying to act is not acting: "the agreement still needs to be
	// ratified", "as they try to fund the government".
	"need": true, "needs": true, "needed": true, "try": true, "tries": true, "tried": true,
	"trying": true, "attempt": true, "attempts": true, "attempted": true, "attempting": true,
}

// considerationsBeforeTo are considerations only when "to" follows: "the right to
// expel", not "the right decision".
var considerationsBeforeTo = map[string]bool{
	"right": true, "power": true, "authority": true, "permission": true, "ability": true,
	"capacity": true, "proposal": true, "bid": true, "need": true, "needs": true, "needed": true,
	"try": true, "tries": true, "tried": true, "trying": true, "attempt": true, "attempts": true,
	"attempted": true, "attempting": true,
}

var hedges = map[string]bool{
	"if": true, "whether": true, "unless": true, "could": true, "might": true, "may": true,
	"perhaps": true, "possibly": true, "maybe": true, "unclear": true, "should": true,
	"potential": true, "possible": true, "hypothetical": true, "rumored": true, "rumoured": true,
}

// (Not "long": "the Taliban have long rejected talks" still rejects them.)
var historyMarkers = map[string]bool{"previously": true, "historically": true, "formerly": true, "repeatedly": true, "traditionally": true}

var reportVerbs = map[string]bool{
	"said": true, "says": true, "reported": true, "reports": true, "told": true, "according": true,
	"claimed": true, "claims": true, "stated": true, "announced": true, "quoted": true, "cited": true,
	"confirmed": true, "added": true, "continued": true, "read": true,
}

// modalityOf reads the modality of the trigger at token i.
func modalityOf(keys []string, i int, relative bool) event.Modality {
	mod := event.Modality{Mood: event.MoodAsserted, Tense: tenseOf(keys[i])}
	lo := max(0, i-4)
	for k := lo; k < i; k++ {
		w := keys[k]
		switch {
		case negators[w]:
			mod.Negated = true
		case futureMarkers[w] && (w != "set" && w != "due" && !agreeing[w] || k+1 < len(keys) && keys[k+1] == "to" && !(agreeing[w] && k+2 < len(keys) && determiners[keys[k+2]])):
			mod.Mood, mod.Tense = event.MoodFuture, "future"
		case refusals[w] && k+1 < len(keys) && keys[k+1] == "to":
			mod.Mood, mod.Tense, mod.Negated = event.MoodFuture, "future", true
		case failures[w] && k+1 < len(keys) && keys[k+1] == "to":
			mod.Negated = true // "failed to broker a new government": not done
		case deniers[w]:
			mod.Negated = true
		case considerations[w] && (!considerationsBeforeTo[w] || k+1 < len(keys) && keys[k+1] == "to"):
			mod.Mood = event.MoodHypothetical
		}
	}
	if mod.Mood == event.MoodHypothetical {
		return mod
	}
	if requested(keys, i) {
		// "asked the Justice Department to conduct an investigation", "urged Russia to
		// withdraw": asked for, not done.
		mod.Mood, mod.Tense = event.MoodFuture, "future"
	}
	if n := len(keys); n > 0 && keys[n-1] == "?" || n > 1 && keys[n-2] == "?" {
		// A question asks whether it happened: "Should the U.S. cut off aid to Egypt?"
		mod.Mood = event.MoodHypothetical
		return mod
	}
	// A hedge anywhere before the trigger in the sentence makes it hypothetical.
	for k := 0; k < i; k++ {
		if hedges[keys[k]] {
			mod.Mood = event.MoodHypothetical
			return mod
		}
	}
	presentPerfect := i > 0 && (keys[i-1] == "has" || keys[i-1] == "have" || i > 1 && (keys[i-2] == "has" || keys[i-2] == "have"))
	for k := max(0, i-3); k < i; k++ {
		if historyMarkers[keys[k]] {
			mod.Mood = event.MoodHistorical
			return mod
		}
	}
	if relative && (presentPerfect || mod.Tense == "present" && !negatedOrModal(keys, i)) {
		// "a regime which has suppressed freedoms", "pupils who sexually abuse other
		// pupils": a description or a habit, not news.
		mod.Mood = event.MoodHistorical
		return mod
	}
	if mod.Mood == event.MoodAsserted {
		for _, w := range keys {
			if reportVerbs[w] {
				mod.Mood = event.MoodReported
				break
			}
		}
	}
	return mod
}

func tenseOf(w string) string {
	if strings.HasSuffix(w, "ed") || irregularPast[w] {
		return "past"
	}
	return "present"
}

var irregularPast = map[string]bool{
	"met": true, "held": true, "fought": true, "struck": true, "shot": true, "took": true, "gave": true,
	"made": true, "sent": true, "said": true, "told": true, "threw": true, "broke": true, "sought": true,
	"withdrew": true, "won": true, "led": true, "left": true, "paid": true, "stood": true, "beat": true,
}

// requestVerbs ask someone else to act: the act they govern through "to" has not
// happened.
var requestVerbs = map[string]bool{
	"asked": true, "ask": true, "asks": true, "asking": true, "urged": true, "urge": true,
	"urges": true, "urging": true, "pressed": true, "pressured": true, "pressure": true,
	"pressuring": true, "demanded": true, "demand": true, "demands": true, "requested": true,
	"request": true, "invited": true, "encouraged": true, "encourage": true, "told": true,
	"calls": true, "called": true, "call": true, "calling": true, "appealed": true,
}

// requested reports whether the trigger at i is the "to" infinitive of a request
// verb within a short clause before it: "pressure Zelensky to announce …".
func requested(keys []string, i int) bool {
	if i == 0 || keys[i-1] != "to" {
		return false
	}
	for k := i - 2; k >= 0 && k >= i-8; k-- {
		if clauseBreak[keys[k]] || keys[k] == "," {
			return false
		}
		if requestVerbs[keys[k]] {
			// "called on Russia to withdraw" asks; "called the Ugandan president to
			// congratulate him" phones.
			if strings.HasPrefix(keys[k], "call") {
				return k+1 < len(keys) && (keys[k+1] == "on" || keys[k+1] == "upon")
			}
			return true
		}
	}
	return false
}

// negatedOrModal reports whether an auxiliary stands right before the trigger, which
// makes a present-tense relative something other than a plain habit.
func negatedOrModal(keys []string, i int) bool {
	if i == 0 {
		return false
	}
	switch keys[i-1] {
	case "will", "would", "can", "could", "may", "might", "must", "should", "is", "are", "was", "were", "has", "have", "had":
		return true
	}
	return false
}
