package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"dyad/internal/conllu"
	"dyad/internal/syntax"
	"dyad/internal/text"
)

func init() {
	var input, modelFile string
	var keepTags bool
	cmd := &cobra.Command{
		Use:   "parse [--input text|conllu] [--keep-tags] [FILE|-]",
		Short: "Tag, lemmatise and parse text, writing CoNLL-U",
		Long: `Tag, lemmatise and parse, writing CoNLL-U to standard output.

With --input text (the default) the input is one article of plain text, split into
sentences and tokens by dyad's text stage; each sentence gets "# text =", tokens
not followed by a space get SpaceAfter=No, and a word written with clitics that the
tokeniser split off ("don't" = do + n't, "Russia's" = Russia + 's) gets a multiword
token line, as in the UD English treebanks.

With --input conllu the input's sentences, tokens and comments are kept and every
other column is predicted (enhanced dependencies and empty nodes are dropped), so that the output
can be scored against a gold treebank. Malformed sentences are reported with their
line number and skipped. --keep-tags also keeps the input's UPOS and XPOS (where
given) and parses with them, e.g. after another tagger or to see the parser on gold
tags.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if keepTags && input != "conllu" {
				return fmt.Errorf("--keep-tags needs --input conllu")
			}
			name := "-"
			if len(args) == 1 {
				name = args[0]
			}
			var in io.Reader = os.Stdin
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			} else {
				name = "stdin"
			}
			m, err := loadSyntaxModel(modelFile)
			if err != nil {
				return err
			}
			out := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			defer out.Flush()
			switch input {
			case "text":
				return parseText(m, in, out)
			case "conllu":
				return parseCoNLLU(m, in, name, out, cmd.ErrOrStderr(), keepTags)
			default:
				return fmt.Errorf("--input %q: want text or conllu", input)
			}
		},
	}
	cmd.Flags().StringVar(&input, "input", "text", "input format: text or conllu")
	cmd.Flags().StringVar(&modelFile, "model", "", "syntax model file (default: the one built in)")
	cmd.Flags().BoolVar(&keepTags, "keep-tags", false, "with --input conllu: keep the input's UPOS and XPOS and parse with them")
	root.AddCommand(cmd)
}

func parseText(m *syntax.Model, in io.Reader, out io.Writer) error {
	data, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	return parseArticle(m, string(data), func(cs *conllu.Sentence) error { return conllu.Write(out, cs) })
}

// parseArticle splits and tokenises an article with the text stage and parses each
// sentence, handing it to emit as it goes (a large file is written while it is read,
// not held); forms keep the text's spelling, the parser reads the normalised tokens.
func parseArticle(m *syntax.Model, article string, emit func(*conllu.Sentence) error) error {
	for _, s := range text.Split(article) {
		if len(s.Tokens) == 0 {
			continue
		}
		forms := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			forms[i] = t.Norm
			if forms[i] == "" {
				forms[i] = t.Text
			}
		}
		words := m.Parse(forms)
		cs := &conllu.Sentence{Comments: []string{
			"# sent_id = " + strconv.Itoa(s.Index+1),
			"# text = " + oneLine(s.Text(article)),
		}}
		for i, w := range words {
			cs.Words = append(cs.Words, conllu.Word{
				ID: w.ID, Form: s.Tokens[i].Text, Lemma: w.Lemma, UPOS: w.UPOS, XPOS: w.XPOS,
				Feats: w.Feats, Head: w.Head, Deprel: w.Rel, Misc: spaceAfter(s.Tokens[i]),
			})
		}
		cs.Multi = multiwordTokens(article, s.Tokens, cs.Words)
		if err := emit(cs); err != nil {
			return err
		}
	}
	return nil
}

// spaceAfter is the MISC column of a token: SpaceAfter=No when text follows at once.
func spaceAfter(t text.Token) string {
	if t.SpaceAfter {
		return ""
	}
	return "SpaceAfter=No"
}

// multiwordTokens makes each word with the clitics the text stage split off it one
// multiword token, as UD writes "don't" (do + n't) and "Russia's" (Russia + 's); the
// token carries SpaceAfter, its words none.
func multiwordTokens(article string, toks []text.Token, words []conllu.Word) []conllu.MultiToken {
	var multi []conllu.MultiToken
	for i := 0; i+1 < len(toks); i++ {
		if !toks[i+1].Clitic {
			continue
		}
		j := i + 1
		for j+1 < len(toks) && toks[j+1].Clitic {
			j++
		}
		multi = append(multi, conllu.MultiToken{First: i + 1, Last: j + 1,
			Form: article[toks[i].Start:toks[j].End], Misc: spaceAfter(toks[j])})
		for k := i; k <= j; k++ {
			words[k].Misc = ""
		}
		i = j
	}
	return multi
}

// oneLine keeps "# text =" on one line: line breaks inside a sentence become spaces.
func oneLine(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

func parseCoNLLU(m *syntax.Model, in io.Reader, name string, out, errOut io.Writer, keepTags bool) error {
	rd := conllu.NewReader(in, name)
	skipped := 0
	for {
		s, err := rd.Next()
		if err == io.EOF {
			break
		}
		if ce, ok := err.(*conllu.Error); ok {
			fmt.Fprintln(errOut, "dyad parse:", ce)
			skipped++
			continue
		}
		if err != nil {
			return err
		}
		var words []syntax.Word
		if keepTags {
			xpos, upos := make([]string, len(s.Words)), make([]string, len(s.Words))
			for i, w := range s.Words {
				xpos[i], upos[i] = w.XPOS, w.UPOS
			}
			if words, err = m.ParseTagged(s.Forms(), xpos, upos); err != nil {
				fmt.Fprintf(errOut, "dyad parse: %s:%d: %v\n", name, s.Line, err)
				skipped++
				continue
			}
		} else {
			words = m.Parse(s.Forms())
		}
		s.Empty = nil // empty nodes belong to the enhanced graph, which is not predicted
		for i, w := range words {
			cw := &s.Words[i]
			cw.Lemma, cw.UPOS, cw.XPOS, cw.Feats = w.Lemma, w.UPOS, w.XPOS, w.Feats
			cw.Head, cw.Deprel, cw.Deps = w.Head, w.Rel, ""
		}
		if err := conllu.Write(out, s); err != nil {
			return err
		}
	}
	if skipped > 0 {
		fmt.Fprintf(errOut, "dyad parse: %d sentences skipped (listed above)\n", skipped)
		return errSkipped
	}
	return nil
}

// loadSyntaxModel reads a model file written by dyad train syntax, or returns the
// built-in model when path is "".
func loadSyntaxModel(path string) (*syntax.Model, error) {
	if path == "" {
		return syntax.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := syntax.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
