package coder

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// SpanModel scores the extents an actor's words may take: a conditional logit over a
// role's options (the option's score is the sum of its features' weights). It is
// read-only once made.
type SpanModel struct {
	w map[string]float64
}

func (m *SpanModel) score(fs []string) float64 {
	s := 0.0
	for _, f := range fs {
		s += m.w[f]
	}
	return s
}

// Len returns the number of weights.
func (m *SpanModel) Len() int { return len(m.w) }

// spanModelFile is written by `dyad train spans` (gzipped text; see ReadSpanModel).
//
//go:embed spanmodel.txt.gz
var spanModelFile []byte

var defaultSpanModel = sync.OnceValue(func() *SpanModel {
	zr, err := gzip.NewReader(bytes.NewReader(spanModelFile))
	if err != nil {
		return nil
	}
	m, err := ReadSpanModel(zr)
	if err != nil || m.Len() == 0 {
		return nil // no model: the hand rules' extents
	}
	return m
})

// DefaultSpanModel returns the span model built into the binary, or nil when it has
// none (then actors keep the hand rules' words).
func DefaultSpanModel() *SpanModel { return defaultSpanModel() }

// WithSpanModel returns a copy of the coder that chooses actors' words with m; nil m
// keeps the hand rules' words.
func (c *Coder) WithSpanModel(m *SpanModel) *Coder {
	d := *c
	d.spans = m
	return &d
}

// ReadSpanModel reads a model written by WriteTo: lines "feature<TAB>weight", and
// comment lines starting with "#".
func ReadSpanModel(r io.Reader) (*SpanModel, error) {
	m := &SpanModel{w: map[string]float64{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f, v, ok := strings.Cut(s, "\t")
		if !ok {
			return nil, fmt.Errorf("span model:%d: no tab", line)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("span model:%d: %w", line, err)
		}
		m.w[f] = x
	}
	return m, sc.Err()
}

// WriteTo writes the model, header lines first (each written as a comment).
func (m *SpanModel) WriteTo(w io.Writer, header ...string) error {
	bw := bufio.NewWriter(w)
	for _, h := range header {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	for _, f := range m.sortedFeatures() {
		fmt.Fprintf(bw, "%s\t%s\n", f, strconv.FormatFloat(m.w[f], 'f', 3, 64))
	}
	return bw.Flush()
}

// SpanExample is one role's options with the ones that match the gold words.
type SpanExample struct {
	Options []SpanOption
	Correct []bool
}

// SpanTrainOptions are the learner's settings.
type SpanTrainOptions struct {
	Epochs int
	Rate   float64 // AdaGrad base rate
	L2     float64 // decay per update of a touched weight
	Seed   uint64  // orders the examples
	// MinWeight drops the weights smaller than it from the model: most features are
	// seen once or twice and barely move.
	MinWeight float64
}

// DefaultSpanTrainOptions are the settings the shipped model is trained with.
var DefaultSpanTrainOptions = SpanTrainOptions{Epochs: 30, Rate: 0.03, L2: 1e-3, Seed: 1, MinWeight: 0.06}

// TrainSpanModel fits the model to examples by maximising the probability of the
// correct options (AdaGrad, L2 on touched weights). Examples with no correct option,
// or only correct ones, teach nothing and are skipped. The same examples, options and
// seed give the same weights.
func TrainSpanModel(exs []SpanExample, opt SpanTrainOptions) *SpanModel {
	index := map[string]int{}
	var names []string
	type item struct {
		xs  [][]int
		yes []bool
	}
	var items []item
	for _, ex := range exs {
		any, all := false, true
		for _, c := range ex.Correct {
			any = any || c
			all = all && c
		}
		if !any || all {
			continue
		}
		it := item{yes: ex.Correct}
		for _, o := range ex.Options {
			var x []int
			for _, f := range o.Features {
				i, ok := index[f]
				if !ok {
					i = len(names)
					index[f] = i
					names = append(names, f)
				}
				x = append(x, i)
			}
			it.xs = append(it.xs, x)
		}
		items = append(items, it)
	}
	w := make([]float64, len(names))
	g2 := make([]float64, len(names))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed5a4a))
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, n := range order {
			it := items[n]
			// p: the model's distribution over options; q: p restricted to the correct
			// ones. The gradient of -log Σ_correct p is Σ (p - q) x.
			s := make([]float64, len(it.xs))
			mx := math.Inf(-1)
			for k, x := range it.xs {
				for _, i := range x {
					s[k] += w[i]
				}
				mx = max(mx, s[k])
			}
			z, zc := 0.0, 0.0
			for k := range s {
				s[k] = math.Exp(s[k] - mx)
				z += s[k]
				if it.yes[k] {
					zc += s[k]
				}
			}
			grad := map[int]float64{}
			for k, x := range it.xs {
				g := s[k] / z
				if it.yes[k] {
					g -= s[k] / zc
				}
				if g == 0 {
					continue
				}
				for _, i := range x {
					grad[i] += g
				}
			}
			keys := make([]int, 0, len(grad))
			for i := range grad {
				keys = append(keys, i)
			}
			slices.Sort(keys)
			for _, i := range keys {
				g := grad[i] + opt.L2*w[i]
				g2[i] += g * g
				w[i] -= opt.Rate * g / (math.Sqrt(g2[i]) + 1e-8)
			}
		}
	}
	m := &SpanModel{w: map[string]float64{}}
	for i, f := range names {
		if v := math.Round(w[i]*1000) / 1000; v != 0 && math.Abs(v) >= opt.MinWeight {
			m.w[f] = v
		}
	}
	return m
}
