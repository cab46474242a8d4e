package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dyad/internal/text"
)

// Form says how a phrase names its entry: a country by its name or its adjective, a
// government by its capital or its seat, an event by a verb or a noun.
type Form uint8

// Phrase forms.
const (
	FormName Form = iota
	FormAdj
	FormCapital
	FormCity
	FormSeat
	FormVerb
	FormNoun
)

var formNames = [...]string{"name", "adj", "capital", "city", "seat", "verb", "noun"}

func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "form?"
}

// Ref is what one phrase points at: an actor or a predicate entry, in a form.
type Ref struct {
	Actor *Actor
	Pred  *Predicate
	Form  Form
	// caseSensitive phrases ("US", "UN") match only tokens written without lower case.
	caseSensitive bool
	// proper phrases ("Trump", "Bush") match only when the text capitalises them too,
	// so that "trump card" and "the bush" name no one.
	proper bool
}

type ref = Ref

// Match is a lexicon phrase found in a sentence: tokens [Start, End) and every entry
// the phrase names (several when it is ambiguous, e.g. "expel" for 161 and 174).
type Match struct {
	Start, End int
	Refs       []Ref
}

// Matches are the lexicon phrases of one sentence.
type Matches struct {
	Actors     []Match
	Predicates []Match
}

// Match finds the actor and predicate phrases in a sentence's tokens in one pass each,
// leftmost-longest and without overlaps within each kind.
func (l *Lexicon) Match(toks []text.Token) Matches {
	return l.MatchKeys(toks, Keys(toks))
}

// MatchKeys is Match for a caller that already has the tokens' keys.
func (l *Lexicon) MatchKeys(toks []text.Token, keys []string) Matches {
	ids := l.actorTrie.voc.lookup(keys)
	return Matches{
		Actors:     l.actorTrie.match(ids, keys, toks),
		Predicates: l.predTrie.match(ids, keys, toks),
	}
}

// Keys returns the folded form of each token, the form phrases are matched on.
func Keys(toks []text.Token) []string {
	keys := make([]string, len(toks))
	for i, t := range toks {
		s := t.Norm
		if s == "" {
			s = t.Text
		}
		keys[i] = Fold(s)
	}
	return keys
}

// Fold lower-cases s, strips diacritics and straightens quotes, so that "Bogotá",
// "BOGOTA" and "bogota" are one key.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\u2019' || r == '\u2018' || r == '\u02bc':
			r = '\''
		case r == '\u201c' || r == '\u201d':
			r = '"'
		case r == '\u2013' || r == '\u2014':
			r = '-'
		case r == '\u00df':
			b.WriteString("ss")
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// vocab numbers the words of the lexicon's phrases, so that the tries step on integers
// and a sentence's words are hashed once, not once per trie step.
type vocab struct {
	ids   map[string]int32
	words []string
}

func newVocab() *vocab { return &vocab{ids: map[string]int32{}} }

func (v *vocab) id(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := int32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
	return id
}

// lookup returns the id of each key, -1 for words no phrase uses.
func (v *vocab) lookup(keys []string) []int32 {
	ids := make([]int32, len(keys))
	for i, k := range keys {
		id, ok := v.ids[k]
		if !ok {
			id = -1
		}
		ids[i] = id
	}
	return ids
}

// trie indexes phrases as sequences of word ids; an edge is keyed by its node and
// word id packed in one integer.
type trie struct {
	voc   *vocab
	edges map[uint64]int32
	refs  [][]ref // by node
	nodes int32
	// hyphenless tries (actors) skip hyphens inside phrases.
	hyphenless bool
	// root holds the root's children by word id (0: none), set by freeze: most steps
	// of a match are first words, and an array beats a map there.
	root []int32
}

func edgeKey(from, word int32) uint64 { return uint64(uint32(from))<<32 | uint64(uint32(word)) }

func newTrie(voc *vocab) *trie {
	return &trie{voc: voc, edges: map[uint64]int32{}, refs: make([][]ref, 1), nodes: 1}
}

// insert adds a phrase. Actor phrases lose a leading "the" ("the Kremlin" is found as
// "Kremlin"; the coder widens the span back over the determiner).
func (t *trie) insert(phrase string, r ref) {
	toks := text.Tokenize(phrase, 0)
	if r.Actor != nil && len(toks) > 1 && strings.EqualFold(toks[0].Text, "the") && isCapitalized(toks[1].Text) {
		// "the Kremlin" is found as "Kremlin"; "the kingdom" keeps its article, so
		// that a bare "kingdom" does not match.
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return
	}
	r.caseSensitive = isAcronym(phrase)
	r.proper = r.Actor != nil && isCapitalized(toks[0].Text)
	node := int32(0)
	for _, tok := range toks {
		if r.Actor != nil && tok.Norm == "-" {
			continue // "Abdul-Mahdi" is also written "Abdul Mahdi": hyphens are skipped
		}
		e := edgeKey(node, t.voc.id(Fold(tok.Norm)))
		next, ok := t.edges[e]
		if !ok {
			next = t.nodes
			t.nodes++
			t.edges[e] = next
			t.refs = append(t.refs, nil)
		}
		node = next
	}
	for i, old := range t.refs[node] {
		if old.Actor == r.Actor && old.Pred == r.Pred && old.Form == r.Form {
			// "NATO" and "Nato": the entry matches in any case once any of its
			// spellings does.
			t.refs[node][i].caseSensitive = old.caseSensitive && r.caseSensitive
			t.refs[node][i].proper = old.proper && r.proper
			return
		}
	}
	t.refs[node] = append(t.refs[node], r)
}

func (t *trie) freeze() {
	t.root = make([]int32, len(t.voc.words))
	for key, to := range t.edges {
		if key>>32 == 0 {
			t.root[uint32(key)] = to
		}
	}
}

// match walks the trie from each token, keeping the longest phrase that starts there,
// then moves past it.
func (t *trie) match(ids []int32, keys []string, toks []text.Token) []Match {
	var out []Match
	for i := 0; i < len(ids); {
		node := int32(0)
		bestEnd := -1
		var bestRefs []ref
		for j := i; j < len(ids); j++ {
			next, ok := int32(0), false
			switch {
			case ids[j] < 0:
			case node == 0 && int(ids[j]) < len(t.root):
				next = t.root[ids[j]]
				ok = next != 0
			default:
				next, ok = t.edges[edgeKey(node, ids[j])]
			}
			if !ok && keys[j] == "-" && j > i && t.hyphenless {
				continue // inside a name: "Abdul-Mahdi" as "Abdul Mahdi"
			}
			if !ok {
				break
			}
			node = next
			if rs := t.refs[node]; len(rs) > 0 {
				if kept := caseFilter(rs, toks[i:j+1]); len(kept) > 0 {
					bestEnd, bestRefs = j+1, kept
				}
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		out = append(out, Match{Start: i, End: bestEnd, Refs: bestRefs})
		i = bestEnd
	}
	return out
}

// caseFilter drops acronym refs when the tokens are written with lower case letters,
// and proper-name refs when the first token is not capitalised.
func caseFilter(rs []ref, toks []text.Token) []ref {
	lower := false
	for _, tk := range toks {
		if strings.ToUpper(tk.Text) != tk.Text {
			lower = true
			break
		}
	}
	capital := isCapitalized(toks[0].Text) || !hasLetter(toks[0].Text)
	if !lower && capital {
		return rs
	}
	drops := false
	for _, r := range rs {
		if lower && r.caseSensitive || r.proper && !capital {
			drops = true
			break
		}
	}
	if !drops {
		return rs // the common case: nothing to filter, nothing to copy
	}
	var kept []ref
	for _, r := range rs {
		if !(lower && r.caseSensitive) && !(r.proper && !capital) {
			kept = append(kept, r)
		}
	}
	return kept
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isCapitalized(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// isAcronym reports whether a phrase is written in capitals only ("UN", "NATO",
// "U.S."), and so should not match the same letters in lower case ("us").
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
