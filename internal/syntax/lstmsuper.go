package syntax

import (
	"math"
	"math/rand/v2"
	"slices"
)

// What the BiLSTM supertagger (see model/MODEL.md) reads
// of a word: an embedding of each of these, and seven flags.
const (
	lsWord = iota // lower-cased word, from a vocabulary; 0 unknown
	lsSuf1
	lsSuf2
	lsSuf3
	lsSuf4
	lsPre1
	lsPre3
	lsShape
	lsClus    // leaf cluster + 1
	lsClusMid // middle-level cluster + 1
	lsNews
	lsAmbig
	lsExact // the form as given
	lsTag   // the tagger's class + 1
	lsTables
)

var (
	lstmSuperDims = []int{48, 8, 8, 16, 16, 8, 8, 8, 16, 8, 16, 16, 16, 16}
	// Rows per table; hashed features take their hash modulo the rows. The word
	// table's size is the vocabulary's.
	lstmSuperRows = []int{0, 512, 4096, 8192, 8192, 512, 8192, 2048, 1025, 130, 4096, 4096, 8192, 128}
)

// lstmTableRows is the rows of table k for a vocabulary of nwords (row 0 unknown).
func lstmTableRows(k, nwords int) int {
	if k == lsWord {
		return nwords + 1
	}
	return lstmSuperRows[k]
}

const lstmSuperFlags = 7 // the token's five flag bits, first word, last word

// superInput is a tagged sentence as the BiLSTM supertagger reads it; toks must have
// their lexicon fields set.
func superInput(toks []token, tags []int, vocab map[string]int32) *lstmInput {
	row := func(h uint64, table int) int32 { return int32(mix(h) % uint64(lstmSuperRows[table])) }
	s := &lstmInput{ids: make([][]int32, len(toks)), flags: make([][]float32, len(toks))}
	// One block each for all the words' ids and flags.
	allIDs, allFlags := make([]int32, len(toks)*lsTables), make([]float32, len(toks)*lstmSuperFlags)
	for i := range toks {
		t := &toks[i]
		ids := allIDs[i*lsTables : (i+1)*lsTables : (i+1)*lsTables]
		ids[lsWord] = vocab[t.lower]
		for k := range 4 {
			ids[lsSuf1+k] = row(t.suffix[k], lsSuf1+k)
		}
		ids[lsPre1] = row(t.prefix[0], lsPre1)
		ids[lsPre3] = row(t.prefix[2], lsPre3)
		ids[lsShape] = row(t.shape, lsShape)
		ids[lsClus] = int32(t.cluster(0))
		ids[lsClusMid] = int32(t.cluster(1))
		ids[lsNews] = row(t.news+1, lsNews)
		ids[lsAmbig] = row(t.ambig+1, lsAmbig)
		ids[lsExact] = row(t.exact, lsExact)
		ids[lsTag] = int32(tags[i]) + 1
		f := allFlags[i*lstmSuperFlags : (i+1)*lstmSuperFlags : (i+1)*lstmSuperFlags]
		for b := range 5 {
			if t.flags&(1<<b) != 0 {
				f[b] = 1
			}
		}
		if i == 0 {
			f[5] = 1
		}
		if i == len(toks)-1 {
			f[6] = 1
		}
		s.ids[i], s.flags[i] = ids, f
	}
	return s
}

// lstmNet is a trained BiLSTM over superInput's inputs, ready to predict: the
// model's BiLSTM supertagger (used instead of the perceptron one), or its BiLSTM
// tagger (see lstmtag.go).
type lstmNet struct {
	vocab map[string]int32 // word table row of each known word; row 0 is the unknown word
	net   *bilstm
	fast  *lstmFast
}

// newLSTMNet readies net, whose word table rows 1.. are words. Everything but the
// shape, the exact form and the tag is read from the lower-cased word, which a known
// word's row in the word table stands for.
func newLSTMNet(words []string, net *bilstm) *lstmNet {
	s := &lstmNet{vocab: make(map[string]int32, len(words)), net: net, fast: net.fast()}
	keyed := make([]bool, lsTables)
	for k := range keyed {
		keyed[k] = k != lsShape && k != lsExact && k != lsTag
	}
	s.fast.keyWith(lsWord, keyed, len(words)+1)
	for i, w := range words {
		s.vocab[w] = int32(i + 1)
	}
	return s
}

// supertag fills in.super from the network, and in.superDoubt if it is not nil (a
// one-headed network only); toks must have their lexicon fields set.
// A two-headed network's supertags are those it gave while tagging (tagAndSupertag),
// if it did.
func (s *lstmNet) supertag(in *parseInput, toks []token, tags []int) {
	if s.net.split > 0 && len(toks) > 0 && toks[0].super > 0 {
		for i := range toks {
			in.super[i+1] = uint64(toks[i].super)
		}
		return
	}
	if in.superDoubt != nil && s.net.split == 0 {
		s.fast.predictScores(superInput(toks, tags, s.vocab), func(i int, scores []float32) {
			best, second := topTwo(scores)
			in.super[i+1] = uint64(best) + 1
			in.superDoubt[i+1] = superDoubtOf(scores, best, second)
		})
		return
	}
	s.fast.predictTo(superInput(toks, tags, s.vocab), func(i, c int) {
		if s.net.split > 0 {
			c, _ = unpairClass(c)
		}
		in.super[i+1] = uint64(c) + 1
	})
}

// superDoubtOf is the BiLSTM supertagger's doubt (see doubtCode) about a word whose
// best and runner-up classes (topTwo) are best and second. The margins are in logits:
// a gap of 1 is the best class about 2.7 times as likely as the runner-up.
func superDoubtOf(scores []float32, best, second int) uint64 {
	if second < 0 {
		return 0
	}
	gap := scores[best] - scores[second]
	return doubtCode(second, gap < 1, gap >= 3)
}

// packSupers keeps in's supertags with their doubts (if it has them) in one slice,
// for training: the doubt in bits 32..62 and bit 63 set on every position, so that a
// sentence without a doubtful word still reads as having doubts (see
// parseInput.setSupers).
func packSupers(in *parseInput) []uint64 {
	if in.superDoubt == nil {
		return in.super
	}
	out := slices.Clone(in.super)
	for i, d := range in.superDoubt {
		out[i] |= d<<32 | hasDoubts
	}
	return out
}

const hasDoubts = 1 << 63

// tagAndSupertag runs a two-headed network (see TrainOptions.LSTMJoint) once: it
// keeps each word's supertag in toks for supertag, and replaces the tags of the
// words not in dict with its own.
func (s *lstmNet) tagAndSupertag(toks []token, tags []int, dict map[string]int) {
	s.fast.predictTo(superInput(toks, tags, s.vocab), func(i, c int) {
		st, tag := unpairClass(c)
		toks[i].super = uint16(st + 1)
		if _, fixed := dict[toks[i].form]; !fixed {
			tags[i] = tag
		}
	})
}

// LSTM supertagger training defaults (MODEL.md, session 12): 64 units lose less than
// 32 on EWT; 6 epochs; 4 jackknife folds.
const (
	DefaultLSTMEpochs = 6
	DefaultLSTMFolds  = 4
)

// trainLSTMSupertags trains the BiLSTM supertagger on the parser's training tags
// (jackknifed, as the parser sees them) into d and returns the supertags the parser
// trains on, from opt.LSTMFolds networks each trained without the sentences it tags.
// The networks train side by side.
func trainLSTMSupertags(d *modelData, sents []*trainSent, tags [][]int, opt TrainOptions, logf func(string, ...any)) [][]uint64 {
	words, vocab, freq := lstmVocab(sents, opt.WordVectors)
	inputs, golds := make([]*lstmInput, len(sents)), make([][]int, len(sents))
	nclass, split := 2*len(d.labels), 0
	if opt.LSTMJoint {
		nclass, split = nclass+d.tagClasses, nclass
	}
	for i, s := range sents {
		inputs[i], golds[i] = superInput(s.toks, tags[i], vocab), superGold(s)[1:]
		if split > 0 {
			for j := range golds[i] {
				golds[i][j] = pairClass(golds[i][j], s.tags[j])
			}
		}
	}
	folds := opt.LSTMFolds
	fit := func(k int, keep func(i int) bool) *bilstm {
		return fitLSTM(inputs, golds, keep, words, freq, opt.LSTMSupertagger, nclass, split, opt, opt.Seed^uint64(k+1)*0x9E3779B97F4A7C15,
			func(e int) { logf("LSTM supertagger %d/%d: epoch %d of %d", k+1, folds+1, e, max(opt.LSTMEpochs, 1)) })
	}
	if folds < 2 {
		folds = 0 // no jackknife: the parser trains on the final network's guesses
	}
	nets := make([]*bilstm, folds+1)
	parallel(folds+1, func(k int) {
		nets[k] = fit(k, func(i int) bool { return k == folds || i%folds != k })
	})
	out := make([][]uint64, len(sents))
	for k := range folds + 1 {
		if k == folds && folds > 0 {
			break
		}
		st := newLSTMNet(words, nets[k])
		right, total := 0, 0
		for i, s := range sents {
			if folds > 0 && i%folds != k {
				continue
			}
			in := newParseInput(s.toks, tags[i], 0)
			if opt.SuperDoubt {
				in.wantDoubts()
			}
			st.supertag(&in, s.toks, tags[i])
			out[i] = packSupers(&in)
			for j, g := range golds[i] {
				if split > 0 {
					g, _ = unpairClass(g)
				}
				if int(in.super[j+1])-1 == g {
					right++
				}
				total++
			}
		}
		logf("LSTM supertagger %d/%d: %.2f%% of %d supertags right on the sentences it tags for the parser", k+1, folds+1, 100*float64(right)/float64(max(total, 1)), total)
	}
	d.lstmWords, d.lstm = words, nets[folds]
	return out
}

// lstmVocab is the word table of a BiLSTM trained on sents: the lower-cased words
// seen at least twice and those with a pretrained vector (sorted; row i+1 is
// words[i]), each word's row, and each row's count in sents.
func lstmVocab(sents []*trainSent, vectors map[string][]float32) (words []string, vocab map[string]int32, freq []int) {
	counts := map[string]int{}
	for _, s := range sents {
		for i := range s.toks {
			counts[s.toks[i].lower]++
		}
	}
	for w, c := range counts {
		if _, pre := vectors[w]; c >= 2 && !pre {
			words = append(words, w)
		}
	}
	for w := range vectors {
		words = append(words, w)
	}
	slices.Sort(words)
	vocab, freq = make(map[string]int32, len(words)), make([]int, len(words)+1)
	for i, w := range words {
		vocab[w], freq[i+1] = int32(i+1), counts[w]
	}
	return words, vocab, freq
}

// fitLSTM trains a BiLSTM of the given units each way on the inputs that keep
// accepts (superInput's, over a vocabulary of words with counts freq) to predict
// their gold classes (pairs if split is above 0, see bilstm.split), from a random stream of the given seed, and rounds its weights
// as the model file keeps them.
func fitLSTM(inputs []*lstmInput, golds [][]int, keep func(i int) bool, words []string, freq []int, units, nclass, split int, opt TrainOptions, seed uint64, after func(epoch int)) *bilstm {
	rows := make([]int, lsTables)
	for k := range rows {
		rows[k] = lstmTableRows(k, len(words))
	}
	rng := rand.New(rand.NewPCG(seed, 0x6c73746d))
	n := newBiLSTM(rng, rows, lstmSuperDims, lstmSuperFlags, units, nclass)
	n.split = split
	// Words with a vector from the news start from it, scaled to a length of
	// about twice what the random rows have.
	d := lstmSuperDims[lsWord]
	for i, w := range words {
		v := opt.WordVectors[w]
		if len(v) != d {
			continue
		}
		var norm float64
		for _, x := range v {
			norm += float64(x) * float64(x)
		}
		if norm == 0 {
			continue
		}
		scale := float32(pretrainedNorm / math.Sqrt(norm))
		for j, x := range v {
			n.emb[lsWord][(i+1)*d+j] = x * scale
		}
	}
	var in []*lstmInput
	var gold [][]int
	for i := range inputs {
		if keep(i) {
			in, gold = append(in, inputs[i]), append(gold, golds[i])
		}
	}
	n.train(in, gold, lstmTraining{
		epochs: max(opt.LSTMEpochs, 1), rate: 0.05, clip: 5, drop: 0.2,
		// Word dropout: a rare word is sometimes seen as unknown, so that the
		// network learns what to do with the words it has no row for.
		vary: func(s *lstmInput, rng *rand.Rand) *lstmInput {
			v := &lstmInput{ids: make([][]int32, len(s.ids)), flags: s.flags}
			for i, ids := range s.ids {
				v.ids[i] = ids
				if id := ids[lsWord]; id > 0 && rng.Float64() < 0.25/(0.25+float64(freq[id])) {
					v.ids[i] = append([]int32{0}, ids[1:]...)
				}
			}
			return v
		},
		after: after,
	}, rng)
	n.roundWeights()
	return n
}

// pretrainedNorm is the length a pretrained word vector is scaled to: random rows
// (uniform in ±0.1, 48 wide) are about 0.4 long.
const pretrainedNorm = 0.8

// roundWeights rounds every weight to the 16 bits the model file keeps of it (see
// bf16), so that the network trained is the network loaded.
func (n *bilstm) roundWeights() {
	for _, v := range n.params() {
		for i, x := range v {
			v[i] = fromBF16(toBF16(x))
		}
	}
}

// params lists the network's weights in the order the model file keeps them.
func (n *bilstm) params() [][]float32 {
	ps := slices.Clone(n.emb)
	for d := range n.dirs {
		ps = append(ps, n.dirs[d].w, n.dirs[d].b)
	}
	return append(ps, n.out, n.outB)
}

// toBF16 keeps the top 16 bits of a float32 (sign, exponent, 7 bits of mantissa),
// rounded to nearest even: half the space, and the network's choices barely move.
func toBF16(x float32) uint16 {
	b := math.Float32bits(x)
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}

func fromBF16(h uint16) float32 { return math.Float32frombits(uint32(h) << 16) }

// pairSupertags makes each word's supertag in lstm (class+1, positions 1..n; n+1 is
// the end marker) the pair of the BiLSTM's guess and the perceptron's, so that every
// parser feature that reads a supertag reads both (BothSupertaggers).
func pairSupertags(lstm, perc []uint64) {
	for j := 1; j < len(lstm)-1; j++ {
		lstm[j] |= perc[j] << 16
	}
}
