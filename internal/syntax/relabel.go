package syntax

import (
	"math/rand/v2"
)

// The relabeller (`dyad train syntax --relabel`, experimental) labels every arc again
// once the tree is whole. The labeller chooses a label when the parser makes the arc,
// before the head's later dependents exist: it labels "him" in "give him the book" as
// soon as "him" is attached, so it cannot know that an object follows (iobj, not obj),
// nor whether "it" will get a clausal subject beside it (expl, not nsubj). The
// relabeller reads the labeller's features on the finished tree, with the first
// label and what surrounds the arc: the head's own relation and head, the head's
// other dependents next to this one, and how many share its label. It is trained on
// jackknifed parses (those the punctuation re-attacher trains on), on the arcs whose
// head is right.

// Relabeller feature templates.
const (
	rL = iota + 800
	rLHpDir
	rLHlHp
	rLHhpDir
	rLCloserDir
	rLFartherDir
	rLSameDir
	rLHsetDir
	rLDwDir
	rLDset
	rLHwDir
	rLDpHpCloserp
)

// relabelTree is a finished tree as the relabeller reads it.
type relabelTree struct {
	s               *parseState // the arcs, with the first labels
	closer, farther []int32     // the head's next dependent on the same side towards it and away from it (0 none)
	same            []uint8     // how many of the head's dependents share the word's label, capped at 3
	n               int32
}

// newRelabelTree rebuilds the state of the finished tree heads/labels (1..n, root
// n+1): addArc gives the same children and sets in any order.
func newRelabelTree(heads []int32, labels []uint8) *relabelTree {
	n := int32(len(heads) - 2)
	t := &relabelTree{s: newParseState(int(n)), n: n, closer: make([]int32, n+2), farther: make([]int32, n+2), same: make([]uint8, n+2)}
	last := make([]int32, 2*(n+2)) // the last dependent seen of each head, per side
	for d := int32(1); d <= n; d++ {
		h := heads[d]
		t.s.addArc(h, d, int(labels[d]))
		side := 0
		if d > h {
			side = 1
		}
		prev := last[2*h+int32(side)]
		last[2*h+int32(side)] = d
		if prev == 0 {
			continue
		}
		if side == 0 { // prev is further left, away from the head
			t.farther[d], t.closer[prev] = prev, d
		} else {
			t.closer[d], t.farther[prev] = prev, d
		}
	}
	for d := int32(1); d <= n; d++ {
		k := 0
		for e := int32(1); e <= n; e++ {
			if e != d && heads[e] == heads[d] && labels[e] == labels[d] {
				k++
			}
		}
		t.same[d] = uint8(min(k, 3))
	}
	return t
}

// relabelFeatures appends the relabeller's features of the arc h -> d.
func (in *parseInput) relabelFeatures(buf []uint64, t *relabelTree, h, d int32) []uint64 {
	s := t.s
	p, w := in.tag, in.word
	var dir uint64
	if d < h {
		dir = 1
	}
	lab := func(x int32) uint64 {
		if x == 0 || x > t.n {
			return 0
		}
		return uint64(s.labels[x]) + 1
	}
	hh := int32(0)
	if h <= t.n {
		hh = s.heads[h]
	}
	first := lab(d)
	buf = in.labelFeatures(buf, s, h, d)
	return append(buf,
		f2(rL, first, p[d]),
		f3(rLHpDir, first, p[h], dir),
		f3(rLHlHp, first, lab(h), p[h]),
		f3(rLHhpDir, first, p[hh], dir),
		f3(rLCloserDir, first, lab(t.closer[d]), dir),
		f3(rLFartherDir, first, lab(t.farther[d]), dir),
		f3(rLSameDir, first, uint64(t.same[d]), dir),
		f3(rLHsetDir, first, s.lset[h]|s.rset[h], dir),
		f3(rLDwDir, first, w[d], dir),
		f3(rLDset, first, s.lset[d], s.rset[d]),
		f3(rLHwDir, first, w[h], dir),
		f3(rLDpHpCloserp, p[d], p[h], p[t.closer[d]]),
	)
}

// relabels reports whether the relabeller takes the arc to d of a tree: not the
// root's, nor punctuation's.
func relabels(heads []int32, tags []int, punctClass []bool, d int32) bool {
	return heads[d] != int32(len(heads)-1) && !punctClass[tags[d-1]]
}

// relabel labels the arcs of the finished tree heads/labels (1..n, root n+1) again.
func (m *Model) relabel(in *parseInput, tags []int, heads []int32, labels []uint8) {
	t := newRelabelTree(heads, labels)
	scores := make([]int32, len(m.labels))
	buf := make([]uint64, 0, 48)
	for d := int32(1); d <= t.n; d++ {
		if !relabels(heads, tags, m.relFacts.punctClass, d) {
			continue
		}
		buf = in.relabelFeatures(buf[:0], t, heads[d], d)
		m.relabeller.score(buf, scores)
		best := -1
		for l, sc := range scores {
			if l != m.rootLabel && (best < 0 || sc > scores[best]) {
				best = l
			}
		}
		labels[d] = uint8(best)
	}
}

// relabelSample is a jackknifed parse with the gold tree.
type relabelSample struct {
	in         parseInput
	tags       []int
	heads      []int32
	labels     []uint8
	gold       []int32
	goldLabels []uint8
}

// trainRelabeller trains the relabeller on the arcs of the samples whose head is
// right.
func trainRelabeller(samples []relabelSample, nlabels, rootLabel int, punctClass []bool, epochs int, rng *rand.Rand, logf func(string, ...any)) *trainer {
	tr := newTrainer(nlabels)
	scores := make([]float32, nlabels)
	buf := make([]uint64, 0, 48)
	trees := make([]*relabelTree, len(samples))
	for i, s := range samples {
		trees[i] = newRelabelTree(s.heads, s.labels)
	}
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, first, total := 0, 0, 0
		for _, si := range order {
			s := &samples[si]
			for d := int32(1); d <= trees[si].n; d++ {
				if s.heads[d] != s.gold[d] || !relabels(s.heads, s.tags, punctClass, d) || int(s.goldLabels[d]) == rootLabel {
					continue
				}
				buf = s.in.relabelFeatures(buf[:0], trees[si], s.heads[d], d)
				tr.score(buf, scores)
				guess := -1
				for l, sc := range scores {
					if l != rootLabel && (guess < 0 || sc > scores[guess]) {
						guess = l
					}
				}
				gold := int(s.goldLabels[d])
				tr.update(buf, gold, guess)
				tr.tick()
				total++
				if guess == gold {
					right++
				}
				if s.labels[d] == s.goldLabels[d] {
					first++
				}
			}
		}
		if ep == 0 || ep == epochs-1 {
			logf("relabeller epoch %d: %.2f%% right (labeller %.2f%%) of %d arcs with the right head", ep+1, 100*float64(right)/float64(max(total, 1)), 100*float64(first)/float64(max(total, 1)), total)
		}
	}
	return tr
}
