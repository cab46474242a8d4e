package syntax

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The lemmatiser looks a word up by (form, XPOS) for proper nouns and by (lower-cased
// form, XPOS) for other words, and otherwise applies the suffix rule learned for the longest matching ending of
// words with that XPOS ("-ies"+NNS -> "-y"). The table holds only the training words
// the rules get wrong, which keeps it small.

// lemmaRule rewrites a word's ending: drop Strip bytes, append Add.
type lemmaRule struct {
	Strip int
	Add   string
}

func (r lemmaRule) apply(w string) (string, bool) {
	if r.Strip > len(w) || r.Strip == len(w) && r.Add == "" {
		return "", false
	}
	if !utf8.ValidString(w[:len(w)-r.Strip]) {
		return "", false
	}
	return w[:len(w)-r.Strip] + r.Add, true
}

// ruleFor finds the edit that turns form into lemma.
func ruleFor(form, lemma string) lemmaRule {
	n := 0
	for n < len(form) && n < len(lemma) && form[n] == lemma[n] {
		n++
	}
	for n > 0 && n < len(form) && !utf8.RuneStart(form[n]) { // keep runes whole
		n--
	}
	return lemmaRule{Strip: len(form) - n, Add: lemma[n:]}
}

const maxRuleSuffix = 6

// capitalises reports whether lemma is a word with only its first letter upper-case
// ("Japanese", not "II") that ends in suffix, the lower-cased ending it was learnt
// from.
func capitalises(lemma, suffix string) bool {
	first, size := utf8.DecodeRuneInString(lemma)
	rest := lemma[size:]
	return unicode.IsUpper(first) && rest == strings.ToLower(rest) && strings.HasSuffix(strings.ToLower(lemma), suffix)
}

type lemmatizer struct {
	exact map[wordTag]string    // (form, xpos) -> lemma
	lower map[wordTag]string    // (lower(form), xpos) -> lemma
	rules map[wordTag]lemmaRule // (ending, xpos) -> rule
	// known, when not nil, says whether a word is in the model's vocabulary. A rule
	// whose lemma is not a known word gives way to the next shorter ending's
	// ("absorbed": "-rbed" says "absor", "-ed" "absorb"), and is kept only when no
	// ending gives a known word.
	known func(string) bool
}

// wordTag is a word (or an ending) with its XPOS.
type wordTag struct{ word, xpos string }

// keepsCase says whether lemmas of this XPOS keep the form's case (proper nouns).
func keepsCase(xpos string) bool { return xpos == "NNP" || xpos == "NNPS" }

func (lm *lemmatizer) ruleLemma(form, xpos string) string {
	w := form
	if !keepsCase(xpos) {
		w = strings.ToLower(form)
	}
	// A singular proper noun is its own lemma; endings like "-ed" in "United" are not
	// inflections.
	if lm == nil || xpos == "NNP" {
		return w
	}
	// Longest suffix first, by bytes; rules were learned from the same byte suffixes.
	fallback, found := "", false
	for k := min(maxRuleSuffix, len(w)); k >= 0; k-- {
		if r, ok := lm.rules[wordTag{w[len(w)-k:], xpos}]; ok {
			if k > 0 && r.Strip >= len(w) && capitalises(r.Add, w[len(w)-k:]) {
				// A rule that replaces a whole word with its capitalised form was learnt
				// from lower-cased words like "japanese" (lemma "Japanese"): for another
				// word with the ending it says to capitalise it ("sudanese" →
				// "Sudanese"), not to make it the word it came from.
				first, size := utf8.DecodeRuneInString(w)
				return string(unicode.ToUpper(first)) + w[size:]
			}
			if out, ok := r.apply(w); ok {
				if lm.known == nil || lm.known(out) {
					return out
				}
				if !found {
					fallback, found = out, true
				}
			}
		}
	}
	if found {
		return fallback
	}
	return w
}

func (lm *lemmatizer) lemma(form, xpos string) string {
	// Proper nouns are looked up by their exact form, other words by their lower-case
	// form: a capitalised "Team" in a headline is still the noun "team".
	if lm != nil {
		if keepsCase(xpos) {
			if l, ok := lm.exact[wordTag{form, xpos}]; ok {
				return l
			}
		} else if l, ok := lm.lower[wordTag{strings.ToLower(form), xpos}]; ok {
			return l
		}
	}
	return lm.ruleLemma(form, xpos)
}

// knownIn says whether a word is in lex. Lemmas are mostly lower-case ASCII without
// digits, which are their own keys.
func knownIn(lex map[string]lexInfo) func(string) bool {
	return func(w string) bool {
		key := w
		for i := 0; i < len(w); i++ {
			if c := w[i]; c >= 0x80 || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				key = clusterKey(w)
				break
			}
		}
		_, ok := lex[key]
		return ok
	}
}

// trainLemmatizer learns rules from word types and keeps the exceptions: the words
// the rules, reading known (nil: every word is known), get wrong.
func trainLemmatizer(samples []lemmaSample, known func(string) bool) *lemmatizer {
	type key struct{ form, xpos string }
	// Most frequent lemma per (form, xpos).
	counts := map[key]map[string]int{}
	for _, s := range samples {
		k := key{s.form, s.xpos}
		if counts[k] == nil {
			counts[k] = map[string]int{}
		}
		counts[k][s.lemma]++
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.form, b.form); c != 0 {
			return c
		}
		return strings.Compare(a.xpos, b.xpos)
	})
	best := make(map[key]string, len(keys))
	for _, k := range keys {
		best[k] = argmaxString(counts[k])
	}
	// Rules from types: each (form, xpos) votes once for its ending's edit.
	ruleVotes := map[wordTag]map[lemmaRule]int{}
	for _, k := range keys {
		w := k.form
		if !keepsCase(k.xpos) {
			w = strings.ToLower(w)
		}
		r := ruleFor(w, best[k])
		for n := 0; n <= min(maxRuleSuffix, len(w)); n++ {
			rk := wordTag{w[len(w)-n:], k.xpos}
			if ruleVotes[rk] == nil {
				ruleVotes[rk] = map[lemmaRule]int{}
			}
			ruleVotes[rk][r]++
		}
	}
	lm := &lemmatizer{exact: map[wordTag]string{}, lower: map[wordTag]string{}, rules: map[wordTag]lemmaRule{}, known: known}
	for rk, votes := range ruleVotes {
		suffix := rk.word
		total, bestN := 0, 0
		var bestR lemmaRule
		for r, n := range votes {
			total += n
			if n > bestN || n == bestN && lessRule(r, bestR) {
				bestR, bestN = r, n
			}
		}
		// Endings seen in one or two words are memorised words, not rules.
		if len(suffix) >= 2 && total < 3 || len(suffix) == 1 && total < 2 {
			continue
		}
		lm.rules[rk] = bestR
	}
	// Exceptions: lower-case entries first, exact-case ones only where they differ.
	lowerVotes := map[key]map[string]int{}
	for _, k := range keys {
		lk := key{strings.ToLower(k.form), k.xpos}
		if lowerVotes[lk] == nil {
			lowerVotes[lk] = map[string]int{}
		}
		for l, n := range counts[k] {
			lowerVotes[lk][l] += n
		}
	}
	for lk, votes := range lowerVotes {
		if keepsCase(lk.xpos) {
			continue
		}
		l := argmaxString(votes)
		if lm.ruleLemma(lk.form, lk.xpos) != l {
			lm.lower[wordTag{lk.form, lk.xpos}] = l
		}
	}
	for _, k := range keys {
		if l := best[k]; keepsCase(k.xpos) && lm.ruleLemma(k.form, k.xpos) != l {
			lm.exact[wordTag{k.form, k.xpos}] = l
		}
	}
	return lm
}

func lessRule(a, b lemmaRule) bool {
	if a.Strip != b.Strip {
		return a.Strip < b.Strip
	}
	return a.Add < b.Add
}

// argmaxString returns the most frequent key, the smallest on ties (deterministic).
func argmaxString(m map[string]int) string {
	best, bestN := "", -1
	for k, n := range m {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

type lemmaSample struct{ form, xpos, lemma string }
