package syntax

import "golang.org/x/sys/cpu"

var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA && cpu.X86.HasF16C

//go:noescape
func addToAVX2(dst, src *float32, n int)

// addTo adds src to dst, value by value.
func addTo(dst, src []float32) {
	if !useAVX2 || len(dst)%8 != 0 || len(dst) == 0 {
		addToGo(dst, src)
		return
	}
	_ = src[len(dst)-1]
	addToAVX2(&dst[0], &src[0], len(dst))
}

//go:noescape
func squashAVX2(p *float32, n int, k *[16]float32)

// squash sets every p[i] to a/(1+exp(s·p[i])) + b, for k = squashSigmoid or
// squashTanh.
func squash(p []float32, k *[16]float32) {
	n := 0
	if useAVX2 {
		n = len(p) / 8 * 8
		if n > 0 {
			squashAVX2(&p[0], n, k)
		}
	}
	squashGo(p[n:], k)
}

//go:noescape
func matTVecAddF16AVX2(wT *uint16, x, out *float32, rows, cols int)

// matTVecAddHalf adds to out[j] column j of m (len(out) wide, len(x) rows) times x.
func matTVecAddHalf(m *halfMatrix, x, out []float32) {
	if !useAVX2 || len(out)%8 != 0 || len(out) == 0 || len(x) == 0 {
		matTVecAddGo(m.full, x, out)
		return
	}
	_ = m.half[len(out)*len(x)-1]
	matTVecAddF16AVX2(&m.half[0], &x[0], &out[0], len(out), len(x))
}

//go:noescape
func addDenseAVX2(dense *uint64, offs *int32, n int, lanes int, out *int32)

// addDense sets sums to the dense rows at offs summed, class by class, each class
// still biased by denseBias once per row.
func (w *weights) addDense(offs []int32, sums *[lastEntry]int32) {
	lanes := 4 * w.denseN
	if !useAVX2 || lanes%32 != 0 || lanes > lastEntry || len(offs) == 0 {
		w.addDenseGo(offs, sums)
		return
	}
	// The assembly does not check bounds: buildWeights makes every offset in a
	// slot the start of a whole row.
	addDenseAVX2(&w.dense[0], &offs[0], len(offs), lanes, &sums[0])
}

//go:noescape
func matTVecAddFixedAVX2(w, q *int16, out *float32, rows, pairs int, scale float32)

// matTVecAddFixed adds to out[j] column j of m times the fixed-point inputs q
// (fixedInputs).
func matTVecAddFixed(m *fixedMatrix, q []int16, out []float32) {
	if m.pairs == 0 {
		return
	}
	_, _ = q[2*m.pairs-1], out[m.rows-1]
	if !useAVX2 || m.rows%8 != 0 {
		matTVecAddFixedGo(m, q, out)
		return
	}
	matTVecAddFixedAVX2(&m.w[0], &q[0], &out[0], m.rows, m.pairs, m.scale)
}

//go:noescape
func fixedInputsAVX2(x *float32, q *int16, n int)

// fixedInputs rounds x to fixed point into q (len(x) rounded up to even).
func fixedInputs(x []float32, q []int16) []int16 {
	if !useAVX2 || len(x)%16 != 0 || len(x) == 0 {
		return fixedInputsGo(x, q)
	}
	q = q[:len(x)]
	fixedInputsAVX2(&x[0], &q[0], len(x))
	return q
}
