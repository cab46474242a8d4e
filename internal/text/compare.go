package text

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct{ Start, End int }

// SpanScore compares predicted spans with gold spans; a predicted span counts only if
// a gold span has exactly the same start and end.
type SpanScore struct {
	Gold, Predicted, Matched int
	Precision, Recall, F1    float64
}

func (s SpanScore) String() string {
	return fmt.Sprintf("P %.2f%% R %.2f%% F1 %.2f%% (gold %d, predicted %d, matched %d)",
		100*s.Precision, 100*s.Recall, 100*s.F1, s.Gold, s.Predicted, s.Matched)
}

// Add returns the score of both sets of spans together (micro-average).
func (s SpanScore) Add(o SpanScore) SpanScore {
	return newSpanScore(s.Gold+o.Gold, s.Predicted+o.Predicted, s.Matched+o.Matched)
}

// CompareSpans scores predicted against gold spans of the same text by exact match.
// Neither slice needs to be sorted; duplicates count once.
func CompareSpans(gold, predicted []Span) SpanScore {
	g := sortedSpans(gold)
	p := sortedSpans(predicted)
	matched := 0
	for i, j := 0, 0; i < len(g) && j < len(p); {
		switch {
		case g[i] == p[j]:
			matched++
			i++
			j++
		case g[i].Start < p[j].Start || (g[i].Start == p[j].Start && g[i].End < p[j].End):
			i++
		default:
			j++
		}
	}
	return newSpanScore(len(g), len(p), matched)
}

func newSpanScore(gold, predicted, matched int) SpanScore {
	s := SpanScore{Gold: gold, Predicted: predicted, Matched: matched}
	if predicted > 0 {
		s.Precision = float64(matched) / float64(predicted)
	}
	if gold > 0 {
		s.Recall = float64(matched) / float64(gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func sortedSpans(in []Span) []Span {
	out := append([]Span(nil), in...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	k := 0
	for i, s := range out {
		if i == 0 || s != out[k-1] {
			out[k] = s
			k++
		}
	}
	return out[:k]
}

// SentenceSpans returns the spans of the sentences.
func SentenceSpans(sents []Sentence) []Span {
	out := make([]Span, len(sents))
	for i, s := range sents {
		out[i] = Span{s.Start, s.End}
	}
	return out
}

// TokenSpans returns the spans of all tokens of the sentences.
func TokenSpans(sents []Sentence) []Span {
	var out []Span
	for _, s := range sents {
		for _, t := range s.Tokens {
			out = append(out, Span{t.Start, t.End})
		}
	}
	return out
}

// GoldDocument is a document rebuilt from a CoNLL-U treebank as raw text, with the
// gold sentence and token (syntactic word) spans in that text.
type GoldDocument struct {
	ID        string
	Text      string
	Sentences []Span
	Tokens    []Span
}

// ReadGoldDocuments rebuilds the raw text of each document of a CoNLL-U file from its
// "# text =" lines: sentences of a paragraph ("# newpar") are joined by a space,
// paragraphs by a blank line, and a new document starts at "# newdoc". Each word is
// located in the sentence text; the words of a multi-word token ("didn't" = did +
// n't) get their own spans when their forms spell the token, else the token's span
// is used once. name is used in error messages.
func ReadGoldDocuments(r io.Reader, name string) ([]GoldDocument, error) {
	var (
		docs    []GoldDocument
		doc     *GoldDocument
		b       strings.Builder
		sentTxt string
		sentOff int // offset of the sentence in the document text
		cursor  int // offset in sentTxt after the last located word
		mwtEnd  int // last word id covered by the current multi-word token
		newPar  bool
		lineNo  int
	)
	flush := func() {
		if doc != nil {
			doc.Text = b.String()
			docs = append(docs, *doc)
		}
		doc = nil
		b.Reset()
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc"):
			flush()
			id := ""
			if k := strings.Index(line, "="); k >= 0 {
				id = strings.TrimSpace(line[k+1:])
			}
			doc = &GoldDocument{ID: id}
			newPar = false
		case strings.HasPrefix(line, "# newpar"):
			newPar = true
		case strings.HasPrefix(line, "# text ="):
			if doc == nil {
				doc = &GoldDocument{ID: name}
			}
			sentTxt = strings.TrimSpace(strings.TrimPrefix(line, "# text ="))
			if b.Len() > 0 {
				if newPar {
					b.WriteString("\n\n")
				} else {
					b.WriteByte(' ')
				}
			}
			newPar = false
			sentOff = b.Len()
			b.WriteString(sentTxt)
			doc.Sentences = append(doc.Sentences, Span{sentOff, sentOff + len(sentTxt)})
			cursor, mwtEnd = 0, 0
		case line == "" || line[0] == '#':
		default:
			cols := strings.SplitN(line, "\t", 3)
			if len(cols) < 3 || doc == nil {
				return nil, fmt.Errorf("%s:%d: not a CoNLL-U word line", name, lineNo)
			}
			id, form := cols[0], cols[1]
			if strings.Contains(id, ".") {
				continue // empty node
			}
			var first, last int
			if _, err := fmt.Sscanf(id, "%d-%d", &first, &last); err == nil {
				start, end, ok := locate(sentTxt, cursor, form)
				if !ok {
					return nil, fmt.Errorf("%s:%d: token %q not found in the sentence text", name, lineNo, form)
				}
				words, ok := mwtWords(sc, &lineNo, last-first+1)
				if !ok {
					return nil, fmt.Errorf("%s:%d: multi-word token %q lacks its words", name, lineNo, form)
				}
				if strings.Join(words, "") == form {
					off := start
					for _, w := range words {
						doc.Tokens = append(doc.Tokens, Span{sentOff + off, sentOff + off + len(w)})
						off += len(w)
					}
				} else {
					doc.Tokens = append(doc.Tokens, Span{sentOff + start, sentOff + end})
				}
				cursor, mwtEnd = end, last
				continue
			}
			var n int
			if _, err := fmt.Sscanf(id, "%d", &n); err == nil && n <= mwtEnd {
				continue
			}
			start, end, ok := locate(sentTxt, cursor, form)
			if !ok {
				return nil, fmt.Errorf("%s:%d: word %q not found in the sentence text", name, lineNo, form)
			}
			doc.Tokens = append(doc.Tokens, Span{sentOff + start, sentOff + end})
			cursor = end
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, lineNo, err)
	}
	flush()
	return docs, nil
}

// mwtWords reads the n word lines that follow a multi-word token line.
func mwtWords(sc *bufio.Scanner, lineNo *int, n int) ([]string, bool) {
	words := make([]string, 0, n)
	for len(words) < n && sc.Scan() {
		*lineNo++
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) < 3 {
			return nil, false
		}
		words = append(words, cols[1])
	}
	return words, len(words) == n
}

// locate finds form in s at or after from, skipping only white space.
func locate(s string, from int, form string) (int, int, bool) {
	i := from
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\u00a0') {
		i++
	}
	if strings.HasPrefix(s[i:], form) {
		return i, i + len(form), true
	}
	// tolerate other white space (e.g. a non-breaking space) before the form
	if k := strings.Index(s[from:], form); k >= 0 && strings.TrimSpace(s[from:from+k]) == "" {
		return from + k, from + k + len(form), true
	}
	return 0, 0, false
}
