package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"dyad/internal/article"
	"dyad/internal/conllu"
	"dyad/internal/syntax"
	"dyad/internal/text"
)

// trainCmd is the parent of the model-training subcommands; each model's command
// adds itself with trainCmd.AddCommand in its own init function.
var trainCmd = &cobra.Command{
	Use:   "train",
	Short: "Train dyad's models from the data in ../shared",
}

func init() {
	root.AddCommand(trainCmd)

	var (
		udDir                            string
		outDir                           string
		tagEpochs                        int
		parseEpochs                      int
		folds                            int
		seed                             uint64
		minWeight                        int
		parseMinWeight, labelMinWeight   int
		superMinWeight                   int
		newsDir                          string
		clusterFile                      string
		supertags                        bool
		lstmUnits, lstmEpochs, lstmFolds int
		bothSupertaggers                 bool
		lstmTagger                       int
		lstmJoint                        bool
		superDoubt                       bool
		vectorFile                       string
		newsVectors                      bool
		newsTags                         bool
		newsTagFile                      string
		retag, reverseTagger             bool
		punctFolds, punctParseEpochs     int
		parsers, taggers, beam           int
		punctEpochs                      int
		silverFiles                      []string
		tagCost                          int
	)
	cmd := &cobra.Command{
		Use:   "syntax",
		Short: "Train the tagger, lemmatiser and parser on the UD English treebanks",
		Long: `Train the tagger, lemmatiser and parser on UD English EWT train and GUM train
(without GUM's non-commercial whow and fiction documents), write
OUT/syntax.model.zst and print the scores on EWT dev and GUM dev.
The same data, epochs and seed give a byte-identical model file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if beam < 1 || beam > syntax.MaxBeam {
				return fmt.Errorf("--beam must be between 1 and %d (got %d)", syntax.MaxBeam, beam)
			}
			if parsers < 1 || taggers < 1 {
				return fmt.Errorf("--parsers and --taggers must be at least 1 (got %d and %d)", parsers, taggers)
			}
			if tagCost < 1 {
				return fmt.Errorf("--tag-cost must be at least 1 (got %d)", tagCost)
			}
			if lstmUnits < 0 || lstmUnits > 1024 || lstmEpochs < 1 {
				return fmt.Errorf("--lstm-supertagger must be between 0 and 1024 and --lstm-epochs at least 1 (got %d and %d)", lstmUnits, lstmEpochs)
			}
			if bothSupertaggers && lstmUnits == 0 {
				return errors.New("--lstm-with-perceptron needs the BiLSTM supertagger (--lstm-supertagger)")
			}
			if lstmTagger < 0 || lstmTagger > 1024 {
				return fmt.Errorf("--lstm-tagger must be between 0 and 1024 (got %d)", lstmTagger)
			}
			if lstmJoint && (lstmUnits == 0 || lstmTagger > 0) {
				return errors.New("--lstm-joint needs the BiLSTM supertagger (--lstm-supertagger) and replaces --lstm-tagger")
			}
			if superDoubt && (!supertags || lstmJoint || bothSupertaggers) {
				return errors.New("--super-doubt needs a supertagger (--supertags), without --lstm-joint or --lstm-with-perceptron")
			}
			if lstmTagger > 0 && folds < 2 {
				return errors.New("--lstm-tagger learns from the jackknifed tagger's tags: it needs --folds 2 or more")
			}
			if lstmUnits > 0 && !supertags {
				return errors.New("--lstm-supertagger needs the supertagger (--supertags)")
			}
			start := time.Now()
			clusters, err := wordClusters(newsDir, clusterFile)
			if err != nil {
				return err
			}
			cachedTags, err := readNewsTags(newsTagFile)
			if err != nil {
				return err
			}
			var vectors map[string][]float32
			if newsVectors && (lstmUnits > 0 || lstmTagger > 0) {
				if vectors, err = wordVectors(newsDir, vectorFile); err != nil {
					return err
				}
			}
			silver, err := readSilver(silverFiles)
			if err != nil {
				return err
			}
			opt := syntax.TrainOptions{
				Silver:   silver,
				TagCost:  tagCost,
				Clusters: clusters,
				Files: []string{
					filepath.Join(udDir, "en_ewt-ud-train.conllu"),
					filepath.Join(udDir, "en_gum-ud-train.conllu"),
				},
				ExcludeDocs:      syntax.DefaultExcludeDocs,
				TagEpochs:        tagEpochs,
				ParseEpochs:      parseEpochs,
				Folds:            folds,
				Seed:             seed,
				MinWeight:        minWeight,
				ParseMinWeight:   parseMinWeight,
				LabelMinWeight:   labelMinWeight,
				SuperMinWeight:   superMinWeight,
				Supertags:        supertags,
				LSTMSupertagger:  lstmUnits,
				LSTMEpochs:       lstmEpochs,
				LSTMFolds:        lstmFolds,
				BothSupertaggers: bothSupertaggers,
				LSTMTagger:       lstmTagger,
				LSTMJoint:        lstmJoint,
				SuperDoubt:       superDoubt,
				WordVectors:      vectors,
				PunctFolds:       punctFolds,
				PunctParseEpochs: punctParseEpochs,
				Parsers:          parsers,
				Taggers:          taggers,
				PunctEpochs:      punctEpochs,
				News:             newsReader(newsDir, newsTags),
				Retag:            retag,
				ReverseTagger:    reverseTagger,
				Beam:             beam,
				Log:              os.Stderr,
			}
			if newsTags {
				opt.NewsTags = cachedTags
				if newsTagFile != "" && cachedTags == nil {
					opt.SaveNewsTags = func(m map[string]uint32) error { return writeNewsTags(newsTagFile, m) }
				}
			}
			data, err := syntax.Train(opt)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return err
			}
			out := filepath.Join(outDir, "syntax.model.zst")
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "wrote %s (%.1f MB) in %s\n", out, float64(len(data))/1e6, time.Since(start).Round(time.Second))
			f, err := os.Open(out)
			if err != nil {
				return err
			}
			defer f.Close()
			m, err := syntax.Load(f)
			if err != nil {
				return err
			}
			for _, dev := range []string{"en_ewt-ud-dev.conllu", "en_gum-ud-dev.conllu"} {
				path := filepath.Join(udDir, dev)
				df, err := os.Open(path)
				if err != nil {
					fmt.Fprintf(os.Stderr, "no dev scores: %v\n", err)
					continue
				}
				gold, err := conllu.ReadAll(df, path)
				df.Close()
				if err != nil {
					return err
				}
				sc := m.Evaluate(gold)
				fmt.Fprintf(cmd.OutOrStdout(), "%s: UPOS %.2f XPOS %.2f lemma %.2f feats %.2f UAS %.2f LAS %.2f (%d words, %.0f tokens/s)\n",
					dev, sc.Pct(sc.UPOS), sc.Pct(sc.XPOS), sc.Pct(sc.Lemma), sc.Pct(sc.Feats), sc.Pct(sc.UAS), sc.Pct(sc.LAS),
					sc.Words, sc.TokensPerSecond())
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&udDir, "ud", "../shared/data/ud", "folder with the UD English EWT and GUM .conllu files")
	cmd.Flags().StringVar(&outDir, "out", "internal/syntax/model", "folder to write syntax.model.zst to")
	cmd.Flags().IntVar(&tagEpochs, "tag-epochs", 10, "tagger training passes")
	cmd.Flags().IntVar(&parseEpochs, "epochs", 15, "parser training passes")
	cmd.Flags().IntVar(&folds, "folds", 4, "jackknife folds for the parser's training tags (0: gold tags)")
	cmd.Flags().Uint64Var(&seed, "seed", 3, "random seed (shuffling and exploration)")
	cmd.Flags().IntVar(&minWeight, "prune", 800, "drop features whose weights are all below this (the largest weight is 32000)")
	cmd.Flags().IntVar(&parseMinWeight, "prune-parser", 500, "--prune for the transition classifier (0: same as --prune)")
	cmd.Flags().IntVar(&labelMinWeight, "prune-labels", 2000, "--prune for the label classifier (0: same as --prune)")
	cmd.Flags().IntVar(&superMinWeight, "prune-super", 4000, "--prune for the supertagger (0: same as --prune)")
	cmd.Flags().StringVar(&newsDir, "news", "../shared/data/news", "news corpora to learn word clusters from (\"\": no clusters)")
	cmd.Flags().BoolVar(&supertags, "supertags", true, "train a supertagger (relation and head side per word) as look-ahead for the parser")
	cmd.Flags().IntVar(&lstmUnits, "lstm-supertagger", 0, "make the supertagger a BiLSTM with this many units each way (0: the perceptron; see internal/syntax/model/MODEL.md)")
	cmd.Flags().IntVar(&lstmTagger, "lstm-tagger", 0, "also train a BiLSTM tagger with this many units each way that has the last word on the tags (0: none; needs --folds 2 or more; see internal/syntax/model/MODEL.md)")
	cmd.Flags().BoolVar(&lstmJoint, "lstm-joint", false, "give the BiLSTM supertagger a second head that tags, instead of a second network (--lstm-tagger)")
	cmd.Flags().BoolVar(&superDoubt, "super-doubt", false, "let the parser read, beside each supertag, the supertagger's runner-up where it was unsure (experimental; see internal/syntax/model/MODEL.md)")
	cmd.Flags().BoolVar(&newsVectors, "news-vectors", true, "start the BiLSTMs' word tables from word vectors learnt from the --news corpora")
	cmd.Flags().StringVar(&vectorFile, "vectors", "", "word vector file for --news-vectors: read if it exists, else learnt and written there")
	cmd.Flags().BoolVar(&bothSupertaggers, "lstm-with-perceptron", false, "also train the perceptron supertagger and give the parser both supertaggers' guesses as pairs (experimental)")
	cmd.Flags().IntVar(&lstmEpochs, "lstm-epochs", syntax.DefaultLSTMEpochs, "BiLSTM supertagger training passes")
	cmd.Flags().IntVar(&lstmFolds, "lstm-folds", syntax.DefaultLSTMFolds, "jackknifed BiLSTM supertaggers that tag the parser's training data (below 2: the final one tags it)")
	cmd.Flags().BoolVar(&newsTags, "news-tags", true, "tag the --news corpora with a first tagger and give the tagger each word's usual tags there")
	cmd.Flags().StringVar(&newsTagFile, "news-tags-file", "", "news tag table: read if it exists, else made and written there (delete it when the treebanks, clusters or --tag-epochs change)")
	cmd.Flags().BoolVar(&retag, "retag", false, "train a second tagging pass that also reads the first pass's guesses to the right")
	cmd.Flags().IntVar(&punctFolds, "punct-folds", 2, "jackknife folds of the parses the punctuation re-attacher trains on (0: no re-attacher)")
	cmd.Flags().IntVar(&punctParseEpochs, "punct-parse-epochs", 8, "training passes of each jackknifed parser for the re-attacher")
	cmd.Flags().IntVar(&punctEpochs, "punct-epochs", 10, "punctuation re-attacher training passes")
	cmd.Flags().IntVar(&beam, "beam", 1, "parses the parser keeps in its beam search, in training and parsing (1: greedy, trained with the dynamic oracle)")
	cmd.Flags().BoolVar(&reverseTagger, "reverse-tagger", false, "also train a tagger that reads right to left and rescores the words the first tagger doubted")
	cmd.Flags().IntVar(&parsers, "parsers", 5, "parsers to train (each with its own order and exploration) and average into one")
	cmd.Flags().IntVar(&taggers, "taggers", 5, "taggers to train (each with its own order) and average into one, for the model and for each jackknife fold")
	cmd.Flags().IntVar(&tagCost, "tag-cost", 1, "times the taggers learn from a mistake across UPOS other than NOUN/PROPN (experimental, 1: plain; see internal/syntax/model/MODEL.md)")
	cmd.Flags().StringSliceVar(&silverFiles, "silver", nil, "CoNLL-U files of machine-parsed sentences to add to the parser's training data (experimental; see internal/syntax/model/MODEL.md)")
	cmd.Flags().StringVar(&clusterFile, "clusters", "", "word cluster file: read if it exists, else learnt from --news and written there")
	trainCmd.AddCommand(cmd)
}

// newsReader returns a function that calls add with the word forms of every sentence
// of the AllSides and BBC articles in newsDir, or nil when newsDir is "" or use false.
func newsReader(newsDir string, use bool) func(add func(forms []string)) error {
	if newsDir == "" || !use {
		return nil
	}
	return func(add func(forms []string)) error {
		sources := []string{
			filepath.Join(newsDir, "allsides", "allsides_articles.jsonl.gz"),
			filepath.Join(newsDir, "bbc", "bbc_articles.jsonl"),
		}
		// The article readers know the corpora's field names (AllSides' content_original).
		for a, err := range article.Read(sources, article.Options{}) {
			if err != nil {
				return err
			}
			for _, s := range text.Split(a.Text) {
				forms := make([]string, len(s.Tokens))
				for i, t := range s.Tokens {
					forms[i] = t.Norm
				}
				add(forms)
			}
		}
		return nil
	}
}

// wordClusters reads the cluster file if there is one, else learns clusters from
// the AllSides and BBC articles in newsDir (and writes them to file if named).
func wordClusters(newsDir, file string) (map[string]syntax.WordClass, error) {
	// The clusters keep their own seed, so that --seed varies the training only.
	return learntFromNews(newsDir, file, "clustered words", "word clusters", syntax.ReadClusters, syntax.WriteClusters,
		func(b *syntax.ClusterBuilder) map[string]syntax.WordClass {
			return b.Clusters(syntax.DefaultClusterOptions)
		})
}

// wordVectors does the same for word vectors.
func wordVectors(newsDir, file string) (map[string][]float32, error) {
	return learntFromNews(newsDir, file, "word vectors", "word vectors", syntax.ReadEmbeddings, syntax.WriteEmbeddings,
		func(b *syntax.ClusterBuilder) map[string][]float32 {
			return b.Embeddings(syntax.DefaultEmbeddingOptions)
		})
}

// learntFromNews reads a per-word table from file if it exists, else learns it from
// the news in newsDir (nil if newsDir is "") and writes it to file (if named).
func learntFromNews[V any](newsDir, file, what, learnt string,
	read func(io.Reader, string) (map[string]V, error), write func(io.Writer, map[string]V) error,
	learn func(*syntax.ClusterBuilder) map[string]V) (map[string]V, error) {
	if file != "" {
		if f, err := os.Open(file); err == nil {
			defer f.Close()
			m, err := read(f, file)
			if err == nil {
				fmt.Fprintf(os.Stderr, "%s: %d %s\n", file, len(m), what)
			}
			return m, err
		}
	}
	if newsDir == "" {
		return nil, nil
	}
	start := time.Now()
	b := syntax.NewClusterBuilder()
	if err := newsReader(newsDir, true)(b.Add); err != nil {
		return nil, err
	}
	m := learn(b)
	fmt.Fprintf(os.Stderr, "%s: %d words from %d tokens in %s\n", learnt, len(m), b.Tokens(), time.Since(start).Round(time.Second))
	if file != "" {
		f, err := os.Create(file)
		if err != nil {
			return nil, err
		}
		if err := write(f, m); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// readNewsTags reads a table written by writeNewsTags, or returns nil when file is ""
// or does not exist.
func readNewsTags(file string) (map[string]uint32, error) {
	if file == "" {
		return nil, nil
	}
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]uint32{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		w, v, ok := strings.Cut(sc.Text(), "\t")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil {
			return nil, fmt.Errorf("%s:%d: want word<TAB>number", file, line)
		}
		m[w] = uint32(n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintf(os.Stderr, "%s: news tags of %d words\n", file, len(m))
	return m, nil
}

// writeNewsTags writes the news tag table as "word<TAB>number" lines in word order.
func writeNewsTags(file string, m map[string]uint32) error {
	var b strings.Builder
	for _, w := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, "%s\t%d\n", w, m[w])
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}

// readSilver reads the --silver files; every sentence must have a tree.
func readSilver(paths []string) ([]*conllu.Sentence, error) {
	var all []*conllu.Sentence
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		ss, err := conllu.ReadAll(f, p)
		f.Close()
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			if !s.HasHeads() {
				return nil, fmt.Errorf("%s: sentence %q has no heads", p, s.Comment("sent_id"))
			}
		}
		all = append(all, ss...)
	}
	return all, nil
}
