package syntax

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// bilstm is a bidirectional LSTM that gives every word of a sentence one class from
// the whole sentence (Graves and Schmidhuber 2005; as a tagger, Plank, Søgaard and
// Goldberg 2016). The perceptrons see a window of a few words; a supertag (the
// word's relation and the side of its head) often depends on words much further
// away, and on EWT dev a BiLSTM over the tagger's own features guesses 87–88% of the
// supertags right where the perceptron supertagger gets 81% (MODEL.md).
//
// A word's input is the concatenation of one embedding per feature table (word,
// suffixes, cluster, tag...) and a few 0/1 flags. Each direction runs an LSTM over
// the inputs; a linear layer over the two hidden states scores the classes.
type bilstm struct {
	dims   []int       // embedding width per table
	emb    [][]float32 // per table: rows × dim
	nflags int
	in     int // input width: sum of dims + nflags
	hidden int
	nclass int
	dirs   [2]lstmWeights // left to right, right to left
	out    []float32      // nclass × 2·hidden
	outB   []float32      // nclass
	// split, when above 0, makes the network answer two questions a word: classes
	// 0..split-1 are one (a softmax of their own), split..nclass-1 the other. A
	// gold or predicted class is then a pair, see pairClass.
	split int
}

// pairClass is the class pair of a two-headed network (bilstm.split): the first
// head's class a and the second's b (counted from split), as one int.
func pairClass(a, b int) int { return a | b<<16 }

// unpairClass undoes pairClass.
func unpairClass(c int) (a, b int) { return c & 0xffff, c >> 16 }

// decide is a word's best class from its scores (a pair when split is above 0).
func decide(scores []float32, split int) int {
	if split == 0 {
		return argmax(scores)
	}
	return pairClass(argmax(scores[:split]), argmax(scores[split:]))
}

// lstmWeights maps [input; previous hidden state] to the four gates (input, forget,
// output, candidate), each hidden wide.
type lstmWeights struct {
	w []float32 // 4·hidden × (in + hidden)
	b []float32 // 4·hidden
}

// lstmInput is one sentence as the network reads it.
type lstmInput struct {
	ids   [][]int32   // per word: a row of each table
	flags [][]float32 // per word: nflags values
}

// newBiLSTM makes a network with small random weights (uniform, scaled by fan-in and
// fan-out) and the forget gates' bias at 1, so that early training keeps memory.
func newBiLSTM(rng *rand.Rand, rows, dims []int, nflags, hidden, nclass int) *bilstm {
	n := &bilstm{dims: dims, nflags: nflags, hidden: hidden, nclass: nclass}
	for t := range dims {
		n.emb = append(n.emb, uniform(rng, rows[t]*dims[t], 0.1))
		n.in += dims[t]
	}
	n.in += nflags
	width := n.in + hidden
	for d := range n.dirs {
		n.dirs[d].w = uniform(rng, 4*hidden*width, math.Sqrt(6/float64(width+hidden)))
		n.dirs[d].b = make([]float32, 4*hidden)
		for j := hidden; j < 2*hidden; j++ {
			n.dirs[d].b[j] = 1
		}
	}
	n.out = uniform(rng, nclass*2*hidden, math.Sqrt(6/float64(2*hidden+nclass)))
	n.outB = make([]float32, nclass)
	return n
}

func uniform(rng *rand.Rand, n int, scale float64) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32((2*rng.Float64() - 1) * scale)
	}
	return v
}

func sigmoid(x float32) float32 { return float32(1 / (1 + math.Exp(-float64(x)))) }

func tanh(x float32) float32 { return float32(math.Tanh(float64(x))) }

// lstmRun holds one sentence's forward pass, kept for the backward pass.
type lstmRun struct {
	x      [][]float32   // inputs
	mask   [][]float32   // dropout: 0 or the scale of each input value; nil without
	steps  [2][]lstmStep // per direction, indexed by word
	hcat   [][]float32   // [left-to-right h; right-to-left h] per word
	scores [][]float32   // class scores per word
}

type lstmStep struct {
	inp   []float32 // [x; previous h]
	gates []float32 // after their nonlinearities
	c, h  []float32
}

// input writes word t's input vector into x.
func (n *bilstm) input(s *lstmInput, t int, x []float32) {
	o := 0
	for k, id := range s.ids[t] {
		d := n.dims[k]
		copy(x[o:o+d], n.emb[k][int(id)*d:])
		o += d
	}
	copy(x[o:], s.flags[t])
}

// forward runs the network over a sentence. With drop > 0 (training) each input value
// is zeroed with that probability and the others scaled up to keep the expectation.
func (n *bilstm) forward(s *lstmInput, drop float32, rng *rand.Rand) *lstmRun {
	T, H := len(s.ids), n.hidden
	r := &lstmRun{x: make([][]float32, T), hcat: make([][]float32, T), scores: make([][]float32, T)}
	for t := range T {
		x := make([]float32, n.in)
		n.input(s, t, x)
		if drop > 0 {
			if r.mask == nil {
				r.mask = make([][]float32, T)
			}
			m := make([]float32, n.in)
			for i := range x {
				if rng.Float32() >= drop {
					m[i] = 1 / (1 - drop)
				}
				x[i] *= m[i]
			}
			r.mask[t] = m
		}
		r.x[t] = x
	}
	width := n.in + H
	for d := range n.dirs {
		lw := &n.dirs[d]
		r.steps[d] = make([]lstmStep, T)
		hPrev, cPrev := make([]float32, H), make([]float32, H)
		for k := range T {
			t := k
			if d == 1 {
				t = T - 1 - k
			}
			st := lstmStep{inp: make([]float32, width), gates: make([]float32, 4*H), c: make([]float32, H), h: make([]float32, H)}
			copy(st.inp, r.x[t])
			copy(st.inp[n.in:], hPrev)
			for j := range 4 * H {
				st.gates[j] = lw.b[j] + dot(lw.w[j*width:(j+1)*width], st.inp)
			}
			cell(st.gates, cPrev, st.c, st.h)
			r.steps[d][t] = st
			hPrev, cPrev = st.h, st.c
		}
	}
	for t := range T {
		h := make([]float32, 2*H)
		copy(h, r.steps[0][t].h)
		copy(h[H:], r.steps[1][t].h)
		r.hcat[t] = h
		r.scores[t] = make([]float32, n.nclass)
		linear(n.out, n.outB, h, r.scores[t])
	}
	return r
}

// cell is one LSTM step: it applies the gates' nonlinearities to g (input, forget,
// output, candidate; hidden each) in place and sets the memory c and the output h
// from the previous memory cPrev, which may be c itself.
func cell(g, cPrev, c, h []float32) {
	H := len(h)
	for j := range H {
		g[j], g[H+j], g[2*H+j], g[3*H+j] = sigmoid(g[j]), sigmoid(g[H+j]), sigmoid(g[2*H+j]), tanh(g[3*H+j])
		c[j] = g[H+j]*cPrev[j] + g[j]*g[3*H+j]
		h[j] = g[2*H+j] * tanh(c[j])
	}
}

// linear sets out[i] to b[i] plus row i of w (len(x) wide) times x.
func linear(w, b, x, out []float32) {
	for i := range out {
		out[i] = b[i] + dot(w[i*len(x):(i+1)*len(x)], x)
	}
}

func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// predict returns the best class of each word (a pair, see pairClass, for a
// two-headed network).
func (n *bilstm) predict(s *lstmInput) []int {
	r := n.forward(s, 0, nil)
	out := make([]int, len(r.scores))
	for t, sc := range r.scores {
		out[t] = decide(sc, n.split)
	}
	return out
}

// lstmGrads accumulates the gradients of one or more sentences.
type lstmGrads struct {
	dirs [2]lstmWeights
	out  []float32
	outB []float32
	// Embedding rows touched, with their gradients, per table.
	emb []map[int32][]float32
}

func (n *bilstm) newGrads() *lstmGrads {
	g := &lstmGrads{out: make([]float32, len(n.out)), outB: make([]float32, n.nclass)}
	for d := range g.dirs {
		g.dirs[d] = lstmWeights{w: make([]float32, len(n.dirs[d].w)), b: make([]float32, len(n.dirs[d].b))}
	}
	for range n.dims {
		g.emb = append(g.emb, map[int32][]float32{})
	}
	return g
}

// backward adds to g the gradient of the sentence's cross-entropy loss against gold
// and returns the loss.
func (n *bilstm) backward(s *lstmInput, r *lstmRun, gold []int, g *lstmGrads) float64 {
	T, H := len(s.ids), n.hidden
	width := n.in + H
	loss := 0.0
	dh := [2][][]float32{make([][]float32, T), make([][]float32, T)}
	for t := range T {
		dhc := make([]float32, 2*H)
		// Each head is a softmax over its block of classes.
		type head struct{ lo, hi, gold int }
		heads := []head{{0, n.nclass, gold[t]}}
		if n.split > 0 {
			a, b := unpairClass(gold[t])
			heads = []head{{0, n.split, a}, {n.split, n.nclass, n.split + b}}
		}
		for _, hd := range heads {
			sc := r.scores[t][hd.lo:hd.hi]
			top := sc[argmax(sc)]
			var z float64
			for _, v := range sc {
				z += math.Exp(float64(v - top))
			}
			loss += math.Log(z) - float64(sc[hd.gold-hd.lo]-top)
			for k, v := range sc {
				c := hd.lo + k
				p := float32(math.Exp(float64(v-top)) / z)
				if c == hd.gold {
					p--
				}
				row := n.out[c*2*H : (c+1)*2*H]
				grow := g.out[c*2*H : (c+1)*2*H]
				for i, h := range r.hcat[t] {
					grow[i] += p * h
					dhc[i] += p * row[i]
				}
				g.outB[c] += p
			}
		}
		dh[0][t], dh[1][t] = dhc[:H], dhc[H:]
	}
	dx := make([][]float32, T)
	for t := range dx {
		dx[t] = make([]float32, n.in)
	}
	zero := make([]float32, H)
	for d := range n.dirs {
		lw, gw := &n.dirs[d], &g.dirs[d]
		dhNext, dcNext := make([]float32, H), make([]float32, H)
		dz := make([]float32, 4*H)
		dinp := make([]float32, width)
		for k := T - 1; k >= 0; k-- {
			t := k
			prev := t - 1
			if d == 1 {
				t, prev = T-1-k, T-k
			}
			st := &r.steps[d][t]
			cPrev := zero
			if k > 0 {
				cPrev = r.steps[d][prev].c
			}
			gt := st.gates
			for j := range H {
				dhj := dh[d][t][j] + dhNext[j]
				i, f, o, c := gt[j], gt[H+j], gt[2*H+j], gt[3*H+j]
				tc := tanh(st.c[j])
				dc := dcNext[j] + dhj*o*(1-tc*tc)
				dz[j] = dc * c * i * (1 - i)
				dz[H+j] = dc * cPrev[j] * f * (1 - f)
				dz[2*H+j] = dhj * tc * o * (1 - o)
				dz[3*H+j] = dc * i * (1 - c*c)
				dcNext[j] = dc * f
			}
			clear(dinp)
			for j, gj := range dz {
				if gj == 0 {
					continue
				}
				row := lw.w[j*width : (j+1)*width]
				grow := gw.w[j*width : (j+1)*width]
				for i, v := range st.inp {
					grow[i] += gj * v
					dinp[i] += gj * row[i]
				}
				gw.b[j] += gj
			}
			for i := range n.in {
				dx[t][i] += dinp[i]
			}
			copy(dhNext, dinp[n.in:])
		}
	}
	// A dropped input passes no gradient; a kept one was scaled.
	for t := range T {
		o := 0
		for k, id := range s.ids[t] {
			d := n.dims[k]
			row := g.emb[k][id]
			if row == nil {
				row = make([]float32, d)
				g.emb[k][id] = row
			}
			for i := range d {
				v := dx[t][o+i]
				if r.mask != nil {
					v *= r.mask[t][o+i]
				}
				row[i] += v
			}
			o += d
		}
	}
	return loss
}

// step applies gradient descent with learning rate lr, clipping each gradient value
// to ±clip, and clears g.
func (n *bilstm) step(g *lstmGrads, lr, clip float32) {
	apply := func(w, gw []float32) {
		for i, v := range gw {
			w[i] -= lr * max(-clip, min(clip, v))
		}
		clear(gw)
	}
	for d := range n.dirs {
		apply(n.dirs[d].w, g.dirs[d].w)
		apply(n.dirs[d].b, g.dirs[d].b)
	}
	apply(n.out, g.out)
	apply(n.outB, g.outB)
	for k, rows := range g.emb {
		d := n.dims[k]
		for id, gr := range rows {
			apply(n.emb[k][int(id)*d:int(id+1)*d], gr)
		}
		clear(rows)
	}
}

// lstmTraining is how a bilstm is trained: plain stochastic gradient descent, one
// sentence at a time, with a learning rate that decays by epoch, gradients clipped
// value by value, and dropout on the inputs.
type lstmTraining struct {
	epochs int
	rate   float32 // learning rate of the first epoch; epoch e uses rate/(1+0.3e)
	clip   float32
	drop   float32 // input dropout
	// vary, if set, returns the sentence as it is to be seen in this pass, e.g.
	// with rare words replaced by the unknown word (word dropout).
	vary func(s *lstmInput, rng *rand.Rand) *lstmInput
	// after, if set, is called after each epoch (1-based).
	after func(epoch int)
}

// train fits n to the gold classes of data in an order shuffled by rng each epoch.
func (n *bilstm) train(data []*lstmInput, gold [][]int, opt lstmTraining, rng *rand.Rand) {
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	g := n.newGrads()
	for e := range opt.epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := opt.rate / (1 + 0.3*float32(e))
		for _, i := range order {
			s := data[i]
			if opt.vary != nil {
				s = opt.vary(s, rng)
			}
			n.backward(s, n.forward(s, opt.drop, rng), gold[i], g)
			n.step(g, rate, opt.clip)
		}
		if opt.after != nil {
			opt.after(e + 1)
		}
	}
}

// lstmFast is a trained bilstm prepared for prediction. The input layer is linear in
// the embeddings, so every embedding row is used already multiplied by both
// directions' input weights: a word's input then costs one vector addition per table
// instead of a (4·hidden × inputs) product. The price is memory, 8·hidden values per
// row instead of the row's width, so rows are multiplied out when first used: text
// touches a fraction of the hashed rows, and loading stays quick.
type lstmFast struct {
	net            *bilstm
	hidden, nclass int
	proj           [][]atomic.Pointer[[]float32] // per table and row: 8·hidden values (left-to-right gates, then right-to-left)
	inT            []*halfMatrix                 // per table: its input weights of both directions, transposed (dim × 8·hidden)
	flagW          []float32                     // per flag: 8·hidden
	bias           []float32                     // 8·hidden
	// Tables whose row is a function of one key table's row (for the supertagger,
	// everything read from the lower-cased word, keyed by the word table): for a
	// known key their rows' sum is kept per key row, so that a word costs a few
	// row additions instead of one per table. Nil for none.
	keyTable  int
	keyed     []bool                      // per table
	keyedSums []atomic.Pointer[[]float32] // per key row; row 0 (unknown) is never kept
	// The products with hidden states, which lie in [-1, 1], are in fixed point.
	recT [2]*fixedMatrix // per direction: the recurrent weights (4·hidden × hidden), transposed
	outT *fixedMatrix    // the output layer, transposed, rows padded to a multiple of 8
	outB []float32
}

func (n *bilstm) fast() *lstmFast {
	H, width := n.hidden, n.in+n.hidden
	f := &lstmFast{net: n, hidden: H, nclass: n.nclass, outT: newFixedMatrix(transpose(n.out, n.nclass, 2*H), 2*H), bias: make([]float32, 8*H)}
	f.outB = make([]float32, f.outT.rows)
	copy(f.outB, n.outB)
	off := 0
	for k, d := range n.dims {
		f.proj = append(f.proj, make([]atomic.Pointer[[]float32], len(n.emb[k])/d))
		wT := make([]float32, d*8*H)
		for dir := range n.dirs {
			w := n.dirs[dir].w
			for j := range 4 * H {
				for i := range d {
					wT[i*8*H+dir*4*H+j] = w[j*width+off+i]
				}
			}
		}
		f.inT = append(f.inT, newHalfMatrix(wT))
		off += d
	}
	f.flagW = make([]float32, n.nflags*8*H)
	for dir := range n.dirs {
		w := n.dirs[dir].w
		for j := range 4 * H {
			for i := range n.nflags {
				f.flagW[i*8*H+dir*4*H+j] = w[j*width+off+i]
			}
			f.bias[dir*4*H+j] = n.dirs[dir].b[j]
		}
		rec := make([]float32, 4*H*H)
		for j := range 4 * H {
			copy(rec[j*H:(j+1)*H], w[j*width+n.in:(j+1)*width])
		}
		f.recT[dir] = newFixedMatrix(transpose(rec, 4*H, H), H)
	}
	return f
}

// keyWith makes the rows of the tables marked in keyed, read from the row of table
// key, be summed once per key row (see lstmFast.keyed).
func (f *lstmFast) keyWith(key int, keyed []bool, keyRows int) {
	f.keyTable, f.keyed, f.keyedSums = key, keyed, make([]atomic.Pointer[[]float32], keyRows)
}

// keyedSum returns the sum of the keyed tables' rows of a word with a known key.
func (f *lstmFast) keyedSum(ids []int32) []float32 {
	p := &f.keyedSums[ids[f.keyTable]]
	if r := p.Load(); r != nil {
		return *r
	}
	r := make([]float32, 8*f.hidden)
	for k, id := range ids {
		if f.keyed[k] {
			addTo(r, f.row(k, id))
		}
	}
	p.Store(&r)
	return r
}

// row returns row id of table k multiplied by the input weights. Goroutines that
// race to multiply the same row compute the same values, so either may win.
func (f *lstmFast) row(k int, id int32) []float32 {
	p := &f.proj[k][id]
	if r := p.Load(); r != nil {
		return *r
	}
	d := f.net.dims[k]
	r := make([]float32, 8*f.hidden)
	matTVecAddHalf(f.inT[k], f.net.emb[k][int(id)*d:int(id+1)*d], r)
	p.Store(&r)
	return r
}

// predict returns the best class of each word, as bilstm.predict does (but for
// rounding: its arithmetic is vecmath.go's).
func (f *lstmFast) predict(s *lstmInput) []int {
	out := make([]int, len(s.ids))
	f.predictTo(s, func(t, c int) { out[t] = c })
	return out
}

// lstmScratch is one prediction's working memory, pooled: a sentence would
// otherwise allocate 8·hidden floats a word.
type lstmScratch struct {
	pre, hs, z, h, c, tmp, sc []float32
	q                         []int16 // a hidden state in fixed point
}

var lstmScratchPool = sync.Pool{New: func() any { return &lstmScratch{} }}

func grow[T float32 | int16](v []T, n int) []T {
	if cap(v) < n {
		return make([]T, n)
	}
	return v[:n]
}

// predictTo calls set with each word's position and best class.
func (f *lstmFast) predictTo(s *lstmInput, set func(t, class int)) {
	f.predictScores(s, func(t int, scores []float32) { set(t, decide(scores, f.net.split)) })
}

// predictScores calls set with each word's position and class scores (valid only
// during the call).
func (f *lstmFast) predictScores(s *lstmInput, set func(t int, scores []float32)) {
	T, H := len(s.ids), f.hidden
	sc := lstmScratchPool.Get().(*lstmScratch)
	defer lstmScratchPool.Put(sc)
	pre := grow(sc.pre, T*8*H)
	for t := range T {
		v := pre[t*8*H : (t+1)*8*H]
		copy(v, f.bias)
		ids := s.ids[t]
		if f.keyed != nil && ids[f.keyTable] > 0 {
			addTo(v, f.keyedSum(ids))
			for k, id := range ids {
				if !f.keyed[k] {
					addTo(v, f.row(k, id))
				}
			}
		} else {
			for k, id := range ids {
				addTo(v, f.row(k, id))
			}
		}
		for i, x := range s.flags[t] {
			switch w := f.flagW[i*8*H : (i+1)*8*H]; x {
			case 0:
			case 1:
				addTo(v, w)
			default:
				for j, w := range w {
					v[j] += x * w
				}
			}
		}
	}
	hs := grow(sc.hs, T*2*H)
	z, h, c, tmp := grow(sc.z, 4*H), grow(sc.h, H), grow(sc.c, H), grow(sc.tmp, H)
	q := grow(sc.q, 2*H) // room for fixedInputs of a hidden state or a pair of them
	for dir := range 2 {
		clear(h)
		clear(c)
		for k := range T {
			t := k
			if dir == 1 {
				t = T - 1 - k
			}
			copy(z, pre[t*8*H+dir*4*H:t*8*H+(dir+1)*4*H])
			matTVecAddFixed(f.recT[dir], fixedInputs(h, q), z)
			cellApprox(z, c, c, h, tmp)
			copy(hs[t*2*H+dir*H:], h)
		}
	}
	scores := grow(sc.sc, len(f.outB))
	for t := range T {
		copy(scores, f.outB)
		matTVecAddFixed(f.outT, fixedInputs(hs[t*2*H:(t+1)*2*H], q), scores)
		set(t, scores[:f.nclass])
	}
	sc.pre, sc.hs, sc.z, sc.h, sc.c, sc.tmp, sc.sc, sc.q = pre, hs, z, h, c, tmp, scores, q
}

func addToGo(dst, src []float32) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += v
	}
}
