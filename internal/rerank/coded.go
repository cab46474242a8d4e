package rerank

import (
	"dyad/internal/article"
	"dyad/internal/coder"
	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/story"
	"dyad/internal/text"
)

// Coded is a gold example as dyad codes it: its sentences, the events the coder and
// story stage keep (as `dyad eval` codes: asserted and reported, targets optional),
// and the lexicon's predicate phrases for the fallback classifier.
type Coded struct {
	Example
	Sentences []text.Sentence
	Events    []event.Event
	Tokens    []text.Token    // all tokens of the text
	Preds     []lexicon.Match // predicate phrases in Tokens
}

// Coder codes gold texts the way `dyad eval` does (with the parser, or without it as
// `dyad eval --no-syntax`), with the coder's own hand-set confidences: the model must
// learn from those, not from its own scores, so training never goes through a pipeline
// that already re-ranks.
type Coder struct {
	lex   *lexicon.Lexicon
	coder *coder.Coder
}

// NewCoder returns a Coder over lex that reads arguments from the dependency parse
// parse gives, or from word order when parse is nil.
func NewCoder(lex *lexicon.Lexicon, parse coder.ParseFunc) *Coder {
	return &Coder{lex: lex, coder: coder.New(lex, parse)}
}

// WithSpanModel returns a Coder that chooses actors' words with m (nil: the hand
// rules' words) instead of the coder's built-in span model.
func (k *Coder) WithSpanModel(m *coder.SpanModel) *Coder {
	return &Coder{lex: k.lex, coder: k.coder.WithSpanModel(m)}
}

// Code codes one example.
func (k *Coder) Code(x Example) Coded {
	a := article.Article{ID: "text", Text: x.Text}
	sents := text.Split(x.Text)
	st := story.Article{Article: a, Sentences: sents}
	ctx := &coder.Context{}
	var toks []text.Token
	for _, s := range sents {
		st.Candidates = append(st.Candidates, k.coder.Code(coder.Sentence{Text: x.Text, Sentence: s, Context: ctx})...)
		toks = append(toks, s.Tokens...)
	}
	return Coded{
		Example:   x,
		Sentences: sents,
		Events:    story.Resolve(st, story.Options{Partial: true}),
		Tokens:    toks,
		Preds:     k.lex.Match(toks).Predicates,
	}
}

// CodeAll codes examples in order.
func (k *Coder) CodeAll(xs []Example) []Coded {
	out := make([]Coded, len(xs))
	for i, x := range xs {
		out[i] = k.Code(x)
	}
	return out
}

// candidates returns the feature inputs of a coded text's events, in event order.
// An event's competitors are the events of its own sentence, as in training, where
// texts are single sentences, so that a long article's other sentences do not change
// its features.
func candidates(articleText string, sents []text.Sentence, evs []event.Event) []Candidate {
	bySentence := map[int][]*event.Event{}
	for i := range evs {
		bySentence[evs[i].Sentence] = append(bySentence[evs[i].Sentence], &evs[i])
	}
	out := make([]Candidate, len(evs))
	for i := range evs {
		var s text.Sentence
		if n := evs[i].Sentence; n >= 0 && n < len(sents) {
			s = sents[n]
		}
		out[i] = Candidate{Text: articleText, Sentence: s, Event: &evs[i], Others: bySentence[evs[i].Sentence]}
	}
	return out
}
