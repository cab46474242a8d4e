package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// What the BiLSTM supertagger (experimental, session 12; see model/MODEL.md) reads
// of a word: an embedding of each of these, and seven flags.
const (
	lsWord = iota // lower-cased word, from a vocabulary; 0 unknown
	lsSuf1
	lsSuf2
	lsSuf3
	lsSuf4
	lsPre1
	lsPre3
	lsShape
	lsClus    // leaf cluster + 1
	lsClusMid // middle-level cluster + 1
	lsNews
	lsAmbig
	lsExact // the form as given
	lsTag   // the tagger's class + 1
	lsTables
)

var (
	lstmSuperDims = []int{48, 8, 8, 16, 16, 8, 8, 8, 16, 8, 16, 16, 16, 16}
	// Rows per table; hashed features take their hash modulo the rows. The word
	// table's size is the vocabulary's.
	lstmSuperRows = []int{0, 512, 4096, 8192, 8192, 512, 8192, 2048, 1025, 130, 4096, 4096, 8192, 128}
)

const lstmSuperFlags = 7 // the token's five flag bits, first word, last word

// superInput is a tagged sentence as the BiLSTM supertagger reads it; toks must have
// their lexicon fields set.
func superInput(toks []token, tags []int, vocab map[string]int32) *lstmInput {
	row := func(h uint64, table int) int32 { return int32(mix(h) % uint64(lstmSuperRows[table])) }
	s := &lstmInput{ids: make([][]int32, len(toks)), flags: make([][]float32, len(toks))}
	for i := range toks {
		t := &toks[i]
		ids := make([]int32, lsTables)
		ids[lsWord] = vocab[t.lower]
		for k := range 4 {
			ids[lsSuf1+k] = row(t.suffix[k], lsSuf1+k)
		}
		ids[lsPre1] = row(t.prefix[0], lsPre1)
		ids[lsPre3] = row(t.prefix[2], lsPre3)
		ids[lsShape] = row(t.shape, lsShape)
		ids[lsClus] = int32(t.cluster(0))
		ids[lsClusMid] = int32(t.cluster(1))
		ids[lsNews] = row(t.news+1, lsNews)
		ids[lsAmbig] = row(t.ambig+1, lsAmbig)
		ids[lsExact] = row(t.exact, lsExact)
		ids[lsTag] = int32(tags[i]) + 1
		f := make([]float32, lstmSuperFlags)
		for b := range 5 {
			if t.flags&(1<<b) != 0 {
				f[b] = 1
			}
		}
		if i == 0 {
			f[5] = 1
		}
		if i == len(toks)-1 {
			f[6] = 1
		}
		s.ids[i], s.flags[i] = ids, f
	}
	return s
}

// sentenceKey names a sentence by its words, to match supertags read from a file.
func sentenceKey(forms []string) string { return strings.Join(forms, " ") }

// ReadSupertags reads supertags for TrainOptions.GivenSupertags: one sentence a line,
// its words separated by spaces, a tab, then one "relation/L" or "relation/R" per
// word. name is used in errors.
func ReadSupertags(r io.Reader, name string) (map[string][]string, error) {
	out := map[string][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" {
			continue
		}
		words, tags, ok := strings.Cut(text, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: no tab between the words and their supertags", name, line)
		}
		nw, ts := len(strings.Fields(words)), strings.Fields(tags)
		if nw != len(ts) {
			return nil, fmt.Errorf("%s:%d: %d words but %d supertags", name, line, nw, len(ts))
		}
		for _, t := range ts {
			if i := strings.LastIndexByte(t, '/'); i <= 0 || (t[i+1:] != "L" && t[i+1:] != "R") {
				return nil, fmt.Errorf("%s:%d: supertag %q is not relation/L or relation/R", name, line, t)
			}
		}
		out[words] = ts
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// supertagName is the file form of supertag class c.
func supertagName(c int, labels []string) string {
	side := "L"
	if c%2 == 1 {
		side = "R"
	}
	return labels[c/2] + "/" + side
}

// givenSupertags replaces the supertags of the sentences found in given, returning
// how many; a relation the treebanks do not have is an error.
func givenSupertags(supers [][]uint64, sents []*trainSent, given map[string][]string, labels []string) (int, error) {
	labelOf := make(map[string]int, len(labels))
	for i, l := range labels {
		labelOf[l] = i
	}
	n := 0
	for i, s := range sents {
		ts, ok := given[sentenceKey(s.forms)]
		if !ok || len(ts) != len(s.toks) {
			continue
		}
		sup := make([]uint64, len(ts)+2)
		for j, t := range ts {
			k := strings.LastIndexByte(t, '/')
			l, ok := labelOf[t[:k]]
			if !ok {
				return 0, fmt.Errorf("given supertag %q of %q: relation not in the treebanks", t, sentenceKey(s.forms))
			}
			sup[j+1] = uint64(2*l) + 1
			if t[k+1:] == "R" {
				sup[j+1]++
			}
		}
		sup[len(ts)+1] = 1 << 20
		supers[i] = sup
		n++
	}
	return n, nil
}
