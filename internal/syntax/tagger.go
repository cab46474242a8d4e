package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tagger predicts one class per word that is an (XPOS, UPOS) pair seen in
// training, greedily left to right with an averaged perceptron. Predicting the pair
// jointly keeps the two tag sets consistent (NNP goes with PROPN, IN with ADP or
// SCONJ) at the cost of a few more classes.

// token is what the tagger and parser know of a word, computed once per sentence.
type token struct {
	form   string // as given
	lower  string // lower case, digits replaced by 0
	word   uint64 // hash of lower
	exact  uint64 // hash of form
	shape  uint64
	suffix [4]uint64 // hashes of the last 1..4 characters of lower
	prefix [3]uint64
	flags  uint64 // bit set: has digit, has hyphen, upper initial, all upper
	ambig  uint64 // the set of tag classes seen with the word in training (hashed), 0 if rare
	clus   uint32 // word cluster + 1, 0 if none
	news   uint64 // the word's usual tags in the news (see newsTags), 0 if unseen
	// What the tagger was unsure about: the runner-up class and how far behind it
	// was (the margin); runnerUp is -1 for words the tag dictionary decides.
	runnerUp int
	margin   int32
	// super is the supertag (class+1) a two-headed BiLSTM gave the word while
	// tagging it (see Model.tag), 0 for none.
	super uint16
}

const (
	flagDigit = 1 << iota
	flagHyphen
	flagUpper
	flagAllUpper
	flagPunct
)

func newToken(form string) token {
	t := token{form: form, runnerUp: -1}
	var b strings.Builder
	var sh strings.Builder
	var last rune = -1
	upperAll, letters := true, 0
	for i, r := range form {
		switch {
		case unicode.IsDigit(r):
			t.flags |= flagDigit
			r = '0'
		case r == '-':
			if i > 0 {
				t.flags |= flagHyphen
			}
		}
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				upperAll = false
			} else if i == 0 {
				t.flags |= flagUpper
			}
		}
		lr := unicode.ToLower(r)
		b.WriteRune(lr)
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case r == '0':
			c = 'd'
		default:
			c = r
		}
		if c != last {
			sh.WriteRune(c)
			last = c
		}
	}
	if letters > 0 && upperAll {
		t.flags |= flagAllUpper
	}
	if letters == 0 && t.flags&flagDigit == 0 {
		t.flags |= flagPunct
	}
	t.lower = b.String()
	t.word = hashString(t.lower)
	t.exact = hashString(form)
	t.shape = hashString(sh.String())
	// Suffixes and prefixes by runes, so that multi-byte letters are not split.
	s := t.lower
	for k := 1; k <= 4; k++ {
		j := len(s)
		for n := 0; n < k && j > 0; n++ {
			_, w := utf8.DecodeLastRuneInString(s[:j])
			j -= w
		}
		t.suffix[k-1] = hashString(s[j:])
	}
	for k := 1; k <= 3; k++ {
		j := 0
		for n := 0; n < k && j < len(s); n++ {
			_, w := utf8.DecodeRuneInString(s[j:])
			j += w
		}
		t.prefix[k-1] = hashString(s[:j])
	}
	return t
}

// Tagger feature templates.
const (
	tBias = iota + 1
	tWord
	tExact
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre3
	tShape
	tFlags
	tPrev
	tPrev2
	tPrevPrev2
	tPrevSuf3
	tWordM1
	tWordM2
	tWordP1
	tWordP2
	tSuf3M1
	tShapeP1
	tShapeM1
	tWordWordP1
	tWordM1Word
	tPrevWordP1
	tWordP1WordP2
	tAmbig
	tAmbigP1
	tAmbigP2
	tAmbigP1Word
	tPrevAmbig
	tAmbigM1AmbigP1
	tNextTag  // tag guessed by the first pass for i+1
	tNextTag2 // for i+2
	tNextTagWord
	tPrevNextTag
	tC0 // word clusters: leaf, middle and top level
	tC0Mid
	tC0Top
	tCM1
	tCP1
	tCP2Mid
	tPrevC0Mid
	tNews // the word's usual tags in the news: top class, and runner-up if frequent
	tNewsTop
	tNewsM1
	tNewsP1
	tPrevNews
)

// cluster returns the token's word cluster at a level of the hierarchy (0 the leaf,
// 1 its parent, 2 the top) + 1, or 0 when the word has none.
func (t *token) cluster(level int) uint64 {
	if t.clus == 0 {
		return 0
	}
	return uint64((t.clus-1)>>(3*level)) + 1
}

var boundaryWord = hashString("<s>")

// tagFeatures appends the features of word i given the tags already chosen (prev,
// prev2: class+1, 0 at the start) and, in the second pass, the first pass's guesses
// for the following words (next, next2; 0 in the first pass).
func tagFeatures(buf []uint64, toks []token, i int, prev, prev2, next, next2 uint64) []uint64 {
	t := &toks[i]
	wm1, wm2, wp1, wp2 := boundaryWord, boundaryWord, boundaryWord, boundaryWord
	sm1, shm1, shp1 := boundaryWord, boundaryWord, boundaryWord
	am1, ap1, ap2 := boundaryWord, boundaryWord, boundaryWord
	nm1, np1 := boundaryWord, boundaryWord
	if i > 0 {
		wm1, sm1, shm1, am1 = toks[i-1].word, toks[i-1].suffix[2], toks[i-1].shape, toks[i-1].ambig
		nm1 = toks[i-1].news
	}
	if i > 1 {
		wm2 = toks[i-2].word
	}
	if i+1 < len(toks) {
		wp1, shp1, ap1 = toks[i+1].word, toks[i+1].shape, toks[i+1].ambig
		np1 = toks[i+1].news
	}
	if i+2 < len(toks) {
		wp2, ap2 = toks[i+2].word, toks[i+2].ambig
	}
	var cm1, cp1, cp2 uint64 = 1 << 20, 1 << 20, 1 << 20 // none: the sentence edge
	if i > 0 {
		cm1 = toks[i-1].cluster(0)
	}
	if i+1 < len(toks) {
		cp1 = toks[i+1].cluster(0)
	}
	if i+2 < len(toks) {
		cp2 = toks[i+2].cluster(1)
	}
	c0Mid := t.cluster(1)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	buf = append(buf,
		f1(tBias, 0),
		f1(tWord, t.word),
		f1(tExact, t.exact),
		f1(tSuf1, t.suffix[0]),
		f1(tSuf2, t.suffix[1]),
		f1(tSuf3, t.suffix[2]),
		f1(tSuf4, t.suffix[3]),
		f1(tPre1, t.prefix[0]),
		f1(tPre3, t.prefix[2]),
		f1(tShape, t.shape),
		f2(tFlags, t.flags, first),
		f1(tPrev, prev),
		f1(tPrev2, prev2),
		f2(tPrevPrev2, prev, prev2),
		f2(tPrevSuf3, prev, t.suffix[2]),
		f1(tWordM1, wm1),
		f1(tWordM2, wm2),
		f1(tWordP1, wp1),
		f1(tWordP2, wp2),
		f1(tSuf3M1, sm1),
		f1(tShapeP1, shp1),
		f1(tShapeM1, shm1),
		f2(tWordWordP1, t.word, wp1),
		f2(tWordM1Word, wm1, t.word),
		f3(tPrevWordP1, prev, t.word, wp1),
		f2(tWordP1WordP2, wp1, wp2),
		f1(tAmbig, t.ambig),
		f1(tAmbigP1, ap1),
		f1(tAmbigP2, ap2),
		f2(tAmbigP1Word, ap1, t.word),
		f2(tPrevAmbig, prev, t.ambig),
		f2(tAmbigM1AmbigP1, am1, ap1),
		f1(tC0, t.cluster(0)),
		f1(tC0Mid, c0Mid),
		f1(tC0Top, t.cluster(2)),
		f1(tCM1, cm1),
		f1(tCP1, cp1),
		f1(tCP2Mid, cp2),
		f2(tPrevC0Mid, prev, c0Mid),
		f1(tNews, t.news),
		f1(tNewsTop, t.news&0xff),
		f1(tNewsM1, nm1),
		f1(tNewsP1, np1),
		f2(tPrevNews, prev, t.news),
	)
	if next != 0 || next2 != 0 {
		buf = append(buf,
			f1(tNextTag, next),
			f2(tNextTag2, next, next2),
			f2(tNextTagWord, next, t.word),
			f2(tPrevNextTag, prev, next),
		)
	}
	return buf
}
