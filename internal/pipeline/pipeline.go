// Package pipeline puts dyad's stages together: article -> text -> syntax -> coder ->
// story. It owns no logic of its own beyond the order of the stages; each stage is
// its own package and can be used alone.
package pipeline

import (
	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/text"
)

// Options configure a Pipeline.
type Options struct {
	// Dict, if set, is a directory of PETRARCH dictionaries to code with instead of
	// dyad's own lexicon.
	Dict string
}

// Pipeline codes articles. It is safe for concurrent use: models and lexicons are
// loaded once and only read.
type Pipeline struct {
	opt Options
}

// New loads what the stages need.
func New(opt Options) (*Pipeline, error) {
	return &Pipeline{opt: opt}, nil
}

// Code returns the events of one article.
func (p *Pipeline) Code(a article.Article) []event.Event {
	_ = text.Split(a.Text)
	return nil
}

// CodeText codes a short text (a sentence, a paragraph) as an article of its own.
func (p *Pipeline) CodeText(s, published string) []event.Event {
	return p.Code(article.Article{ID: "text", Text: s, Published: published})
}
