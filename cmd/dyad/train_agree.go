package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"dyad/internal/conllu"
	"dyad/internal/syntax"
)

func init() {
	var outFile string
	var opt syntax.AgreeOptions
	cmd := &cobra.Command{
		Use:   "agree FIRST.conllu SECOND.conllu --out FILE",
		Short: "Keep the sentences two parses of one text agree on (silver trees for train syntax --silver)",
		Long: `Read two parses of the same text (dyad parse of one file by two different
models, e.g. the built-in greedy model and one trained with --beam 8) and write the
sentences on which both agree on every word's UPOS, XPOS, head and relation, once
each, as CoNLL-U with "# sent_id = news-N". They are what dyad train syntax --silver
reads (tri-training; see internal/syntax/model/MODEL.md).`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if outFile == "" {
				return fmt.Errorf("--out is required")
			}
			fa, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer fa.Close()
			fb, err := os.Open(args[1])
			if err != nil {
				return err
			}
			defer fb.Close()
			f, err := os.Create(outFile)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(f, 1<<16)
			st, err := syntax.Agree(conllu.NewReader(bufio.NewReaderSize(fa, 1<<16), args[0]),
				conllu.NewReader(bufio.NewReaderSize(fb, 1<<16), args[1]), w, opt)
			if err == nil {
				err = w.Flush()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(outFile) // half a silver file would be read as a whole one
				return err
			}
			bounds := fmt.Sprintf("%d-%d", opt.MinWords, opt.MaxWords)
			if opt.MaxWords <= 0 {
				bounds = fmt.Sprintf("%d or more", opt.MinWords)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "%d sentences read: %d kept, %d on which the parses differ, %d repeated, %d outside %s words\n",
				st.Read, st.Kept, st.Disagree, st.Duplicate, st.Length, bounds)
			return nil
		},
	}
	cmd.Flags().StringVar(&outFile, "out", "", "CoNLL-U file to write the agreed sentences to")
	cmd.Flags().IntVar(&opt.MinWords, "min-words", 4, "leave out sentences with fewer words")
	cmd.Flags().IntVar(&opt.MaxWords, "max-words", 60, "leave out sentences with more words (0: no limit)")
	trainCmd.AddCommand(cmd)
}
