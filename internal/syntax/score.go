package syntax

import (
	"fmt"
	"time"

	"dyad/internal/conllu"
)

// Scores counts what a model got right on gold sentences with gold tokenisation.
// Punctuation is included in every measure, as in the CoNLL 2018 shared task.
type Scores struct {
	Sentences, Words                   int
	UPOS, XPOS, Lemma, Feats, UAS, LAS int           // words right
	Elapsed                            time.Duration // time spent in Parse
}

// Evaluate parses each gold sentence's forms and compares the result with the gold
// columns. Sentences without heads count for tags and lemmas only.
func (m *Model) Evaluate(gold []*conllu.Sentence) Scores {
	sc, _ := m.evaluate(gold, false)
	return sc
}

// EvaluateGoldTags is Evaluate with the gold UPOS and XPOS given to the parser
// (ParseTagged), which measures the parser apart from the tagger. A gold tag the
// model does not know is an error naming the sentence.
func (m *Model) EvaluateGoldTags(gold []*conllu.Sentence) (Scores, error) {
	return m.evaluate(gold, true)
}

func (m *Model) evaluate(gold []*conllu.Sentence, goldTags bool) (Scores, error) {
	var sc Scores
	for _, g := range gold {
		forms := g.Forms()
		start := time.Now()
		var pred []Word
		if goldTags {
			xpos, upos := make([]string, len(g.Words)), make([]string, len(g.Words))
			for i, w := range g.Words {
				xpos[i], upos[i] = w.XPOS, w.UPOS
			}
			var err error
			if pred, err = m.ParseTagged(forms, xpos, upos); err != nil {
				return sc, fmt.Errorf("gold sentence at line %d: %w", g.Line, err)
			}
		} else {
			pred = m.Parse(forms)
		}
		sc.Elapsed += time.Since(start)
		sc.Sentences++
		for i, w := range g.Words {
			p := pred[i]
			sc.Words++
			if p.UPOS == w.UPOS {
				sc.UPOS++
			}
			if p.XPOS == w.XPOS {
				sc.XPOS++
			}
			if p.Lemma == w.Lemma {
				sc.Lemma++
			}
			if p.Feats == w.Feats || p.Feats == "" && w.Feats == "_" {
				sc.Feats++
			}
			if p.Head == w.Head {
				sc.UAS++
				if p.Rel == w.Deprel {
					sc.LAS++
				}
			}
		}
	}
	return sc, nil
}

// Pct returns n as a percentage of the words.
func (s Scores) Pct(n int) float64 {
	if s.Words == 0 {
		return 0
	}
	return 100 * float64(n) / float64(s.Words)
}

// TokensPerSecond is the parsing speed over the evaluation.
func (s Scores) TokensPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Words) / s.Elapsed.Seconds()
}

// Add returns the sum of two scores.
func (s Scores) Add(o Scores) Scores {
	return Scores{
		Sentences: s.Sentences + o.Sentences, Words: s.Words + o.Words,
		UPOS: s.UPOS + o.UPOS, XPOS: s.XPOS + o.XPOS, Lemma: s.Lemma + o.Lemma, Feats: s.Feats + o.Feats,
		UAS: s.UAS + o.UAS, LAS: s.LAS + o.LAS, Elapsed: s.Elapsed + o.Elapsed,
	}
}
