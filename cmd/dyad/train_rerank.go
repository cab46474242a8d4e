package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"dyad/internal/coder"
	"dyad/internal/lexicon"
	"dyad/internal/rerank"
	"dyad/internal/syntax"
)

func init() {
	var (
		goldDir   string
		outDir    string
		sets      []string
		cv        bool
		picksFile string
		seed      uint64
		cvSeeds   int
		epochs    int
		noParse   bool
	)
	cmd := &cobra.Command{
		Use:   "rerank",
		Short: "Train the event re-ranker and fallback classifier on the gold train sets",
		Long: `Code the gold train sets as 'dyad eval' does (with the parser, as the pipeline codes;
--no-syntax codes from word order), learn to score the coded
events (is this event's type the gold one?) and a fallback classifier that guesses a
sentence's PLOVER type from its words, and write OUT/rerank.model.gz. The same data,
epochs and seed give a byte-identical model file.

The shipped model is trained on PLV alone (the default --sets). plover-gsr is CC BY-SA
4.0 and conflibert comes from a GPL-3.0 repository: see internal/rerank/model/MODEL.md
before committing a model trained on them. With --cv, print 5-fold cross-validation
tables (PLV; ConfliBERT with PLV in every training fold) instead of writing a model.
With --cv-seeds N, run the PLV cross-validation with N fold seeds (--seed, --seed+1, …)
and print the re-ranker's scores for each and their mean: one seed moves target match
by up to 0.7 points, more than most changes to the coder's rules.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if picksFile != "" && !cv {
				return fmt.Errorf("--picks writes the cross-validation's picks: it needs --cv")
			}
			if cvSeeds < 1 || cvSeeds > 1 && !cv {
				return fmt.Errorf("--cv-seeds %d: want 1, or more with --cv", cvSeeds)
			}
			if cvSeeds > 1 && picksFile != "" {
				return fmt.Errorf("--picks writes one seed's picks: it cannot go with --cv-seeds")
			}
			lex, err := lexicon.Default()
			if err != nil {
				return fmt.Errorf("loading the lexicon: %w", err)
			}
			var parse coder.ParseFunc
			if !noParse {
				model, err := syntax.Default()
				if err != nil {
					return fmt.Errorf("loading the syntax model: %w", err)
				}
				parse = model.Parse
			}
			k := rerank.NewCoder(lex, parse)
			coded := map[string][]rerank.Coded{}
			switch {
			case cv && cvSeeds > 1:
				sets = []string{rerank.SetPLV} // the seeds' table is PLV's alone
			case cv:
				sets = []string{rerank.SetPLV, rerank.SetConfliBERT}
			}
			var names []string
			for _, set := range sets {
				rel, ok := rerank.GoldFiles[set]
				if !ok {
					return fmt.Errorf("--sets: unknown gold set %q (want %s, %s or %s)", set, rerank.SetPLV, rerank.SetPloverGSR, rerank.SetConfliBERT)
				}
				path := filepath.Join(goldDir, rel)
				xs, skipped, err := rerank.LoadGold(set, path)
				if err != nil {
					return err
				}
				if skipped > 0 {
					fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d records skipped (no known label or no text)\n", path, skipped)
				}
				coded[set] = k.CodeAll(xs)
				names = append(names, set+":"+filepath.Base(path))
			}
			learn := rerank.DefaultLearnOptions
			learn.Seed = seed
			learn.Epochs = epochs
			topt := rerank.TrainOptions{Learn: learn, Sets: names}
			if cv {
				// The span model was trained on PLV too: each PLV sentence is coded
				// again with one trained on the other folds, so that the actors'
				// words, like the event types, are scored held out.
				if cvSeeds > 1 {
					return seedsCV(cmd.OutOrStdout(), lex, parse, coded[rerank.SetPLV], filepath.Join(goldDir, rerank.GoldFiles[rerank.SetPLV]), seed, cvSeeds, topt)
				}
				plv, err := heldOutSpans(lex, parse, coded[rerank.SetPLV], filepath.Join(goldDir, rerank.GoldFiles[rerank.SetPLV]), seed)
				if err != nil {
					return err
				}
				coded[rerank.SetPLV] = plv
				for _, run := range []struct {
					name  string
					items []rerank.Coded
					extra []rerank.Coded
				}{
					{"PLV", coded[rerank.SetPLV], nil},
					{"ConfliBERT, PLV in every training fold", coded[rerank.SetConfliBERT], coded[rerank.SetPLV]},
				} {
					cvo := rerank.CVOptions{Seed: seed, Train: topt, Extra: run.extra}
					var pf *os.File
					if picksFile != "" && run.extra == nil {
						if pf, err = os.Create(picksFile); err != nil {
							return err
						}
						cvo.Picks = pf
					}
					rep, err := rerank.CrossValidate(run.items, cvo)
					if pf != nil {
						if cerr := pf.Close(); err == nil {
							err = cerr
						}
					}
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "== %s\n", run.name)
					rep.WriteText(cmd.OutOrStdout())
					fmt.Fprintln(cmd.OutOrStdout())
				}
				return nil
			}
			var all []rerank.Coded
			for _, set := range sets {
				all = append(all, coded[set]...)
			}
			m, err := rerank.Train(all, topt)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := m.Save(&buf); err != nil {
				return err
			}
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return err
			}
			out := filepath.Join(outDir, "rerank.model.gz")
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			info := m.Info()
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d KB): %d examples, %d coded events, from %v\n",
				out, buf.Len()/1024, info.Examples, info.Events, info.Sets)
			return nil
		},
	}
	cmd.Flags().StringVar(&goldDir, "gold", "../shared/data/gold", "folder with the gold sets (plv/, plover-gsr/, conflibert/)")
	cmd.Flags().StringVar(&outDir, "out", "internal/rerank/model", "folder to write rerank.model.gz to")
	cmd.Flags().StringSliceVar(&sets, "sets", []string{rerank.SetPLV}, "gold sets to train on: plv, plover-gsr, conflibert (licences: see MODEL.md)")
	cmd.Flags().BoolVar(&cv, "cv", false, "print 5-fold cross-validation tables instead of writing a model")
	cmd.Flags().StringVar(&picksFile, "picks", "", "with --cv, write each PLV sentence's held-out pick (type, source, target against the gold) to this TSV file")
	cmd.Flags().Uint64Var(&seed, "seed", rerank.DefaultLearnOptions.Seed, "random seed (example order and folds)")
	cmd.Flags().IntVar(&cvSeeds, "cv-seeds", 1, "with --cv, cross-validate PLV with this many fold seeds from --seed on and print each one's scores and the mean")
	cmd.Flags().IntVar(&epochs, "epochs", rerank.DefaultLearnOptions.Epochs, "training passes")
	cmd.Flags().BoolVar(&noParse, "no-syntax", false, "code the gold sets from word order, without the dependency parser")
	trainCmd.AddCommand(cmd)
}

// seedsCV cross-validates the PLV items with n fold seeds from seed on and writes the
// re-ranker's type accuracy, source and target match for each seed and their mean.
func seedsCV(w io.Writer, lex *lexicon.Lexicon, parse coder.ParseFunc, items []rerank.Coded, plvPath string, seed uint64, n int, topt rerank.TrainOptions) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "fold seed\ttype accuracy\tsource match\ttarget match")
	var sumType, sumSource, sumTarget float64
	for k := range n {
		s := seed + uint64(k)
		plv, err := heldOutSpans(lex, parse, items, plvPath, s)
		if err != nil {
			return err
		}
		topt.Learn.Seed = s
		rep, err := rerank.CrossValidate(plv, rerank.CVOptions{Seed: s, Train: topt})
		if err != nil {
			return err
		}
		sc := rep.Scores[rerank.SystemRerank]
		typ, src, tgt := 100*sc.TypeAccuracy(), 100*sc.SourceMatch(), 100*sc.TargetMatch()
		sumType, sumSource, sumTarget = sumType+typ, sumSource+src, sumTarget+tgt
		fmt.Fprintf(tw, "%d\t%.1f%%\t%.1f%%\t%.1f%%\n", s, typ, src, tgt)
	}
	fmt.Fprintf(tw, "mean of %d\t%.2f%%\t%.2f%%\t%.2f%%\n", n, sumType/float64(n), sumSource/float64(n), sumTarget/float64(n))
	return tw.Flush()
}

// heldOutSpans codes each of items again with a span model trained, as 'dyad train
// spans' trains it, on the PLV sentences of the other cross-validation folds (the folds
// rerank.CrossValidate draws with seed).
func heldOutSpans(lex *lexicon.Lexicon, parse coder.ParseFunc, items []rerank.Coded, plvPath string, seed uint64) ([]rerank.Coded, error) {
	recs, err := readPLVActors(plvPath)
	if err != nil {
		return nil, err
	}
	const folds = 5
	fold := rerank.Folds(items, folds, seed)
	foldOf := map[string]int{}
	for i, it := range items {
		foldOf[it.Text] = fold[i]
	}
	hand := coder.New(lex, parse).WithSpanModel(nil)
	spans := make([]spanItem, len(recs))
	recFold := make([]int, len(recs))
	for i, r := range recs {
		spans[i] = codeSpanItem(hand, nil, r)
		f, ok := foldOf[r.text]
		if !ok {
			f = -1 // not scored by the re-ranker (no label): trains every fold
		}
		recFold[i] = f
	}
	out := make([]rerank.Coded, len(items))
	base := rerank.NewCoder(lex, parse)
	for f := range folds {
		m := coder.TrainSpanModel(spanExamples(spans, func(i int) bool { return recFold[i] != f }), coder.DefaultSpanTrainOptions)
		k := base.WithSpanModel(m)
		for i := range items {
			if fold[i] == f {
				out[i] = k.Code(items[i].Example)
			}
		}
	}
	return out, nil
}
