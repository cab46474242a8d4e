package eval

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"dyad/internal/conllu"
	"dyad/internal/syntax"
	"dyad/internal/text"
)

// The conllu format scores the syntax stage on a UD treebank with gold tokenisation:
// the gold file's words are parsed by the embedded model and compared column by
// column. --raw and --pred score a prediction with its own tokenisation instead,
// aligning words by character spans (as the CoNLL 2018 shared task does; see
// scoreAligned).

func init() {
	Register(Format{
		Name:  "conllu",
		Doc:   "UD treebank (CoNLL-U): UPOS, XPOS, lemma, features, UAS, LAS with gold tokens; tokens/s; the same by genre (from sent_id)",
		Score: scoreCoNLLUGold,
	})
}

func scoreCoNLLUGold(opt Options, path string) (*Report, error) {
	switch {
	case opt.Predicted != "":
		return scorePredictedFile(path, opt.Predicted)
	case opt.ParseText != nil:
		return scoreRawText(opt, path)
	}
	m := opt.Syntax
	if m == nil {
		var err error
		if m, err = syntax.Default(); err != nil {
			return nil, err
		}
	}
	rep := &Report{Format: "conllu", File: path}
	gold, err := readGoldSentences(path, rep)
	if err != nil {
		return nil, err
	}
	evaluate := func(part []*conllu.Sentence) (syntax.Scores, error) { return m.Evaluate(part), nil }
	if opt.GoldTags {
		evaluate = m.EvaluateGoldTags
	}
	var sc syntax.Scores
	byGenre := map[string]syntax.Scores{}
	const batch = 100
	for i := 0; i < len(gold); {
		// A batch holds one genre, so that its scores go to that genre's too.
		genre := genreOf(gold[i])
		j := i + 1
		for j < len(gold) && j-i < batch && genreOf(gold[j]) == genre {
			j++
		}
		psc, err := evaluate(gold[i:j])
		if err != nil {
			return nil, err
		}
		sc = sc.Add(psc)
		byGenre[genre] = byGenre[genre].Add(psc)
		if opt.Progress != nil {
			opt.Progress(j, len(gold))
		}
		i = j
	}
	rep.Records = sc.Sentences
	rep.Add("UPOS", sc.UPOS, sc.Words)
	rep.Add("XPOS", sc.XPOS, sc.Words)
	rep.Add("lemma", sc.Lemma, sc.Words)
	rep.Add("features", sc.Feats, sc.Words)
	rep.Add("UAS", sc.UAS, sc.Words)
	rep.Add("LAS", sc.LAS, sc.Words)
	rep.Metrics = append(rep.Metrics, Metric{Name: "speed", Value: sc.TokensPerSecond(), Unit: "tokens/s", N: sc.Words})
	if len(byGenre) > 1 {
		rep.Tables = append(rep.Tables, genreTable(byGenre))
	}
	if opt.GoldTags {
		rep.Notes = append(rep.Notes, "parsed with the gold UPOS and XPOS (--gold-tags): UPOS and XPOS are the gold ones")
	}
	return rep, nil
}

// readGoldSentences reads a gold CoNLL-U file; malformed sentences are counted and
// listed in rep's problems, with their line, and left out.
func readGoldSentences(path string, rep *Report) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var gold []*conllu.Sentence
	rd := conllu.NewReader(f, path)
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return gold, nil
		}
		if ce, ok := err.(*conllu.Error); ok {
			rep.Skipped++
			rep.Problems = append(rep.Problems, ce.Error())
			continue
		}
		if err != nil {
			return nil, err
		}
		gold = append(gold, s)
	}
}

// genreOf is the genre a treebank sentence's sent_id names: GUM's second field
// ("GUM_news_iodine-12" is news), else the part before the first "-" or "_"
// (EWT's "weblog-juancole.com_..." is weblog); "" when there is none.
func genreOf(s *conllu.Sentence) string {
	id := s.Comment("sent_id")
	if rest, ok := strings.CutPrefix(id, "GUM_"); ok {
		genre, _, _ := strings.Cut(rest, "_")
		return genre
	}
	if i := strings.IndexAny(id, "-_"); i > 0 {
		return id[:i]
	}
	return ""
}

// genreTable lists the scores of each genre: the treebanks' genres differ more from
// one another than models do (GUM dev's news from its vlogs by 4 UAS), and news is
// dyad's.
func genreTable(byGenre map[string]syntax.Scores) Table {
	t := Table{Title: "by genre (from each sentence's sent_id)", Header: []string{"genre", "words", "UPOS", "lemma", "UAS", "LAS"}}
	// Two decimals, as UD scores are given (percentOf keeps one).
	pct := func(n, of int) string { return fmt.Sprintf("%.2f%%", 100*float64(n)/float64(max(of, 1))) }
	for _, g := range slices.Sorted(maps.Keys(byGenre)) {
		sc := byGenre[g]
		t.Rows = append(t.Rows, []string{cmp.Or(g, "(none)"), strconv.Itoa(sc.Words), pct(sc.UPOS, sc.Words), pct(sc.Lemma, sc.Words), pct(sc.UAS, sc.Words), pct(sc.LAS, sc.Words)})
	}
	return t
}

// scoreAligned adds to rep the scores of pred against gold. Words are aligned by
// their character spans (white space ignored), so the prediction may come from raw
// text with its own tokenisation and sentence split: "sentences", "tokens" (surface
// tokens, a multiword token counting once) and "words" are F1 scores of the spans,
// and every other measure is the F1 of aligned words that are right (with identical
// tokenisation, F1 equals accuracy). A head is right when it is aligned with the gold
// head. A table gives the sentence, token and word spans' precision and recall.
// ggenre and pgenre, if not nil, give each gold and predicted sentence the genre of
// the document it belongs to, for a table by genre.
func scoreAligned(rep *Report, g, p []*conllu.Sentence, ggenre, pgenre []string) {
	gw, gs, gtext := spanWords(g)
	pw, ps, ptext := spanWords(p)
	// With genres, each gold word's counts go to its sentence's genre.
	var byGenre map[string]*alignedCounts
	if len(ggenre) == len(g) && len(pgenre) == len(p) && len(g) > 0 {
		byGenre = map[string]*alignedCounts{}
		for k, s := range g {
			if byGenre[ggenre[k]] == nil {
				byGenre[ggenre[k]] = &alignedCounts{}
			}
			byGenre[ggenre[k]].gold += len(s.Words)
		}
		for k, s := range p {
			if byGenre[pgenre[k]] == nil {
				byGenre[pgenre[k]] = &alignedCounts{}
			}
			byGenre[pgenre[k]].pred += len(s.Words)
		}
	}
	if gtext != ptext {
		rep.Problems = append(rep.Problems, textDifference(gtext, ptext))
	}
	// Align words with identical spans.
	predOf := make([]int, len(gw)) // gold word -> predicted word, or -1
	goldOf := make([]int, len(pw))
	for i := range predOf {
		predOf[i] = -1
	}
	for i := range goldOf {
		goldOf[i] = -1
	}
	for i, j := 0, 0; i < len(gw) && j < len(pw); {
		switch {
		case gw[i].start == pw[j].start && gw[i].end == pw[j].end:
			predOf[i], goldOf[j] = j, i
			i++
			j++
		case gw[i].end <= pw[j].end:
			i++
		default:
			j++
		}
	}
	matched := 0
	var upos, xpos, lemma, feats, uas, las int
	for i, j := range predOf {
		if j < 0 {
			continue
		}
		matched++
		a, b := gw[i].w, pw[j].w
		if sameField(a.UPOS, b.UPOS) {
			upos++
		}
		if sameField(a.XPOS, b.XPOS) {
			xpos++
		}
		if sameField(a.Lemma, b.Lemma) {
			lemma++
		}
		if sameField(a.Feats, b.Feats) {
			feats++
		}
		// Heads are compared through the alignment: root with root, else the
		// predicted head must be aligned with the gold head.
		var headOK bool
		switch {
		case a.Head < 0 || b.Head < 0:
			// "_": no head given, none right
		case a.Head == 0 || b.Head == 0:
			headOK = a.Head == 0 && b.Head == 0
		default:
			gh := gw[i].sentStart + a.Head - 1
			ph := pw[j].sentStart + b.Head - 1
			headOK = ph < len(goldOf) && goldOf[ph] == gh
		}
		labelOK := headOK && sameField(a.Deprel, b.Deprel)
		if headOK {
			uas++
		}
		if labelOK {
			las++
		}
		if byGenre != nil {
			c := byGenre[ggenre[gw[i].sent]]
			c.words++
			c.upos += count(sameField(a.UPOS, b.UPOS))
			c.uas += count(headOK)
			c.las += count(labelOK)
		}
	}
	sentMatched := text.CompareSpans(gs, ps).Matched
	addF1 := func(name string, right, ngold, npred int) {
		f1 := 0.0
		if ngold+npred > 0 {
			f1 = 2 * float64(right) / float64(ngold+npred)
		}
		rep.Metrics = append(rep.Metrics, Metric{Name: name, Value: f1, N: ngold})
	}
	gt, pt := tokenSpans(g, gw), tokenSpans(p, pw)
	tokMatched := text.CompareSpans(gt, pt).Matched
	addF1("sentences", sentMatched, len(gs), len(ps))
	addF1("tokens", tokMatched, len(gt), len(pt))
	addF1("words", matched, len(gw), len(pw))
	for _, x := range []struct {
		name  string
		right int
	}{{"UPOS", upos}, {"XPOS", xpos}, {"lemma", lemma}, {"features", feats}, {"UAS", uas}, {"LAS", las}} {
		addF1(x.name, x.right, len(gw), len(pw))
	}
	spans := Table{Title: "spans (exact match, white space ignored)", Header: []string{"", "gold", "predicted", "matched", "precision", "recall", "F1"}}
	pct := func(n, of int) string { return fmt.Sprintf("%.2f%%", 100*float64(n)/float64(max(of, 1))) }
	for _, r := range []struct {
		name                   string
		gold, predicted, right int
	}{{"sentences", len(gs), len(ps), sentMatched}, {"tokens", len(gt), len(pt), tokMatched}, {"words", len(gw), len(pw), matched}} {
		spans.Rows = append(spans.Rows, []string{r.name, strconv.Itoa(r.gold), strconv.Itoa(r.predicted), strconv.Itoa(r.right),
			pct(r.right, r.predicted), pct(r.right, r.gold), pct(2*r.right, r.gold+r.predicted)})
	}
	rep.Tables = append(rep.Tables, spans)
	if len(byGenre) > 1 {
		rep.Tables = append(rep.Tables, alignedGenreTable(byGenre))
	}
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}

// alignedCounts are one genre's word counts for F1 from raw text.
type alignedCounts struct {
	gold, pred, words, upos, uas, las int
}

func alignedGenreTable(byGenre map[string]*alignedCounts) Table {
	t := Table{Title: "by genre (F1; a document's genre from its first sentence's sent_id)", Header: []string{"genre", "gold words", "predicted", "words", "UPOS", "UAS", "LAS"}}
	f1 := func(right int, c *alignedCounts) string {
		return fmt.Sprintf("%.2f%%", 200*float64(right)/float64(max(c.gold+c.pred, 1)))
	}
	for _, g := range slices.Sorted(maps.Keys(byGenre)) {
		c := byGenre[g]
		t.Rows = append(t.Rows, []string{cmp.Or(g, "(none)"), strconv.Itoa(c.gold), strconv.Itoa(c.pred), f1(c.words, c), f1(c.upos, c), f1(c.uas, c), f1(c.las, c)})
	}
	return t
}

// tokenSpans returns the spans of the surface tokens, given the sentences' words as
// spanWords lists them: a multiword token spans its words, any other word is a token.
func tokenSpans(ss []*conllu.Sentence, words []spanWord) []text.Span {
	var out []text.Span
	k := 0 // the sentence's first word in words
	for _, s := range ss {
		multi := 0
		for i := 0; i < len(s.Words); i++ {
			span := text.Span{Start: words[k+i].start, End: words[k+i].end}
			for multi < len(s.Multi) && s.Multi[multi].First < s.Words[i].ID {
				multi++
			}
			if multi < len(s.Multi) && s.Multi[multi].First == s.Words[i].ID {
				for i+1 < len(s.Words) && s.Words[i+1].ID <= s.Multi[multi].Last {
					i++
				}
				span.End = words[k+i].end
				multi++
			}
			out = append(out, span)
		}
		k += len(s.Words)
	}
	return out
}

// sameField compares two CoNLL-U columns, an empty one being the "_" a file holds.
func sameField(a, b string) bool {
	return a == b || (a == "" && b == "_") || (a == "_" && b == "")
}

// textDifference describes where two texts without white space first differ: after
// that point spans do not align, and every word past it counts as wrong.
func textDifference(gold, pred string) string {
	i := 0
	for i < len(gold) && i < len(pred) && gold[i] == pred[i] {
		i++
	}
	around := func(s string) string {
		from, to := max(i-20, 0), min(i+20, len(s))
		return strconv.Quote(strings.ToValidUTF8(s[from:to], "?"))
	}
	return fmt.Sprintf("the predicted text differs from the gold text (white space ignored) at byte %d: gold %s, predicted %s; spans after it do not align", i, around(gold), around(pred))
}

type spanWord struct {
	w          conllu.Word
	start, end int // in the text without white space
	sent       int // index of the sentence
	sentStart  int // index of the sentence's first word among all words
}

// spanWords lists every word of the sentences with its character span, each
// sentence's span, and the text without white space.
func spanWords(ss []*conllu.Sentence) ([]spanWord, []text.Span, string) {
	var words []spanWord
	var sents []text.Span
	var all strings.Builder
	pos := 0
	for k, s := range ss {
		first := len(words)
		sstart := pos
		for _, w := range s.Words {
			form := strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, w.Form)
			n := len([]rune(form))
			all.WriteString(form)
			words = append(words, spanWord{w: w, start: pos, end: pos + n, sent: k, sentStart: first})
			pos += n
		}
		sents = append(sents, text.Span{Start: sstart, End: pos})
	}
	return words, sents, all.String()
}
