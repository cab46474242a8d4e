package eval

import (
	"os"
	"strings"
	"time"

	"dyad/internal/conllu"
)

// Scoring from raw text (CoNLL 2018 shared task style): the sentence split and the
// tokenisation are the system's own, so every measure is an F1 over words aligned by
// character span, and a wrong split costs every measure of the words it touches.

// scoreRawText rebuilds the text of each gold document, has opt.ParseText split,
// tokenise and parse it, and scores the result against the gold treebank.
func scoreRawText(opt Options, path string) (*Report, error) {
	rep := &Report{Format: "conllu", File: path}
	gold, err := readGoldSentences(path, rep)
	if err != nil {
		return nil, err
	}
	rep.Records = len(gold)
	docs := goldDocumentTexts(gold)
	var pred []*conllu.Sentence
	// Each sentence, gold or predicted, counts for its document's genre.
	var ggenre, pgenre []string
	start := time.Now()
	for i, d := range docs {
		genre := genreOf(d.sents[0])
		for range d.sents {
			ggenre = append(ggenre, genre)
		}
		parsed := opt.ParseText(d.text)
		pred = append(pred, parsed...)
		for range parsed {
			pgenre = append(pgenre, genre)
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(docs))
		}
	}
	elapsed := time.Since(start).Seconds()
	scoreAligned(rep, gold, pred, ggenre, pgenre)
	words := 0
	for _, s := range pred {
		words += len(s.Words)
	}
	if elapsed > 0 {
		rep.Metrics = append(rep.Metrics, Metric{Name: "speed", Value: float64(words) / elapsed, Unit: "tokens/s", N: words})
	}
	rep.Notes = append(rep.Notes, "from raw text: each document's text is rebuilt from its sentences' \"# text =\" lines (a space between the sentences of a paragraph, a blank line between paragraphs) and split, tokenised and parsed by dyad; every measure is an F1 over words aligned by character span")
	return rep, nil
}

// scorePredictedFile scores a predicted CoNLL-U file (e.g. 'dyad parse' of the raw
// text, or another parser's output) against the gold one. A malformed predicted
// sentence is an error: leaving it out would shift every span after it.
func scorePredictedFile(goldPath, predPath string) (*Report, error) {
	rep := &Report{Format: "conllu", File: goldPath}
	gold, err := readGoldSentences(goldPath, rep)
	if err != nil {
		return nil, err
	}
	rep.Records = len(gold)
	f, err := os.Open(predPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pred, err := conllu.ReadAll(f, predPath)
	if err != nil {
		return nil, err
	}
	scoreAligned(rep, gold, pred, nil, nil)
	rep.Notes = append(rep.Notes, "scored "+predPath+" against the gold; every measure is an F1 over words aligned by character span")
	return rep, nil
}

// goldDoc is a document's raw text and its gold sentences.
type goldDoc struct {
	text  string
	sents []*conllu.Sentence
}

// goldDocumentTexts rebuilds the raw text of each document of a treebank: a document
// starts at "# newdoc", a paragraph at "# newpar"; the sentences of a paragraph are
// joined by a space, paragraphs by a blank line. A sentence without "# text =" is
// spelt from its tokens and their SpaceAfter=No.
func goldDocumentTexts(gold []*conllu.Sentence) []goldDoc {
	var docs []goldDoc
	var b strings.Builder
	first := 0
	for i, s := range gold {
		newDoc, newPar := false, false
		for _, c := range s.Comments {
			switch {
			case strings.HasPrefix(c, "# newdoc"):
				newDoc = true
			case strings.HasPrefix(c, "# newpar"):
				newPar = true
			}
		}
		switch {
		case i == 0:
		case newDoc:
			docs = append(docs, goldDoc{b.String(), gold[first:i]})
			b.Reset()
			first = i
		case newPar:
			b.WriteString("\n\n")
		default:
			b.WriteByte(' ')
		}
		text := s.Comment("text")
		if text == "" {
			text = spell(s)
		}
		b.WriteString(text)
	}
	if len(gold) > 0 {
		docs = append(docs, goldDoc{b.String(), gold[first:]})
	}
	return docs
}

// spell writes a sentence's text from its tokens: multi-word tokens by their surface
// form, the other words by theirs, with a space after each unless SpaceAfter=No.
func spell(s *conllu.Sentence) string {
	var b strings.Builder
	multi := 0 // next multi-word token
	for i := 0; i < len(s.Words); i++ {
		w := s.Words[i]
		form, misc := w.Form, w.Misc
		if multi < len(s.Multi) && s.Multi[multi].First == w.ID {
			m := s.Multi[multi]
			form, misc = m.Form, m.Misc
			for i+1 < len(s.Words) && s.Words[i+1].ID <= m.Last {
				i++
			}
			multi++
		}
		b.WriteString(form)
		if !strings.Contains(misc, "SpaceAfter=No") {
			b.WriteByte(' ')
		}
	}
	return strings.TrimRight(b.String(), " ")
}
