package syntax

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"dyad/internal/conllu"
)

// AgreeOptions says which sentences Agree keeps.
type AgreeOptions struct {
	MinWords, MaxWords int // sentence length bounds, inclusive (0: no bound)
}

// AgreeStats counts what Agree read and kept.
type AgreeStats struct {
	Read      int // sentence pairs read
	Length    int // left out for their length
	Duplicate int // left out because the same words came before
	Disagree  int // left out because the parses differ
	Kept      int
}

// Agree reads two parses of the same text, sentence by sentence in the same order
// (`dyad parse` of one file by two models), and writes the sentences on which both
// agree on every word's UPOS, XPOS, head and relation: silver trees for tri-training
// (Li, Zhang and Chen 2014), where two different parsers agreeing is what makes a
// machine parse worth learning from. Each kept sentence is written once, with the
// first parse's lemmas and features and "# sent_id = news-N" (N counts kept sentences).
// A pair whose words differ means the files are not parses of one text: that is an
// error naming both lines.
func Agree(a, b *conllu.Reader, out io.Writer, opt AgreeOptions) (AgreeStats, error) {
	var st AgreeStats
	seen := make(map[string]bool)
	for {
		sa, errA := a.Next()
		sb, errB := b.Next()
		if errA == io.EOF && errB == io.EOF {
			return st, nil
		}
		if errA == io.EOF || errB == io.EOF {
			return st, fmt.Errorf("the parses end at different places (after %d sentences): one file has more sentences", st.Read)
		}
		if errA != nil {
			return st, errA
		}
		if errB != nil {
			return st, errB
		}
		st.Read++
		if !sameWords(sa, sb) {
			return st, fmt.Errorf("sentence %d (first file line %d, second file line %d): the words differ, so these are not parses of the same text",
				st.Read, sa.Line, sb.Line)
		}
		n := len(sa.Words)
		if n < opt.MinWords || (opt.MaxWords > 0 && n > opt.MaxWords) {
			st.Length++
			continue
		}
		key := strings.Join(sa.Forms(), " ")
		if seen[key] {
			st.Duplicate++
			continue
		}
		seen[key] = true // a model parses the same words the same way: one look is enough
		if !sameTrees(sa, sb) {
			st.Disagree++
			continue
		}
		st.Kept++
		comments := []string{"# sent_id = news-" + strconv.Itoa(st.Kept)}
		if t := sa.Comment("text"); t != "" {
			comments = append(comments, "# text = "+t)
		}
		sa.Comments = comments
		if err := conllu.Write(out, sa); err != nil {
			return st, err
		}
	}
}

func sameWords(a, b *conllu.Sentence) bool {
	if len(a.Words) != len(b.Words) {
		return false
	}
	for i := range a.Words {
		if a.Words[i].Form != b.Words[i].Form {
			return false
		}
	}
	return true
}

func sameTrees(a, b *conllu.Sentence) bool {
	for i := range a.Words {
		wa, wb := &a.Words[i], &b.Words[i]
		if wa.UPOS != wb.UPOS || wa.XPOS != wb.XPOS || wa.Head != wb.Head || wa.Deprel != wb.Deprel {
			return false
		}
	}
	return true
}
