// Package rerank learns to score the events the coder finds in a sentence, so that the
// most confident one is the right one, and gives each a calibrated confidence: the
// estimated probability that its event type is correct. It also holds a fallback
// classifier that guesses the PLOVER type of a sentence from its words; its guesses
// are model-only events (no trigger, no actors, rule FallbackRule) and say so.
//
// Both are linear models over hashed features (logistic and multinomial logistic
// regression) trained in pure Go on the gold sets in ../shared/data/gold; Train is
// deterministic for a given seed. Features are words, codes and shapes that recur
// across sentences, never sentence ids.
//
// It does not find events, choose arguments or change codes: it only scores what the
// coder and story stage produced. Model files are gzipped gob; the shipped one is
// embedded from model/rerank.model.gz (see model/MODEL.md for its data and licences).
package rerank

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/text"
)

// FallbackRule is the rule named by events the fallback classifier proposes.
const FallbackRule = "model:rerank-fallback"

// Model scores candidate events and classifies sentences without one.
type Model struct {
	bits    uint      // candidate feature space is 1<<bits
	weights []float32 // candidate scorer

	fallbackBits    uint
	fallbackClasses []string  // PLOVER types
	fallback        []float32 // len(fallbackClasses) × 1<<fallbackBits

	info Info
}

// Info records how a model was trained.
type Info struct {
	Sets     []string // gold sets, e.g. "plv:plv-train.csv"
	Examples int      // gold examples
	Events   int      // candidate events scored
	Learn    LearnOptions
}

// Info says how the model was trained.
func (m *Model) Info() Info { return m.info }

// Score is the probability that the candidate's event type is correct.
func (m *Model) Score(c Candidate) float64 {
	return sigmoid(dot(m.weights, hashFeatures(Features(c), m.bits)))
}

// Rerank sets the confidence of each event of one article (or short text) to its
// learned score. Events keep their order; the most confident one is the model's pick.
// sents are the article's sentences as text.Split gives them (events name theirs by
// index); articleText is the text their offsets point into.
func (m *Model) Rerank(articleText string, sents []text.Sentence, evs []event.Event) {
	cands := candidates(articleText, sents, evs)
	scores := make([]float64, len(cands))
	for i, c := range cands {
		scores[i] = m.Score(c)
	}
	// Scores are computed first: each event's features read the others' types, not
	// their confidences, but keeping the two steps apart makes that plain.
	for i := range evs {
		evs[i].Confidence = scores[i]
	}
	// The events of a coordination's other conjuncts ("Trump and Putin agreed": Putin
	// with Trump) are never more likely than the main one: they have its type and
	// evidence, and differ only in features that say nothing of which reading is right.
	for i := range evs {
		if !strings.Contains(evs[i].Rule, "+conjunct") {
			continue
		}
		for j := range evs {
			if j != i && !strings.Contains(evs[j].Rule, "+conjunct") && evs[j].Sentence == evs[i].Sentence &&
				evs[j].Trigger == evs[i].Trigger && evs[j].CAMEO == evs[i].CAMEO {
				evs[i].Confidence = min(evs[i].Confidence, evs[j].Confidence)
			}
		}
	}
}

// Fallback guesses the PLOVER type of a sentence (or short text) in which the coder
// found no event, from its words and the lexicon's predicate phrases in it, with the
// classifier's probability of that type.
func (m *Model) Fallback(toks []text.Token, preds []lexicon.Match) (plover string, prob float64) {
	if len(m.fallbackClasses) == 0 {
		return "", 0
	}
	dim := 1 << m.fallbackBits
	p := softmax(m.fallback, dim, len(m.fallbackClasses), hashFeatures(SentenceFeatures(toks, preds), m.fallbackBits))
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	return m.fallbackClasses[best], p[best]
}

// FallbackEvent is the fallback classifier's model-only event for an article (or short
// text): a PLOVER type and nothing else — no trigger, no actors, no CAMEO code — with
// the rule FallbackRule and the classifier's probability as its confidence. ok is
// false for a text without words or a model without a fallback classifier. lex gives
// the predicate phrases the classifier reads (the model was trained with
// lexicon.Default); nil reads words only.
//
// Its confidence is comparable with the re-ranked events' (both are estimated
// probabilities of a correct type), so a caller may let it compete with them: see
// README.md for what each way of using it measured. It is never for the default
// output, which promises actors and evidence.
func (m *Model) FallbackEvent(articleText string, sents []text.Sentence, lex *lexicon.Lexicon) (event.Event, bool) {
	var toks []text.Token
	for _, s := range sents {
		toks = append(toks, s.Tokens...)
	}
	if len(toks) == 0 {
		return event.Event{}, false
	}
	var preds []lexicon.Match
	if lex != nil {
		preds = lex.Match(toks).Predicates
	}
	ev := m.guess(toks, preds)
	if ev == nil {
		return event.Event{}, false
	}
	ev.Evidence = articleText
	return *ev, true
}

// guess is the fallback's event for a text's tokens and predicate phrases, nil for none.
func (m *Model) guess(toks []text.Token, preds []lexicon.Match) *event.Event {
	typ, p := m.Fallback(toks, preds)
	if typ == "" {
		return nil
	}
	return &event.Event{
		Plover:     &event.Plover{Event: typ},
		Modality:   event.Modality{Mood: event.MoodAsserted},
		Confidence: p,
		Rule:       FallbackRule,
	}
}

// modelFile is the saved form of a Model: sparse weights, so that the file holds only
// the features seen in training.
type modelFile struct {
	Version         int
	Bits            uint
	Gaps            []uint32 // index of each non-zero weight, as the gap from the previous one
	Steps           []int32  // its value in quantizationSteps
	FallbackBits    uint
	FallbackClasses []string
	FallbackGaps    []uint32
	FallbackSteps   []int32
	Info            Info
}

const fileVersion = 1

// quantizationStep is the resolution weights are kept at: far finer than any
// difference that changes a pick, and coarse enough that the tiny weights AdaGrad
// leaves on rare features become zero and the file stays small. Train quantizes, so
// cross-validation measures the weights that are shipped.
const quantizationStep = 1.0 / 256

func quantize(w []float32) {
	for i, v := range w {
		w[i] = float32(math.Round(float64(v)/quantizationStep) * quantizationStep)
	}
}

func sparse(w []float32) ([]uint32, []int32) {
	var gaps []uint32
	var steps []int32
	last := 0
	for i, v := range w {
		if q := int32(math.Round(float64(v) / quantizationStep)); q != 0 {
			gaps = append(gaps, uint32(i-last))
			steps = append(steps, q)
			last = i
		}
	}
	return gaps, steps
}

// Save writes the model as gzipped gob. The same model gives the same bytes.
func (m *Model) Save(w io.Writer) error {
	f := modelFile{Version: fileVersion, Bits: m.bits, FallbackBits: m.fallbackBits, FallbackClasses: m.fallbackClasses, Info: m.info}
	f.Gaps, f.Steps = sparse(m.weights)
	f.FallbackGaps, f.FallbackSteps = sparse(m.fallback)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(&f); err != nil {
		return fmt.Errorf("rerank: writing the model: %w", err)
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("rerank: model file: %w", err)
	}
	var f modelFile
	if err := gob.NewDecoder(zr).Decode(&f); err != nil {
		return nil, fmt.Errorf("rerank: model file: %w", err)
	}
	if f.Version != fileVersion {
		return nil, fmt.Errorf("rerank: model file version %d, want %d (retrain with dyad train rerank)", f.Version, fileVersion)
	}
	if f.Bits == 0 || f.Bits > 24 || f.FallbackBits > 24 {
		return nil, fmt.Errorf("rerank: model file: feature space of %d/%d bits is out of range", f.Bits, f.FallbackBits)
	}
	m := &Model{bits: f.Bits, fallbackBits: f.FallbackBits, fallbackClasses: f.FallbackClasses, info: f.Info}
	m.weights = make([]float32, 1<<f.Bits)
	if err := fill(m.weights, f.Gaps, f.Steps); err != nil {
		return nil, err
	}
	if len(f.FallbackClasses) > 0 {
		m.fallback = make([]float32, len(f.FallbackClasses)<<f.FallbackBits)
		if err := fill(m.fallback, f.FallbackGaps, f.FallbackSteps); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func fill(w []float32, gaps []uint32, steps []int32) error {
	if len(gaps) != len(steps) {
		return fmt.Errorf("rerank: model file: %d indices for %d weights", len(gaps), len(steps))
	}
	i := 0
	for k, g := range gaps {
		i += int(g)
		if i >= len(w) {
			return fmt.Errorf("rerank: model file: weight index %d outside %d", i, len(w))
		}
		w[i] = float32(float64(steps[k]) * quantizationStep)
	}
	return nil
}

//go:embed model
var modelFiles embed.FS

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// ErrNoModel is returned by Default when the binary was built without a model file.
var ErrNoModel = errors.New("rerank: no embedded model (run dyad train rerank)")

// Default returns the embedded model, loaded once.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		data, err := modelFiles.ReadFile("model/rerank.model.gz")
		if err != nil {
			defaultErr = fmt.Errorf("%w: %v", ErrNoModel, err)
			return
		}
		defaultModel, defaultErr = Load(bytes.NewReader(data))
	})
	return defaultModel, defaultErr
}
