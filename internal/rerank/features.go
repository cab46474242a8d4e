package rerank

import (
	"fmt"
	"hash/fnv"
	"strings"

	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/text"
)

// Features are named, so that a test can read them and a person can see why a
// candidate scored as it did; the model hashes the names into a fixed space. No
// feature names a sentence or its position in a data set: only words, codes and shapes
// that recur across sentences.

// windowSize is how many words either side of the trigger are features.
const windowSize = 3

// stopWords carry no evidence of an event type in a bag of words.
var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "and": true, "on": true,
	"for": true, "with": true, "at": true, "by": true, "from": true, "as": true, "is": true, "was": true,
	"be": true, "were": true, "are": true, "that": true, "this": true, "it": true, "its": true,
	"his": true, "her": true, "their": true, "has": true, "have": true, "had": true, ",": true, ".": true,
	"'s": true, "\"": true, "'": true, "(": true, ")": true, "-": true, ":": true, ";": true,
}

// reportWords mark reported speech: "X said Y attacked Z".
var reportWords = map[string]bool{"said": true, "says": true, "told": true, "according": true, "reported": true, "stated": true, "announced": true}

// determiners before a trigger say it is read as a noun ("the attack").
var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true, "'s": true, "of": true}

// Candidate is what the features of one event are computed from: the event, the
// article text its offsets point into, its sentence, and the events coded from that
// sentence (itself included).
type Candidate struct {
	Text     string
	Sentence text.Sentence
	Event    *event.Event
	Others   []*event.Event
}

// stem cuts a few English endings so that "expelled", "expels" and "expelling" share
// a feature. It is deliberately crude: the features only need to agree with themselves.
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// predicateID is the lexicon entry named in an event's rule ("lexicon:expel/surface"
// → "expel"), or "" for another producer.
func predicateID(rule string) string {
	r, ok := strings.CutPrefix(rule, "lexicon:")
	if !ok {
		return ""
	}
	if i := strings.IndexByte(r, '/'); i >= 0 {
		r = r[:i]
	}
	return r
}

// ruleMarks are the suffixes the coder and story stage add to a rule ("+intent").
func ruleMarks(rule string) []string {
	var out []string
	if strings.Contains(rule, "/reason-of:") {
		out = append(out, "reason-of")
	}
	parts := strings.Split(rule, "+")
	return append(out, parts[1:]...)
}

// actorFeatures describe one argument: found or not, what kind of actor it is.
func actorFeatures(add func(string), role string, a *event.Actor) {
	if a == nil {
		add(role + "=none")
		return
	}
	add(role + "=found")
	switch {
	case a.Country != "" && len(a.Sectors) == 0:
		add(role + ".kind=country")
	case a.Country != "":
		add(role + ".kind=country+sector")
	case len(a.Sectors) > 0:
		add(role + ".kind=sector-only")
	default:
		add(role + ".kind=other")
	}
	for _, s := range a.Sectors {
		add(role + ".sector=" + s)
	}
	if len(a.Code) == 3 && a.Country == "" {
		add(role + ".code3=" + a.Code) // IGOs and other bare codes: UNO, NGO, IGO
	}
	if n := len(strings.Fields(a.Text)); n > 4 {
		add(role + ".long")
	}
}

// Features returns the named features of a candidate event. The event type is
// crossed with the context words so that the model can learn which words support
// which type.
func Features(c Candidate) []string {
	var out []string
	add := func(s string) { out = append(out, s) }
	ev := c.Event
	typ := EventPlover(ev)
	if typ == "" {
		typ = "none"
	}
	penta := EventPenta(ev)
	addT := func(s string) { add(s); add("T" + typ + "|" + s) }

	add("bias")
	add("type=" + typ)
	add(fmt.Sprintf("penta=%d", penta))
	if len(ev.CAMEO) >= 2 {
		add("cameo2=" + ev.CAMEO[:2])
		add("cameo=" + ev.CAMEO)
	}
	if id := predicateID(ev.Rule); id != "" {
		add("pred=" + id)
	}
	for _, m := range ruleMarks(ev.Rule) {
		add("rule+" + m)
	}
	add(fmt.Sprintf("handconf=%.1f", ev.Confidence))
	add("mood=" + ev.Modality.Mood)
	add("tense=" + ev.Modality.Tense)
	if ev.Modality.Negated {
		addT("negated")
	}
	actorFeatures(add, "src", ev.Source)
	actorFeatures(addT, "tgt", ev.Target)

	// Where the trigger stands in its sentence.
	toks := c.Sentence.Tokens
	keys := lexicon.Keys(toks)
	ti := -1
	for i, tk := range toks {
		if tk.Start <= ev.Trigger.Start && ev.Trigger.Start < tk.End {
			ti = i
			break
		}
	}
	trig := strings.ToLower(ev.Trigger.Text)
	addT("trig=" + trig)
	addT("trigstem=" + stem(trig))
	if ti >= 0 {
		if ti > 0 && determiners[keys[ti-1]] {
			addT("trig.noun")
		}
		rel := float64(ti) / float64(max(1, len(toks)))
		add(fmt.Sprintf("trig.pos=%d", int(rel*4)))
		report := -1
		for i, k := range keys {
			if reportWords[k] {
				report = i
				break
			}
		}
		switch {
		case report < 0:
			add("said=none")
		case report < ti:
			addT("said=before")
		default:
			addT("said=after")
		}
		for d := 1; d <= windowSize; d++ {
			if j := ti - d; j >= 0 {
				addT(fmt.Sprintf("w-%d=%s", d, keys[j]))
				if !stopWords[keys[j]] {
					addT("winL=" + stem(keys[j]))
				}
			}
			if j := ti + d; j < len(keys) {
				addT(fmt.Sprintf("w+%d=%s", d, keys[j]))
				if !stopWords[keys[j]] {
					addT("winR=" + stem(keys[j]))
				}
			}
		}
	}
	// The other events of the sentence: is this the first trigger, which types compete.
	first := true
	for _, o := range c.Others {
		if o == ev {
			continue
		}
		if o.Sentence < ev.Sentence || o.Sentence == ev.Sentence && o.Trigger.Start < ev.Trigger.Start {
			first = false
		}
		ot := EventPlover(o)
		if ot == "" {
			ot = "none"
		}
		add("T" + typ + "|other=" + ot)
		if ot == typ {
			add("other.same-type")
		}
	}
	if first {
		addT("first")
	}
	add(fmt.Sprintf("nevents=%d", min(len(c.Others), 4)))
	// The sentence as a bag of (stemmed) words, crossed with the type.
	seen := map[string]bool{}
	for _, k := range keys {
		if stopWords[k] || seen[k] {
			continue
		}
		seen[k] = true
		add("T" + typ + "|bow=" + stem(k))
	}
	return out
}

// SentenceFeatures are the fallback classifier's features of a sentence that has no
// event: its bag of stemmed words and word pairs, and the PLOVER types and entries of
// the predicate phrases the lexicon finds in it.
func SentenceFeatures(toks []text.Token, preds []lexicon.Match) []string {
	keys := lexicon.Keys(toks)
	var out []string
	out = append(out, "bias")
	prev := "<s>"
	for _, k := range keys {
		if stopWords[k] {
			continue
		}
		s := stem(k)
		out = append(out, "bow="+s, "bi="+prev+"_"+s)
		prev = s
	}
	for _, m := range preds {
		for _, r := range m.Refs {
			if r.Pred == nil {
				continue
			}
			out = append(out, "lex.pred="+r.Pred.ID)
			if r.Pred.PloverEvent != "" {
				out = append(out, "lex.type="+r.Pred.PloverEvent)
			}
			if len(r.Pred.CAMEO) >= 2 {
				out = append(out, "lex.cameo2="+r.Pred.CAMEO[:2])
			}
		}
	}
	return out
}

// hashFeatures maps feature names into [0, 1<<bits).
func hashFeatures(names []string, bits uint) []uint32 {
	out := make([]uint32, len(names))
	mask := uint32(1)<<bits - 1
	for i, n := range names {
		h := fnv.New32a()
		h.Write([]byte(n))
		out[i] = h.Sum32() & mask
	}
	return out
}
