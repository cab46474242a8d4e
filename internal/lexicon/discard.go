package lexicon

import "strings"

// A discard is a phrase whose presence means a sentence (or a whole story) reports no
// political event, whatever verbs it holds: sports ("World Golf Championships"),
// weather ("typhoon"), entertainment. PETRARCH's dictionaries carry such lists; they
// keep "restore the African Nations Cup to Gondor" from being a restoration of ties.
type Discard struct {
	Words []string // folded words, as Keys gives them
	Stem  bool     // the last word may go on ("baseball" matches "baseballs")
	Story bool     // the phrase discards the whole story, not only its sentence
}

// AddDiscards adds discard phrases to the lexicon. Call it before the lexicon is
// shared: a Lexicon is read-only once in use.
func (l *Lexicon) AddDiscards(ds []Discard) {
	if l.discards == nil {
		l.discards = map[string][]Discard{}
	}
	for _, d := range ds {
		if len(d.Words) == 0 {
			continue
		}
		l.discards[d.Words[0]] = append(l.discards[d.Words[0]], d)
	}
}

// Discarded reports whether a sentence's keys hold a discard phrase, and whether it
// discards the whole story.
func (l *Lexicon) Discarded(keys []string) (sentence, story bool) {
	if len(l.discards) == 0 {
		return false, false
	}
	for i, k := range keys {
		for _, d := range l.discardsFrom(k) {
			if discardAt(keys, i, d) {
				sentence = true
				if d.Story {
					return true, true
				}
			}
		}
	}
	return sentence, false
}

// discardsFrom returns the discards whose first word may be k: those keyed by k, and,
// for one-word stems, those keyed by a prefix of k.
func (l *Lexicon) discardsFrom(k string) []Discard {
	ds := l.discards[k]
	for n := len(k) - 1; n >= 3; n-- {
		for _, d := range l.discards[k[:n]] {
			if d.Stem && len(d.Words) == 1 {
				ds = append(ds, d)
			}
		}
	}
	return ds
}

func discardAt(keys []string, i int, d Discard) bool {
	if i+len(d.Words) > len(keys) {
		return false
	}
	for j, w := range d.Words {
		k := keys[i+j]
		last := j == len(d.Words)-1
		if k != w && !(last && d.Stem && strings.HasPrefix(k, w)) {
			return false
		}
	}
	return true
}
