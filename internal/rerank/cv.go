package rerank

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"text/tabwriter"
	"unicode"

	"dyad/internal/eval"
	"dyad/internal/event"
)

// CVOptions configure a cross-validation run.
type CVOptions struct {
	Folds int    // 5 if 0
	Seed  uint64 // assigns examples to folds
	Train TrainOptions
	// Extra examples join every fold's training data and are never tested on (another
	// gold set).
	Extra []Coded
	// Picks, when not nil, receives the re-ranker's held-out pick for every example
	// as a TSV row (see WritePicks).
	Picks io.Writer
}

// System names in a CV report.
const (
	SystemCoder    = "coder"              // the coder's hand-set confidence
	SystemRerank   = "rerank"             // learned confidence
	SystemFallback = "rerank+fallback"    // and the fallback classifier where no event
	SystemOracle   = "oracle (any event)" // some kept event has the gold type: the ceiling of re-ranking
	// SystemClassifier is the fallback classifier alone on every example: what bag of
	// words and lexicon hits say without the coder.
	SystemClassifier = "classifier alone"
	// SystemCompete adds the fallback's guess to every example, with its own
	// probability as confidence, and picks the most confident: the guess wins where
	// the re-ranker trusts none of the coded events.
	SystemCompete = "rerank+fallback competing"
)

// Systems lists the compared systems in report order.
var Systems = []string{SystemCoder, SystemRerank, SystemFallback, SystemCompete, SystemClassifier, SystemOracle}

// Score is one system's result on one set.
type Score struct {
	N           int
	TypeCorrect int     // PLOVER type right (sets with PLOVER labels)
	TypeN       int     // examples with a PLOVER label
	PentaOK     int     // penta class right
	MacroF1     float64 // over the penta classes, as dyad eval computes it
	NoEvent     int     // examples with no prediction
	// Source and target words matching the gold's by dyad eval's word-overlap rule,
	// over the examples whose gold names them (PLV).
	SourceOK, SourceN, TargetOK, TargetN int
}

// TypeAccuracy is the PLOVER event-type accuracy.
func (s Score) TypeAccuracy() float64 { return ratio(s.TypeCorrect, s.TypeN) }

// SourceMatch and TargetMatch are the shares of the gold's sources and targets
// matched.
func (s Score) SourceMatch() float64 { return ratio(s.SourceOK, s.SourceN) }
func (s Score) TargetMatch() float64 { return ratio(s.TargetOK, s.TargetN) }

// PentaAccuracy is the penta-class accuracy.
func (s Score) PentaAccuracy() float64 { return ratio(s.PentaOK, s.N) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Bin is one confidence decile of a reliability table.
type Bin struct {
	Lo, Hi   float64
	N        int
	MeanConf float64
	Accuracy float64
}

// CVReport is the held-out result of cross-validation on one gold set.
type CVReport struct {
	Set    string
	Folds  int
	Scores map[string]Score
	// Reliability of the picked event's confidence: coder, rerank and competing systems.
	Reliability map[string][]Bin
	// Changed counts examples whose picked event type the re-ranker changed, and how
	// many of those it fixed and broke.
	Changed, Fixed, Broke int
	// ExtraDropped counts extra examples left out because the set holds their text.
	ExtraDropped int
}

// textKey is a text with case, punctuation and spacing folded, to find the same
// sentence in two records.
func textKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// Folds assigns each item to one of k folds by a seeded shuffle of the distinct texts,
// so that a sentence the set holds twice is never trained on and tested on at once.
// CrossValidate uses the same folds for the same seed.
func Folds(items []Coded, k int, seed uint64) []int {
	var texts []string
	group := map[string]int{}
	for i := range items {
		key := textKey(items[i].Text)
		if _, ok := group[key]; !ok {
			group[key] = len(texts)
			texts = append(texts, key)
		}
	}
	groupFold := make([]int, len(texts))
	for pos, g := range rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d)).Perm(len(texts)) {
		groupFold[g] = pos % k
	}
	fold := make([]int, len(items))
	for i := range items {
		fold[i] = groupFold[group[textKey(items[i].Text)]]
	}
	return fold
}

// CrossValidate trains on all folds but one and scores the one held out, for each
// fold, and adds up the held-out results. Examples are assigned to folds by a seeded
// shuffle, so the same seed gives the same folds.
func CrossValidate(items []Coded, opt CVOptions) (*CVReport, error) {
	if opt.Folds == 0 {
		opt.Folds = 5
	}
	if len(items) < opt.Folds {
		return nil, fmt.Errorf("rerank: %d examples for %d folds", len(items), opt.Folds)
	}
	rep := &CVReport{Set: items[0].Set, Folds: opt.Folds, Scores: map[string]Score{}, Reliability: map[string][]Bin{}}
	fold := Folds(items, opt.Folds, opt.Seed)
	group := map[string]bool{}
	for i := range items {
		group[textKey(items[i].Text)] = true
	}
	// Another gold set may hold the same sentences (PLV and ConfliBERT share 536):
	// those would be tested on what was trained on, so they leave the extra data.
	var extra []Coded
	for _, x := range opt.Extra {
		if !group[textKey(x.Text)] {
			extra = append(extra, x)
		}
	}
	rep.ExtraDropped = len(opt.Extra) - len(extra)
	picks := map[string][]*event.Event{}
	for _, s := range Systems {
		picks[s] = make([]*event.Event, len(items))
	}
	for f := range opt.Folds {
		train := append([]Coded(nil), extra...)
		for i := range items {
			if fold[i] != f {
				train = append(train, items[i])
			}
		}
		m, err := Train(train, opt.Train)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
		for i := range items {
			if fold[i] != f {
				continue
			}
			it := &items[i]
			picks[SystemCoder][i] = eval.MostConfident(it.Events)
			evs := append([]event.Event(nil), it.Events...)
			m.Rerank(it.Text, it.Sentences, evs)
			best := eval.MostConfident(evs)
			picks[SystemRerank][i] = best
			guess := m.guess(it.Tokens, it.Preds)
			picks[SystemClassifier][i] = guess
			picks[SystemCompete][i] = best
			if best == nil || guess != nil && guess.Confidence > best.Confidence {
				picks[SystemCompete][i] = guess
			}
			if best == nil {
				best = guess
			}
			picks[SystemFallback][i] = best
			picks[SystemOracle][i] = eval.MostConfident(it.Events)
			for k := range it.Events {
				if it.correct(&it.Events[k]) {
					picks[SystemOracle][i] = &it.Events[k]
					break
				}
			}
		}
	}
	for _, s := range Systems {
		rep.Scores[s] = score(items, picks[s])
	}
	for i := range items {
		a, b := picks[SystemCoder][i], picks[SystemRerank][i]
		if a == nil || b == nil || EventPlover(a) == EventPlover(b) && EventPenta(a) == EventPenta(b) {
			continue
		}
		rep.Changed++
		switch ca, cb := items[i].correct(a), items[i].correct(b); {
		case cb && !ca:
			rep.Fixed++
		case ca && !cb:
			rep.Broke++
		}
	}
	if opt.Picks != nil {
		if err := WritePicks(opt.Picks, items, picks[SystemRerank]); err != nil {
			return nil, err
		}
	}
	rep.Reliability[SystemCoder] = reliability(items, picks[SystemCoder])
	rep.Reliability[SystemRerank] = reliability(items, picks[SystemRerank])
	rep.Reliability[SystemCompete] = reliability(items, picks[SystemCompete])
	return rep, nil
}

func score(items []Coded, picks []*event.Event) Score {
	var s Score
	var gold, pred []int
	for i := range items {
		it := &items[i]
		ev := picks[i]
		s.N++
		if ev == nil {
			s.NoEvent++
		}
		if it.Plover != "" {
			s.TypeN++
			if ev != nil && EventPlover(ev) == it.Plover {
				s.TypeCorrect++
			}
		}
		p := EventPenta(ev)
		if p == it.Penta {
			s.PentaOK++
		}
		gold = append(gold, it.Penta)
		pred = append(pred, p)
		if len(eval.ActorWords(it.Source)) > 0 {
			s.SourceN++
			if ev != nil && ev.Source != nil && eval.TextsMatch(it.Source, ev.Source.Text) {
				s.SourceOK++
			}
		}
		if len(eval.ActorWords(it.Target)) > 0 {
			s.TargetN++
			if ev != nil && ev.Target != nil && eval.TextsMatch(it.Target, ev.Target.Text) {
				s.TargetOK++
			}
		}
	}
	s.MacroF1 = macroF1(gold, pred)
	return s
}

// macroF1 is dyad eval's penta macro-F1: a missing prediction (-1) counts against the
// gold class's recall; the average is over classes seen in gold or predictions.
func macroF1(gold, pred []int) float64 {
	var g, p, tp [5]int
	for i := range gold {
		if gold[i] < 0 || gold[i] > 4 {
			continue
		}
		g[gold[i]]++
		if pred[i] >= 0 && pred[i] <= 4 {
			p[pred[i]]++
			if pred[i] == gold[i] {
				tp[gold[i]]++
			}
		}
	}
	sum, n := 0.0, 0
	for c := range 5 {
		if g[c] == 0 && p[c] == 0 {
			continue
		}
		n++
		prec, rec := ratio(tp[c], p[c]), ratio(tp[c], g[c])
		if prec+rec > 0 {
			sum += 2 * prec * rec / (prec + rec)
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func reliability(items []Coded, picks []*event.Event) []Bin {
	bins := make([]Bin, 10)
	ok := make([]int, 10)
	for b := range bins {
		bins[b].Lo, bins[b].Hi = float64(b)/10, float64(b+1)/10
	}
	for i, ev := range picks {
		if ev == nil {
			continue
		}
		b := min(9, max(0, int(ev.Confidence*10)))
		bins[b].N++
		bins[b].MeanConf += ev.Confidence
		if items[i].correct(ev) {
			ok[b]++
		}
	}
	for b := range bins {
		if bins[b].N > 0 {
			bins[b].MeanConf /= float64(bins[b].N)
			bins[b].Accuracy = float64(ok[b]) / float64(bins[b].N)
		}
	}
	return bins
}

// WriteText prints the report as tables.
func (r *CVReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s: %d-fold cross-validation, held-out results", r.Set, r.Folds)
	if r.ExtraDropped > 0 {
		fmt.Fprintf(w, " (%d extra training examples dropped: same text as one of the set)", r.ExtraDropped)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	actors := r.Scores[SystemRerank].SourceN+r.Scores[SystemRerank].TargetN > 0
	head := "system\tn\ttype accuracy\tpenta accuracy\tpenta macro-F1\tno event\t"
	if actors {
		head += "source match\ttarget match\t"
	}
	fmt.Fprintln(tw, head)
	for _, s := range Systems {
		sc := r.Scores[s]
		typ := "-"
		if sc.TypeN > 0 {
			typ = fmt.Sprintf("%.1f%% (%d/%d)", 100*sc.TypeAccuracy(), sc.TypeCorrect, sc.TypeN)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.1f%%\t%.3f\t%d\t", s, sc.N, typ, 100*sc.PentaAccuracy(), sc.MacroF1, sc.NoEvent)
		if actors {
			fmt.Fprintf(tw, "%.1f%%\t%.1f%%\t", 100*sc.SourceMatch(), 100*sc.TargetMatch())
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintf(w, "re-ranker changed the picked type of %d examples: fixed %d, broke %d\n", r.Changed, r.Fixed, r.Broke)
	for _, s := range []string{SystemCoder, SystemRerank, SystemCompete} {
		fmt.Fprintf(w, "reliability of the picked event's confidence (%s):\n", s)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "confidence\tn\tmean conf\taccuracy\t")
		for _, b := range r.Reliability[s] {
			if b.N == 0 {
				continue
			}
			fmt.Fprintf(tw, "%.1f-%.1f\t%d\t%.3f\t%.1f%%\t\n", b.Lo, b.Hi, b.N, b.MeanConf, 100*b.Accuracy)
		}
		tw.Flush()
	}
}

// String is the report as text.
func (r *CVReport) String() string {
	var b strings.Builder
	r.WriteText(&b)
	return b.String()
}

// WritePicks writes one TSV row per example: whether the picked event's type, source
// and target match the gold (1 or 0; "-" when the gold has no such label), the gold
// and picked type, source and target words, and the sentence. Tabs and line breaks in
// the words become spaces.
func WritePicks(w io.Writer, items []Coded, picks []*event.Event) error {
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	match := func(gold string, a *event.Actor) string {
		if len(eval.ActorWords(gold)) == 0 {
			return "-"
		}
		if a != nil && eval.TextsMatch(gold, a.Text) {
			return "1"
		}
		return "0"
	}
	words := func(a *event.Actor) string {
		if a == nil {
			return ""
		}
		return a.Text
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "type_ok\tsource_ok\ttarget_ok\tgold_type\ttype\tgold_source\tsource\tgold_target\ttarget\ttext")
	for i, it := range items {
		ev := picks[i]
		typ, typeOK := "", "-"
		var src, tgt *event.Actor
		if ev != nil {
			typ, src, tgt = EventPlover(ev), ev.Source, ev.Target
		}
		if it.Plover != "" {
			typeOK = "0"
			if typ == it.Plover {
				typeOK = "1"
			}
		}
		fields := []string{typeOK, match(it.Source, src), match(it.Target, tgt), it.Plover, typ, it.Source, words(src), it.Target, words(tgt), it.Text}
		for k, f := range fields {
			fields[k] = clean.Replace(f)
		}
		fmt.Fprintln(bw, strings.Join(fields, "\t"))
	}
	return bw.Flush()
}
