package syntax

import "slices"

// Head positions: with TrainOptions.LSTMHeads the BiLSTM supertagger's second head
// guesses each word's head outright, as a sequence labeller would parse (Strzyz,
// Vilares and Gómez-Rodríguez 2019): the head is named as "the k-th word tagged T
// to the left (or right)", counted over the tagger's tags, so that the same class
// means the same thing in any sentence ("the next verb", "the noun before"). The
// greedy parser reads where that guess lies in its stack and buffer: a look-ahead
// from the whole sentence at the one question each transition answers.

// maxHeadRank is the furthest k a head class names; heads further away (1.8% of the
// arcs of EWT train, with gold tags) get headFar.
const maxHeadRank = 3

// Head classes below the named ones.
const (
	headRoot = iota
	headFar
	headNamed // headNamed + (group*2 + side)*maxHeadRank + k-1
)

// headGroups maps each tag class to its UPOS's place among the model's UPOS tags
// (upos is per class, as modelData keeps it), and returns how many there are.
func headGroups(upos []string) ([]uint8, int) {
	names := slices.Clone(upos)
	slices.Sort(names)
	names = slices.Compact(names)
	group := make([]uint8, len(upos))
	for c, u := range upos {
		i, _ := slices.BinarySearch(names, u)
		group[c] = uint8(i)
	}
	return group, len(names)
}

// headClasses is the number of head classes for ngroups tag groups.
func headClasses(ngroups int) int { return headNamed + ngroups*2*maxHeadRank }

// encodeHead is the head class of word d (1..n) whose head is h (1..n, n+1 the
// root), over the tag classes tags (of words 1..n at 0..n-1).
func encodeHead(group []uint8, tags []int, d, h int) int {
	n := len(tags)
	if h > n {
		return headRoot
	}
	g := group[tags[h-1]]
	step, side := 1, 1
	if h < d {
		step, side = -1, 0
	}
	k := 0
	for j := d + step; ; j += step {
		if group[tags[j-1]] == g {
			k++
		}
		if j == h {
			break
		}
	}
	if k > maxHeadRank {
		return headFar
	}
	return headNamed + (int(g)*2+side)*maxHeadRank + k - 1
}

// decodeHead is the word that head class c names for word d (1..n): 1..n, n+1 for
// the root, 0 when it names none (headFar, or no such word in the sentence).
func decodeHead(group []uint8, tags []int, d, c int) int32 {
	n := len(tags)
	switch {
	case c == headRoot:
		return int32(n + 1)
	case c < headNamed:
		return 0
	}
	c -= headNamed
	k, gs := c%maxHeadRank+1, c/maxHeadRank
	g, step := uint8(gs/2), -1
	if gs%2 == 1 {
		step = 1
	}
	for j := d + step; j >= 1 && j <= n; j += step {
		if group[tags[j-1]] == g {
			if k--; k == 0 {
				return int32(j)
			}
		}
	}
	return 0
}

// setHeads gives in the guessed heads ph (positions 0..n+1, 0 for none) and, for
// each word, the rightmost word guessed to depend on it.
func (in *parseInput) setHeads(ph []int32) {
	in.phead = ph
	in.pdepR = make([]int32, len(ph))
	for d, h := range ph {
		if h > 0 && int(h) < len(ph) {
			in.pdepR[h] = int32(d)
		}
	}
}

// Where a word's guessed head lies in a parse state (headAt).
const (
	hereNone   = iota // no guess
	hereB0            // the front of the buffer
	hereS0            // the top of the stack
	hereS1            // the word under it
	hereStack         // deeper in the stack
	hereBuffer        // further in the buffer (or the root)
	hereGone          // a word already attached, or the word itself: the guess cannot be
)

// headAt is where the guessed head of word x (0 none) lies in state s.
func (in *parseInput) headAt(s *parseState, x int32) uint64 {
	if x == 0 {
		return hereNone
	}
	h := in.phead[x]
	nst := len(s.stack)
	switch {
	case h == 0:
		return hereNone
	case h == s.i:
		return hereB0
	case h > s.i:
		return hereBuffer
	case nst > 0 && h == s.stack[nst-1]:
		return hereS0
	case nst > 1 && h == s.stack[nst-2]:
		return hereS1
	}
	for k := nst - 3; k >= 0; k-- {
		if s.stack[k] == h {
			return hereStack
		}
	}
	return hereGone
}

// headFeatures appends the features of the guessed heads in state s.
func (in *parseInput) headFeatures(buf []uint64, s *parseState, s0, s1, b0 int32) []uint64 {
	hs0, hs1, hb0 := in.headAt(s, s0), in.headAt(s, s1), in.headAt(s, b0)
	// Whether s0 (s1) is guessed to have a dependent still in the buffer.
	var pend uint64
	if s0 != 0 && in.pdepR[s0] >= b0 {
		pend |= 1
	}
	if s1 != 0 && in.pdepR[s1] >= b0 {
		pend |= 2
	}
	p, st := in.tag, in.super
	return append(buf,
		f3(pHS0S1B0, hs0, hs1, hb0),
		f3(pHS0PendS0p, hs0, pend, p[s0]),
		f3(pHB0B0pS0p, hb0, p[b0], p[s0]),
		f3(pHS0S0sPend, hs0, st[s0], pend),
		f3(pHS1S1pPend, hs1, p[s1], pend),
	)
}
