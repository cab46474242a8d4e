package lexicon

import (
	"sort"
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
	// RestStart, RestEnd are the tokens of a verb phrase's other part when words stand
	// between the two ("found [the ambassador] guilty"); both 0 otherwise.
	RestStart, RestEnd int
}

// Matches are the lexicon phrases of one sentence.
type Matches struct {
	Actors     []Match
	Predicates []Match
}

// Match finds the actor and predicate phrases in a sentence's tokens in one pass each,
// leftmost-longest and without overlaps within each kind.
func (l *Lexicon) Match(toks []text.Token) Matches {
	var buf [64]int32
	return l.matchIDs(l.actorTrie.voc.lookupTokens(toks, buf[:0]), toks)
}

// MatchKeys is Match for a caller that already has the tokens' keys.
func (l *Lexicon) MatchKeys(toks []text.Token, keys []string) Matches {
	var buf [64]int32
	return l.matchIDs(l.actorTrie.voc.lookup(keys, buf[:0]), toks)
}

// matchIDs collects both kinds of match in a buffer on the stack and returns them in
// one allocation, which matters when matching is the whole job (a lexicon lookup over
// a corpus).
func (l *Lexicon) matchIDs(ids []int32, toks []text.Token) Matches {
	var buf [48]Match
	found := l.actorTrie.match(ids, toks, buf[:0])
	na := len(found)
	found = l.predTrie.match(ids, toks, found)
	if len(found) == 0 {
		return Matches{}
	}
	all := make([]Match, len(found))
	copy(all, found)
	var m Matches
	if na > 0 {
		m.Actors = all[:na:na]
	}
	if len(all) > na {
		m.Predicates = all[na:]
	}
	return m
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
	// hyphen is the id of "-", which the actor trie may step over inside a name.
	hyphen int32
	// slots and mask are the table lookupTokens probes, set by freeze.
	slots []uint64
	mask  uint64
}

func newVocab() *vocab {
	v := &vocab{ids: map[string]int32{}}
	v.hyphen = v.id("-")
	return v
}

func (v *vocab) id(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := int32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
	return id
}

// lookup appends to ids the id of each key, -1 for words no phrase uses.
func (v *vocab) lookup(keys []string, ids []int32) []int32 {
	for _, k := range keys {
		id, ok := v.ids[k]
		if !ok {
			id = -1
		}
		ids = append(ids, id)
	}
	return ids
}

// lookupTokens is lookup on the tokens' keys. ASCII words (nearly all) are folded in a
// buffer and hashed as they are folded, and found in the frozen open-addressing table,
// so that the common case neither allocates nor hashes twice.
func (v *vocab) lookupTokens(toks []text.Token, ids []int32) []int32 {
	var buf [64]byte
	for _, t := range toks {
		s := t.Norm
		if s == "" {
			s = t.Text
		}
		id := int32(-1)
		if b, h, ascii := foldASCII(s, buf[:0]); ascii && v.slots != nil {
			id = v.find(b, h)
		} else if i, ok := v.ids[Fold(s)]; ok {
			id = i
		}
		ids = append(ids, id)
	}
	return ids
}

// freeze builds the lookup table: slots hold the word id plus one (0 is empty) and the
// hash's high bits, so that a probe compares strings only when the hashes agree.
func (v *vocab) freeze() {
	size := 16
	for size < 2*len(v.words) {
		size *= 2
	}
	v.slots = make([]uint64, size)
	v.mask = uint64(size - 1)
	for id, w := range v.words {
		h := wordHash(w)
		for i := h & v.mask; ; i = (i + 1) & v.mask {
			if v.slots[i] == 0 {
				v.slots[i] = h&^0xffffffff | uint64(id+1)
				break
			}
		}
	}
}

func (v *vocab) find(b []byte, h uint64) int32 {
	for i := h & v.mask; ; i = (i + 1) & v.mask {
		e := v.slots[i]
		if e == 0 {
			return -1
		}
		if e&^0xffffffff == h&^0xffffffff {
			if id := int32(uint32(e)) - 1; v.words[id] == string(b) {
				return id
			}
		}
	}
}

// FNV-1a, 64-bit: cheap enough to compute while folding.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func wordHash(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * fnvPrime
	}
	return mixHash(h)
}

// mixHash spreads FNV's low bits, which index the table, over the whole hash.
func mixHash(h uint64) uint64 {
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>32
}

// foldASCII appends s lower-cased to b with its wordHash, or reports false when s is
// not ASCII.
func foldASCII(s string, b []byte) ([]byte, uint64, bool) {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return b, 0, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
		h = (h ^ uint64(c)) * fnvPrime
	}
	return b, mixHash(h), true
}

// trie indexes phrases as sequences of word ids. While it is built an edge is keyed by
// its node and word id packed in one integer; freeze then lays the edges out as arrays
// (the root's children by word id, the other nodes' children in sorted runs), which
// matching reads faster than a map.
type trie struct {
	voc   *vocab
	edges map[uint64]int32 // while building; nil once frozen
	refs  [][]ref          // by node
	nodes int32
	// hyphenless tries (actors) skip hyphens inside phrases.
	hyphenless bool

	// Set by freeze. root holds the root's children by word id (0: none): most steps
	// of a match are first words. The children of node n are words[first[n]:first[n+1]]
	// (sorted) leading to next[...]; parent is each node's parent, for EachPhrase.
	root        []int32
	first       []int32
	words, next []int32
	parent      []int32
	wordOf      []int32 // the word id of the edge into each node
	// cased marks nodes with a ref that depends on the case of the text, the only
	// ones where caseFilter has work to do.
	cased []bool
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
	n := int(t.nodes)
	t.root = make([]int32, len(t.voc.words))
	t.first = make([]int32, n+1)
	t.parent = make([]int32, n)
	t.wordOf = make([]int32, n)
	for key, to := range t.edges {
		from, word := int32(key>>32), int32(uint32(key))
		if from == 0 {
			t.root[word] = to
		}
		t.first[from+1]++
		t.parent[to], t.wordOf[to] = from, word
	}
	for i := 1; i <= n; i++ {
		t.first[i] += t.first[i-1]
	}
	// Fill each node's run in order of word id: place the children of every node by
	// walking the nodes in order of (parent, word).
	order := make([]int32, 0, len(t.edges))
	for to := int32(1); to < t.nodes; to++ {
		order = append(order, to)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if t.parent[a] != t.parent[b] {
			return t.parent[a] < t.parent[b]
		}
		return t.wordOf[a] < t.wordOf[b]
	})
	t.words = make([]int32, len(order))
	t.next = make([]int32, len(order))
	for i, to := range order {
		t.words[i], t.next[i] = t.wordOf[to], to
	}
	t.cased = make([]bool, n)
	for node, rs := range t.refs {
		for _, r := range rs {
			if r.caseSensitive || r.proper {
				t.cased[node] = true
			}
		}
	}
	t.edges = nil
}

// child returns the node reached from node by word, if any.
func (t *trie) child(node, word int32) (int32, bool) {
	if node == 0 {
		if int(word) < len(t.root) {
			to := t.root[word]
			return to, to != 0
		}
		return 0, false
	}
	lo, hi := int(t.first[node]), int(t.first[node+1])
	if hi-lo > 8 {
		i := lo + sort.Search(hi-lo, func(k int) bool { return t.words[lo+k] >= word })
		if i < hi && t.words[i] == word {
			return t.next[i], true
		}
		return 0, false
	}
	for i := lo; i < hi; i++ {
		if w := t.words[i]; w >= word {
			if w == word {
				return t.next[i], true
			}
			break
		}
	}
	return 0, false
}

// match walks the trie from each token, keeping the longest phrase that starts there,
// then moves past it; it appends the matches to out.
func (t *trie) match(ids []int32, toks []text.Token, out []Match) []Match {
	for i := 0; i < len(ids); {
		node := int32(0)
		bestEnd := -1
		var bestRefs []ref
		initial := false
		for j := i; j < len(ids); j++ {
			next, ok := int32(0), false
			if ids[j] >= 0 {
				next, ok = t.child(node, ids[j])
			}
			if !ok && j > i && t.hyphenless {
				if ids[j] == t.voc.hyphen {
					continue // inside a name: "Abdul-Mahdi" as "Abdul Mahdi"
				}
				if isInitial(toks[j].Text) {
					initial = true // "Gerald R. Ford" as "Gerald Ford"
					continue
				}
			}
			if !ok {
				break
			}
			node = next
			if rs := t.refs[node]; len(rs) > 0 {
				kept := rs
				if t.cased[node] {
					kept = caseFilter(rs, toks[i:j+1])
				}
				if initial {
					kept = people(kept)
				}
				if len(kept) > 0 {
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

// PredicateAcross looks for a multi-word predicate phrase whose first word is token
// first and whose other words start at token rest ("find" … "guilty", "kick" … "out"):
// the end of the longest such phrase and the entries it names, or -1.
func (l *Lexicon) PredicateAcross(keys []string, first, rest int) (int, []Ref) {
	t := l.predTrie
	node, ok := int32(0), false
	if id, known := t.voc.ids[keys[first]]; known {
		node, ok = t.child(0, id)
	}
	if !ok {
		return -1, nil
	}
	end, refs := -1, []ref(nil)
	for j := rest; j < len(keys); j++ {
		id, known := t.voc.ids[keys[j]]
		if !known {
			break
		}
		if node, ok = t.child(node, id); !ok {
			break
		}
		if rs := t.refs[node]; len(rs) > 0 {
			end, refs = j+1, rs
		}
	}
	return end, refs
}

// isInitial reports whether a token is a middle initial ("R."), which a person's name
// may carry in the text and not in the lexicon.
func isInitial(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.'
}

// people keeps the refs to people: only a person's name is matched over an initial,
// so that no other phrase is stretched over a stray "A.".
func people(rs []ref) []ref {
	var kept []ref
	for _, r := range rs {
		if r.Actor != nil && r.Actor.Kind == KindPerson {
			kept = append(kept, r)
		}
	}
	return kept
}

// caseFilter drops acronym refs when the tokens are written with lower case letters,
// and proper-name refs when the first token is not capitalised.
func caseFilter(rs []ref, toks []text.Token) []ref {
	lower := false
	for _, tk := range toks {
		if hasLower(tk.Text) {
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

// hasLower reports whether strings.ToUpper would change s, without building the
// upper-cased copy.
func hasLower(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return true // strings.ToUpper replaces invalid bytes
		}
		if unicode.ToUpper(r) != r {
			return true
		}
		i += size
	}
	return false
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
