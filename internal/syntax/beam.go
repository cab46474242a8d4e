package syntax

import (
	"cmp"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Beam search: instead of taking the best transition at each step, the parser keeps
// the k best partial parses, scored by the sum of their transitions' scores, and
// returns the best complete one (Zhang and Clark 2008). Every arc-hybrid parse of n
// words takes 2n transitions, so all the parses in the beam end together. Trained with
// the beam (global training, trainBeamParser), the weights learn to score whole
// sequences, which is where the gain lies; a forced move (one valid transition) adds
// nothing to the score and is never scored, in training as in parsing.

// MaxBeam bounds the beam width of a model (--beam).
const MaxBeam = 64

// beamMargin is how far (in the units of the quantised weights, whose largest is
// 32,000) a parse may score below the best in the beam and stay in it. On EWT and
// GUM dev, with a beam of 8, a margin of 50,000 left the scores as they were (±0.05)
// and saved a fifth of the time; 25,000 cost 0.5 UAS on GUM.
const beamMargin = 50000

// beamMaxWords bounds the sentences parsed with the beam: each step copies k parses
// of the sentence, so the time grows with the square of its length. Longer ones (the
// text stage cuts sentences at 500 tokens; a CoNLL-U file may hold anything) are
// parsed greedily, with the same weights.
const beamMaxWords = 1000

// copyFrom makes s a copy of o, which parses a sentence of the same length.
func (s *parseState) copyFrom(o *parseState) {
	s.n, s.i = o.n, o.i
	s.stack = append(s.stack[:0], o.stack...)
	copy(s.heads, o.heads)
	copy(s.labels, o.labels)
	copy(s.lc1, o.lc1)
	copy(s.lc2, o.lc2)
	copy(s.rc1, o.rc1)
	copy(s.rc2, o.rc2)
	copy(s.nl, o.nl)
	copy(s.nr, o.nr)
	copy(s.lset, o.lset)
	copy(s.rset, o.rset)
}

// labelKey is everything labelFeatures reads of a state for the arc h -> d.
type labelKey struct {
	h, d, dl, dr       int32
	dlLabel, drLabel   uint8
	dls, drs, hls, hrs uint64
}

// scoreKey is everything features and roleFeatures read of a state.
type scoreKey struct {
	s0, s1, s2, b0                            int32
	s0l, s0r, s0l2, s0r2, b0l, b0l2, s1r, s1l int32
	labels                                    [8]uint8
	nl0, nr0, nlb, nr1                        uint8
	lset0, rset0, lsetb                       uint64
}

func newScoreKey(s *parseState) scoreKey {
	k := scoreKey{b0: s.i}
	nst := len(s.stack)
	if nst > 0 {
		k.s0 = s.stack[nst-1]
	}
	if nst > 1 {
		k.s1 = s.stack[nst-2]
	}
	if nst > 2 {
		k.s2 = s.stack[nst-3]
	}
	if k.s0 != 0 {
		k.s0l, k.s0r, k.s0l2, k.s0r2 = s.lc1[k.s0], s.rc1[k.s0], s.lc2[k.s0], s.rc2[k.s0]
		k.nl0, k.nr0, k.lset0, k.rset0 = s.nl[k.s0], s.nr[k.s0], s.lset[k.s0], s.rset[k.s0]
	}
	if k.s1 != 0 {
		k.s1r, k.s1l, k.nr1 = s.rc1[k.s1], s.lc1[k.s1], s.nr[k.s1]
	}
	k.b0l, k.b0l2, k.nlb, k.lsetb = s.lc1[k.b0], s.lc2[k.b0], s.nl[k.b0], s.lset[k.b0]
	for j, x := range [8]int32{k.s0l, k.s0r, k.s0l2, k.s0r2, k.b0l, k.b0l2, k.s1r, k.s1l} {
		k.labels[j] = s.labels[x]
	}
	return k
}

// beamCand is one way to extend a parse in the beam: its parent's index, the
// transition and the total score after it.
type beamCand struct {
	from  int
	trans int
	score int64
}

// topCands sorts cands best first (ties by parent, then transition, so that the
// order is deterministic) and keeps at most k.
func topCands(cands []beamCand, k int) []beamCand {
	slices.SortFunc(cands, func(a, b beamCand) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.from, b.from); c != 0 {
			return c
		}
		return cmp.Compare(a.trans, b.trans)
	})
	return cands[:min(k, len(cands))]
}

// roleCache holds the scores of each word's role features (see roleFeatures), which
// do not depend on the rest of the state, computed on first use.
type roleCache struct {
	scores [][nTransitions]int32
	ok     []bool
	n      int
}

func newRoleCache(n int) *roleCache {
	m := nRoles * (n + 2)
	return &roleCache{scores: make([][nTransitions]int32, m), ok: make([]bool, m), n: n + 2}
}

// stateScores sets scores to the transition scores of s.
func (m *Model) stateScores(in *parseInput, s *parseState, rc *roleCache, feats []uint64, scores *[nTransitions]int32) []uint64 {
	feats = in.features(feats[:0], s)
	m.parser.score(feats, scores[:])
	for r := range nRoles {
		x := s.roleWord(r)
		j := r*rc.n + int(x)
		if !rc.ok[j] {
			feats = in.roleFeatures(feats[:0], r, x)
			m.parser.score(feats, rc.scores[j][:])
			rc.ok[j] = true
		}
		for c := range scores {
			scores[c] += rc.scores[j][c]
		}
	}
	return feats
}

// memo is an open-addressing table that forgets everything at each reset without
// clearing (an entry is live when its stamp is the current one), so that one table
// serves sentence after sentence.
type memo[K comparable, V any] struct {
	keys  []K
	vals  []V
	stamp []uint32
	now   uint32
}

// reset empties the table and makes room for at least n entries.
func (t *memo[K, V]) reset(n int) {
	if size := 2 * n; len(t.keys) < size {
		size = 1 << bits.Len(uint(size))
		t.keys, t.vals, t.stamp, t.now = make([]K, size), make([]V, size), make([]uint32, size), 0
	}
	if t.now++; t.now == 0 {
		clear(t.stamp)
		t.now = 1
	}
}

// find returns k's slot and whether k is there; the table must not be full.
func (t *memo[K, V]) find(k K, h uint64) (int, bool) {
	mask := uint64(len(t.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if t.stamp[i] != t.now {
			return int(i), false
		}
		if t.keys[i] == k {
			return int(i), true
		}
	}
}

func (t *memo[K, V]) put(i int, k K, v V) { t.keys[i], t.vals[i], t.stamp[i] = k, v, t.now }

func (k *scoreKey) hash() uint64 {
	h := mix(uint64(k.s0) | uint64(k.s1)<<16 | uint64(k.s2)<<32 | uint64(k.b0)<<48)
	h = mix(h ^ uint64(k.s0l) ^ uint64(k.s0r)<<16 ^ uint64(k.s0l2)<<32 ^ uint64(k.s0r2)<<48)
	h = mix(h ^ uint64(k.b0l) ^ uint64(k.b0l2)<<16 ^ uint64(k.s1r)<<32 ^ uint64(k.s1l)<<48)
	var l uint64
	for j, x := range k.labels {
		l |= uint64(x) << (8 * j)
	}
	h = mix(h ^ l)
	h = mix(h ^ uint64(k.nl0) ^ uint64(k.nr0)<<8 ^ uint64(k.nlb)<<16 ^ uint64(k.nr1)<<24)
	return mix(h ^ k.lset0 ^ mix(k.rset0^mix(k.lsetb)))
}

func (k *labelKey) hash() uint64 {
	h := mix(uint64(k.h) | uint64(k.d)<<16 | uint64(k.dl)<<32 | uint64(k.dr)<<48)
	h = mix(h ^ uint64(k.dlLabel) ^ uint64(k.drLabel)<<8)
	return mix(h ^ k.dls ^ mix(k.drs^mix(k.hls^mix(k.hrs))))
}

// beamScratch is what a beam parse needs besides the input, kept between sentences
// (in beamPool) so that parsing allocates little.
type beamScratch struct {
	states   []*parseState
	scored   memo[scoreKey, [nTransitions]int32]
	labelled memo[labelKey, uint8]
}

var beamPool = sync.Pool{New: func() any { return new(beamScratch) }}

// parseBeam parses in with a beam of k parses.
func (m *Model) parseBeam(in *parseInput, tags []int, k int) *parseState {
	n := len(tags)
	rc := newRoleCache(n)
	scratch := beamPool.Get().(*beamScratch)
	defer beamPool.Put(scratch)
	// The beam holds at most k states and the spare ones at least k more.
	for len(scratch.states) < 2*k+1 {
		scratch.states = append(scratch.states, newParseState(n))
	}
	spare := make([]*parseState, 0, 2*k+1)
	for _, s := range scratch.states[:2*k] {
		s.reset(n)
		spare = append(spare, s)
	}
	start := scratch.states[2*k]
	start.reset(n)
	beam := []*parseState{start}
	scores := make([]int64, 1)
	next := make([]*parseState, 0, k)
	nextScores := make([]int64, 0, k)
	cands := make([]beamCand, 0, nTransitions*k)
	feats := make([]uint64, 0, 128)
	lscores := make([]int32, len(m.labels))
	var sc [nTransitions]int32
	// At most k states are scored and k arcs labelled per step.
	scored, labelled := &scratch.scored, &scratch.labelled
	scored.reset(2 * n * k)
	labelled.reset(2 * n * k)
	for !beam[0].done() {
		cands = cands[:0]
		for b, s := range beam {
			nvalid, only := 0, -1
			for c := range nTransitions {
				if s.valid(c) {
					nvalid++
					only = c
				}
			}
			if nvalid == 1 {
				cands = append(cands, beamCand{b, only, scores[b]})
				continue
			}
			// Parses that differ only deep in the stack score the same.
			key := newScoreKey(s)
			if i, ok := scored.find(key, key.hash()); ok {
				sc = scored.vals[i]
			} else {
				feats = m.stateScores(in, s, rc, feats, &sc)
				scored.put(i, key, sc)
			}
			for c := range nTransitions {
				if s.valid(c) {
					cands = append(cands, beamCand{b, c, scores[b] + int64(sc[c])})
				}
			}
		}
		cands = topCands(cands, k)
		if m.beamMargin > 0 {
			// Parses far behind the best are dropped before they cost anything.
			keep := 1
			for keep < len(cands) && cands[keep].score >= cands[0].score-m.beamMargin {
				keep++
			}
			cands = cands[:keep]
		}
		next, nextScores = next[:0], nextScores[:0]
		for _, c := range cands {
			parent := beam[c.from]
			l := 0
			if c.trans != shift {
				h, d := parent.arc(c.trans)
				switch {
				case h == parent.root():
					l = m.rootLabel
				case m.relFacts.punctClass[tags[d-1]]:
					l = m.relFacts.punctLabel
				default:
					// Parses in the beam often make the same arc with the same
					// children around it, which is all the labeller reads.
					key := labelKey{h, d, parent.lc1[d], parent.rc1[d], parent.labels[parent.lc1[d]], parent.labels[parent.rc1[d]],
						parent.lset[d], parent.rset[d], parent.lset[h], parent.rset[h]}
					if i, ok := labelled.find(key, key.hash()); ok {
						l = int(labelled.vals[i])
					} else {
						l = m.label(in, parent, h, d, feats[:0], lscores)
						labelled.put(i, key, uint8(l))
					}
				}
			}
			s := spare[len(spare)-1]
			spare = spare[:len(spare)-1]
			s.copyFrom(parent)
			s.apply(c.trans, l)
			next = append(next, s)
			nextScores = append(nextScores, c.score)
		}
		spare = append(spare, beam...)
		beam, next = next, beam
		scores, nextScores = nextScores, scores
	}
	// The states go back to the pool; the caller keeps a copy of the best.
	best := newParseState(n)
	best.copyFrom(beam[0])
	return best
}

// histNode is one transition of a parse in training: its label and the node of the
// transition before it (-1 at the start).
type histNode struct {
	parent       int32
	trans, label uint8
}

// trainItem is a parse in the training beam.
type trainItem struct {
	s     *parseState
	score float64
	hist  int32 // last transition in the arena, -1 none
	cost  int   // gold arcs it can no longer make; 0 while it can still reach the best tree
}

// trainBeamParser trains the transition weights with a beam of k parses and the
// max-violation update (Huang, Fayong and Guo 2012): each sentence is parsed to the
// end with the beam while the best parse that can still reach the gold tree (the best
// such one in the beam, or, once none is left, the gold path extended by its best
// zero-cost transitions) is followed beside it; the weights then move towards the gold
// prefix and away from the beam's best at the step where the beam's best outscored it
// most. Zero cost is the dynamic oracle's (see costs), so non-projective trees and
// spurious ambiguity need no canonical transition sequence. A labeller trained along
// (from every correct arc the beam makes, its own guesses being the labels the parses go
// on with) labels the beam's arcs during training; Train keeps the greedy parser's
// labeller for the model, which labelled better.
func trainBeamParser(sents []*trainSent, tags [][]int, supers [][]uint64, nlabels, rootLabel int, facts labelFacts, epochs, k int, rng *rand.Rand, logf func(string, ...any)) (*trainer, *trainer) {
	tr := newTrainer(nTransitions)
	lt := newTrainer(nlabels)
	lscores := make([]float32, nlabels)
	var cost [nTransitions]int
	var sc [nTransitions]float32
	feats := make([]uint64, 0, 128)
	lfeats := make([]uint64, 0, 64)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	type cand struct {
		from, trans int
		score       float64
		cost        int
	}
	var arena []histNode
	var cands []cand
	var roleScores [][nTransitions]float32
	var roleOK []bool
	for ep := 0; ep < epochs; ep++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, rightLabel, total, updates := 0, 0, 0, 0
		for _, si := range order {
			sn := sents[si]
			n := len(sn.toks)
			in := newParseInput(sn.toks, tags[si], facts.subjects)
			if supers != nil {
				in.setSupers(supers[si])
			}
			// Role scores do not change within a sentence: the weights move after it.
			nr := n + 2
			roleScores = slices.Grow(roleScores[:0], nRoles*nr)[:nRoles*nr]
			roleOK = slices.Grow(roleOK[:0], nRoles*nr)[:nRoles*nr]
			clear(roleOK)
			score := func(s *parseState) {
				feats = in.features(feats[:0], s)
				tr.score(feats, sc[:])
				for r := range nRoles {
					x := s.roleWord(r)
					j := r*nr + int(x)
					if !roleOK[j] {
						feats = in.roleFeatures(feats[:0], r, x)
						tr.score(feats, roleScores[j][:])
						roleOK[j] = true
					}
					for c := range sc {
						sc[c] += roleScores[j][c]
					}
				}
			}
			// label returns the label of transition c's arc from s, training the
			// labeller when the arc is right.
			label := func(s *parseState, c int, gold bool) int {
				if c == shift {
					return 0
				}
				h, d := s.arc(c)
				switch {
				case h == s.root():
					return rootLabel
				case facts.punctClass[tags[si][d-1]]:
					return facts.punctLabel
				}
				lfeats = in.labelFeatures(lfeats[:0], s, h, d)
				lt.score(lfeats, lscores)
				lscores[rootLabel] = float32(math.Inf(-1))
				lg := argmax(lscores)
				if sn.heads[d] != h {
					return lg
				}
				l := int(sn.labels[d])
				if !gold {
					lt.update(lfeats, l, lg)
					lt.tick()
					return lg
				}
				return l
			}
			arena = arena[:0]
			newItem := func() *parseState { return newParseState(n) }
			beam := []trainItem{{s: newItem(), hist: -1}}
			gold := trainItem{s: newItem(), hist: -1}
			var spare []*parseState
			take := func() *parseState {
				if len(spare) == 0 {
					return newItem()
				}
				s := spare[len(spare)-1]
				spare = spare[:len(spare)-1]
				return s
			}
			maxViolation, violTop, violGold := 0.0, int32(-1), int32(-1)
			var next []trainItem
			for !beam[0].s.done() {
				cands = cands[:0]
				for b := range beam {
					it := &beam[b]
					it.s.costs(sn.heads, &cost)
					nvalid, only := 0, -1
					for c := range nTransitions {
						if cost[c] >= 0 {
							nvalid++
							only = c
						}
					}
					if nvalid == 1 {
						cands = append(cands, cand{b, only, it.score, it.cost + cost[only]})
						continue
					}
					score(it.s)
					for c := range nTransitions {
						if cost[c] >= 0 {
							cands = append(cands, cand{b, c, it.score + float64(sc[c]), it.cost + cost[c]})
						}
					}
				}
				slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(b.score, a.score) })
				cands = cands[:min(k, len(cands))]
				next = next[:0]
				bestGold := -1
				for j, c := range cands {
					parent := beam[c.from]
					l := label(parent.s, c.trans, false)
					s := take()
					s.copyFrom(parent.s)
					s.apply(c.trans, l)
					arena = append(arena, histNode{parent.hist, uint8(c.trans), uint8(l)})
					next = append(next, trainItem{s, c.score, int32(len(arena) - 1), c.cost})
					if c.cost == 0 && bestGold < 0 {
						bestGold = j
					}
				}
				// The gold parse: the best in the beam that can still reach the gold
				// tree, else the old one extended by its best zero-cost transition.
				if bestGold >= 0 {
					g := next[bestGold]
					gold.s.copyFrom(g.s)
					gold.score, gold.hist, gold.cost = g.score, g.hist, 0
				} else {
					gold.s.costs(sn.heads, &cost)
					nvalid, best := 0, -1
					for c := range nTransitions {
						if cost[c] >= 0 {
							nvalid++
						}
					}
					if nvalid > 1 {
						score(gold.s)
					}
					for c := range nTransitions {
						if cost[c] == 0 && (best < 0 || nvalid > 1 && sc[c] > sc[best]) {
							best = c
						}
					}
					if best < 0 { // cannot happen: the oracle always has a zero-cost move
						break
					}
					if nvalid > 1 {
						gold.score += float64(sc[best])
					}
					l := label(gold.s, best, true)
					gold.s.apply(best, l)
					arena = append(arena, histNode{gold.hist, uint8(best), uint8(l)})
					gold.hist = int32(len(arena) - 1)
				}
				if top := next[0]; top.cost > 0 {
					if v := top.score - gold.score; v >= maxViolation {
						maxViolation, violTop, violGold = v, top.hist, gold.hist
					}
				}
				for _, it := range beam {
					spare = append(spare, it.s)
				}
				beam, next = next, beam
			}
			if violTop >= 0 {
				updates++
				update := func(h int32, d float32) {
					var seq []histNode
					for ; h >= 0; h = arena[h].parent {
						seq = append(seq, arena[h])
					}
					s := newParseState(n)
					for j := len(seq) - 1; j >= 0; j-- {
						nvalid := 0
						for c := range nTransitions {
							if s.valid(c) {
								nvalid++
							}
						}
						if nvalid > 1 {
							feats = in.allFeatures(feats[:0], s)
							for _, f := range feats {
								tr.add(f, int(seq[j].trans), d)
							}
						}
						s.apply(int(seq[j].trans), int(seq[j].label))
					}
				}
				update(violGold, 1)
				update(violTop, -1)
			}
			tr.tick()
			r, rl := sn.score(beam[0].s)
			right, rightLabel, total = right+r, rightLabel+rl, total+n
		}
		if logf != nil {
			logf("beam parser epoch %d: training UAS %.2f%% LAS %.2f%%, %d updates (%s, %d+%d features)", ep+1,
				100*float64(right)/float64(max(total, 1)), 100*float64(rightLabel)/float64(max(total, 1)), updates,
				time.Since(start).Round(time.Second), len(tr.index), len(lt.index))
		}
	}
	return tr, lt
}
