package syntax

import "math"

// The BiLSTM's arithmetic at run time: matrix-vector products (in assembly where the
// processor has AVX2 and FMA, see vecmath_amd64.s; half precision for the input
// rows, computed once per word, and 16-bit fixed point for the products with hidden
// states, made at every step) and exp-based nonlinearities cheaper than the math
// package's, accurate to float32's precision.

// matVecAddGo adds to out[r] row r of w (len(x) wide) times x.
func matVecAddGo(w, x, out []float32) {
	for r := range out {
		out[r] += dot(w[r*len(x):(r+1)*len(x)], x)
	}
}

// matTVecAddGo adds to out[j] column j of wT (len(out) wide, len(x) rows) times x.
func matTVecAddGo(wT, x, out []float32) {
	for i, v := range x {
		for j, w := range wT[i*len(out) : (i+1)*len(out)] {
			out[j] += v * w
		}
	}
}

// transpose returns the rows × cols matrix w stored column by column, each column
// padded with zeros to a multiple of 8, or of 64 when it is longer than 64: the
// assembly sums 64 outputs at once with eight independent accumulators, and eight
// with one, which waits on each addition before the next.
func transpose(w []float32, rows, cols int) []float32 {
	padded := (rows + 7) / 8 * 8
	if rows > 64 {
		padded = (rows + 63) / 64 * 64
	}
	t := make([]float32, cols*padded)
	for r := range rows {
		for c := range cols {
			t[c*padded+r] = w[r*cols+c]
		}
	}
	return t
}

// halfMatrix is a transposed matrix (see transpose) in float32 and in IEEE half
// precision, which the assembly reads. The BiLSTM's weights are 16-bit floats with 8
// bits of mantissa (toBF16); half precision has 11, so only weights below 2^-14,
// which move nothing, change.
type halfMatrix struct {
	full []float32
	half []uint16
}

func newHalfMatrix(wT []float32) *halfMatrix {
	m := &halfMatrix{full: wT, half: make([]uint16, len(wT))}
	for i, x := range wT {
		m.half[i] = toHalf(x)
	}
	return m
}

// toHalf rounds x to IEEE half precision (to nearest even), flushing magnitudes
// below 2^-14 to zero and clamping above 65504.
func toHalf(x float32) uint16 {
	b := math.Float32bits(x)
	sign := uint16(b>>16) & 0x8000
	exp := int32(b>>23&0xff) - 127 + 15
	switch {
	case exp <= 0:
		return sign
	case exp >= 31:
		return sign | 0x7bff
	}
	m := b & 0x7fffff
	h := uint32(exp)<<10 | m>>13
	rest := m & 0x1fff
	if rest > 0x1000 || rest == 0x1000 && h&1 == 1 {
		h++ // may carry into the exponent, which is right; 0x7c00 is infinity
		if h >= 0x7c00 {
			h = 0x7bff
		}
	}
	return sign | uint16(h)
}

// fromHalf is toHalf's inverse for the values it makes.
func fromHalf(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h >> 10 & 0x1f)
	if exp == 0 {
		return math.Float32frombits(sign)
	}
	return math.Float32frombits(sign | (exp-15+127)<<23 | uint32(h&0x3ff)<<13)
}

// expApprox is e^x to about 1e-7 relative error for x in the float32 range (below
// -87 it is 0, above 88 +Inf-free large): 2^(x·log2 e) split into an integer power,
// made from the exponent bits, and a fraction, from a degree-6 series.
func expApprox(x float32) float32 {
	x = max(-80, min(80, x)) // beyond, results would be subnormal, and slow
	t := x * 1.442695041
	// Round to the nearest integer by the float trick: adding 1.5·2^23 pushes the
	// fraction out of the mantissa.
	k := (t + 12582912) - 12582912
	y := (t - k) * 0.6931471806 // in [-0.35, 0.35]
	p := 1 + y*(1+y*(0.5+y*(1.0/6+y*(1.0/24+y*(1.0/120+y*(1.0/720))))))
	return p * math.Float32frombits(uint32(int32(k)+127)<<23)
}

func sigmoidApprox(x float32) float32 { return 1 / (1 + expApprox(-x)) }

func tanhApprox(x float32) float32 { return 1 - 2/(1+expApprox(2*x)) }

// squashSigmoid and squashTanh are squash's constants for the logistic sigmoid,
// 1/(1+e^-x), and for tanh, 1 - 2/(1+e^2x): the input scale s, the clamp, log2 e,
// ln 2, 1, a, b and expApprox's coefficients from x⁶/6! down.
var (
	squashSigmoid = [16]float32{-1, -80, 80, 1.442695041, 0.6931471806, 1, 1, 0, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5}
	squashTanh    = [16]float32{2, -80, 80, 1.442695041, 0.6931471806, 1, -2, 1, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5}
)

func squashGo(p []float32, k *[16]float32) {
	for i, x := range p {
		p[i] = k[6]/(1+expApprox(k[0]*x)) + k[7]
	}
}

// cellApprox is cell with the approximate nonlinearities; tmp is hidden long.
func cellApprox(g, cPrev, c, h, tmp []float32) {
	H := len(h)
	g, tmp = g[:4*H], tmp[:H]
	cPrev, c = cPrev[:H], c[:H]
	squash(g[:3*H], &squashSigmoid)
	squash(g[3*H:], &squashTanh)
	for j := range H {
		c[j] = g[H+j]*cPrev[j] + g[j]*g[3*H+j]
		tmp[j] = c[j]
	}
	squash(tmp, &squashTanh)
	for j := range H {
		h[j] = g[2*H+j] * tmp[j]
	}
}

// fixedMatrix is a transposed matrix (see transpose) whose inputs all lie in [-1, 1]
// (the BiLSTM's hidden states), in 16-bit fixed point: multiplying integers, the
// assembly does 16 multiply-adds an instruction with no conversions, where the
// half-precision product converts every weight first. Inputs are taken in pairs, and
// each output's two weights of a pair sit side by side (pmaddwd's layout).
type fixedMatrix struct {
	w     []int16 // pair p, output j: w[(p*rows+j)*2+k] is input 2p+k's weight
	rows  int     // outputs, a multiple of 8 (transpose's padding)
	pairs int
	scale float32 // one unit of a sum of products, in real terms
}

// fixedInput is the scale of the inputs: a hidden state x becomes round(x·2^14).
const fixedInput = 1 << 14

// newFixedMatrix chooses the weights' scale so that no weight overflows 16 bits and
// no output's sum of products overflows 32, whatever the inputs in [-1, 1].
func newFixedMatrix(wT []float32, cols int) *fixedMatrix {
	rows := len(wT) / cols
	m := &fixedMatrix{rows: rows, pairs: (cols + 1) / 2}
	maxW, maxSum := 0.0, 0.0
	for j := range rows {
		sum := 0.0
		for i := range cols {
			a := math.Abs(float64(wT[i*rows+j]))
			maxW, sum = max(maxW, a), sum+a
		}
		maxSum = max(maxSum, sum)
	}
	sw := 1.0
	if maxW > 0 {
		// Rounding moves each weight by at most half a unit: the bound keeps room.
		sw = min(32767/maxW, ((1<<31-1)/fixedInput-float64(cols)/2)/maxSum)
	}
	m.scale = float32(1 / (sw * fixedInput))
	m.w = make([]int16, m.pairs*rows*2)
	for i := range cols {
		for j := range rows {
			m.w[((i/2)*rows+j)*2+i%2] = int16(math.Round(float64(wT[i*rows+j]) * sw))
		}
	}
	return m
}

// fixedInputsGo rounds x to fixed point into q (len(x) rounded up to even), to
// nearest even as the processor's conversion does.
func fixedInputsGo(x []float32, q []int16) []int16 {
	q = q[:(len(x)+1)/2*2]
	if len(x)%2 == 1 {
		q[len(x)] = 0 // the odd input's partner
	}
	for i, v := range x {
		q[i] = int16(math.RoundToEven(float64(max(-1, min(1, v)) * fixedInput)))
	}
	return q
}

// matTVecAddFixedGo adds to out[j] column j of m times the fixed-point inputs q,
// the integer sums exactly as the assembly makes them.
func matTVecAddFixedGo(m *fixedMatrix, q []int16, out []float32) {
	for j := range m.rows {
		var acc int32
		for p := range m.pairs {
			w := m.w[(p*m.rows+j)*2:]
			acc += int32(w[0])*int32(q[2*p]) + int32(w[1])*int32(q[2*p+1])
		}
		// The conversion rounds the product before the sum, as the assembly's
		// separate multiply and add do: without it Go may fuse the two.
		out[j] += float32(float32(acc) * m.scale)
	}
}
