package syntax

import "slices"

// The parser is an arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and
// Satta 2011) with the root token at the end of the buffer (Ballesteros and Nivre
// 2013), labelled transitions, and an averaged perceptron trained with a dynamic
// oracle (Goldberg and Nivre 2013), or the same transitions searched with a beam and
// trained on whole parses (beam.go). Features follow Zhang and Nivre (2011): words and
// tags of the stack and buffer, distance, valency, and children with their labels.
//
// Words are 1..n; the root is n+1 and is never shifted. A word is attached to the
// root only when it is the last one on the stack, so every tree has exactly one root.

// Transitions: the parser first chooses one of three transitions, then, for an arc,
// a second perceptron chooses its label from features of the head and the now
// complete dependent. Splitting the decision keeps scoring cheap: 3 classes for the
// many transition features, the label set only once per word.
const (
	shift = iota
	left
	right
	nTransitions
)

type parseState struct {
	n      int32 // words; the root is n+1
	stack  []int32
	i      int32 // front of the buffer
	heads  []int32
	labels []uint8
	lc1    []int32 // leftmost child
	lc2    []int32 // second leftmost
	rc1    []int32 // rightmost child
	rc2    []int32
	nl, nr []uint8 // number of left and right children
	lset   []uint64
	rset   []uint64
	// The arrays above are windows of these, each room long.
	ints  []int32
	bytes []uint8
	sets  []uint64
	room  int
}

func newParseState(n int) *parseState {
	s := &parseState{stack: make([]int32, 0, 16)}
	s.reset(n)
	return s
}

// reset makes s the start state of a sentence of n words, reusing its memory when
// it has room.
func (s *parseState) reset(n int) {
	m := n + 2
	if s.room < m {
		s.room = m
		s.ints = make([]int32, 5*m)
		s.bytes = make([]uint8, 3*m)
		s.sets = make([]uint64, 2*m)
	} else {
		clear(s.ints[:5*s.room])
		clear(s.bytes[:3*s.room])
		clear(s.sets[:2*s.room])
	}
	r := s.room
	s.n, s.i, s.stack = int32(n), 1, s.stack[:0]
	s.heads, s.lc1, s.lc2, s.rc1, s.rc2 = s.ints[0:m], s.ints[r:r+m], s.ints[2*r:2*r+m], s.ints[3*r:3*r+m], s.ints[4*r:4*r+m]
	s.labels, s.nl, s.nr = s.bytes[0:m], s.bytes[r:r+m], s.bytes[2*r:2*r+m]
	s.lset, s.rset = s.sets[0:m], s.sets[r:r+m]
}

func (s *parseState) done() bool { return s.i > s.n && len(s.stack) == 0 }

func (s *parseState) root() int32 { return s.n + 1 }

func (s *parseState) addArc(h, d int32, l int) {
	s.heads[d] = h
	s.labels[d] = uint8(l)
	if d < h {
		if s.lc1[h] == 0 || d < s.lc1[h] {
			s.lc2[h] = s.lc1[h]
			s.lc1[h] = d
		} else if s.lc2[h] == 0 || d < s.lc2[h] {
			s.lc2[h] = d
		}
		if s.nl[h] < 255 {
			s.nl[h]++
		}
		s.lset[h] |= 1 << (uint(l) & 63)
	} else {
		if d > s.rc1[h] {
			s.rc2[h] = s.rc1[h]
			s.rc1[h] = d
		} else if d > s.rc2[h] {
			s.rc2[h] = d
		}
		if s.nr[h] < 255 {
			s.nr[h]++
		}
		s.rset[h] |= 1 << (uint(l) & 63)
	}
}

// valid reports whether transition c is allowed. An arc to the root is allowed only
// from the last word on the stack.
func (s *parseState) valid(c int) bool {
	switch c {
	case shift:
		return s.i <= s.n
	case left:
		return len(s.stack) > 0 && (s.i != s.root() || len(s.stack) == 1)
	default:
		return len(s.stack) >= 2
	}
}

// arc returns the head and dependent of the arc transition c makes.
func (s *parseState) arc(c int) (h, d int32) {
	d = s.stack[len(s.stack)-1]
	if c == left {
		return s.i, d
	}
	return s.stack[len(s.stack)-2], d
}

// apply performs transition c; l is the label of the arc it makes, if any.
func (s *parseState) apply(c, l int) {
	switch c {
	case shift:
		s.stack = append(s.stack, s.i)
		s.i++
	default:
		h, d := s.arc(c)
		s.addArc(h, d, l)
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// costs fills cost[c] with the number of gold arcs that transition c makes
// unreachable (Goldberg and Nivre 2013, arc-hybrid); gold heads use n+1 for the root.
// Invalid transitions get -1.
func (s *parseState) costs(goldHead []int32, cost *[nTransitions]int) {
	nst := len(s.stack)
	b0 := s.i
	*cost = [nTransitions]int{-1, -1, -1}
	if s.valid(shift) {
		c := 0
		for k, x := range s.stack {
			if goldHead[x] == b0 {
				c++
			}
			if goldHead[b0] == x && k != nst-1 {
				c++
			}
		}
		cost[shift] = c
	}
	if nst == 0 {
		return
	}
	s0 := s.stack[nst-1]
	var s1 int32 = -1
	if nst > 1 {
		s1 = s.stack[nst-2]
	}
	depsInBuffer := 0
	for d := b0; d <= s.n; d++ {
		if goldHead[d] == s0 {
			depsInBuffer++
		}
	}
	if s.valid(left) {
		c := depsInBuffer
		if h := goldHead[s0]; h != b0 && (h == s1 || h > b0) {
			c++
		}
		cost[left] = c
	}
	if s.valid(right) {
		c := depsInBuffer
		if goldHead[s0] >= b0 {
			c++
		}
		cost[right] = c
	}
}

// Parser feature templates.
const (
	pS0w = iota + 100
	pS0p
	pS0wp
	pS1w
	pS1p
	pS1wp
	pB0w
	pB0p
	pB0wp
	pB1w
	pB1p
	pB1wp
	pB2p
	pS0wpB0w
	pS0wB0wp
	pS0wpB0p
	pS0pB0wp
	pS0wB0w
	pS0pB0p
	pB0pB1p
	pS0pS1p
	pS0wS1w
	pS1pB0p
	pS1wB0w
	pB0pB1pB2p
	pS0pB0pB1p
	pS1pS0pB0p
	pS0pS0lpB0p
	pS0pB0pB0lp
	pS2pS1pS0p
	pS1pS0pS0lp
	pS1pS1rpS0p
	pS0wB0pB1p
	pS0wD
	pS0pD
	pB0pD
	pS0wB0wD
	pS0pB0pD
	pS0pS1pD1
	pS0wVl
	pS0pVl
	pS0wVr
	pS0pVr
	pB0pVl
	pS1wVr
	pS1pVr
	pS0lw
	pS0lp
	pS0ll
	pS0rw
	pS0rp
	pS0rl
	pB0lw
	pB0lp
	pB0ll
	pS1rp
	pS0l2w
	pS0l2p
	pS0l2l
	pS0r2w
	pS0r2p
	pS0r2l
	pB0l2w
	pB0l2p
	pB0l2l
	pS0pS0llS0l2l
	pB0pB0llB0l2l
	pS0wLset
	pS0pLset
	pS0wRset
	pB0pLset
	pS1lp
	pS1ll
	pS0pB0pPunct
	pS0lpS0pB0p // a relative clause on the stack before its head noun's verb
	pS1pS0lpB0p
	pS0SubjB0SubjB0p // which of s0 and b0 already has a subject
	pS1pS0SubjB0SubjB0p
	pS0LsetB0Lset
	pS1pS0LsetB0Lset
	pS0lpSubj // a relative pronoun subject of s0 with the subject flags
	pS1pS0lpSubj
	pS2p
	pB0wD
	pS1rl
	pS0pS0rlS0r2l
	pS0pRset
	pB0wLset
	pS0c // word clusters
	pB0c
	pB1c
	pS0cmB0cm
	pS0cB0p
	pS0pB0c
	pS0pDoubt // the tagger's doubts: its runner-up class when it was close
	pB0pDoubt
	pS1pDoubt
	pB1pDoubt
	pS0s // supertags
	pS1s
	pB0s
	pB1s
	pB2s
	pS0sB0s
	pS1sS0s
	pB0sB1s
	pS0sDoubt // the supertagger's doubts (marginDoubt, superDoubtOf)
	pS1sDoubt
	pB0sDoubt
	pB1sDoubt
)

// parseInput is what the parser reads of a sentence: per position 0..n+1 (0 none,
// n+1 the root) a word hash, a tag id and their combination.
type parseInput struct {
	word, tag, wp []uint64
	suffix        []uint64 // last three letters
	clus, clusMid []uint64 // word cluster (leaf and middle level) + 1, 0 if none
	doubt         []uint64 // see tagDoubt
	super         []uint64 // supertag + 1 (see supertag.go), 0 none
	superDoubt    []uint64 // see marginDoubt, superDoubtOf; nil unless the model reads it (the supertaggers fill it when it is not)
	punctBetween  []int32  // prefix counts of punctuation, to count it between two words
	subjects      uint64   // labelFacts.subjects
	hasSuper      bool     // the model has a supertagger
}

var (
	noneWord = hashString("<none>")
	rootWord = hashString("<root>")
)

func newParseInput(toks []token, tags []int, subjects uint64) parseInput {
	n := len(toks)
	in := parseInput{
		subjects:     subjects,
		word:         make([]uint64, n+2),
		tag:          make([]uint64, n+2),
		wp:           make([]uint64, n+2),
		suffix:       make([]uint64, n+2),
		punctBetween: make([]int32, n+2),
		clus:         make([]uint64, n+2),
		clusMid:      make([]uint64, n+2),
		doubt:        make([]uint64, n+2),
		super:        make([]uint64, n+2),
	}
	in.super[n+1] = 1 << 20
	in.clus[n+1], in.clusMid[n+1] = 1<<20, 1<<20
	in.word[0], in.word[n+1] = noneWord, rootWord
	in.tag[0], in.tag[n+1] = 0, 1
	for i, t := range toks {
		in.word[i+1] = t.word
		in.tag[i+1] = uint64(tags[i]) + 2
		in.suffix[i+1] = t.suffix[2]
		in.clus[i+1], in.clusMid[i+1] = t.cluster(0), t.cluster(1)
		in.doubt[i+1] = tagDoubt(&t)
		in.punctBetween[i+1] = in.punctBetween[i]
		if t.flags&flagPunct != 0 {
			in.punctBetween[i+1]++
		}
	}
	in.punctBetween[n+1] = in.punctBetween[n]
	for i := range in.wp {
		in.wp[i] = mix(in.word[i] ^ in.tag[i]*0x9E3779B97F4A7C15)
	}
	return in
}

// tagDoubt is the tagger's runner-up class with a coarse margin when the margin was
// small enough for the tag to be wrong often (on EWT dev half the wrong tags have a
// margin under 12,000, a tenth of the right ones under 17,000), else 0.
func tagDoubt(t *token) uint64 { return marginDoubt(t.runnerUp, t.margin) }

// marginDoubt is a perceptron's doubt (the tagger's, and with TrainOptions.SuperDoubt
// the supertagger's; see doubtCode): close under a margin of 8,000, far from 25,000.
func marginDoubt(second int, margin int32) uint64 {
	return doubtCode(second, margin < 8000, margin >= 25000)
}

// doubtCode is what the parser reads of a classifier's doubt about a word: 0 when the
// runner-up class second (-1 for none) is far behind, else second + 1 with a bit set
// when it is close.
func doubtCode(second int, close, far bool) uint64 {
	switch {
	case second < 0 || far:
		return 0
	case close:
		return uint64(second+1)<<1 | 1
	default:
		return uint64(second+1) << 1
	}
}

func bucket(d int32) uint64 {
	switch {
	case d < 0:
		return 0
	case d < 5:
		return uint64(d)
	case d < 7:
		return 5
	case d < 10:
		return 6
	default:
		return 7
	}
}

func capv(v uint8) uint64 { return uint64(min(v, 6)) }

// features appends the parser features of state s apart from those of roleFeatures.
func (in *parseInput) features(buf []uint64, s *parseState) []uint64 {
	nst := len(s.stack)
	var s0, s1, s2 int32
	if nst > 0 {
		s0 = s.stack[nst-1]
	}
	if nst > 1 {
		s1 = s.stack[nst-2]
	}
	if nst > 2 {
		s2 = s.stack[nst-3]
	}
	b0 := s.i
	var b1 int32
	if b0+1 <= s.n+1 {
		b1 = b0 + 1
	}
	w, p, wp := in.word, in.tag, in.wp
	c, cm := in.clus, in.clusMid
	lab := func(x int32) uint64 { // label of x, 0 when none
		if x == 0 {
			return 0
		}
		return uint64(s.labels[x]) + 1
	}
	s0l, s0r, s0l2, s0r2 := s.lc1[s0], s.rc1[s0], s.lc2[s0], s.rc2[s0]
	b0l, b0l2 := s.lc1[b0], s.lc2[b0]
	s1r, s1l := s.rc1[s1], s.lc1[s1]
	if s0 == 0 {
		s0l, s0r, s0l2, s0r2 = 0, 0, 0, 0
	}
	if s1 == 0 {
		s1r, s1l = 0, 0
	}
	var subj uint64 // bit 0: s0 has a subject, bit 1: b0 has one
	if s.lset[s0]&in.subjects != 0 {
		subj |= 1
	}
	if s.lset[b0]&in.subjects != 0 {
		subj |= 2
	}
	var d, d1 uint64
	var punct uint64
	if s0 != 0 {
		d = bucket(b0 - s0)
		punct = uint64(min(in.punctBetween[b0-1]-in.punctBetween[s0], 3))
	}
	if s1 != 0 {
		d1 = bucket(s0 - s1)
	}
	buf = append(buf,
		f2(pS0wpB0w, wp[s0], w[b0]),
		f2(pS0wB0wp, w[s0], wp[b0]),
		f2(pS0wpB0p, wp[s0], p[b0]),
		f2(pS0pB0wp, p[s0], wp[b0]),
		f2(pS0wB0w, w[s0], w[b0]),
		f2(pS0pB0p, p[s0], p[b0]),
		f2(pS0pS1p, p[s0], p[s1]),
		f2(pS0wS1w, w[s0], w[s1]),
		f2(pS1pB0p, p[s1], p[b0]),
		f2(pS1wB0w, w[s1], w[b0]),
		f3(pS0pB0pB1p, p[s0], p[b0], p[b1]),
		f3(pS1pS0pB0p, p[s1], p[s0], p[b0]),
		f3(pS0pS0lpB0p, p[s0], p[s0l], p[b0]),
		f3(pS0pB0pB0lp, p[s0], p[b0], p[b0l]),
		f3(pS2pS1pS0p, p[s2], p[s1], p[s0]),
		f3(pS1pS0pS0lp, p[s1], p[s0], p[s0l]),
		f3(pS1pS1rpS0p, p[s1], p[s1r], p[s0]),
		f3(pS0wB0pB1p, w[s0], p[b0], p[b1]),
		f2(pS0wD, w[s0], d),
		f2(pS0pD, p[s0], d),
		f2(pB0pD, p[b0], d),
		f3(pS0wB0wD, w[s0], w[b0], d),
		f3(pS0pB0pD, p[s0], p[b0], d),
		f3(pS0pS1pD1, p[s0], p[s1], d1),
		f2(pS0wVl, w[s0], capv(s.nl[s0])),
		f2(pS0pVl, p[s0], capv(s.nl[s0])),
		f2(pS0wVr, w[s0], capv(s.nr[s0])),
		f2(pS0pVr, p[s0], capv(s.nr[s0])),
		f2(pB0pVl, p[b0], capv(s.nl[b0])),
		f2(pS1wVr, w[s1], capv(s.nr[s1])),
		f2(pS1pVr, p[s1], capv(s.nr[s1])),
		f1(pS0lw, w[s0l]),
		f1(pS0lp, p[s0l]),
		f1(pS0ll, lab(s0l)),
		f1(pS0rw, w[s0r]),
		f1(pS0rp, p[s0r]),
		f1(pS0rl, lab(s0r)),
		f1(pB0lw, w[b0l]),
		f1(pB0lp, p[b0l]),
		f1(pB0ll, lab(b0l)),
		f1(pS1rp, p[s1r]),
		f1(pS0l2w, w[s0l2]),
		f1(pS0l2p, p[s0l2]),
		f1(pS0l2l, lab(s0l2)),
		f1(pS0r2w, w[s0r2]),
		f1(pS0r2p, p[s0r2]),
		f1(pS0r2l, lab(s0r2)),
		f1(pB0l2w, w[b0l2]),
		f1(pB0l2p, p[b0l2]),
		f1(pB0l2l, lab(b0l2)),
		f3(pS0pS0llS0l2l, p[s0], lab(s0l), lab(s0l2)),
		f3(pB0pB0llB0l2l, p[b0], lab(b0l), lab(b0l2)),
		f2(pS0wLset, w[s0], s.lset[s0]),
		f2(pS0pLset, p[s0], s.lset[s0]),
		f2(pS0wRset, w[s0], s.rset[s0]),
		f2(pB0pLset, p[b0], s.lset[b0]),
		f2(pS1lp, p[s1], p[s1l]),
		f2(pS1ll, p[s1], lab(s1l)),
		f3(pS0pB0pPunct, p[s0], p[b0], punct),
		f3(pS0lpS0pB0p, p[s0l], p[s0], p[b0]),
		f3(pS1pS0lpB0p, p[s1], p[s0l], p[b0]),
		f3(pS0SubjB0SubjB0p, subj, p[b0], 0),
		f3(pS1pS0SubjB0SubjB0p, p[s1], subj, p[b0]),
		f2(pS0LsetB0Lset, s.lset[s0], s.lset[b0]),
		f3(pS1pS0LsetB0Lset, p[s1], s.lset[s0], s.lset[b0]),
		f2(pS0lpSubj, p[s0l], subj),
		f3(pS1pS0lpSubj, p[s1], p[s0l], subj),
		f2(pB0wD, w[b0], d),
		f1(pS1rl, lab(s1r)),
		f3(pS0pS0rlS0r2l, p[s0], lab(s0r), lab(s0r2)),
		f2(pS0pRset, p[s0], s.rset[s0]),
		f2(pB0wLset, w[b0], s.lset[b0]),
		f2(pS0cmB0cm, cm[s0], cm[b0]),
		f2(pS0cB0p, c[s0], p[b0]),
		f2(pS0pB0c, p[s0], c[b0]),
	)
	if in.hasSuper {
		st := in.super
		buf = append(buf,
			f2(pS0sB0s, st[s0], st[b0]),
			f2(pS1sS0s, st[s1], st[s0]),
		)
	}
	return buf
}

// Feature roles: the features that depend on one stack word alone, or on the front of
// the buffer alone (b1 and b2 follow from b0), are the same whenever that word is in
// that place, so parsing scores them once per word and place (see parse).
const (
	roleB  = iota
	roleS0 // roleS0..roleS2 = 1..3: the word that many places from the stack's end
	roleS1
	roleS2
	nRoles
)

// roleFeatures appends the features of word x (0 none) in a role.
func (in *parseInput) roleFeatures(buf []uint64, role int, x int32) []uint64 {
	w, p, wp, c, st := in.word, in.tag, in.wp, in.clus, in.super
	switch role {
	case roleB:
		b0, b1, b2 := x, x+1, x+2
		if last := int32(len(w) - 1); b1 > last {
			b1, b2 = 0, 0
		} else if b2 > last {
			b2 = 0
		}
		buf = append(buf,
			f1(pB0w, w[b0]),
			f1(pB0p, p[b0]),
			f1(pB0wp, wp[b0]),
			f1(pB1w, w[b1]),
			f1(pB1p, p[b1]),
			f1(pB1wp, wp[b1]),
			f1(pB2p, p[b2]),
			f2(pB0pB1p, p[b0], p[b1]),
			f3(pB0pB1pB2p, p[b0], p[b1], p[b2]),
			f1(pB0c, c[b0]),
			f1(pB1c, c[b1]),
			f2(pB0pDoubt, p[b0], in.doubt[b0]),
			f2(pB1pDoubt, p[b1], in.doubt[b1]),
		)
		if in.hasSuper {
			buf = append(buf,
				f1(pB0s, st[b0]),
				f1(pB1s, st[b1]),
				f1(pB2s, st[b2]),
				f2(pB0sB1s, st[b0], st[b1]),
			)
		}
		if sd := in.superDoubt; sd != nil {
			buf = append(buf,
				f2(pB0sDoubt, st[b0], sd[b0]),
				f2(pB1sDoubt, st[b1], sd[b1]),
			)
		}
	case roleS0:
		buf = append(buf,
			f1(pS0w, w[x]),
			f1(pS0p, p[x]),
			f1(pS0wp, wp[x]),
			f1(pS0c, c[x]),
			f2(pS0pDoubt, p[x], in.doubt[x]),
		)
		if in.hasSuper {
			buf = append(buf, f1(pS0s, st[x]))
		}
		if sd := in.superDoubt; sd != nil {
			buf = append(buf, f2(pS0sDoubt, st[x], sd[x]))
		}
	case roleS1:
		buf = append(buf,
			f1(pS1w, w[x]),
			f1(pS1p, p[x]),
			f1(pS1wp, wp[x]),
			f2(pS1pDoubt, p[x], in.doubt[x]),
		)
		if in.hasSuper {
			buf = append(buf, f1(pS1s, st[x]))
		}
		if sd := in.superDoubt; sd != nil {
			buf = append(buf, f2(pS1sDoubt, st[x], sd[x]))
		}
	case roleS2:
		buf = append(buf,
			f1(pS2p, p[x]),
		)
	}
	return buf
}

// roleWord returns the word in role r of state s (0 for none).
func (s *parseState) roleWord(r int) int32 {
	if r == roleB {
		return s.i
	}
	if k := len(s.stack) - r; k >= 0 {
		return s.stack[k]
	}
	return 0
}

// allFeatures appends all the parser features of state s: features and the four
// roles'.
func (in *parseInput) allFeatures(buf []uint64, s *parseState) []uint64 {
	buf = in.features(buf, s)
	for r := range nRoles {
		buf = in.roleFeatures(buf, r, s.roleWord(r))
	}
	return buf
}

// Label feature templates.
const (
	lHw = iota + 300
	lHp
	lHwp
	lDw
	lDp
	lDwp
	lHwDwDir
	lDpDll
	lDpDrl
	lDpDlset
	lDpDrset
	lHpHlsetDir
	lHpHrsetDir
	lDpPrevp
	lDpNextp
	lDpDlw
	lDpDrw
	lHpDpNextp
	lDc
	lHcmDcmDir
	lHpDcDir
	lDsDir
	lHpDs
	lDsDoubtDir
)

// labelFeatures appends the features for labelling the arc h -> d.
func (in *parseInput) labelFeatures(buf []uint64, s *parseState, h, d int32) []uint64 {
	w, p, wp := in.word, in.tag, in.wp
	var dir uint64
	if d < h {
		dir = 1
	}
	lab := func(x int32) uint64 {
		if x == 0 {
			return 0
		}
		return uint64(s.labels[x]) + 1
	}
	dl, dr := s.lc1[d], s.rc1[d]
	buf = append(buf,
		f1(lHw, w[h]),
		f1(lHp, p[h]),
		f1(lHwp, wp[h]),
		f1(lDw, w[d]),
		f1(lDp, p[d]),
		f1(lDwp, wp[d]),
		f3(lHwDwDir, w[h], w[d], dir),
		f2(lDpDll, p[d], lab(dl)),
		f2(lDpDrl, p[d], lab(dr)),
		f2(lDpDlset, p[d], s.lset[d]),
		f2(lDpDrset, p[d], s.rset[d]),
		f3(lHpHlsetDir, p[h], s.lset[h], dir),
		f3(lHpHrsetDir, p[h], s.rset[h], dir),
		f2(lDpPrevp, p[d], p[d-1]),
		f2(lDpNextp, p[d], p[d+1]),
		f2(lDpDlw, p[d], w[dl]),
		f2(lDpDrw, p[d], w[dr]),
		f3(lHpDpNextp, p[h], p[d], p[d+1]),
		f1(lDc, in.clus[d]),
		f3(lHcmDcmDir, in.clusMid[h], in.clusMid[d], dir),
		f3(lHpDcDir, p[h], in.clus[d], dir),
	)
	if in.hasSuper {
		buf = append(buf,
			f2(lDsDir, in.super[d], dir),
			f3(lHpDs, p[h], in.super[d], dir),
		)
	}
	if sd := in.superDoubt; sd != nil {
		buf = append(buf, f3(lDsDoubtDir, in.super[d], sd[d], dir))
	}
	return buf
}

// input is what the parser reads of a tagged sentence, with the supertags when the
// model has a supertagger.
func (m *Model) input(toks []token, tags []int) parseInput {
	in := newParseInput(toks, tags, m.relFacts.subjects)
	if m.superDoubt {
		in.wantDoubts()
	}
	switch {
	case m.lstmSuper != nil && m.super != nil:
		in.hasSuper = true
		in.supertag(m.super, make([]int32, m.super.nclass), make([]uint64, 0, 32))
		perc := slices.Clone(in.super)
		m.lstmSuper.supertag(&in, toks, tags)
		pairSupertags(in.super, perc)
	case m.lstmSuper != nil:
		in.hasSuper = true
		m.lstmSuper.supertag(&in, toks, tags)
	case m.super != nil:
		in.hasSuper = true
		in.supertag(m.super, make([]int32, m.super.nclass), make([]uint64, 0, 32))
	}
	return in
}

// wantDoubts asks the supertaggers to fill in in.superDoubt.
func (in *parseInput) wantDoubts() { in.superDoubt = make([]uint64, len(in.super)) }

// setSupers gives in the supertags in supers, as packSupers kept them: a doubt in
// the high 32 bits goes to in.superDoubt.
func (in *parseInput) setSupers(supers []uint64) {
	in.hasSuper, in.super, in.superDoubt = true, supers, nil
	if len(supers) == 0 || supers[0]&hasDoubts == 0 {
		return
	}
	in.super, in.superDoubt = make([]uint64, len(supers)), make([]uint64, len(supers))
	for i, v := range supers {
		in.super[i], in.superDoubt[i] = v&(1<<32-1), v>>32&(1<<31-1)
	}
}

// parse runs the trained parser; heads come back 0-based for the root (0) and 1..n.
func (m *Model) parse(toks []token, tags []int, heads []int, labels []int) {
	n := len(toks)
	in := m.input(toks, tags)
	s := m.tree(&in, tags)
	if m.punct != nil {
		newPunctTree(&in, tags, m.relFacts.punctClass, s.heads, s.labels).reattach(m.punct)
	}
	for i := 1; i <= n; i++ {
		h := int(s.heads[i])
		if h == n+1 {
			h = 0
		}
		heads[i-1] = h
		labels[i-1] = int(s.labels[i])
	}
}

// tree parses in with the model's beam, or greedily for a greedy model and for
// sentences too long for the beam.
func (m *Model) tree(in *parseInput, tags []int) *parseState {
	if m.beam > 1 && len(tags) <= beamMaxWords {
		return m.parseBeam(in, tags, m.beam)
	}
	return m.parseTree(in, tags)
}

// parseTree parses in (supertags already set, if the model has them) greedily.
func (m *Model) parseTree(in *parseInput, tags []int) *parseState {
	n := len(tags)
	s := newParseState(n)
	var scores [nTransitions]int32
	lscores := make([]int32, len(m.labels))
	feats := make([]uint64, 0, 128)
	rc := newRoleCache(n)
	for !s.done() {
		best, nvalid := -1, 0
		for c := 0; c < nTransitions; c++ {
			if s.valid(c) {
				best = c
				nvalid++
			}
		}
		if best < 0 { // cannot happen: some transition is always valid
			break
		}
		// A forced move (an empty stack must shift, the last word must go to the
		// root) needs no scoring: a fifth of all moves.
		if nvalid > 1 {
			feats = m.stateScores(in, s, rc, feats, &scores)
			best = -1
			for c := 0; c < nTransitions; c++ {
				if (best < 0 || scores[c] > scores[best]) && s.valid(c) {
					best = c
				}
			}
		}
		l := 0
		if best != shift {
			h, d := s.arc(best)
			switch {
			case h == s.root():
				l = m.rootLabel
			case m.relFacts.punctClass[tags[d-1]]:
				l = m.relFacts.punctLabel
			default:
				l = m.label(in, s, h, d, feats[:0], lscores)
			}
		}
		s.apply(best, l)
	}
	return s
}

// label chooses the label of the arc h -> d: root for the root's arc, else the best
// other label.
func (m *Model) label(in *parseInput, s *parseState, h, d int32, buf []uint64, scores []int32) int {
	if h == s.root() {
		return m.rootLabel
	}
	buf = in.labelFeatures(buf, s, h, d)
	m.labeler.score(buf, scores)
	best := -1
	for l, sc := range scores {
		if l != m.rootLabel && (best < 0 || sc > scores[best]) {
			best = l
		}
	}
	return best
}
