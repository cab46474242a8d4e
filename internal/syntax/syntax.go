// Package syntax tags, lemmatises and parses English sentences following Universal
// Dependencies: UPOS and XPOS (Penn) tags, lemmas, a few morphological features
// (Number, Tense, VerbForm, Voice, Polarity, and the others the treebanks attach to
// the same words), and a labelled dependency tree.
//
// Everything is trained by this package's own code (Train, run by `dyad train syntax`)
// on the English UD treebanks, and the model ships embedded in the binary (Default).
// The tagger is a greedy averaged perceptron, the lemmatiser a table plus learned
// suffix rules, the parser a greedy arc-hybrid transition parser with an averaged
// perceptron trained with a dynamic oracle.
//
// It does not split text into sentences or tokens (that is package text) and it does
// not interpret the tree (that is the coder).
package syntax

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
)

// Word is one analysed word of a sentence.
type Word struct {
	ID    int    // 1-based position in the sentence
	Form  string // the token as given
	Lemma string
	UPOS  string // universal part of speech (NOUN, VERB, ...)
	XPOS  string // Penn Treebank tag (NN, VBD, ...)
	Feats string // UD features, "Number=Sing|...", or "" for none
	Head  int    // ID of the head word; 0 for the root of the sentence
	Rel   string // UD relation to the head (nsubj, obj, obl, ...; "root" for the root)
}

// Model is a trained tagger, lemmatiser and parser. It is read-only once built, so
// one Model serves any number of goroutines.
type Model struct {
	xpos, upos []string // per tag class
	tagger     *weights
	tagDict    map[string]int    // frequent unambiguous words -> tag class, skipping the tagger
	ambig      map[string]uint64 // frequent words (lower case) -> hash of their tag classes
	lem        *lemmatizer
	feats      map[featKey]string // features of particular words
	tagFeats   []string           // most frequent features per tag class
	labels     []string
	rootLabel  int
	parser     *weights // transitions
	labeler    *weights // arc labels
}

// modelFiles holds the trained model; the folder is embedded whole (with MODEL.md) so
// that the package still builds, and Default reports the model missing, before the
// first training run.
//
//go:embed model
var modelFiles embed.FS

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the binary, loaded on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		data, err := modelFiles.ReadFile("model/syntax.model.gz")
		if err != nil {
			defaultErr = fmt.Errorf("syntax: no embedded model (run dyad train syntax): %w", err)
			return
		}
		defaultModel, defaultErr = Load(bytes.NewReader(data))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("syntax: embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

// featKey is a word (lower case) with its tag class.
type featKey struct {
	word string
	tag  int
}

// Parse tags, lemmatises and parses one sentence given its tokens. It returns one Word
// per token, in order; an empty sentence gives nil.
func (m *Model) Parse(forms []string) []Word {
	if len(forms) == 0 {
		return nil
	}
	toks := make([]token, len(forms))
	for i, f := range forms {
		toks[i] = newToken(f)
	}
	tags := m.tag(toks)
	heads := make([]int, len(forms))
	labels := make([]int, len(forms))
	m.parse(toks, tags, heads, labels)
	out := make([]Word, len(forms))
	for i, f := range forms {
		c := tags[i]
		out[i] = Word{
			ID: i + 1, Form: f, UPOS: m.upos[c], XPOS: m.xpos[c],
			Head: heads[i], Rel: m.labels[labels[i]],
		}
		out[i].Lemma = m.lem.lemma(f, m.xpos[c])
	}
	m.addFeats(toks, tags, out)
	return out
}

// tag returns the tag class of each token.
func (m *Model) tag(toks []token) []int {
	for i := range toks {
		toks[i].ambig = m.ambig[toks[i].lower]
	}
	tags := make([]int, len(toks))
	scores := make([]int32, m.tagger.nclass)
	feats := make([]uint64, 0, 48)
	for i := range toks {
		if c, ok := m.tagDict[toks[i].form]; ok {
			tags[i] = c
			continue
		}
		var prev, prev2 uint64
		if i > 0 {
			prev = uint64(tags[i-1]) + 1
		}
		if i > 1 {
			prev2 = uint64(tags[i-2]) + 1
		}
		feats = tagFeatures(feats[:0], toks, i, prev, prev2, 0, 0)
		m.tagger.score(feats, scores)
		best := 0
		for c := 1; c < len(scores); c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		tags[i] = best
	}
	return tags
}

// addFeats looks features up by word and tag, then makes Voice agree with the tree:
// a participle with an aux:pass child is passive, one without is not.
func (m *Model) addFeats(toks []token, tags []int, words []Word) {
	passive := make([]bool, len(words)+1)
	for _, w := range words {
		if w.Rel == "aux:pass" && w.Head > 0 {
			passive[w.Head] = true
		}
	}
	for i := range words {
		f, ok := m.feats[featKey{toks[i].lower, tags[i]}]
		if !ok {
			f = m.tagFeats[tags[i]]
		}
		if words[i].XPOS == "VBN" {
			has := strings.Contains(f, "Voice=Pass")
			switch {
			case passive[i+1] && !has:
				f = setFeat(f, "Voice", "Pass")
			case !passive[i+1] && has:
				f = setFeat(f, "Voice", "")
			}
		}
		words[i].Feats = f
	}
}

// setFeat sets (or with v == "" removes) feature k in a sorted UD feature string.
func setFeat(feats, k, v string) string {
	var parts []string
	if feats != "" && feats != "_" {
		for _, p := range strings.Split(feats, "|") {
			if name, _, _ := strings.Cut(p, "="); name != k {
				parts = append(parts, p)
			}
		}
	}
	if v != "" {
		parts = append(parts, k+"="+v)
	}
	// UD orders features by name, case-insensitively.
	for i := 1; i < len(parts); i++ {
		for j := i; j > 0 && strings.ToLower(parts[j]) < strings.ToLower(parts[j-1]); j-- {
			parts[j], parts[j-1] = parts[j-1], parts[j]
		}
	}
	return strings.Join(parts, "|")
}
