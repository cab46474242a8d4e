package syntax

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Word embeddings learnt from the unlabelled news: each word a short vector, close
// to the vectors of words used in the same contexts (skip-gram with negative
// sampling, as word2vec). The BiLSTMs start their word tables from them, so that a
// word the treebanks never show still comes with what the news says of it.

// EmbeddingOptions say which words get a vector and how they are learnt.
type EmbeddingOptions struct {
	MinCount, MaxWords int     // as in ClusterOptions
	Dims               int     // vector length
	Window             int     // context words each side, at most (each centre draws 1..Window)
	Negative           int     // noise words per context word
	Sample             float64 // frequent words are skipped as word2vec does, with this threshold
	Epochs             int
	Rate               float64 // learning rate at the start, falling linearly to nearly 0
	Seed               uint64
}

// DefaultEmbeddingOptions are the settings dyad train syntax uses; Dims is the
// BiLSTMs' word table width.
var DefaultEmbeddingOptions = EmbeddingOptions{
	MinCount: 5, MaxWords: 100000, Dims: 48, Window: 5, Negative: 5, Sample: 1e-4, Epochs: 1, Rate: 0.025, Seed: 1,
}

// Embeddings learns a vector for each of the most frequent words (keyed as
// clusterKey gives them); the same corpus and options give the same vectors.
func (b *ClusterBuilder) Embeddings(opt EmbeddingOptions) map[string][]float32 {
	order := b.byFrequency()
	nw := 0
	for nw < len(order) && nw < opt.MaxWords && b.count[order[nw]] >= int64(max(opt.MinCount, 1)) {
		nw++
	}
	if nw == 0 || opt.Dims <= 0 {
		return map[string][]float32{}
	}
	row := make([]int32, len(b.words)) // corpus id → vector row, -1 if none
	for i := range row {
		row[i] = -1
	}
	var total float64
	for r, id := range order[:nw] {
		row[id] = int32(r)
		total += float64(b.count[id])
	}
	// keep[r] is the chance a token of row r is kept (word2vec's subsampling).
	keep := make([]float64, nw)
	for r, id := range order[:nw] {
		f := float64(b.count[id]) / total
		keep[r] = 1
		if opt.Sample > 0 {
			keep[r] = min(1, (math.Sqrt(f/opt.Sample)+1)*opt.Sample/f)
		}
	}
	// Noise words are drawn by count^0.75 from a table.
	noise := make([]int32, 1<<22)
	var z float64
	for _, id := range order[:nw] {
		z += math.Pow(float64(b.count[id]), 0.75)
	}
	{
		r, acc := 0, math.Pow(float64(b.count[order[0]]), 0.75)/z
		for i := range noise {
			for float64(i+1)/float64(len(noise)) > acc && r < nw-1 {
				r++
				acc += math.Pow(float64(b.count[order[r]]), 0.75) / z
			}
			noise[i] = int32(r)
		}
	}
	d := opt.Dims
	rng := rand.New(rand.NewPCG(opt.Seed, 0x656d626564))
	in := make([]float32, nw*d)
	for i := range in {
		in[i] = float32((rng.Float64() - 0.5) / float64(d))
	}
	out := make([]float32, nw*d)
	grad := make([]float32, d)
	steps := float64(max(opt.Epochs, 1)) * total
	var done float64
	sent := make([]int32, 0, 64)
	for range max(opt.Epochs, 1) {
		for i := 0; i < len(b.text); {
			// One sentence at a time, its kept in-vocabulary words.
			sent = sent[:0]
			for i++; i < len(b.text) && b.text[i] >= 0; i++ {
				r := row[b.text[i]]
				if r < 0 {
					continue
				}
				done++ // steps counts the words with a vector only
				if keep[r] >= 1 || rng.Float64() < keep[r] {
					sent = append(sent, r)
				}
			}
			rate := float32(opt.Rate * max(1-done/steps, 1e-4))
			for c, centre := range sent {
				w := 1 + rng.IntN(max(opt.Window, 1))
				for j := max(c-w, 0); j <= min(c+w, len(sent)-1); j++ {
					if j == c {
						continue
					}
					v := in[int(sent[j])*d : int(sent[j]+1)*d]
					clear(grad)
					for k := 0; k <= opt.Negative; k++ {
						target, label := centre, float32(1)
						if k > 0 {
							if target = noise[rng.IntN(len(noise))]; target == centre {
								continue
							}
							label = 0
						}
						u := out[int(target)*d : int(target+1)*d]
						var dot float32
						for x := range v {
							dot += v[x] * u[x]
						}
						g := (label - sigmoid(dot)) * rate
						for x := range v {
							grad[x] += g * u[x]
							u[x] += g * v[x]
						}
					}
					for x := range v {
						v[x] += grad[x]
					}
				}
			}
		}
	}
	vecs := make(map[string][]float32, nw)
	for r, id := range order[:nw] {
		vecs[b.words[id]] = in[r*d : (r+1)*d : (r+1)*d]
	}
	return vecs
}

// byFrequency is the corpus's word ids, most frequent first, ties by spelling, so
// that nothing depends on the order words were first seen.
func (b *ClusterBuilder) byFrequency() []int32 {
	order := make([]int32, len(b.words))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		if b.count[x] != b.count[y] {
			if b.count[x] > b.count[y] {
				return -1
			}
			return 1
		}
		return strings.Compare(b.words[x], b.words[y])
	})
	return order
}

// WriteEmbeddings writes vectors as text, one word a line: the word, then its
// numbers, separated by spaces (the word2vec text format without its header), in
// sorted order.
func WriteEmbeddings(w io.Writer, vecs map[string][]float32) error {
	bw := bufio.NewWriter(w)
	keys := make([]string, 0, len(vecs))
	for k := range vecs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var buf []byte
	for _, k := range keys {
		buf = append(buf[:0], k...)
		for _, x := range vecs[k] {
			buf = append(buf, ' ')
			buf = strconv.AppendFloat(buf, float64(x), 'g', 6, 32)
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadEmbeddings reads what WriteEmbeddings wrote; every vector must have the
// length of the first. Errors name the line.
func ReadEmbeddings(r io.Reader, name string) (map[string][]float32, error) {
	vecs := map[string][]float32{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	dims := -1
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if dims < 0 {
			dims = len(f) - 1
		}
		if len(f)-1 != dims || dims == 0 {
			return nil, fmt.Errorf("%s:%d: %d numbers, want %d", name, line, len(f)-1, dims)
		}
		v := make([]float32, dims)
		for i, s := range f[1:] {
			x, err := strconv.ParseFloat(s, 32)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%s:%d: bad number %q", name, line, s)
			}
			v[i] = float32(x)
		}
		if _, dup := vecs[f[0]]; dup {
			return nil, fmt.Errorf("%s:%d: %q twice", name, line, f[0])
		}
		vecs[f[0]] = v
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return vecs, nil
}
