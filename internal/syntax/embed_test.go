package syntax

import (
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestEmbeddings: words used in the same contexts get closer vectors than words
// used in others, the same corpus gives the same vectors, and the text format
// round-trips.
func TestEmbeddings(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	animals := []string{"cat", "dog", "horse", "mouse"}
	colours := []string{"red", "blue", "green", "yellow"}
	pick := func(ws []string) string { return ws[rng.IntN(len(ws))] }
	build := func() *ClusterBuilder {
		rng = rand.New(rand.NewPCG(3, 4))
		b := NewClusterBuilder()
		for range 3000 {
			b.Add(strings.Fields("the " + pick(animals) + " eats and sleeps all day"))
			b.Add(strings.Fields("a very " + pick(colours) + " paint on the wall"))
		}
		return b
	}
	opt := EmbeddingOptions{MinCount: 1, MaxWords: 100, Dims: 16, Window: 3, Negative: 5, Epochs: 3, Rate: 0.05, Seed: 1}
	vecs := build().Embeddings(opt)
	if len(vecs) != 19 {
		t.Fatalf("%d vectors, want 19", len(vecs))
	}
	cos := func(a, b string) float64 {
		var ab, aa, bb float64
		for i := range vecs[a] {
			x, y := float64(vecs[a][i]), float64(vecs[b][i])
			ab, aa, bb = ab+x*y, aa+x*x, bb+y*y
		}
		return ab / math.Sqrt(aa*bb)
	}
	for _, p := range [][3]string{{"cat", "dog", "red"}, {"horse", "mouse", "blue"}, {"red", "green", "cat"}, {"blue", "yellow", "horse"}} {
		if same, other := cos(p[0], p[1]), cos(p[0], p[2]); same <= other {
			t.Errorf("cos(%s, %s) = %.3f, not above cos(%s, %s) = %.3f", p[0], p[1], same, p[0], p[2], other)
		}
	}
	if again := build().Embeddings(opt); !reflect.DeepEqual(again, vecs) {
		t.Error("the same corpus gave other vectors")
	}
	var buf bytes.Buffer
	if err := WriteEmbeddings(&buf, vecs); err != nil {
		t.Fatal(err)
	}
	back, err := ReadEmbeddings(bytes.NewReader(buf.Bytes()), "v.txt")
	if err != nil {
		t.Fatal(err)
	}
	for w, v := range vecs {
		for i := range v {
			if math.Abs(float64(v[i]-back[w][i])) > 1e-5*max(1, math.Abs(float64(v[i]))) {
				t.Fatalf("%s[%d]: wrote %v, read %v", w, i, v[i], back[w][i])
			}
		}
	}
	for _, bad := range []struct{ text, want string }{
		{"a 1 2\nb 1\n", "v.txt:2: 1 numbers, want 2"},
		{"a 1 x\n", `v.txt:1: bad number "x"`},
		{"a 1 NaN\n", `v.txt:1: bad number "NaN"`},
		{"a 1 2\na 3 4\n", `v.txt:2: "a" twice`},
		{"a\n", "v.txt:1: 0 numbers"},
	} {
		if _, err := ReadEmbeddings(strings.NewReader(bad.text), "v.txt"); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.text, err, bad.want)
		}
	}
}
