//go:build !amd64

package syntax

// useAVX2 is false off amd64; the tests set it to compare the two paths.
var useAVX2 = false

// matVecAdd adds to out[r] row r of w (len(x) wide) times x.
func matVecAdd(w, x, out []float32) { matVecAddGo(w, x, out) }

// addTo adds src to dst, value by value.
func addTo(dst, src []float32) { addToGo(dst, src) }

// matTVecAdd adds to out[j] column j of wT (len(out) wide, len(x) rows) times x.
func matTVecAdd(wT, x, out []float32) { matTVecAddGo(wT, x, out) }

func squash(p []float32, k *[16]float32) { squashGo(p, k) }

func matTVecAddHalf(m *halfMatrix, x, out []float32) { matTVecAddGo(m.full, x, out) }
