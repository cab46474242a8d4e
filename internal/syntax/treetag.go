package syntax

import "math/rand/v2"

// Tags read again from the tree. The tagger decides from a window of words; the
// parse, made after it, knows what each word does in the sentence: a word the
// tagger doubted between NOUN and VERB that the parse gives a subject and an object,
// "that" made the subject of a relative clause, "up" made a verb's particle. After
// parsing, each word the tagger chose by a small margin is tagged again between its
// tag and the tagger's runner-up, by a perceptron that reads the tree around it.
// The tree stays as parsed: only the tags (and the lemmas and features that follow
// from them) change, so the parse scores do not move.

// treeTagBelow is the tagger margin under which a word is tagged again.
const treeTagBelow = 20000

// Tree tagger feature templates.
const (
	ttCur = iota + 900
	ttCurSecond
	ttWordCur
	ttWordCurSecond
	ttLabel
	ttLabelCur
	ttLabelCurSecond
	ttLabelHeadTag
	ttLabelHeadTagCur
	ttHeadWordLabel
	ttKidsCur
	ttKidsCurSecond
	ttWordLabel
	ttSuffixLabel
	ttPrevNextCur
	ttLeftKidsRightKids
	ttHeadLabelCur
	ttKidTagsCur
	ttMargin
	ttMarginLabel
	ttMarginWord
)

// marginBucket is a tagger margin in steps of 2,000 (the tree tagger reads it, to
// learn how much tree evidence overrides how sure a tagger).
func marginBucket(m int32) uint64 { return uint64(min(max(m, 0)/2000, 15)) }

// treeTagFeatures appends the features of position j (1-based) of a parsed
// sentence: toks and tags as tagged, heads and labels per position (0 the root; n+1
// is the root in heads).
func treeTagFeatures(buf []uint64, toks []token, tags []int, heads []int32, labels []uint8, kids *treeKids, j int32) []uint64 {
	i := j - 1
	t := &toks[i]
	cur, second := uint64(tags[i])+1, uint64(t.runnerUp)+1
	label := uint64(labels[j]) + 1
	n := int32(len(toks))
	var headTag, headWord, headLabel, dir uint64
	if h := heads[j]; h >= 1 && h <= n {
		headTag, headWord, headLabel = uint64(tags[h-1])+1, toks[h-1].word, uint64(labels[h])+1
		if h < j {
			dir = 1
		} else {
			dir = 2
		}
	} else {
		headTag, headWord = 1000, rootWord
	}
	var prev, next uint64
	if i > 0 {
		prev = uint64(tags[i-1]) + 1
	}
	if i+1 < n {
		next = uint64(tags[i+1]) + 1
	}
	left, right, kidTags := kids.left[j], kids.right[j], kids.tags[j]
	all := left | right
	mb := marginBucket(t.margin)
	pair := cur<<8 | second
	buf = append(buf,
		f2(ttMargin, mb, pair),
		f3(ttMarginLabel, mb, label, pair),
	)
	return append(buf,
		f1(ttCur, cur),
		f2(ttCurSecond, cur, second),
		f2(ttWordCur, t.word, cur),
		f3(ttWordCurSecond, t.word, cur, second),
		f1(ttLabel, label),
		f2(ttLabelCur, label, cur),
		f3(ttLabelCurSecond, label, cur, second),
		f3(ttLabelHeadTag, label, headTag, dir),
		f3(ttLabelHeadTagCur, label, headTag, cur),
		f2(ttHeadWordLabel, headWord, label),
		f2(ttKidsCur, all, cur),
		f3(ttKidsCurSecond, all, cur, second),
		f2(ttWordLabel, t.word, label),
		f2(ttSuffixLabel, t.suffix[2], label),
		f3(ttPrevNextCur, prev, next, cur),
		f3(ttLeftKidsRightKids, left, right, cur<<8|second),
		f3(ttHeadLabelCur, headLabel, label, cur),
		f2(ttKidTagsCur, kidTags, cur<<8|second),
	)
}

// treeKids holds, per position, the set of its left and right children's labels and
// a hash of its children's tags.
type treeKids struct {
	left, right []uint64
	tags        []uint64
}

func newTreeKids(tags []int, heads []int32, labels []uint8) *treeKids {
	n := int32(len(tags))
	k := &treeKids{left: make([]uint64, n+2), right: make([]uint64, n+2), tags: make([]uint64, n+2)}
	for d := int32(1); d <= n; d++ {
		h := heads[d]
		if h < 1 || h > n {
			continue
		}
		bit := uint64(1) << (labels[d] & 63)
		if d < h {
			k.left[h] |= bit
		} else {
			k.right[h] |= bit
		}
		k.tags[h] = mix(k.tags[h] ^ uint64(tags[d-1]+1)*0x9E3779B97F4A7C15)
	}
	return k
}

// treeTag tags again, between tag and runner-up, the words the tagger doubted.
func (m *Model) treeTag(toks []token, tags []int, heads []int32, labels []uint8) {
	var kids *treeKids
	scores := make([]int32, m.treeTagger.nclass)
	var buf []uint64
	for i := range toks {
		t := &toks[i]
		if t.runnerUp < 0 || t.margin >= treeTagBelow {
			continue
		}
		if kids == nil {
			kids = newTreeKids(tags, heads, labels)
		}
		buf = treeTagFeatures(buf[:0], toks, tags, heads, labels, kids, int32(i+1))
		clear(scores)
		m.treeTagger.score(buf, scores)
		if scores[t.runnerUp] > scores[tags[i]] {
			tags[i] = t.runnerUp
		}
	}
}

// treeTagSample is a training sentence as a jackknifed parser parsed it.
type treeTagSample struct {
	toks   []token
	tags   []int // as tagged (jackknifed)
	gold   []int
	heads  []int32
	labels []uint8
}

// trainTreeTagger trains the tree tagger on jackknifed parses: for each word the
// tagger doubted whose gold tag is its tag or its runner-up, the choice between the
// two.
func trainTreeTagger(samples []treeTagSample, nclass, epochs int, rng *rand.Rand, logf func(string, ...any)) *trainer {
	tr := newTrainer(nclass)
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, nclass)
	var buf []uint64
	kids := make([]*treeKids, len(samples))
	for i, s := range samples {
		kids[i] = newTreeKids(s.tags, s.heads, s.labels)
	}
	for ep := range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		asked, before, after := 0, 0, 0
		for _, si := range order {
			s := samples[si]
			for i := range s.toks {
				t := &s.toks[i]
				if t.runnerUp < 0 || t.margin >= treeTagBelow {
					continue
				}
				cur, second, gold := s.tags[i], t.runnerUp, s.gold[i]
				if gold != cur && gold != second {
					continue
				}
				asked++
				buf = treeTagFeatures(buf[:0], s.toks, s.tags, s.heads, s.labels, kids[si], int32(i+1))
				clear(scores)
				tr.score(buf, scores)
				guess := cur
				if scores[second] > scores[cur] {
					guess = second
				}
				if cur == gold {
					before++
				}
				if guess == gold {
					after++
				} else {
					tr.update(buf, gold, guess)
				}
				tr.tick()
			}
		}
		if logf != nil {
			logf("tree tagger epoch %d: %d doubted words, tagger right %.2f%%, tree tagger right %.2f%%", ep+1, asked,
				100*float64(before)/float64(max(asked, 1)), 100*float64(after)/float64(max(asked, 1)))
		}
	}
	return tr
}
