//go:build !amd64

package syntax

// useAVX2 is false off amd64; the tests set it to compare the two paths.
var useAVX2 = false

// addTo adds src to dst, value by value.
func addTo(dst, src []float32) { addToGo(dst, src) }

func squash(p []float32, k *[16]float32) { squashGo(p, k) }

func matTVecAddHalf(m *halfMatrix, x, out []float32) { matTVecAddGo(m.full, x, out) }

func (w *weights) addDense(offs []int32, sums *[lastEntry]int32) { w.addDenseGo(offs, sums) }

func matTVecAddFixed(m *fixedMatrix, q []int16, out []float32) { matTVecAddFixedGo(m, q, out) }

func fixedInputs(x []float32, q []int16) []int16 { return fixedInputsGo(x, q) }
