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
	"unicode"
)

// Word clusters give the tagger and parser a view of words they rarely or never saw
// in the treebanks: words used in the same contexts in a large unlabelled corpus
// share a cluster. The clusters are a three-level hierarchy (16 coarse, 8 below each,
// 8 below those: 1024 leaves) found by spherical k-means on each word's left and
// right neighbours, weighted by positive pointwise mutual information. Coarse levels
// play the part of short Brown-cluster prefixes.

const (
	clusterTop    = 16
	clusterBranch = 8
	clusterLeaves = clusterTop * clusterBranch * clusterBranch
)

// WordClass is what the unlabelled corpus says of a word (lower case, digits as 0).
type WordClass struct {
	Cluster uint16 // leaf cluster, 0..1023
}

// ClusterOptions say how many words to cluster and how.
type ClusterOptions struct {
	MinCount int // words seen fewer times are left unclustered
	MaxWords int // at most this many words (the most frequent) are clustered
	Contexts int // the most frequent words used as context features, left and right
	Seed     uint64
}

// DefaultClusterOptions are the settings dyad train syntax uses.
var DefaultClusterOptions = ClusterOptions{MinCount: 5, MaxWords: 100000, Contexts: 1000, Seed: 1}

// ClusterBuilder collects a corpus, one sentence at a time, for Clusters.
type ClusterBuilder struct {
	ids   map[string]int32
	words []string
	count []int64
	text  []int32 // word ids, -1 between sentences
}

// NewClusterBuilder returns an empty builder.
func NewClusterBuilder() *ClusterBuilder {
	return &ClusterBuilder{ids: map[string]int32{}, text: []int32{-1}}
}

// clusterKey is how words are looked up in the clusters: lower case, digits as 0,
// the same as token.lower.
func clusterKey(form string) string {
	var b strings.Builder
	b.Grow(len(form))
	for _, r := range form {
		if unicode.IsDigit(r) {
			r = '0'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Add adds one tokenised sentence.
func (b *ClusterBuilder) Add(forms []string) {
	for _, f := range forms {
		k := clusterKey(f)
		id, ok := b.ids[k]
		if !ok {
			id = int32(len(b.words))
			b.ids[k] = id
			b.words = append(b.words, k)
			b.count = append(b.count, 0)
		}
		b.count[id]++
		b.text = append(b.text, id)
	}
	b.text = append(b.text, -1)
}

// Tokens is the number of tokens added.
func (b *ClusterBuilder) Tokens() int {
	n := 0
	for _, c := range b.count {
		n += int(c)
	}
	return n
}

// Clusters returns each clustered word (as clusterKey gives it) with its leaf
// cluster; the same corpus and options give the same result.
func (b *ClusterBuilder) Clusters(opt ClusterOptions) map[string]WordClass {
	// Rank words by frequency, ties by spelling, so the result does not depend on
	// the order words were first seen.
	order := b.byFrequency()
	rank := make([]int32, len(b.words))
	for r, id := range order {
		rank[id] = int32(r)
	}
	nw := 0
	for nw < len(order) && nw < opt.MaxWords && b.count[order[nw]] >= int64(opt.MinCount) {
		nw++
	}
	nc := min(opt.Contexts, len(order))
	if nw == 0 {
		return map[string]WordClass{}
	}
	// Context counts: dimension r is "left neighbour has rank r", nc+r "right
	// neighbour has rank r"; sentence edges are one more context each side.
	dim := 2*nc + 2
	ctx := make([]map[int32]float64, nw)
	for i := range ctx {
		ctx[i] = map[int32]float64{}
	}
	ctxOf := func(id int32, right bool) int32 {
		base := int32(0)
		if right {
			base = int32(nc) + 1
		}
		if id < 0 {
			return base + int32(nc)
		}
		if r := rank[id]; r < int32(nc) {
			return base + r
		}
		return -1
	}
	for i := 1; i+1 < len(b.text); i++ {
		id := b.text[i]
		if id < 0 || rank[id] >= int32(nw) {
			continue
		}
		m := ctx[rank[id]]
		if c := ctxOf(b.text[i-1], false); c >= 0 {
			m[c]++
		}
		if c := ctxOf(b.text[i+1], true); c >= 0 {
			m[c]++
		}
	}
	// PPMI weights, then unit length.
	colTot := make([]float64, dim)
	total := 0.0
	for _, m := range ctx {
		for c, v := range m {
			colTot[c] += v
			total += v
		}
	}
	vecs := make([]sparseVec, nw)
	for w, m := range ctx {
		rowTot := 0.0
		for _, v := range m {
			rowTot += v
		}
		keys := make([]int32, 0, len(m))
		for c := range m {
			keys = append(keys, c)
		}
		slices.Sort(keys)
		var sv sparseVec
		norm := 0.0
		for _, c := range keys {
			pmi := math.Log(m[c] * total / (rowTot * colTot[c]))
			if pmi <= 0 {
				continue
			}
			sv.idx = append(sv.idx, c)
			sv.val = append(sv.val, float32(pmi))
			norm += pmi * pmi
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for j := range sv.val {
				sv.val[j] *= inv
			}
		}
		vecs[w] = sv
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9E3779B9))
	all := make([]int32, nw)
	for i := range all {
		all[i] = int32(i)
	}
	leaf := make([]uint32, nw)
	// Split top-down: each level's groups are clustered again into clusterBranch.
	top := sphericalKMeans(vecs, all, dim, clusterTop, rng)
	for c1, g1 := range groups(all, top, clusterTop) {
		sub := sphericalKMeans(vecs, g1, dim, clusterBranch, rng)
		for c2, g2 := range groups(g1, sub, clusterBranch) {
			subsub := sphericalKMeans(vecs, g2, dim, clusterBranch, rng)
			for j, w := range g2 {
				leaf[w] = uint32((c1*clusterBranch+c2)*clusterBranch + subsub[j])
			}
		}
	}
	out := make(map[string]WordClass, nw)
	for r := 0; r < nw; r++ {
		out[b.words[order[r]]] = WordClass{Cluster: uint16(leaf[r])}
	}
	return out
}

type sparseVec struct {
	idx []int32
	val []float32
}

// groups splits members by their assignment.
func groups(members []int32, assign []int, k int) [][]int32 {
	out := make([][]int32, k)
	for j, w := range members {
		out[assign[j]] = append(out[assign[j]], w)
	}
	return out
}

// sphericalKMeans clusters the unit vectors of members into k groups by cosine,
// starting from k-means++ seeds, and returns each member's group.
func sphericalKMeans(vecs []sparseVec, members []int32, dim, k int, rng *rand.Rand) []int {
	assign := make([]int, len(members))
	if len(members) <= k {
		for j := range assign {
			assign[j] = j
		}
		return assign
	}
	cent := make([][]float32, k)
	dot := func(c []float32, v sparseVec) float32 {
		s := float32(0)
		for j, i := range v.idx {
			s += c[i] * v.val[j]
		}
		return s
	}
	// k-means++: each next seed drawn in proportion to its distance from the
	// nearest seed so far.
	best := make([]float32, len(members))
	for j := range best {
		best[j] = -2
	}
	pick := rng.IntN(len(members))
	for c := 0; c < k; c++ {
		cent[c] = make([]float32, dim)
		v := vecs[members[pick]]
		for j, i := range v.idx {
			cent[c][i] = v.val[j]
		}
		total := 0.0
		for j, w := range members {
			best[j] = max(best[j], dot(cent[c], vecs[w]))
			total += float64(1 - best[j])
		}
		if c+1 == k {
			break
		}
		x := rng.Float64() * total
		pick = len(members) - 1
		for j := range members {
			x -= float64(1 - best[j])
			if x <= 0 {
				pick = j
				break
			}
		}
	}
	for iter := 0; iter < 20; iter++ {
		moved := 0
		for j, w := range members {
			v := vecs[w]
			bc, bs := 0, float32(-2)
			for c := range cent {
				if s := dot(cent[c], v); s > bs {
					bc, bs = c, s
				}
			}
			if bc != assign[j] || iter == 0 {
				moved++
			}
			assign[j] = bc
		}
		if moved == 0 {
			break
		}
		for c := range cent {
			clear(cent[c])
		}
		for j, w := range members {
			v := vecs[w]
			for x, i := range v.idx {
				cent[assign[j]][i] += v.val[x]
			}
		}
		for c := range cent {
			n := 0.0
			for _, x := range cent[c] {
				n += float64(x) * float64(x)
			}
			if n > 0 {
				inv := float32(1 / math.Sqrt(n))
				for i := range cent[c] {
					cent[c][i] *= inv
				}
			}
		}
	}
	return assign
}

// WriteClusters writes clusters as text, one "word<TAB>leaf" line per word in
// sorted order.
func WriteClusters(w io.Writer, clusters map[string]WordClass) error {
	keys := make([]string, 0, len(clusters))
	for k := range clusters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	bw := bufio.NewWriter(w)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%d\n", k, clusters[k].Cluster)
	}
	return bw.Flush()
}

// ReadClusters reads what WriteClusters wrote.
func ReadClusters(r io.Reader, name string) (map[string]WordClass, error) {
	out := map[string]WordClass{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		w, cs, ok := strings.Cut(sc.Text(), "\t")
		c, err := strconv.ParseUint(cs, 10, 16)
		if !ok || err != nil || c >= clusterLeaves {
			return nil, fmt.Errorf("%s:%d: want word<TAB>cluster below %d", name, line, clusterLeaves)
		}
		out[w] = WordClass{Cluster: uint16(c)}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
