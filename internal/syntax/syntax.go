// Package syntax tags, lemmatises and parses English sentences following Universal
// Dependencies: UPOS and XPOS (Penn) tags, lemmas, a few morphological features
// (Number, Tense, VerbForm, Voice, Polarity, and the others the treebanks attach to
// the same words), and a labelled dependency tree.
//
// Everything is trained by this package's own code (Train, run by `dyad train syntax`)
// on the English UD treebanks, and the model ships embedded in the binary (Default).
// The tagger is a greedy averaged perceptron, the lemmatiser a table plus learned
// suffix rules, the parser an arc-hybrid transition parser with an averaged
// perceptron, either greedy and trained with a dynamic oracle or searching with a beam
// and trained on whole parses (beam.go); a small ranker then re-attaches punctuation
// (punct.go).
//
// It does not split text into sentences or tokens (that is package text) and it does
// not interpret the tree (that is the coder).
package syntax

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"slices"
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
	rtagger    *weights           // a second tagger that reads the sentence right to left; nil for none
	retagger   *weights           // the second pass, which also sees the first's guesses to the right; nil for none
	retagBelow int32              // the second pass retags the words the first chose by a margin below this
	tagDict    map[string]int     // frequent unambiguous words -> tag class, skipping the tagger
	lex        map[string]lexInfo // words (lower case) -> what the features know of them
	lem        *lemmatizer
	feats      map[featKey]string // features of particular words
	tagFeats   []string           // most frequent features per tag class
	labels     []string
	rootLabel  int
	relFacts   labelFacts // punctuation is always punct; which relations are subjects
	parser     *weights   // transitions
	labeler    *weights   // arc labels
	super      *weights   // supertags (see supertag.go); nil for none
	lstmSuper  *lstmNet   // the BiLSTM supertagger, used instead of super; nil for none
	lstmTagger *lstmNet   // the BiLSTM that has the last word on the tags; nil for none
	superDoubt bool       // the parser reads the supertagger's doubts (see marginDoubt, superDoubtOf)
	punct      *weights   // punctuation re-attachment (see punct.go); nil for none
	beam       int        // parses kept by the parser's beam search (see beam.go); below 2 greedy
	beamMargin int64      // the beam drops parses scoring this far below the best; 0 keeps k
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
		data, err := modelFiles.ReadFile("model/syntax.model.zst")
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

// lexInfo is what the model knows of a word type apart from its weights.
type lexInfo struct {
	ambig uint64 // hash of the tag classes seen with the word in training, 0 if rare
	clus  uint32 // word cluster + 1, 0 if none
	news  uint32 // the word's usual tags in the news (see newsTags), 0 if unseen
}

// newLex merges the ambiguity classes and the clusters into one table, so that a
// token costs one lookup.
func newLex(ambig map[string]uint64, clusters map[string]WordClass, news map[string]uint32) map[string]lexInfo {
	lex := make(map[string]lexInfo, max(len(ambig), len(clusters)))
	for w, a := range ambig {
		lex[w] = lexInfo{ambig: a}
	}
	for w, c := range clusters {
		li := lex[w]
		li.clus = uint32(c.Cluster) + 1
		lex[w] = li
	}
	for w, n := range news {
		li := lex[w]
		li.news = n
		lex[w] = li
	}
	return lex
}

// labelFacts is what the parser knows of the labels beyond their names: which tag
// classes always take one label, so that the labeller need not be asked (in the
// treebanks every PUNCT word is punct and vice versa), and which labels are
// subjects.
type labelFacts struct {
	punctClass []bool // per tag class: always labelled punctLabel
	punctLabel int
	subjects   uint64 // bit set of the subject relations, as in parseState.lset
}

func newLabelFacts(upos, labels []string) labelFacts {
	f := labelFacts{punctClass: make([]bool, len(upos)), punctLabel: slices.Index(labels, "punct")}
	for l, name := range labels {
		if strings.HasPrefix(name, "nsubj") || strings.HasPrefix(name, "csubj") || name == "expl" {
			f.subjects |= 1 << (uint(l) & 63)
		}
	}
	if f.punctLabel < 0 {
		return f
	}
	for c, u := range upos {
		f.punctClass[c] = u == "PUNCT"
	}
	return f
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
	toks := newTokens(forms)
	return m.analyse(forms, toks, m.tag(toks))
}

func newTokens(forms []string) []token {
	toks := make([]token, len(forms))
	for i, f := range forms {
		toks[i] = newToken(f)
	}
	return toks
}

// analyse parses tagged tokens and returns the Words with their lemmas and features.
func (m *Model) analyse(forms []string, toks []token, tags []int) []Word {
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

// ParseTagged lemmatises and parses one sentence whose tags are given: xpos and upos
// hold one tag per token ("" or "_" where unknown; the tagger then tags the sentence
// and those words keep its tags). A pair the model never learnt is parsed as the
// model's first class with that XPOS (classes are sorted, so IN/X goes as IN/ADP), an
// unknown XPOS as the first class with the UPOS; tags the model knows nothing of are
// an error. The Words carry the given tags and the rest is predicted, so that the
// parser can be scored on gold tags or run after another tagger.
func (m *Model) ParseTagged(forms, xpos, upos []string) ([]Word, error) {
	if len(xpos) != len(forms) || len(upos) != len(forms) {
		return nil, fmt.Errorf("parse: %d words but %d XPOS and %d UPOS tags", len(forms), len(xpos), len(upos))
	}
	if len(forms) == 0 {
		return nil, nil
	}
	toks := newTokens(forms)
	tags := make([]int, len(forms))
	complete := true
	for i := range forms {
		x, u := knownTag(xpos[i]), knownTag(upos[i])
		if x == "" && u == "" {
			tags[i], complete = -1, false
			continue
		}
		c, ok := m.tagClass(x, u)
		if !ok {
			return nil, fmt.Errorf("parse: word %d %q: the model has no tag %s", i+1, forms[i], strings.Trim(x+"/"+u, "/"))
		}
		tags[i] = c
	}
	if complete {
		m.setLex(toks) // the parser reads the clusters; nothing is left to tag
	} else {
		guessed := m.tag(toks)
		for i, c := range tags {
			if c < 0 {
				tags[i] = guessed[i]
			} else {
				toks[i].runnerUp = -1 // given, so not in doubt
			}
		}
	}
	out := m.analyse(forms, toks, tags)
	for i := range out {
		out[i].XPOS, out[i].UPOS = cmp.Or(knownTag(xpos[i]), out[i].XPOS), cmp.Or(knownTag(upos[i]), out[i].UPOS)
	}
	return out, nil
}

func knownTag(t string) string {
	if t == "_" {
		return ""
	}
	return t
}

// tagClass returns the class of a given (XPOS, UPOS) pair: the pair's own, else the
// first class with that XPOS (classes are sorted, so this is stable), else, with no
// XPOS or an unknown one, the first class with that UPOS.
func (m *Model) tagClass(xpos, upos string) (int, bool) {
	byX, byU := -1, -1
	for c := range m.xpos {
		switch {
		case m.xpos[c] == xpos && m.upos[c] == upos:
			return c, true
		case m.xpos[c] == xpos && byX < 0:
			byX = c
		case m.upos[c] == upos && byU < 0:
			byU = c
		}
	}
	if byX >= 0 {
		return byX, true
	}
	return byU, byU >= 0
}

// tag returns the tag class of each token.
func (m *Model) tag(toks []token) []int {
	m.setLex(toks)
	tags := make([]int, len(toks))
	scores := make([]int32, m.tagger.nclass)
	feats := make([]uint64, 0, 48)
	var first []int32 // scores of the words for the right-to-left tagger to rescore
	for i := range toks {
		if c, ok := m.tagDict[toks[i].form]; ok {
			tags[i] = c
			toks[i].runnerUp = -1
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
		best, second := topTwo(scores)
		tags[i] = best
		if second >= 0 {
			toks[i].runnerUp, toks[i].margin = second, scores[best]-scores[second]
			if m.rtagger != nil && toks[i].margin < rtagBelow {
				if first == nil {
					first = make([]int32, len(toks)*len(scores))
				}
				copy(first[i*len(scores):], scores)
			}
		}
	}
	if m.retagger != nil {
		m.retag(toks, tags, feats, scores)
	}
	if first != nil {
		m.tagBack(toks, tags, first, feats, scores)
	}
	switch {
	case m.lstmTagger != nil:
		m.lstmTagger.retag(toks, tags, m.tagDict)
	case m.lstmSuper != nil && m.lstmSuper.net.split > 0:
		m.lstmSuper.tagAndSupertag(toks, tags, m.tagDict)
	}
	// Last, on the tags the parser will read: the BiLSTM taggers were trained on
	// the perceptron's tags as they come, and would otherwise undo the repair.
	m.finiteVerb(toks, tags)
	return tags
}

// setLex fills in what the model's lexicon knows of each token.
func (m *Model) setLex(toks []token) {
	for i := range toks {
		li := m.lex[toks[i].lower]
		toks[i].ambig, toks[i].clus, toks[i].news = li.ambig, li.clus, uint64(li.news)
	}
}

// topTwo returns the classes with the highest and second highest scores (-1 for the
// second when there is one class); ties go to the lower class.
func topTwo[S int32 | float32](scores []S) (best, second int) {
	best, second = 0, -1
	for c := 1; c < len(scores); c++ {
		switch {
		case scores[c] > scores[best]:
			best, second = c, best
		case second < 0 || scores[c] > scores[second]:
			second = c
		}
	}
	return best, second
}

// rtagBelow: the right-to-left tagger rescores the words the left-to-right one chose
// by a margin below this. On EWT and GUM dev (one tagger each way, quick runs) this
// gave UPOS 95.71 / 97.65 against 95.72 / 97.64 for rescoring every word and 95.51 /
// 97.41 for none, for about a tenth of the words.
const rtagBelow = 12000

// tagBack rescores, right to left, the words the left-to-right tagger chose by a
// margin below rtagBelow (first holds their scores, nc per word): the right-to-left
// tagger scores each with the tags already settled on its right as its history, and
// the word takes the class whose two scores sum highest. Going right to left, the
// tags on a word's left are still the first pass's, so its left-to-right scores are
// still those in first.
func (m *Model) tagBack(toks []token, tags []int, first []int32, feats []uint64, scores []int32) {
	n, nc := len(toks), len(scores)
	var rtoks []token
	for i := n - 1; i >= 0; i-- {
		if toks[i].runnerUp < 0 || toks[i].margin >= rtagBelow {
			continue
		}
		if rtoks == nil {
			rtoks = make([]token, n)
			for j := range toks {
				rtoks[n-1-j] = toks[j]
			}
		}
		var prev, prev2 uint64
		if i+1 < n {
			prev = uint64(tags[i+1]) + 1
		}
		if i+2 < n {
			prev2 = uint64(tags[i+2]) + 1
		}
		feats = tagFeatures(feats[:0], rtoks, n-1-i, prev, prev2, 0, 0)
		m.rtagger.score(feats, scores)
		for c, v := range first[i*nc : (i+1)*nc] {
			scores[c] += v
		}
		best, second := topTwo(scores)
		tags[i] = best
		toks[i].runnerUp, toks[i].margin = second, (scores[best]-scores[second])/2
	}
}

// finiteVerb gives a sentence with no finite verb the one the tagger doubted: a past
// participle it nearly called a past tense, after a noun and before what can only be
// its object ("The Islamic State group released at least 19 Christians on Sunday",
// which read as a participle is no sentence). Headlines stay as they are: "Two killed
// in attack" has no object after the participle.
func (m *Model) finiteVerb(toks []token, tags []int) {
	if len(toks) < 4 || len(m.xpos) == 0 { // (no tag names in the taggers of training)
		return
	}
	first := -1
	for i, c := range tags {
		switch m.xpos[c] {
		case "VBD", "VBZ", "VBP", "MD":
			return
		case "VB":
			// An imperative ("Look for …") or a present the tagger called a base
			// form; not an infinitive.
			if i == 0 || m.xpos[tags[i-1]] != "TO" && m.xpos[tags[i-1]] != "MD" {
				return
			}
		case "VBN":
			if first < 0 {
				first = i
			}
		}
	}
	i := first
	if i < 1 || i+1 >= len(toks) || toks[i].runnerUp < 0 || m.xpos[toks[i].runnerUp] != "VBD" {
		return
	}
	switch m.xpos[tags[i-1]] {
	case "NN", "NNS", "NNP", "NNPS", "PRP":
	default:
		return
	}
	switch next := m.xpos[tags[i+1]]; {
	case next == "DT" || next == "CD" || next == "PRP$" || next == "JJ" || strings.HasPrefix(next, "NN"):
	case toks[i+1].lower == "at" && i+2 < len(toks) && toks[i+2].lower == "least":
	default:
		return
	}
	tags[i] = toks[i].runnerUp
}

// afterSentence stands for the tag of a word after the sentence's last.
const afterSentence = 1 << 10

// retag is the second tagging pass: left to right again over the words the first
// pass was unsure of (nearly all its errors, a fraction of the words), each scored with the first pass's guesses for the two
// words after it as well as the second pass's for the two before ("that" before a
// verb the first pass called a noun). The first pass's doubt stays in the tokens:
// the parser was trained on it.
func (m *Model) retag(toks []token, tags []int, feats []uint64, scores []int32) {
	first := append([]int(nil), tags...)
	for i := range toks {
		if toks[i].runnerUp < 0 || toks[i].margin >= m.retagBelow {
			continue
		}
		var prev, prev2, next, next2 uint64
		if i > 0 {
			prev = uint64(tags[i-1]) + 1
		}
		if i > 1 {
			prev2 = uint64(tags[i-2]) + 1
		}
		next, next2 = afterSentence, afterSentence
		if i+1 < len(toks) {
			next = uint64(first[i+1]) + 1
		}
		if i+2 < len(toks) {
			next2 = uint64(first[i+2]) + 1
		}
		feats = tagFeatures(feats[:0], toks, i, prev, prev2, next, next2)
		m.retagger.score(feats, scores)
		best := 0
		for c := 1; c < len(scores); c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		tags[i] = best
	}
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
