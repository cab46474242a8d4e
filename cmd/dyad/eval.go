package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"dyad/internal/conllu"
	"dyad/internal/eval"
	"dyad/internal/pipeline"
)

func init() {
	var (
		gold     string
		asJSON   bool
		dictDir  string
		noSyntax bool
		minConf  float64
		// For the conllu format: a model file to score, and parsing on gold tags.
		modelFile string
		goldTags  bool
		rawText   bool
		predFile  string
		// errorsPerKind is --errors: wrong records listed per error kind.
		errorsPerKind int
	)
	cmd := &cobra.Command{
		Use:   "eval --gold FORMAT FILE",
		Short: "Score dyad against a gold standard",
		Long:  "Score dyad against a gold standard and print a table (--json for one JSON object).\n\nFormats:\n" + formatList(),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, ok := eval.Lookup(gold)
			if !ok {
				return fmt.Errorf("unknown gold format %q; known formats:\n%s", gold, formatList())
			}
			if _, err := os.Stat(args[0]); err != nil {
				return fmt.Errorf("gold file: %w", err)
			}
			if (modelFile != "" || goldTags || rawText || predFile != "") && gold != "conllu" {
				return fmt.Errorf("--model, --gold-tags, --raw and --pred go with --gold conllu")
			}
			if err := conllFlagsAgree(goldTags, rawText, predFile, modelFile); err != nil {
				return err
			}
			if gold == "conllu" || gold == "geo" {
				// These score the parser and the geoparser on their own.
				opt := eval.Options{GoldTags: goldTags, Predicted: predFile}
				if modelFile != "" || rawText {
					m, err := loadSyntaxModel(modelFile)
					if err != nil {
						return err
					}
					opt.Syntax = m
					if rawText {
						opt.ParseText = func(text string) []*conllu.Sentence {
							var out []*conllu.Sentence
							parseArticle(m, text, func(cs *conllu.Sentence) error { out = append(out, cs); return nil })
							return out
						}
					}
				}
				return writeReport(cmd, f, opt, args[0], asJSON, gold)
			}
			// The PETRARCH suites expect PETRARCH's conventions: events of every
			// modality, and only those with both actors.
			petrarchWay := gold == "petrarch"
			// The other event sets score the sentence's most confident event, named
			// target or not: they measure the event type and the actors found. The
			// PETRARCH scorer itself keeps the events with both actors (require_dyad).
			p, err := pipeline.New(pipeline.Options{Dict: dictDir, NoSyntax: noSyntax, All: petrarchWay, Partial: true, MinConfidence: minConf})
			if err != nil {
				return err
			}
			opt := eval.Options{Code: p.CodeText, Dict: dictDir, ErrorsPerKind: errorsPerKind}
			if petrarchWay {
				opt.CodePETRARCH = p.CodeText
			}
			return writeReport(cmd, f, opt, args[0], asJSON, gold)
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "", "gold format (required): "+strings.Join(formatNames(), ", "))
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of tables")
	cmd.Flags().IntVar(&errorsPerKind, "errors", 0, "list up to N wrong records of each error kind after the tables (-1: every one; with --json, under \"errors\", default 10)")
	cmd.Flags().StringVar(&dictDir, "dict", "", "code with PETRARCH dictionaries from this directory instead of dyad's lexicon")
	cmd.Flags().BoolVar(&noSyntax, "no-syntax", false, "read arguments from word order, without the dependency parser")
	cmd.Flags().Float64Var(&minConf, "min-confidence", 0, "leave out events the re-ranker scores below this, as 'dyad code' does by default (0.2)")
	cmd.Flags().StringVar(&modelFile, "model", "", "with --gold conllu: score this syntax model file (written by 'dyad train syntax') instead of the built-in one")
	cmd.Flags().BoolVar(&goldTags, "gold-tags", false, "with --gold conllu: parse with the gold UPOS and XPOS, to score the parser apart from the tagger")
	cmd.Flags().BoolVar(&rawText, "raw", false, "with --gold conllu: start from raw text (each document rebuilt from its \"# text =\" lines) with dyad's own sentence split and tokenisation, and score sentences, tokens, words and the rest as F1 over words aligned by character span")
	cmd.Flags().StringVar(&predFile, "pred", "", "with --gold conllu: score this predicted CoNLL-U file (e.g. 'dyad parse' of the raw text, or another parser's output) against the gold, aligned as --raw is")
	cmd.MarkFlagRequired("gold")
	root.AddCommand(cmd)
}

// conllFlagsAgree rejects combinations of the conllu format's flags that mean
// nothing together.
func conllFlagsAgree(goldTags, rawText bool, predFile, modelFile string) error {
	switch {
	case rawText && predFile != "":
		return fmt.Errorf("--raw parses the gold text, --pred scores a file already parsed: give one")
	case goldTags && (rawText || predFile != ""):
		return fmt.Errorf("--gold-tags needs the gold tokenisation: not with --raw or --pred")
	case predFile != "" && modelFile != "":
		return fmt.Errorf("--pred scores a file already parsed: --model means nothing with it")
	}
	return nil
}

func formatNames() []string {
	var names []string
	for _, f := range eval.Formats() {
		names = append(names, f.Name)
	}
	return names
}

func formatList() string {
	var b strings.Builder
	for _, f := range eval.Formats() {
		fmt.Fprintf(&b, "  %-12s %s\n", f.Name, f.Doc)
	}
	return b.String()
}

// writeErrors lists wrong records after the text report, one block each.
func writeErrors(w io.Writer, exs []eval.Example) {
	if len(exs) == 0 {
		return
	}
	fmt.Fprintf(w, "\nWrong records (%d)\n", len(exs))
	for _, e := range exs {
		fmt.Fprintf(w, "\n[%s] %s\n  gold:      %s\n  predicted: %s\n", e.Kind, e.Text, e.Gold, e.Predicted)
	}
}

// writeReport scores the gold file and prints the report; gold records that could not
// be read make the exit status 1.
func writeReport(cmd *cobra.Command, f eval.Format, opt eval.Options, path string, asJSON bool, gold string) error {
	if isTerminal(os.Stderr) {
		opt.Progress = progressPrinter("scoring")
	}
	rep, err := f.Score(opt, path)
	if err != nil {
		return err
	}
	switch gold {
	case "plv", "conflibert", "plover-gsr":
		rep.Notes = append(rep.Notes, "coded as 'dyad code --partial': events whose target the sentence does not name are scored too")
	case "petrarch":
		rep.Notes = append(rep.Notes, "coded as 'dyad code --all', keeping events with both actors, as PETRARCH codes")
	}
	if asJSON {
		err = rep.WriteJSON(cmd.OutOrStdout())
	} else {
		err = rep.WriteText(cmd.OutOrStdout())
		if err == nil && opt.ErrorsPerKind != 0 {
			writeErrors(cmd.OutOrStdout(), rep.Errors)
		}
	}
	if err == nil && rep.Skipped > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "dyad: %d gold records could not be read (listed above)\n", rep.Skipped)
		return errSkipped
	}
	return err
}
