package syntax

// The BiLSTM tagger is a second opinion on the perceptron tagger's tags: a BiLSTM
// that reads the whole sentence (what the supertagger reads, the perceptron's tag of
// each word among it) and gives each word its tag class. The perceptron decides left
// to right from a window; the network sees both sides of the sentence, and words the
// tag dictionary does not fix take its class.

// retag replaces the tags of the words not in dict with the network's; toks must
// have their lexicon fields set.
func (t *lstmNet) retag(toks []token, tags []int, dict map[string]int) {
	t.fast.predictTo(superInput(toks, tags, t.vocab), func(i, c int) {
		if _, fixed := dict[toks[i].form]; !fixed {
			tags[i] = c
		}
	})
}

// trainLSTMTagger trains the BiLSTM tagger into d on the perceptron's jackknifed
// tags of the training sentences (what it will see at run time) and their gold
// classes, and logs how many of the perceptron's tags it would change, and how many
// of those rightly (on the training data, so an upper bound).
func trainLSTMTagger(d *modelData, sents []*trainSent, tags [][]int, opt TrainOptions, logf func(string, ...any)) {
	words, vocab, freq := lstmVocab(sents, opt.WordVectors)
	inputs, golds := make([]*lstmInput, len(sents)), make([][]int, len(sents))
	for i, s := range sents {
		inputs[i], golds[i] = superInput(s.toks, tags[i], vocab), s.tags
	}
	net := fitLSTM(inputs, golds, func(int) bool { return true }, words, freq, opt.LSTMTagger, d.tagClasses, 0, opt,
		opt.Seed^0x7461676765720000, func(e int) { logf("LSTM tagger: epoch %d of %d", e, max(opt.LSTMEpochs, 1)) })
	d.lstmTagWords, d.lstmTag = words, net
	t := newLSTMNet(words, net)
	var changed, right, before, after, total int
	for i, s := range sents {
		out := append([]int(nil), tags[i]...)
		t.retag(s.toks, out, d.tagDict)
		for j, g := range s.tags {
			total++
			if tags[i][j] == g {
				before++
			}
			if out[j] == g {
				after++
			}
			if out[j] != tags[i][j] {
				changed++
				if out[j] == g {
					right++
				}
			}
		}
	}
	logf("LSTM tagger: %d units each way; on its training data %.2f%% → %.2f%% of %d tags right, %d changed (%d rightly)",
		opt.LSTMTagger, 100*float64(before)/float64(max(total, 1)), 100*float64(after)/float64(max(total, 1)), total, changed, right)
}
