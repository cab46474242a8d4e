// Package pipeline puts dyad's stages together: article -> text -> coder -> story. It
// owns no logic of its own beyond the order of the stages; each stage is its own
// package and can be used alone.
package pipeline

import (
	"fmt"

	"dyad/internal/article"
	"dyad/internal/coder"
	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/story"
	"dyad/internal/syntax"
	"dyad/internal/text"
)

// Options configure a Pipeline.
type Options struct {
	// Dict, if set, is a directory of PETRARCH dictionaries to code with instead of
	// dyad's own lexicon.
	Dict string
	// All keeps events of every modality (negated, future, hypothetical, historical);
	// by default only asserted and reported events are kept.
	All bool
}

// Pipeline codes articles. It is safe for concurrent use: models and lexicons are
// loaded once and only read.
type Pipeline struct {
	opt   Options
	coder *coder.Coder
}

// New loads what the stages need.
func New(opt Options) (*Pipeline, error) {
	if opt.Dict != "" {
		return nil, fmt.Errorf("--dict: PETRARCH dictionaries are not supported yet")
	}
	lex, err := lexicon.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the lexicon: %w", err)
	}
	var parse coder.ParseFunc
	if model, err := syntax.Default(); err == nil {
		parse = model.Parse
	}
	return &Pipeline{opt: opt, coder: coder.New(lex, parse)}, nil
}

// Code returns the events of one article.
func (p *Pipeline) Code(a article.Article) []event.Event {
	sents := text.Split(a.Text)
	st := story.Article{Article: a, Sentences: sents}
	for _, s := range sents {
		st.Candidates = append(st.Candidates, p.coder.Code(coder.Sentence{Text: a.Text, Sentence: s, Published: a.Published})...)
	}
	return story.Resolve(st, story.Options{All: p.opt.All})
}

// CodeText codes a short text (a sentence, a paragraph) as an article of its own.
func (p *Pipeline) CodeText(s, published string) []event.Event {
	return p.Code(article.Article{ID: "text", Text: s, Published: published})
}
