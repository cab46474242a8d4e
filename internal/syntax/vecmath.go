package syntax

import "math"

// The BiLSTM's arithmetic at run time: matrix-vector products (in assembly where the
// processor has AVX2 and FMA, see vecmath_amd64.s) and exp-based nonlinearities
// cheaper than the math package's, accurate to float32's precision.

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
