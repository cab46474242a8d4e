package syntax

import (
	"math/rand/v2"
	"os"
	"strconv"
)

// Relabelling. The labeller names each arc when the parser makes it, before most of
// the tree around it exists: whether the verb has a second object (iobj or obj), a
// passive auxiliary (nsubj or nsubj:pass), whether the phrase holds a case marker
// (obl or obj). Once the tree is complete a second averaged perceptron reads each
// arc in its whole tree, with the labeller's label among its features, and renames
// the arc when it is clearly surer. It trains on the punctuation re-attacher's
// jackknifed parses (trainPunctStage): the arcs whose head is right, with their gold
// labels, so that it learns how far to trust the labeller on trees like its own.

// Relabelling feature templates.
const (
	rCur = iota + 800
	rCurTag
	rCurTags
	rTagsDir
	rWordHeadTag
	rHeadWordTag
	rWords
	rKids
	rSibling
	rSiblings
	rHeadLabel
	rFirstKid
	rDist
	rSuper
	rWordCur
	rHeadWordCur
	rNextTag
)

// relabelTree is a complete parse (heads and labels per position 1..n, root n+1)
// with what relabelling reads of it.
type relabelTree struct {
	in      *parseInput
	heads   []int32
	labels  []uint8
	kids    []uint64 // per position: the set of its children's labels
	first   []int32  // per position: its leftmost child, 0 if none
	n       int32
	punct   []bool
	skipLab int // the punctuation label, never chosen
	rootLab int
}

func newRelabelTree(in *parseInput, tags []int, punctClass []bool, heads []int32, labels []uint8, punctLabel, rootLabel int) *relabelTree {
	n := int32(len(tags))
	t := &relabelTree{in: in, heads: heads, labels: labels, kids: make([]uint64, n+2), first: make([]int32, n+2),
		n: n, punct: make([]bool, n+2), skipLab: punctLabel, rootLab: rootLabel}
	for i, c := range tags {
		t.punct[i+1] = punctClass[c]
	}
	for d := n; d >= 1; d-- {
		h := heads[d]
		t.kids[h] |= 1 << (labels[d] & 63)
		t.first[h] = d
	}
	return t
}

// eligible reports whether d's arc may be renamed: not punctuation, not the root's.
func (t *relabelTree) eligible(d int32) bool {
	return !t.punct[d] && t.heads[d] != t.n+1
}

// features appends the features of d's arc.
func (t *relabelTree) features(buf []uint64, d int32) []uint64 {
	in := t.in
	h := t.heads[d]
	cur := uint64(t.labels[d])
	dir := b2u64(h < d)
	td, th := in.tag[d], in.tag[h]
	hl := uint64(0) // h's own label + 1, 0 for the root's child
	if t.heads[h] != t.n+1 {
		hl = uint64(t.labels[h]) + 1
	}
	fk := t.first[d]
	fkWord, fkLab := noneWord, uint64(0)
	if fk != 0 {
		fkWord, fkLab = in.word[fk], uint64(t.labels[fk])+1
	}
	var sibs uint64
	for c := int32(1); c <= t.n; c++ {
		if c != d && t.heads[c] == h && !t.punct[c] {
			sibs |= 1 << (t.labels[c] & 63)
			buf = append(buf, f3(rSibling, uint64(t.labels[c]), td, b2u64(c < d)<<1|dir))
		}
	}
	if relabelLex {
		buf = append(buf,
			f3(rWordHeadTag, in.word[d], th, dir),
			f3(rHeadWordTag, in.word[h], td, dir),
			f3(rWords, in.word[d], in.word[h], dir),
			f2(rWordCur, in.word[d], cur),
			f3(rHeadWordCur, in.word[h], cur, dir),
		)
	}
	return append(buf,
		f1(rCur, cur),
		f2(rCurTag, cur, td),
		f3(rCurTags, cur, td, th<<1|dir),
		f3(rTagsDir, td, th, dir),
		f3(rKids, t.kids[d], td, dir),
		f3(rSiblings, sibs, td, cur),
		f3(rHeadLabel, hl, td, th),
		f3(rFirstKid, fkWord, fkLab, td<<8|th),
		f3(rDist, bucket(max(h-d, d-h)), dir, td<<8|th),
		f2(rSuper, in.super[d], cur),
		f3(rNextTag, in.tag[min(d+1, t.n+1)], td, dir),
	)
}

// best is the highest-scoring label d's arc may take.
func bestLabel[S int32 | float32](t *relabelTree, scores []S) int {
	best := -1
	for l, s := range scores {
		if l != t.skipLab && l != t.rootLab && (best < 0 || s > scores[best]) {
			best = l
		}
	}
	return best
}

// relabel renames the arcs the relabeller is surer of by more than margin. Every
// arc is scored on the labeller's tree, so that the order does not matter.
func (t *relabelTree) relabel(w *weights, margin int32) {
	scores := make([]int32, w.nclass)
	buf := make([]uint64, 0, 48)
	changed := make([]uint8, 0, 8)
	at := make([]int32, 0, 8)
	for d := int32(1); d <= t.n; d++ {
		if !t.eligible(d) {
			continue
		}
		buf = t.features(buf[:0], d)
		w.score(buf, scores)
		b := bestLabel(t, scores)
		if b >= 0 && b != int(t.labels[d]) && scores[b]-scores[t.labels[d]] > margin {
			changed = append(changed, uint8(b))
			at = append(at, d)
		}
	}
	for k, d := range at {
		t.labels[d] = changed[k]
	}
}

// trainRelabel trains the relabeller on jackknifed parses.
func trainRelabel(samples []punctSample, punctClass []bool, nlabels, punctLabel, rootLabel, epochs int, rng *rand.Rand, logf func(string, ...any)) *trainer {
	tr := newTrainer(nlabels)
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, nlabels)
	buf := make([]uint64, 0, 48)
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, labellerRight, total := 0, 0, 0
		for _, si := range order {
			s := &samples[si]
			t := newRelabelTree(&s.in, s.tags, punctClass, s.heads, s.labels, punctLabel, rootLabel)
			for d := int32(1); d <= t.n; d++ {
				if !t.eligible(d) || s.heads[d] != s.gold[d] {
					continue
				}
				gold := int(s.goldLabels[d])
				buf = t.features(buf[:0], d)
				tr.score(buf, scores)
				guess := bestLabel(t, scores)
				total++
				if int(s.labels[d]) == gold {
					labellerRight++
				}
				if guess == gold {
					right++
				} else {
					tr.update(buf, gold, guess)
				}
				tr.tick()
			}
		}
		logf("relabeller epoch %d: %.2f%% of %d arcs right (labeller %.2f%%)", ep+1, 100*float64(right)/float64(max(total, 1)), total, 100*float64(labellerRight)/float64(max(total, 1)))
	}
	return tr
}

// relabelMargin is how much better than the labeller's label another must score.
var relabelMargin = int32(envInt("DYAD_RELABEL_MARGIN", 6000))

var relabelLex = envInt("DYAD_RELABEL_LEX", 1) != 0

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
