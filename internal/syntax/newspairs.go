package syntax

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// News pairs: which words a parser, run over the unlabelled news, attaches to which
// (Chen, Kazama, Uchimoto and Torisawa 2009, "Improving dependency parsing with
// subtrees from auto-parsed data"). The treebanks show a verb with a given noun or
// preposition a few times at most; tens of millions of parsed news words show most
// pairs that matter many times, and even a parser's errors wash out in the counts.
// The parser reads, for the arcs a move would make or allow, how often (and how
// typically) the news parses joined those two words: "held talks in Jerusalem" is a
// question of whether "talks" or "held" takes "in" more often.

// Pair kinds: a dependent word with its head, or the dependent's function word (its
// case or mark child: "in" of "in Jerusalem", "to" of "to leave") with the head, each
// with the dependent before or after the head.
const (
	pairDepLeft = iota
	pairDepRight
	pairFnLeft
	pairFnRight
	nPairKinds
)

// minPairCount is how often the news must show a pair for the model to keep it.
const minPairCount = 2

// pairKey packs a pair of vocabulary ids (1-based, at most 20 bits) and its kind.
func pairKey(head, dep uint32, kind int) uint64 {
	return uint64(head)<<24 | uint64(dep)<<4 | uint64(kind)
}

const maxPairWords = 1<<20 - 1

// NewsPairs are the pair counts of parsed news: the vocabulary the ids refer to
// (sorted; id i+1 is Words[i]), how often each word occurred, and each pair seen at
// least minPairCount times as pairKey<<20 | count.
type NewsPairs struct {
	Words  []string
	Tokens []uint32
	Pairs  []uint64
}

// pairVocab gives each clustered word (the words the news shows at least a few
// times) its id: its place in sorted order, from 1.
func pairVocab(clusters map[string]WordClass) map[string]uint32 {
	ids := make(map[string]uint32, len(clusters))
	for i, w := range slices.Sorted(maps.Keys(clusters)) {
		ids[w] = uint32(i + 1)
	}
	return ids
}

// CountNewsPairs parses every sentence news yields with m and counts the arcs between
// two words of the vocabulary (words of clusters), as pair kinds, leaving out
// punctuation and the root. The counts do not depend on how the work is shared among
// the cores.
func CountNewsPairs(m *Model, news func(add func(forms []string)) error, clusters map[string]WordClass) (*NewsPairs, int, error) {
	if len(clusters) > maxPairWords {
		return nil, 0, fmt.Errorf("news pairs: %d words, at most %d", len(clusters), maxPairWords)
	}
	ids := pairVocab(clusters)
	fn := make([]bool, len(m.labels))
	for l, name := range m.labels {
		fn[l] = isFunctionLabel(name)
	}
	batches := make(chan [][]string, 4)
	workers := max(1, runtime.GOMAXPROCS(0))
	keys := make([][]uint64, workers)
	occur := make([][]uint32, workers)
	tokens := make([]int, workers)
	var wg sync.WaitGroup
	for k := range workers {
		occur[k] = make([]uint32, len(ids)+1)
		wg.Go(func() {
			var heads, labels []int
			var vid []uint32
			for batch := range batches {
				for _, forms := range batch {
					toks := newTokens(forms)
					tags := m.tag(toks)
					n := len(forms)
					heads, labels, vid = slices.Grow(heads[:0], n)[:n], slices.Grow(labels[:0], n)[:n], slices.Grow(vid[:0], n)[:n]
					m.parse(toks, tags, heads, labels)
					for i := range toks {
						vid[i] = ids[toks[i].lower]
						occur[k][vid[i]]++
					}
					for d, h := range heads {
						if h == 0 || labels[d] == m.relFacts.punctLabel {
							continue
						}
						h--
						left := d < h
						if fn[labels[d]] {
							// A function word is counted with its phrase's head's head.
							if g := heads[h] - 1; g >= 0 && vid[g] != 0 && vid[d] != 0 {
								keys[k] = append(keys[k], pairKey(vid[g], vid[d], sideKind(pairFnLeft, h < g)))
							}
							continue
						}
						if vid[h] != 0 && vid[d] != 0 {
							keys[k] = append(keys[k], pairKey(vid[h], vid[d], sideKind(pairDepLeft, left)))
						}
					}
					tokens[k] += n
				}
			}
		})
	}
	var batch [][]string
	err := news(func(forms []string) {
		if len(forms) == 0 || len(forms) > 250 {
			return
		}
		batch = append(batch, forms)
		if len(batch) == 256 {
			batches <- batch
			batch = nil
		}
	})
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wg.Wait()
	if err != nil {
		return nil, 0, err
	}
	all := slices.Concat(keys...)
	keys = nil
	slices.Sort(all)
	np := &NewsPairs{Words: slices.Sorted(maps.Keys(clusters)), Tokens: make([]uint32, len(ids))}
	total := 0
	for k := range workers {
		total += tokens[k]
		for id := 1; id < len(occur[k]); id++ {
			np.Tokens[id-1] += occur[k][id]
		}
	}
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j] == all[i] {
			j++
		}
		if j-i >= minPairCount {
			np.Pairs = append(np.Pairs, all[i]<<20|uint64(min(j-i, 1<<20-1)))
		}
		i = j
	}
	return np, total, nil
}

// sideKind is the kind of a pair whose dependent is left of its head (base + 0) or
// right of it (base + 1).
func sideKind(base int, left bool) int {
	if left {
		return base
	}
	return base + 1
}

// isFunctionLabel tells the relations of function words that mark their phrase's
// role: case ("in", "of", 's) and mark ("to", "that", "because").
func isFunctionLabel(name string) bool {
	return name == "case" || name == "mark" || strings.HasPrefix(name, "case:") || strings.HasPrefix(name, "mark:")
}

// WriteNewsPairs writes np as text: "w<TAB>word<TAB>tokens" lines, then
// "p<TAB>kind<TAB>head<TAB>dependent<TAB>count" lines.
func WriteNewsPairs(w io.Writer, np *NewsPairs) error {
	bw := bufio.NewWriter(w)
	for i, word := range np.Words {
		fmt.Fprintf(bw, "w\t%s\t%d\n", word, np.Tokens[i])
	}
	for _, p := range np.Pairs {
		key := p >> 20
		h, d, kind := key>>24, key>>4&maxPairWords, key&15
		fmt.Fprintf(bw, "p\t%d\t%s\t%s\t%d\n", kind, np.Words[h-1], np.Words[d-1], p&(1<<20-1))
	}
	return bw.Flush()
}

// ReadNewsPairs reads what WriteNewsPairs wrote; name is for messages.
func ReadNewsPairs(r io.Reader, name string) (*NewsPairs, error) {
	np := &NewsPairs{}
	ids := map[string]uint32{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		bad := func(why string) error { return fmt.Errorf("%s:%d: %s", name, line, why) }
		switch {
		case len(f) == 3 && f[0] == "w":
			n, err := strconv.ParseUint(f[2], 10, 32)
			if err != nil {
				return nil, bad("bad count")
			}
			if len(np.Words) > 0 && np.Words[len(np.Words)-1] >= f[1] || len(np.Words) == maxPairWords {
				return nil, bad("words out of order, or too many")
			}
			np.Words = append(np.Words, f[1])
			np.Tokens = append(np.Tokens, uint32(n))
			ids[f[1]] = uint32(len(np.Words))
		case len(f) == 5 && f[0] == "p":
			kind, err1 := strconv.Atoi(f[1])
			n, err2 := strconv.ParseUint(f[4], 10, 20)
			h, d := ids[f[2]], ids[f[3]]
			if err1 != nil || err2 != nil || kind < 0 || kind >= nPairKinds || h == 0 || d == 0 {
				return nil, bad("bad pair")
			}
			np.Pairs = append(np.Pairs, pairKey(h, d, kind)<<20|n)
		default:
			return nil, bad("not a word or pair line")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	slices.Sort(np.Pairs)
	return np, nil
}

// pairCodes turns counts into what the parser reads of each pair, keyed by the ids of
// vocab (the model's clustered words): key<<4 | code, sorted, where code's low two
// bits are how frequent the pair is among those of its kind (1: the rest, 2: the top
// 30%, 3: the top 10%) and the next two how typical it is, in the same shares: for a
// dependent, the part of its occurrences that hang from this head; for a function
// word, the part of the head's occurrences that take it.
func pairCodes(np *NewsPairs, vocab map[string]uint32) []uint64 {
	remap := make([]uint32, len(np.Words)+1)
	for i, w := range np.Words {
		remap[i+1] = vocab[w]
	}
	type scored struct {
		key   uint64
		n     uint32
		share float64
	}
	var byKind [nPairKinds][]scored
	for _, p := range np.Pairs {
		key := p >> 20
		h, d, kind := uint32(key>>24), uint32(key>>4&maxPairWords), int(key&15)
		if remap[h] == 0 || remap[d] == 0 {
			continue
		}
		n := uint32(p & (1<<20 - 1))
		of := np.Tokens[d-1]
		if kind >= pairFnLeft {
			of = np.Tokens[h-1]
		}
		byKind[kind] = append(byKind[kind], scored{pairKey(remap[h], remap[d], kind), n, float64(n) / float64(max(of, 1))})
	}
	var out []uint64
	for _, ps := range byKind {
		freq := quantileCodes(ps, func(s scored) float64 { return float64(s.n) })
		typ := quantileCodes(ps, func(s scored) float64 { return s.share })
		for i, p := range ps {
			out = append(out, p.key<<4|typ[i]<<2|freq[i])
		}
	}
	slices.Sort(out)
	return out
}

// quantileCodes gives each item 3 if its value is in the top tenth, 2 in the next
// fifth, else 1; ties take the higher code.
func quantileCodes[T any](items []T, value func(T) float64) []uint64 {
	vals := make([]float64, len(items))
	for i, it := range items {
		vals[i] = value(it)
	}
	sorted := slices.Clone(vals)
	slices.SortFunc(sorted, func(a, b float64) int { return cmp.Compare(b, a) })
	codes := make([]uint64, len(items))
	if len(items) == 0 {
		return codes
	}
	top, mid := sorted[len(sorted)/10], sorted[len(sorted)*3/10]
	for i, v := range vals {
		switch {
		case v >= top:
			codes[i] = 3
		case v >= mid:
			codes[i] = 2
		default:
			codes[i] = 1
		}
	}
	return codes
}

// pairTable is the parser's lookup of pair codes: open addressing over 32-bit
// slots, each the high bits of the key's hash with the code in the low four (0:
// empty).
type pairTable struct {
	slots []uint32
	mask  uint64
}

func newPairTable(entries []uint64) *pairTable {
	size := 1
	for size < 2*len(entries) {
		size <<= 1
	}
	t := &pairTable{slots: make([]uint32, size), mask: uint64(size - 1)}
	for _, e := range entries {
		h := mix(e >> 4)
		fp := uint32(h>>32) &^ 15
		for i := h & t.mask; ; i = (i + 1) & t.mask {
			if t.slots[i] == 0 {
				t.slots[i] = fp | uint32(e&15)
				break
			}
		}
	}
	return t
}

// code is the pair's code (see pairCodes), 0 if the news did not show it often enough.
func (t *pairTable) code(key uint64) uint64 {
	h := mix(key)
	fp := uint32(h>>32) &^ 15
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return 0
		}
		if s&^15 == fp {
			return uint64(s & 15)
		}
	}
}
