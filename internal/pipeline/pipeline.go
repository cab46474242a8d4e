// Package pipeline puts dyad's stages together: article -> text -> coder -> story. It
// owns no logic of its own beyond the order of the stages; each stage is its own
// package and can be used alone.
package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"dyad/internal/article"
	"dyad/internal/coder"
	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/lexicon/petrarch"
	"dyad/internal/places"
	"dyad/internal/rerank"
	"dyad/internal/story"
	"dyad/internal/syntax"
	"dyad/internal/text"
)

// Options configure a Pipeline.
type Options struct {
	// Dict, if set, is a directory of PETRARCH dictionaries to code with instead of
	// dyad's own lexicon.
	Dict string
	// NoSyntax reads arguments from word order instead of the dependency parse:
	// faster, less accurate.
	NoSyntax bool
	// All keeps events of every modality (negated, future, hypothetical, historical);
	// by default only asserted and reported events are kept.
	All bool
	// Partial keeps events whose target is not named; by default an event needs both
	// a source and a target.
	Partial bool
	// MinConfidence drops events the re-ranker scores below it (its confidence is an
	// estimated probability that the event's type is right). Zero keeps every event;
	// it applies only with the re-ranker, that is with dyad's own lexicon.
	MinConfidence float64
}

// DefaultMinConfidence is the confidence below which `dyad code` and `dyad ingest`
// leave an event out unless told otherwise: on PLV, events scored under 0.2 had the
// right type about one time in fifteen (internal/rerank/README.md, calibration).
const DefaultMinConfidence = 0.2

// Pipeline codes articles. It is safe for concurrent use: models and lexicons are
// loaded once and only read.
type Pipeline struct {
	opt    Options
	coder  *coder.Coder
	rerank *rerank.Model // nil without a trained model
	places *places.Parser
	// petrarch, with PETRARCH dictionaries, brings events to PETRARCH's conventions.
	petrarch *petrarch.Recoder
}

// New loads what the stages need.
func New(opt Options) (*Pipeline, error) {
	if !(opt.MinConfidence >= 0 && opt.MinConfidence <= 1) {
		return nil, fmt.Errorf("minimum confidence %g: want a value from 0 to 1", opt.MinConfidence)
	}
	if opt.Dict != "" {
		// A folder of PETRARCH dictionaries (told by file names: *verbs*, CAMEO*,
		// *actors*, *agents*) or of dyad lexicon files replaces dyad's own lexicon.
		var (
			lex *lexicon.Lexicon
			rec *petrarch.Recoder
			err error
		)
		if petrarch.Detect(opt.Dict) {
			var rep *petrarch.Report
			lex, rec, rep, err = petrarch.LoadRecoder(opt.Dict)
			if err == nil && rep.Skipped() > 0 {
				fmt.Fprintf(os.Stderr, "dyad: --dict %s: %d dictionary lines could not be read; 'dyad dict import petrarch %s' lists them\n",
					opt.Dict, rep.Skipped(), opt.Dict)
			}
		} else {
			lex, err = lexicon.Load(os.DirFS(opt.Dict))
			if err != nil {
				err = fmt.Errorf("%w\n('dyad dict lint %s' checks the files)", err, opt.Dict)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("--dict %s: %w", opt.Dict, err)
		}
		parse, err := defaultParser(opt)
		if err != nil {
			return nil, err
		}
		c := coder.New(lex, parse).With(coder.Conventions{Petrarch: rec != nil})
		return &Pipeline{opt: opt, coder: c, petrarch: rec}, nil
	}
	lex, err := lexicon.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the lexicon: %w", err)
	}
	parse, err := defaultParser(opt)
	if err != nil {
		return nil, err
	}
	pl, err := places.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the gazetteer: %w", err)
	}
	return &Pipeline{opt: opt, coder: coder.New(lex, parse), rerank: defaultReranker(), places: pl}, nil
}

// defaultReranker returns the embedded re-ranking model, or nil when the binary has
// none; with a model, an event's confidence is the learned chance that its type is
// right (internal/rerank).
func defaultReranker() *rerank.Model {
	m, err := rerank.Default()
	if err != nil {
		return nil
	}
	return m
}

// defaultParser returns the embedded syntax model's parser, or nil (arguments from
// word order) when asked to, or when the binary was built without a trained model. A
// model that is there but does not load is an error.
func defaultParser(opt Options) (coder.ParseFunc, error) {
	if opt.NoSyntax {
		return nil, nil
	}
	model, err := syntax.Default()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return model.Parse, nil
}

// Code returns the events of one article.
func (p *Pipeline) Code(a article.Article) []event.Event {
	st := p.prepare(a)
	evs := story.Resolve(st, story.Options{All: p.opt.All, Partial: p.opt.Partial, Places: p.places})
	if p.rerank != nil && p.opt.Dict == "" {
		p.rerank.Rerank(a.Text, st.Sentences, evs)
		if p.opt.MinConfidence > 0 {
			kept := evs[:0]
			for _, ev := range evs {
				if ev.Confidence >= p.opt.MinConfidence {
					kept = append(kept, ev)
				}
			}
			evs = kept
		}
	}
	if p.petrarch != nil {
		evs = p.petrarch.Recode(a.Text, evs)
	}
	return evs
}

// prepare runs the sentence stages (text, syntax, coder) over an article, in order, so
// that what one sentence names can help read the next.
func (p *Pipeline) prepare(a article.Article) story.Article {
	sents := text.Split(a.Text)
	st := story.Article{Article: a, Sentences: sents}
	ctx := &coder.Context{}
	for _, s := range sents {
		st.Candidates = append(st.Candidates, p.coder.Code(coder.Sentence{Text: a.Text, Sentence: s, Published: a.Published, Context: ctx})...)
	}
	if ctx.Discarded() {
		st.Candidates = nil
	}
	return st
}

// CodeText codes a short text (a sentence, a paragraph) as an article of its own.
func (p *Pipeline) CodeText(s, published string) []event.Event {
	return p.Code(article.Article{ID: "text", Text: s, Published: published})
}
