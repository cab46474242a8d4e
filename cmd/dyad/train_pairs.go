package main

import (
	"bufio"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"dyad/internal/syntax"
)

func init() {
	var outFile, modelFile, newsDir, clusterFile string
	cmd := &cobra.Command{
		Use:   "pairs --out FILE",
		Short: "Parse the news corpora and count which words the parser joins (news pairs for train syntax --news-pairs)",
		Long: `Parse every sentence of the AllSides and BBC articles with a syntax model (the
built-in one unless --model is given) and write, for every pair of clustered words
the parses join at least twice, how often: a dependent with its head, or a case or
mark word with its phrase's head. dyad train syntax --news-pairs reads the file and
gives the parser those counts as features (see internal/syntax/model/MODEL.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if outFile == "" {
				return fmt.Errorf("--out is required")
			}
			start := time.Now()
			clusters, err := wordClusters(newsDir, clusterFile)
			if err != nil {
				return err
			}
			m, err := loadSyntaxModel(modelFile)
			if err != nil {
				return err
			}
			np, tokens, err := syntax.CountNewsPairs(m, newsReader(newsDir, true), clusters)
			if err != nil {
				return err
			}
			f, err := os.Create(outFile)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(f, 1<<16)
			err = syntax.WriteNewsPairs(w, np)
			if err == nil {
				err = w.Flush()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(outFile)
				return err
			}
			fmt.Fprintf(os.Stderr, "%d pairs from %d tokens written to %s in %s\n", len(np.Pairs), tokens, outFile, time.Since(start).Round(time.Second))
			return nil
		},
	}
	cmd.Flags().StringVar(&outFile, "out", "", "file to write the pair counts to (required)")
	cmd.Flags().StringVar(&modelFile, "model", "", "syntax model file to parse with (default: the built-in model)")
	cmd.Flags().StringVar(&newsDir, "news", "../shared/data/news", "news corpora to parse")
	cmd.Flags().StringVar(&clusterFile, "clusters", "", "word cluster file (as for train syntax): read if it exists, else learnt from --news and written there")
	trainCmd.AddCommand(cmd)
}

// readNewsPairs reads a file written by dyad train pairs, or returns nil for "".
func readNewsPairs(file string) (*syntax.NewsPairs, error) {
	if file == "" {
		return nil, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return syntax.ReadNewsPairs(bufio.NewReaderSize(f, 1<<16), file)
}
