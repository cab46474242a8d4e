package rerank

import (
	"math"
	"math/rand/v2"
)

// The learners: logistic regression (one weight vector, P(correct)) and multinomial
// logistic regression (one vector per class), both over hashed sparse features,
// trained by AdaGrad stochastic gradient descent with L2 decay on the weights an
// example touches. Examples are visited in an order drawn from a seeded generator, so
// the same data, options and seed give the same weights bit for bit.

// LearnOptions are the learners' settings.
type LearnOptions struct {
	Epochs int     // passes over the data
	Rate   float64 // AdaGrad base learning rate
	L2     float64 // L2 decay per update of a touched weight
	Seed   uint64  // orders the examples
}

// DefaultLearnOptions are the settings the shipped model is trained with, chosen by
// 5-fold cross-validation on PLV and ConfliBERT (rate 0.05 beat 0.1 and 0.2 on both, on
// three seeds; see README.md).
var DefaultLearnOptions = LearnOptions{Epochs: 12, Rate: 0.05, L2: 1e-4, Seed: 1}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

func dot(w []float32, x []uint32) float64 {
	s := 0.0
	for _, i := range x {
		s += float64(w[i])
	}
	return s
}

// learnBinary fits P(y | x) = sigmoid(w·x) on dim weights.
func learnBinary(xs [][]uint32, ys []bool, dim int, opt LearnOptions) []float32 {
	w := make([]float32, dim)
	g2 := make([]float64, dim)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, n := range order {
			x := xs[n]
			y := 0.0
			if ys[n] {
				y = 1
			}
			g := sigmoid(dot(w, x)) - y
			for _, i := range x {
				grad := g + opt.L2*float64(w[i])
				g2[i] += grad * grad
				w[i] -= float32(opt.Rate * grad / math.Sqrt(g2[i]+1e-8))
			}
		}
	}
	return w
}

// softmax returns the class probabilities of x under the K×dim weights w.
func softmax(w []float32, dim, k int, x []uint32) []float64 {
	p := make([]float64, k)
	hi := math.Inf(-1)
	for c := range k {
		p[c] = dot(w[c*dim:(c+1)*dim], x)
		hi = max(hi, p[c])
	}
	sum := 0.0
	for c := range k {
		p[c] = math.Exp(p[c] - hi)
		sum += p[c]
	}
	for c := range k {
		p[c] /= sum
	}
	return p
}

// learnMulticlass fits P(y | x) = softmax(W x) with k classes of dim weights each.
func learnMulticlass(xs [][]uint32, ys []int, dim, k int, opt LearnOptions) []float32 {
	w := make([]float32, k*dim)
	g2 := make([]float64, k*dim)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, n := range order {
			x := xs[n]
			p := softmax(w, dim, k, x)
			for c := range k {
				g := p[c]
				if c == ys[n] {
					g--
				}
				base := c * dim
				for _, i := range x {
					j := base + int(i)
					grad := g + opt.L2*float64(w[j])
					g2[j] += grad * grad
					w[j] -= float32(opt.Rate * grad / math.Sqrt(g2[j]+1e-8))
				}
			}
		}
	}
	return w
}
