package syntax

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// lossOf is the cross-entropy of a sentence under n, without dropout.
func lossOf(n *bilstm, s *lstmInput, gold []int) float64 {
	return n.backward(s, n.forward(s, 0, nil), gold, n.newGrads())
}

func testLSTMSentence(rng *rand.Rand, words, rows, nflags int) *lstmInput {
	s := &lstmInput{}
	for range words {
		s.ids = append(s.ids, []int32{int32(rng.IntN(rows)), int32(rng.IntN(rows))})
		f := make([]float32, nflags)
		f[rng.IntN(nflags)] = 1
		s.flags = append(s.flags, f)
	}
	return s
}

// TestBiLSTMGradient compares the back-propagated gradient of every kind of weight
// with a finite difference of the loss.
func TestBiLSTMGradient(t *testing.T) {
	for _, tc := range []struct {
		name          string
		nclass, split int
		gold          []int
	}{
		{"one head", 3, 0, []int{0, 2, 1, 2}},
		{"two heads", 5, 2, []int{pairClass(0, 2), pairClass(1, 0), pairClass(1, 1), pairClass(0, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkGradient(t, tc.nclass, tc.split, tc.gold) })
	}
}

func checkGradient(t *testing.T, nclass, split int, gold []int) {
	rng := rand.New(rand.NewPCG(1, 1))
	n := newBiLSTM(rng, []int{5, 5}, []int{3, 2}, 2, 4, nclass)
	n.split = split
	s := testLSTMSentence(rng, 4, 5, 2)
	g := n.newGrads()
	n.backward(s, n.forward(s, 0, nil), gold, g)
	check := func(name string, w, gw []float32, i int) {
		t.Helper()
		const eps = 1e-2
		old := w[i]
		w[i] = old + eps
		up := lossOf(n, s, gold)
		w[i] = old - eps
		down := lossOf(n, s, gold)
		w[i] = old
		num := (up - down) / (2 * eps)
		if diff := math.Abs(num - float64(gw[i])); diff > 1e-3+0.02*math.Abs(num) {
			t.Errorf("%s[%d]: back-propagated %.5f, finite difference %.5f", name, i, gw[i], num)
		}
	}
	for d := range n.dirs {
		for _, i := range []int{0, 7, 20, len(n.dirs[d].w) - 1, 4*4 + 3} {
			check("lstm w", n.dirs[d].w, g.dirs[d].w, i)
		}
		for i := range n.dirs[d].b {
			check("lstm b", n.dirs[d].b, g.dirs[d].b, i)
		}
	}
	for i := range n.out {
		check("out", n.out, g.out, i)
	}
	for i := range n.outB {
		check("out bias", n.outB, g.outB, i)
	}
	for k := range n.emb {
		for id, row := range g.emb[k] {
			d := n.dims[k]
			for i := range d {
				check("embedding", n.emb[k][int(id)*d:int(id+1)*d], row, i)
			}
		}
	}
}

// contextTask is 200 random sentences (two tables of 4 rows, one flag) and each
// word's gold class as gold gives it from the sentence's rows.
func contextTask(rng *rand.Rand, gold func(ids [][]int32, i int) int) ([]*lstmInput, [][]int) {
	var data []*lstmInput
	var golds [][]int
	for range 200 {
		s := testLSTMSentence(rng, 3+rng.IntN(5), 4, 1)
		g := make([]int, len(s.ids))
		for i := range g {
			g[i] = gold(s.ids, i)
		}
		data, golds = append(data, s), append(golds, g)
	}
	return data, golds
}

// TestBiLSTMLearns trains on a task that needs the right-hand context: each word's
// class is the first table's row of the next word. A window-free model cannot do
// it; the network must.
func TestBiLSTMLearns(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	n := newBiLSTM(rng, []int{4, 4}, []int{4, 2}, 1, 8, 4)
	data, golds := contextTask(rng, func(ids [][]int32, i int) int {
		if i+1 < len(ids) {
			return int(ids[i+1][0])
		}
		return 0
	})
	n.train(data, golds, lstmTraining{epochs: 30, rate: 0.1, clip: 5}, rng)
	right, total := 0, 0
	for i, s := range data {
		for j, c := range n.predict(s) {
			total++
			if c == golds[i][j] {
				right++
			}
		}
	}
	if acc := float64(right) / float64(total); acc < 0.95 {
		t.Errorf("accuracy on its training data %.2f, want at least 0.95", acc)
	}
}

// TestBiLSTMTwoHeads: a two-headed network learns two questions at once, each
// word's next word (first head) and previous word (second), and the fast path
// answers as the network does.
func TestBiLSTMTwoHeads(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	n := newBiLSTM(rng, []int{4, 4}, []int{4, 2}, 1, 8, 4+5)
	n.split = 4
	data, golds := contextTask(rng, func(ids [][]int32, i int) int {
		next, prev := 0, 4 // 4: no previous word
		if i+1 < len(ids) {
			next = int(ids[i+1][0])
		}
		if i > 0 {
			prev = int(ids[i-1][0])
		}
		return pairClass(next, prev)
	})
	n.train(data, golds, lstmTraining{epochs: 30, rate: 0.1, clip: 5}, rng)
	var right [2]int
	total := 0
	fast := n.fast()
	for i, s := range data {
		got := n.predict(s)
		if f := fast.predict(s); !slices.Equal(f, got) {
			t.Errorf("sentence %d: fast path %v, network %v", i, f, got)
		}
		for j, c := range got {
			total++
			a, b := unpairClass(c)
			ga, gb := unpairClass(golds[i][j])
			if a == ga {
				right[0]++
			}
			if b == gb {
				right[1]++
			}
		}
	}
	for h, r := range right {
		if acc := float64(r) / float64(total); acc < 0.95 {
			t.Errorf("head %d: accuracy on its training data %.2f, want at least 0.95", h+1, acc)
		}
	}
}

// supertaggerSized is a random network of the supertagger's shape (14 tables of 1,000
// rows, 215 inputs, 102 classes) and a 20-word sentence for it.
func supertaggerSized(hidden int) (*bilstm, *lstmInput) {
	rng := rand.New(rand.NewPCG(3, 3))
	rows := make([]int, len(lstmSuperDims))
	for i := range rows {
		rows[i] = 1000
	}
	n := newBiLSTM(rng, rows, lstmSuperDims, lstmSuperFlags, hidden, 102)
	s := &lstmInput{}
	for range 20 {
		ids := make([]int32, len(lstmSuperDims))
		for k := range ids {
			ids[k] = int32(rng.IntN(1000))
		}
		f := make([]float32, lstmSuperFlags)
		f[rng.IntN(lstmSuperFlags)] = 1
		s.ids = append(s.ids, ids)
		s.flags = append(s.flags, f)
	}
	return n, s
}

// TestBiLSTMFast: the network with its embeddings multiplied out chooses what the
// network itself chooses.
func TestBiLSTMFast(t *testing.T) {
	for _, h := range []int{8, 32} {
		n, s := supertaggerSized(h)
		// Random weights give near-uniform scores; sharpen the output layer so that
		// rounding cannot flip a choice.
		for i := range n.out {
			n.out[i] *= 50
		}
		want := n.predict(s)
		for _, avx := range []bool{false, useAVX2} {
			saved := useAVX2
			useAVX2 = avx
			got := n.fast().predict(s)
			useAVX2 = saved
			if !slices.Equal(got, want) {
				t.Errorf("hidden %d, AVX2 %v: fast %v, want %v", h, avx, got, want)
			}
		}
	}
}

// BenchmarkBiLSTMForward measures prediction with a supertagger-sized network per
// word: the plain forward pass and the one with the embeddings multiplied out, with
// 64 and 32 units each way.
func BenchmarkBiLSTMForward(b *testing.B) {
	for _, h := range []int{64, 32} {
		n, s := supertaggerSized(h)
		f := n.fast()
		for _, c := range []struct {
			name    string
			predict func(*lstmInput) []int
		}{{"plain", n.predict}, {"fast", f.predict}} {
			b.Run(fmt.Sprintf("%s-%d", c.name, h), func(b *testing.B) {
				for range b.N {
					c.predict(s)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(s.ids))/1000, "µs/word")
			})
		}
	}
}
