package syntax

import (
	"math/rand/v2"
	"slices"
)

// The supertagger gives the parser a look-ahead: before parsing, a tagger-like pass
// guesses for every word its relation and on which side its head lies (Ouchi, Duh and
// Matsumoto 2014). The greedy parser decides about s0 and b0 from a window of a few
// words; the guesses for the words around them say what those words want to attach
// to. The class is 2*label + side (0: the head is to the left, 1: to the right or the
// root).

func superClass(label uint8, d, h int32) int {
	c := 2 * int(label)
	if h > d {
		c++
	}
	return c
}

// Supertagger feature templates. The pass costs about as much as tagging, so it keeps
// to these 18: a bias and the word, the tag and the previous guess alone were dropped for
// speed (their information is in the pairs).
const (
	sWp = iota + 500
	sTagM1
	sTagP1
	sTagM2
	sTagP2
	sTagM1TagTagP1
	sTagTagP1TagP2
	sTagM2TagM1Tag
	sWordM1
	sWordP1
	sWordTagP1
	sTagM1Word
	sClus
	sClusP1Mid
	sPrevTag
	sPrevPrev2
	sPrevTagTagP1
	sSuffixTag
)

// superFeatures appends the features of word i (1..n) of in, given the supertags
// already chosen for the two words before it (class+1, 0 none).
func (in *parseInput) superFeatures(buf []uint64, i int, prev, prev2 uint64) []uint64 {
	n := len(in.tag) - 2
	p := in.tag
	tagAt := func(j int) uint64 {
		switch {
		case j < 1:
			return 0
		case j > n:
			return 1 // the end, as the root
		}
		return p[j]
	}
	t, tm1, tm2, tp1, tp2 := p[i], tagAt(i-1), tagAt(i-2), tagAt(i+1), tagAt(i+2)
	return append(buf,
		f1(sWp, in.wp[i]),
		f2(sTagM1, tm1, t),
		f2(sTagP1, tp1, t),
		f2(sTagM2, tm2, t),
		f2(sTagP2, tp2, t),
		f3(sTagM1TagTagP1, tm1, t, tp1),
		f3(sTagTagP1TagP2, t, tp1, tp2),
		f3(sTagM2TagM1Tag, tm2, tm1, t),
		f2(sWordM1, in.word[i-1], t),
		f2(sWordP1, in.word[i+1], t),
		f2(sWordTagP1, in.word[i], tp1),
		f2(sTagM1Word, tm1, in.word[i]),
		f1(sClus, in.clus[i]),
		f2(sClusP1Mid, in.clusMid[i+1], t),
		f2(sPrevTag, prev, t),
		f2(sPrevPrev2, prev, prev2),
		f3(sPrevTagTagP1, prev, t, tp1),
		f2(sSuffixTag, in.suffix[i], t),
	)
}

// supertag fills in.super with the supertagger's guesses.
func (in *parseInput) supertag(w *weights, scores []int32, buf []uint64) {
	n := len(in.tag) - 2
	for i := 1; i <= n; i++ {
		buf = in.superFeatures(buf[:0], i, in.super[i-1], in.super[max(i-2, 0)])
		w.score(buf, scores)
		best, second := topTwo(scores)
		in.super[i] = uint64(best) + 1
		if in.superDoubt != nil && second >= 0 {
			in.superDoubt[i] = marginDoubt(second, scores[best]-scores[second])
		}
	}
}

// superGold is the gold supertag of each word 1..n of s (0 unused).
func superGold(s *trainSent) []int {
	n := len(s.toks)
	g := make([]int, n+1)
	for d := 1; d <= n; d++ {
		g[d] = superClass(s.labels[d], int32(d), s.heads[d])
	}
	return g
}

func trainSupertagger(sents []*trainSent, tags [][]int, idx []int, nclass, epochs int, subjects uint64, rng *rand.Rand) *trainer {
	tr := newTrainer(nclass)
	scores := make([]float32, nclass)
	feats := make([]uint64, 0, 32)
	order := slices.Clone(idx)
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := sents[si]
			in := newParseInput(s.toks, tags[si], subjects)
			gold := superGold(s)
			for i := 1; i <= len(s.toks); i++ {
				feats = in.superFeatures(feats[:0], i, in.super[i-1], in.super[max(i-2, 0)])
				tr.score(feats, scores)
				guess := argmax(scores)
				tr.update(feats, gold[i], guess)
				tr.tick()
				in.super[i] = uint64(guess) + 1
			}
		}
	}
	return tr
}
