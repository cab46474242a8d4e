package syntax

import (
	"math/rand/v2"
	"slices"
)

// Punctuation re-attachment. The greedy parser decides a punctuation mark's head when
// the mark leaves the stack, usually before the phrase it closes or opens is built, and
// a sixth of its punct heads were wrong on EWT dev (15% of all its head errors). UD
// attaches a mark to the highest word that keeps the tree projective on one side or
// the other, so once the tree is complete the choices are few: the words on the path up
// from the nearest word on the left, the same on the right, and the parser's own
// choice (together they hold the gold head 93% of the time on EWT dev). A small
// averaged perceptron scores each candidate after the parse; it is trained on
// jackknifed parses of the training data, so that it learns how far to trust the
// parser's trees.

// Punctuation feature templates.
const (
	qSideRankTop = iota + 700
	qParser
	qParserSide
	qTagSide
	qLabelSide
	qLabelSideTop
	qTagLabelSide
	qDistSide
	qFinalSideTop
	qPrevNextTagSideRank
	qPaired
	qNCandSideRank
	qTagHeadTagSide
	qParserLabel
	qNextWordSideTop
	qPrevWordSideTop
	qOtherPunctChild
	qRootSideTop
	qTagSideTop
	qHeadLabelLabelSide
	qParserTagSide
)

// punctCand is one possible head of a punctuation mark.
type punctCand struct {
	h    int32
	rank uint64 // place on its path, from the word next to the mark (capped)
	top  bool   // the highest candidate on its path
	side uint64 // 1: left of the mark
}

// punctTree is a complete parse whose punctuation marks may be re-attached: heads and
// labels per position 1..n, the root n+1.
type punctTree struct {
	in     *parseInput
	punct  []bool // per position 0..n+1: tagged punctuation
	heads  []int32
	labels []uint8
	nkids  []int32 // children per position
	n      int32
}

func newPunctTree(in *parseInput, tags []int, punctClass []bool, heads []int32, labels []uint8) *punctTree {
	n := int32(len(tags))
	t := &punctTree{in: in, punct: make([]bool, n+2), heads: heads, labels: labels, nkids: make([]int32, n+2), n: n}
	for i, c := range tags {
		t.punct[i+1] = punctClass[c]
	}
	for d := int32(1); d <= n; d++ {
		t.nkids[heads[d]]++
	}
	return t
}

// movable reports whether mark i may be re-attached: a punctuation leaf below a word.
func (t *punctTree) movable(i int32) bool {
	return t.punct[i] && t.nkids[i] == 0 && t.heads[i] != t.n+1
}

// crosses reports whether an arc between i and h would cross an arc of the tree (other
// than i's own): the tree, with its root at the end, stays projective iff none does.
func (t *punctTree) crosses(i, h int32) bool {
	lo, hi := min(i, h), max(i, h)
	for d := int32(1); d <= t.n; d++ {
		if d == i {
			continue
		}
		a, b := min(d, t.heads[d]), max(d, t.heads[d])
		if a < lo && lo < b && b < hi || lo < a && a < hi && hi < b {
			return true
		}
	}
	return false
}

// candidates appends the heads mark i may take without breaking projectivity: the
// words on the paths up from its nearest non-punctuation neighbours, and its current
// head.
func (t *punctTree) candidates(buf []punctCand, i int32) []punctCand {
	buf = buf[:0]
	add := func(start, step int32) {
		x := start
		for x >= 1 && x <= t.n && t.punct[x] {
			x += step
		}
		if x < 1 || x > t.n {
			return
		}
		var rank uint64
		first := len(buf)
		for steps := int32(0); x != t.n+1 && steps <= t.n; steps++ {
			seen := false
			for _, c := range buf {
				seen = seen || c.h == x
			}
			if !seen && !t.crosses(i, x) {
				buf = append(buf, punctCand{h: x, rank: min(rank, 3), side: b2u64(x < i)})
				rank++
			}
			x = t.heads[x]
		}
		if len(buf) > first {
			buf[len(buf)-1].top = true
		}
	}
	add(i-1, -1)
	add(i+1, 1)
	h := t.heads[i]
	if !slices.ContainsFunc(buf, func(c punctCand) bool { return c.h == h }) {
		buf = append(buf, punctCand{h: h, rank: 4, side: b2u64(h < i)})
	}
	return buf
}

func b2u64(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// partner is the mark that pairs with i: the other bracket, or the other quote of the
// same kind (odd ones open, even ones close); 0 if none.
func (t *punctTree) partner(i int32) int32 {
	w := t.in.word
	var open, close uint64
	switch w[i] {
	case hashOpenParen, hashCloseParen:
		open, close = hashOpenParen, hashCloseParen
	case hashOpenBracket, hashCloseBracket:
		open, close = hashOpenBracket, hashCloseBracket
	case hashQuote, hashSingleQuote:
		before := int32(0)
		for k := int32(1); k < i; k++ {
			if w[k] == w[i] {
				before++
			}
		}
		if before%2 == 1 {
			for k := i - 1; k >= 1; k-- {
				if w[k] == w[i] {
					return k
				}
			}
		}
		for k := i + 1; k <= t.n; k++ {
			if w[k] == w[i] {
				return k
			}
		}
		return 0
	default:
		return 0
	}
	depth := 0
	if w[i] == open {
		for k := i + 1; k <= t.n; k++ {
			switch w[k] {
			case open:
				depth++
			case close:
				if depth == 0 {
					return k
				}
				depth--
			}
		}
		return 0
	}
	for k := i - 1; k >= 1; k-- {
		switch w[k] {
		case close:
			depth++
		case open:
			if depth == 0 {
				return k
			}
			depth--
		}
	}
	return 0
}

var (
	hashOpenParen    = hashString("(")
	hashCloseParen   = hashString(")")
	hashOpenBracket  = hashString("[")
	hashCloseBracket = hashString("]")
	hashQuote        = hashString("\"")
	hashSingleQuote  = hashString("'")
)

// features appends the features of attaching mark i to candidate c; ncand is the
// number of candidates and pair the mark's partner (see partner).
func (t *punctTree) features(buf []uint64, i int32, c punctCand, ncand int, pair int32) []uint64 {
	in := t.in
	P := in.word[i]
	h := c.h
	top := b2u64(c.top)
	parser := b2u64(t.heads[i] == h)
	lab := uint64(t.labels[h]) + 1
	hh := t.heads[h]
	var hhTag, hhLab uint64 = 1, 0 // the root
	if hh <= t.n {
		hhTag, hhLab = in.tag[hh], uint64(t.labels[hh])+1
	}
	prev, next := i-1, i+1
	for prev >= 1 && t.punct[prev] {
		prev--
	}
	for next <= t.n && t.punct[next] {
		next++
	}
	prev, next = max(prev, 0), min(next, t.n+1)
	final := b2u64(next == t.n+1)
	paired := uint64(0)
	if pair != 0 {
		paired = 1 + b2u64(t.heads[pair] == h)
	}
	// Whether h already has a punctuation child on the far side of it from i: commas
	// around an apposition or a parenthetical share their head.
	other := uint64(0)
	for d := int32(1); d <= t.n; d++ {
		if d != i && t.punct[d] && t.heads[d] == h && (d < h) != (i < h) {
			other = 1
			break
		}
	}
	dist := bucket(max(h-i, i-h))
	return append(buf,
		f3(qSideRankTop, P, c.side, c.rank<<1|top),
		f2(qParser, P, parser),
		f3(qParserSide, P, parser, c.side),
		f3(qTagSide, P, in.tag[h], c.side),
		f3(qLabelSide, P, lab, c.side),
		f3(qLabelSideTop, P, lab, c.side<<1|top),
		f3(qTagLabelSide, P, in.tag[h]<<8|lab, c.side),
		f3(qDistSide, P, dist, c.side),
		f3(qFinalSideTop, P, final, c.side<<1|top),
		f3(qPrevNextTagSideRank, P, in.tag[prev]<<8|in.tag[next], c.side<<3|c.rank),
		f3(qPaired, P, paired, c.side),
		f3(qNCandSideRank, P, uint64(min(ncand, 6)), c.side<<3|c.rank),
		f3(qTagHeadTagSide, P, in.tag[h]<<8|hhTag, c.side),
		f3(qParserLabel, P, parser, lab),
		f3(qNextWordSideTop, P, in.word[next], c.side<<1|top),
		f3(qPrevWordSideTop, P, in.word[prev], c.side<<1|top),
		f3(qOtherPunctChild, P, other, c.side<<1|top),
		f3(qRootSideTop, P, b2u64(hh == t.n+1), c.side<<1|top),
		f3(qTagSideTop, P, in.tag[h], c.side<<1|top),
		f3(qHeadLabelLabelSide, P, hhLab<<8|lab, c.side),
		f3(qParserTagSide, P, parser<<16|in.tag[h], c.side),
	)
}

// reattach re-attaches the movable marks left to right, each to its best candidate.
func (t *punctTree) reattach(w *weights) {
	var cands [16]punctCand
	var score [1]int32
	buf := make([]uint64, 0, 32)
	for i := int32(1); i <= t.n; i++ {
		if !t.movable(i) {
			continue
		}
		cs := t.candidates(cands[:0], i)
		if len(cs) < 2 {
			continue
		}
		pair := t.partner(i)
		best, bestScore := t.heads[i], int32(0)
		parserScore := int32(0)
		for k, c := range cs {
			buf = t.features(buf[:0], i, c, len(cs), pair)
			w.score(buf, score[:])
			if c.h == t.heads[i] {
				parserScore = score[0]
			}
			if k == 0 || score[0] > bestScore {
				best, bestScore = c.h, score[0]
			}
		}
		// Overriding the parser pays only when the re-attacher is clearly surer: on
		// EWT and GUM dev, margins of 3,000 to 20,000 (of the largest weight's 32,000)
		// all gained over 0 (+20 to +28 marks each), 6,000 to 10,000 the most.
		if bestScore-parserScore < punctMargin {
			best = t.heads[i]
		}
		t.move(i, best)
	}
}

func (t *punctTree) move(i, h int32) {
	t.nkids[t.heads[i]]--
	t.heads[i] = h
	t.nkids[h]++
}

// punctSample is one jackknifed parse of a training sentence for the re-attacher.
type punctSample struct {
	in     parseInput
	tags   []int
	heads  []int32 // predicted
	labels []uint8
	gold   []int32
}

// trainPunct trains the re-attacher on jackknifed parses: candidates are scored as a
// ranking (one weight vector, class 0), and the tree is updated with the model's own
// choice, as at run time.
func trainPunct(samples []punctSample, punctClass []bool, epochs int, rng *rand.Rand, logf func(string, ...any)) *trainer {
	tr := newTrainer(1)
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	var score [1]float32
	buf := make([]uint64, 0, 32)
	var feats [][]uint64
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, parserRight, total := 0, 0, 0
		for _, si := range order {
			s := &samples[si]
			t := newPunctTree(&s.in, s.tags, punctClass, slices.Clone(s.heads), s.labels)
			for i := int32(1); i <= t.n; i++ {
				if !t.movable(i) {
					continue
				}
				total++
				if s.heads[i] == s.gold[i] {
					parserRight++
				}
				cs := t.candidates(nil, i)
				gold := slices.IndexFunc(cs, func(c punctCand) bool { return c.h == s.gold[i] })
				if len(cs) < 2 {
					if gold == 0 {
						right++
					}
					continue
				}
				pair := t.partner(i)
				feats = feats[:0]
				guess, guessScore := 0, float32(0)
				for k, c := range cs {
					buf = t.features(buf[:0], i, c, len(cs), pair)
					feats = append(feats, slices.Clone(buf))
					tr.score(buf, score[:])
					if k == 0 || score[0] > guessScore {
						guess, guessScore = k, score[0]
					}
				}
				if guess == gold {
					right++
				}
				if gold >= 0 && guess != gold {
					for _, f := range feats[gold] {
						tr.add(f, 0, 1)
					}
					for _, f := range feats[guess] {
						tr.add(f, 0, -1)
					}
				}
				tr.tick()
				t.move(i, cs[guess].h)
			}
		}
		if logf != nil {
			logf("punctuation epoch %d: %d marks, parser right %.2f%%, re-attached right %.2f%%", ep+1, total,
				100*float64(parserRight)/float64(max(total, 1)), 100*float64(right)/float64(max(total, 1)))
		}
	}
	return tr
}

// punctMargin is how much better than the parser's choice a candidate must score.
const punctMargin = 6000
