package syntax

import (
	"cmp"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMatTVecAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, cols := range []int{1, 5, 64, 128} {
		for _, rows := range []int{1, 8, 13, 64, 102, 256} {
			w, x := uniform(rng, rows*cols, 1), uniform(rng, cols, 1)
			for i := range w {
				w[i] = fromBF16(toBF16(w[i]))
			}
			padded := len(transpose(w, rows, cols)) / cols
			wT := newHalfMatrix(transpose(w, rows, cols))
			got, want := make([]float32, padded), make([]float32, rows)
			matTVecAddHalf(wT, x, got)
			matVecAddGo(w, x, want)
			for r := range rows {
				if d := math.Abs(float64(got[r] - want[r])); d > 1e-4*(1+math.Abs(float64(want[r]))) {
					t.Fatalf("%d×%d row %d: %v, want %v", rows, cols, r, got[r], want[r])
				}
			}
			for r := rows; r < padded; r++ {
				if got[r] != 0 {
					t.Fatalf("%d×%d: padding %d is %v", rows, cols, r, got[r])
				}
			}
		}
	}
}

// TestMatTVecAddFixed checks the fixed-point product against float32's, and the
// assembly against the Go loop, which must agree to the bit.
func TestMatTVecAddFixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, cols := range []int{1, 5, 32, 64, 128} {
		for _, rows := range []int{1, 8, 13, 64, 102, 256} {
			for _, spread := range []float64{0.1, 3} {
				w, x := uniform(rng, rows*cols, spread), uniform(rng, cols, 1)
				x[0] = 1 // the inputs' bounds
				if cols > 1 {
					x[1] = -1
				}
				m := newFixedMatrix(transpose(w, rows, cols), cols)
				q := fixedInputs(x, make([]int16, cols+1))
				want := make([]float32, rows)
				matVecAddGo(w, x, want)
				var got [2][]float32
				for k, avx := range []bool{false, useAVX2} {
					saved := useAVX2
					useAVX2 = avx
					got[k] = make([]float32, m.rows)
					matTVecAddFixed(m, q, got[k])
					useAVX2 = saved
				}
				if !slices.Equal(got[0], got[1]) {
					t.Fatalf("%d×%d: assembly %v, Go %v", rows, cols, got[1], got[0])
				}
				for r := range rows {
					// Each weight is off by at most half its unit, each input by half of its.
					tol := float64(cols)*(0.5*float64(m.scale)*fixedInput+spread*0.5/fixedInput) + 1e-5*math.Abs(float64(want[r]))
					if d := math.Abs(float64(got[0][r] - want[r])); d > tol {
						t.Fatalf("%d×%d row %d: %v, want %v", rows, cols, r, got[0][r], want[r])
					}
				}
				for r := rows; r < m.rows; r++ {
					if got[0][r] != 0 {
						t.Fatalf("%d×%d: padding %d is %v", rows, cols, r, got[0][r])
					}
				}
			}
		}
	}
}

func TestFixedInputs(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, n := range []int{1, 15, 16, 64, 128} {
		x := uniform(rng, n, 1.2)
		x[0] = 0.5 / fixedInput // a tie, rounded to even
		var got [2][]int16
		for k, avx := range []bool{false, useAVX2} {
			saved := useAVX2
			useAVX2 = avx
			got[k] = slices.Clone(fixedInputs(x, make([]int16, n+1)))
			useAVX2 = saved
		}
		if !slices.Equal(got[0], got[1]) {
			t.Fatalf("n %d: assembly %v, Go %v", n, got[1], got[0])
		}
		for i, v := range x {
			want := float64(max(-1, min(1, v))) * fixedInput
			if d := math.Abs(float64(got[0][i]) - want); d > 0.5 || i == 0 && got[0][i] != 0 {
				t.Fatalf("n %d: x[%d] = %v became %d", n, i, v, got[0][i])
			}
		}
	}
}

func TestSquash(t *testing.T) {
	var xs []float32
	for x := float32(-90); x <= 90; x += 0.037 {
		xs = append(xs, x)
	}
	xs = append(xs, 0, -0.0001, 0.0001)
	for _, c := range []struct {
		name string
		k    *[16]float32
		f    func(float32) float32
	}{{"sigmoid", &squashSigmoid, sigmoid}, {"tanh", &squashTanh, tanh}} {
		got := slices.Clone(xs)
		squash(got, c.k)
		for i, x := range xs {
			if d := math.Abs(float64(got[i] - c.f(x))); d > 1e-6 {
				t.Fatalf("%s(%v) = %v, want %v", c.name, x, got[i], c.f(x))
			}
		}
	}
}

func TestHalf(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		x := fromBF16(toBF16(float32(rng.NormFloat64() * math.Pow(10, 4*rng.Float64()-3))))
		got := fromHalf(toHalf(x))
		if math.Abs(float64(x)) >= 1.0/16384 && math.Abs(float64(x)) < 65504 && got != x {
			t.Fatalf("16-bit float %v comes back %v", x, got)
		}
	}
	for _, x := range []float32{0, 1e-9, -1e-9, 1e6, -1e6, 65504, 1, -2.5} {
		if got := fromHalf(toHalf(x)); math.Abs(float64(got-max(-65504, min(65504, x)))) > 1e-4 {
			t.Errorf("%v comes back %v", x, got)
		}
	}
	// The assembly's conversion agrees with fromHalf.
	rows, cols := 72, 64
	w := make([]float32, rows*cols)
	for i := range w {
		w[i] = fromBF16(toBF16(float32(rng.NormFloat64() * 0.3)))
	}
	x := uniform(rng, cols, 1)
	m := newHalfMatrix(transpose(w, rows, cols))
	got, want := make([]float32, len(m.full)/cols), make([]float32, rows)
	matTVecAddHalf(m, x, got)
	matVecAddGo(w, x, want)
	for r := range rows {
		if math.Abs(float64(got[r]-want[r])) > 1e-4*(1+math.Abs(float64(want[r]))) {
			t.Fatalf("row %d: %v, want %v", r, got[r], want[r])
		}
	}
}

func TestAddTo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 8, 13, 40, 512} {
		dst, src := uniform(rng, n, 1), uniform(rng, n+3, 1)
		want := make([]float32, n)
		for i := range want {
			want[i] = dst[i] + src[i]
		}
		addTo(dst, src)
		for i := range want {
			if dst[i] != want[i] {
				t.Fatalf("n %d: dst[%d] = %v, want %v", n, i, dst[i], want[i])
			}
		}
	}
}

func TestExpApprox(t *testing.T) {
	for x := float32(-90); x <= 90; x += 0.01 {
		got, want := float64(expApprox(x)), math.Exp(float64(max(-80, min(80, x))))
		if math.Abs(got-want) > 5e-6*want {
			t.Fatalf("expApprox(%v) = %v, want %v", x, got, want)
		}
		if s, want := sigmoidApprox(x), sigmoid(x); math.Abs(float64(s-want)) > 1e-6 {
			t.Fatalf("sigmoidApprox(%v) = %v, want %v", x, s, want)
		}
		if th, want := tanhApprox(x), tanh(x); math.Abs(float64(th-want)) > 1e-6 {
			t.Fatalf("tanhApprox(%v) = %v, want %v", x, th, want)
		}
	}
}

// BenchmarkLSTMParts times the pieces of one word's BiLSTM step with 64 units, for
// lstmFast's profile: the recurrent product, the cell's nonlinearities, the input
// rows' sum and the output layer, the products in half precision and in fixed point
// (which lstmFast uses), with and without rounding the hidden state to it.
func BenchmarkLSTMParts(b *testing.B) {
	const H, nclass = 64, 102
	rng := rand.New(rand.NewPCG(5, 6))
	rec, h, z := uniform(rng, 4*H*H, 0.1), uniform(rng, H, 1), uniform(rng, 4*H, 1)
	c := uniform(rng, H, 1)
	rows, v := uniform(rng, 8*H, 1), make([]float32, 8*H)
	out, hs, sc := uniform(rng, nclass*2*H, 0.1), uniform(rng, 2*H, 1), make([]float32, nclass)
	recT := newHalfMatrix(transpose(rec, 4*H, H))
	b.Run("recurrent-T", func(b *testing.B) {
		for range b.N {
			matTVecAddHalf(recT, h, z)
		}
	})
	b.Run("cell", func(b *testing.B) {
		g, tmp := make([]float32, 4*H), make([]float32, H)
		for range b.N {
			copy(g, z)
			cellApprox(g, c, c, h, tmp)
		}
	})
	b.Run("input-row", func(b *testing.B) {
		for range b.N {
			addTo(v, rows)
		}
	})
	outT := newHalfMatrix(transpose(out, nclass, 2*H))
	sc = make([]float32, len(outT.full)/(2*H))
	b.Run("output", func(b *testing.B) {
		for range b.N {
			matTVecAddHalf(outT, hs, sc)
		}
	})
	recF := newFixedMatrix(transpose(rec, 4*H, H), H)
	q := make([]int16, 2*H)
	b.Run("recurrent-fixed", func(b *testing.B) {
		for range b.N {
			matTVecAddFixed(recF, fixedInputs(h, q), z)
		}
	})
	outF := newFixedMatrix(transpose(out, nclass, 2*H), 2*H)
	b.Run("output-fixed", func(b *testing.B) {
		for range b.N {
			matTVecAddFixed(outF, fixedInputs(hs, q), sc)
		}
	})
	q = fixedInputs(hs, q)
	b.Run("output-fixed-only", func(b *testing.B) {
		for range b.N {
			matTVecAddFixed(outF, q, sc)
		}
	})
	b.Run("quantize", func(b *testing.B) {
		for range b.N {
			fixedInputs(hs, q)
		}
	})
}

// TestScoreDense checks that weights with dense rows score what the rows add up to,
// with the assembly and without, for the class counts the models use.
func TestScoreDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, nclass := range []int{4, 13, 17, 51, 96, 102, 110, 128} {
		var rows []featureRow
		for k := range 600 {
			r := featureRow{key: rng.Uint64()}
			n := 1 + rng.IntN(nclass)
			if k%3 == 0 {
				n = nclass // dense for sure
			}
			for _, c := range rng.Perm(nclass)[:n] {
				r.cls = append(r.cls, uint8(c))
				r.vals = append(r.vals, int16(rng.IntN(64001)-32000))
			}
			rows = append(rows, r)
		}
		w := buildWeights(nclass, rows)
		for _, nfeat := range []int{1, 7, 40, maxBatch, maxBatch + 9} {
			feats := make([]uint64, nfeat)
			want := make([]int32, nclass)
			for i := range feats {
				r := rows[rng.IntN(len(rows))]
				feats[i] = r.key
				for j, c := range r.cls {
					want[c] += int32(r.vals[j])
				}
			}
			for _, avx := range []bool{false, useAVX2} {
				saved := useAVX2
				useAVX2 = avx
				got := make([]int32, nclass)
				w.score(feats, got)
				useAVX2 = saved
				if !slices.Equal(got, want) {
					t.Fatalf("%d classes, %d features, assembly %v: %v, want %v", nclass, nfeat, avx, got, want)
				}
			}
		}
	}
}

// TestScoreBuckets checks the bucketed tables: every row is found with its
// weights, absent features add nothing, and rows pushed past a full bucket are still
// found. Keys are drawn from few buckets so that chains form.
func TestScoreBuckets(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, nclass := range []int{1, 3, 13, 96} {
		fp := func(key uint64) uint64 { return uint64(fingerprint(key)) }
		if nclass <= smallClasses {
			fp = func(key uint64) uint64 { return uint64(smallFingerprint(key)) }
		}
		for _, crowd := range []uint64{0, 7} { // 7: every key's home among 8 buckets
			var rows []featureRow
			seen := map[uint64]bool{}
			for len(rows) < 900 {
				key := rng.Uint64()
				if crowd != 0 {
					key = key&^1023 | key&crowd
				}
				// Rows whose chains cross with the same fingerprint cannot both
				// be found: keep the fingerprints apart.
				if seen[fp(key)] {
					continue
				}
				seen[fp(key)] = true
				r := featureRow{key: key}
				n := nclass
				if nclass > smallClasses && len(rows)%2 == 0 {
					n = 1 + rng.IntN(nclass) // dense or sparse
				}
				for _, c := range rng.Perm(nclass)[:n] {
					r.cls = append(r.cls, uint8(c))
					r.vals = append(r.vals, int16(rng.IntN(64001)-32000))
				}
				rows = append(rows, r)
			}
			slices.SortFunc(rows, func(a, b featureRow) int { return cmp.Compare(a.key, b.key) })
			w := buildWeights(nclass, rows)
			over := 0
			for _, word := range w.over {
				over += bits.OnesCount64(word)
			}
			if crowd != 0 && over == 0 {
				t.Fatalf("%d classes: no bucket overflowed", nclass)
			}
			for _, nfeat := range []int{1, 40, maxBatch + 9} {
				feats := make([]uint64, nfeat)
				want := make([]int32, nclass)
				for i := range feats {
					if i%3 == 2 { // absent: a fingerprint no row has
						feats[i] = rng.Uint64()
						for seen[fp(feats[i])] {
							feats[i] = rng.Uint64()
						}
						continue
					}
					r := rows[rng.IntN(len(rows))]
					feats[i] = r.key
					for j, c := range r.cls {
						want[c] += int32(r.vals[j])
					}
				}
				got := make([]int32, nclass)
				w.score(feats, got)
				if !slices.Equal(got, want) {
					t.Fatalf("%d classes, crowded %v, %d features: %v, want %v", nclass, crowd != 0, nfeat, got, want)
				}
			}
		}
	}
}

// TestBucketsFirstRowWins: of two rows with the same home and fingerprint, a lookup
// can reach only one, and the table keeps the first, as its build promises.
func TestBucketsFirstRowWins(t *testing.T) {
	for _, nclass := range []int{3, 13} {
		first := featureRow{key: 5, cls: []uint8{1}, vals: []int16{100}}
		second := featureRow{key: 5 | 1<<20, cls: []uint8{1}, vals: []int16{-7}} // bit 20: neither home nor fingerprint
		w := buildWeights(nclass, []featureRow{first, second})
		got := make([]int32, nclass)
		w.score([]uint64{second.key}, got)
		if got[1] != 100 {
			t.Errorf("%d classes: a lookup of the second row scores %d, want the first row's 100", nclass, got[1])
		}
	}
}
