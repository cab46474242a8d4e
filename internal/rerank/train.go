package rerank

import (
	"errors"
	"fmt"
)

// TrainOptions say how to train a Model.
type TrainOptions struct {
	Bits         uint // candidate feature space 1<<Bits; 0 means 18
	FallbackBits uint // fallback feature space per class 1<<FallbackBits; 0 means 16
	Learn        LearnOptions
	Sets         []string // recorded in the model's Info: which gold files it saw
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Bits == 0 {
		o.Bits = 18
	}
	if o.FallbackBits == 0 {
		o.FallbackBits = 16
	}
	if o.Learn.Epochs == 0 {
		o.Learn = DefaultLearnOptions
	}
	return o
}

// Train fits the candidate scorer on every event of the coded examples (correct when
// its type, at the example's granularity, is the gold one) and the fallback classifier
// on the examples that have a PLOVER label.
func Train(items []Coded, opt TrainOptions) (*Model, error) {
	opt = opt.withDefaults()
	if opt.Bits > 24 || opt.FallbackBits > 24 {
		return nil, fmt.Errorf("rerank: feature space of %d/%d bits is too large", opt.Bits, opt.FallbackBits)
	}
	var xs [][]uint32
	var ys []bool
	for i := range items {
		it := &items[i]
		for _, c := range candidates(it.Text, it.Sentences, it.Events) {
			xs = append(xs, hashFeatures(Features(c), opt.Bits))
			ys = append(ys, it.correct(c.Event))
		}
	}
	if len(xs) == 0 {
		return nil, errors.New("rerank: no coded events to learn from")
	}
	m := &Model{bits: opt.Bits, fallbackBits: opt.FallbackBits}
	m.weights = learnBinary(xs, ys, 1<<opt.Bits, opt.Learn)
	quantize(m.weights)

	classOf := map[string]int{}
	for i, t := range ploverTypes {
		classOf[t] = i
	}
	var fx [][]uint32
	var fy []int
	for i := range items {
		c, ok := classOf[items[i].Plover]
		if !ok {
			continue
		}
		fx = append(fx, hashFeatures(SentenceFeatures(items[i].Tokens, items[i].Preds), opt.FallbackBits))
		fy = append(fy, c)
	}
	if len(fx) > 0 {
		m.fallbackClasses = append([]string(nil), ploverTypes...)
		m.fallback = learnMulticlass(fx, fy, 1<<opt.FallbackBits, len(ploverTypes), opt.Learn)
		quantize(m.fallback)
	}
	m.info = Info{Sets: opt.Sets, Examples: len(items), Events: len(xs), Learn: opt.Learn}
	return m, nil
}
