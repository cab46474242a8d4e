package syntax

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"dyad/internal/conllu"
	"dyad/internal/shareddata"
)

// The experiment of session 12 (model/MODEL.md, "A BiLSTM supertagger"), run by hand:
// both skip unless their variable is set.
//
//	DYAD_LSTM_SUPERTAGS=/tmp/super.tsv go test ./internal/syntax -run TestBiLSTMSupertagExperiment -v -timeout 2h
//
// trains the BiLSTM supertagger on EWT and GUM train (4-fold jackknife for the
// training sentences, one network on all of it for the dev sentences) and writes
// every sentence's supertags, the format of dyad train syntax --supertags-file. Then
//
//	DYAD_SUPERTAGS=/tmp/super.tsv [DYAD_SYNTAX_MODEL=model.gz] go test ./internal/syntax -run TestParseWithSupertags -v
//
// parses EWT and GUM dev with the model's own supertags and with the file's.

type superExample struct {
	src   *conllu.Sentence
	input *lstmInput
	gold  []int
}

func TestBiLSTMSupertagExperiment(t *testing.T) {
	out := os.Getenv("DYAD_LSTM_SUPERTAGS")
	if out == "" {
		t.Skip("set DYAD_LSTM_SUPERTAGS to run the experiment")
	}
	epochs, hidden := envInt("DYAD_LSTM_EPOCHS", 6), envInt("DYAD_LSTM_HIDDEN", 64)
	m := benchModel(t)
	ud := shareddata.Path(t, "data/ud")
	var train []*conllu.Sentence
	for _, f := range []string{"en_ewt-ud-train.conllu", "en_gum-ud-train.conllu"} {
		ss, _, err := readTreebank(filepath.Join(ud, f), DefaultExcludeDocs)
		if err != nil {
			t.Fatal(err)
		}
		train = append(train, ss...)
	}
	counts := map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			counts[newToken(w.Form).lower]++
		}
	}
	vocab, freq := map[string]int32{}, []int{0}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.Sort(words)
	for _, w := range words {
		if counts[w] >= 2 {
			vocab[w] = int32(len(freq))
			freq = append(freq, counts[w])
		}
	}
	labelOf := map[string]int{}
	for i, l := range m.labels {
		labelOf[l] = i
	}
	// The tagger's tags: on the training sentences they are nearly gold (the model
	// learnt them), which makes the jackknifed supertags better than on new text.
	example := func(s *conllu.Sentence) superExample {
		toks := newTokens(s.Forms())
		tags := m.tag(toks)
		ex := superExample{src: s, input: superInput(toks, tags, vocab)}
		n := len(s.Words)
		for i, w := range s.Words {
			h := int32(w.Head)
			if h == 0 {
				h = int32(n + 1)
			}
			l, ok := labelOf[w.Deprel]
			if !ok {
				l = labelOf[strings.Split(w.Deprel, ":")[0]]
			}
			ex.gold = append(ex.gold, superClass(uint8(l), int32(i+1), h))
		}
		return ex
	}
	var tr []superExample
	for _, s := range train {
		tr = append(tr, example(s))
	}
	var dev []superExample
	for _, f := range []string{"en_ewt-ud-dev.conllu", "en_gum-ud-dev.conllu"} {
		for _, s := range readGold(t, "data/ud/"+f) {
			dev = append(dev, example(s))
		}
	}
	rows := append([]int{len(freq)}, lstmSuperRows[1:]...)
	fit := func(seed uint64, data []superExample) *bilstm {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := newBiLSTM(rng, rows, lstmSuperDims, lstmSuperFlags, hidden, 2*len(m.labels))
		inputs, golds := make([]*lstmInput, len(data)), make([][]int, len(data))
		for i, ex := range data {
			inputs[i], golds[i] = ex.input, ex.gold
		}
		n.train(inputs, golds, lstmTraining{
			epochs: epochs, rate: 0.05, clip: 5, drop: 0.2,
			vary: func(s *lstmInput, rng *rand.Rand) *lstmInput { // word dropout
				v := &lstmInput{ids: make([][]int32, len(s.ids)), flags: s.flags}
				for i, ids := range s.ids {
					v.ids[i] = ids
					if id := ids[lsWord]; id > 0 && rng.Float64() < 0.25/(0.25+float64(freq[id])) {
						v.ids[i] = append([]int32{0}, ids[1:]...)
					}
				}
				return v
			},
			after: func(e int) { t.Logf("network %d: epoch %d of %d", seed, e, epochs) },
		}, rng)
		return n
	}
	const folds = 4
	pred := make([][]int, len(tr))
	var devPred [][]int
	var jobs []func()
	for k := range folds {
		jobs = append(jobs, func() {
			var in []superExample
			for i, ex := range tr {
				if i%folds != k {
					in = append(in, ex)
				}
			}
			n := fit(uint64(10+k), in)
			for i, ex := range tr {
				if i%folds == k {
					pred[i] = n.predict(ex.input)
				}
			}
		})
	}
	jobs = append(jobs, func() {
		n := fit(99, tr)
		for _, ex := range dev {
			devPred = append(devPred, n.predict(ex.input))
		}
	})
	var wg sync.WaitGroup
	slots := make(chan bool, 2)
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- true
			j()
			<-slots
		}()
	}
	wg.Wait()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	write := func(exs []superExample, preds [][]int, what string) {
		right, total := 0, 0
		for i, ex := range exs {
			names := make([]string, len(preds[i]))
			for j, c := range preds[i] {
				names[j] = supertagName(c, m.labels)
				total++
				if c == ex.gold[j] {
					right++
				}
			}
			fmt.Fprintf(f, "%s\t%s\n", sentenceKey(ex.src.Forms()), strings.Join(names, " "))
		}
		t.Logf("%s: %.2f%% of %d supertags right", what, 100*float64(right)/float64(total), total)
	}
	write(tr, pred, "training sentences, jackknifed")
	write(dev, devPred, "EWT and GUM dev")
}

func TestParseWithSupertags(t *testing.T) {
	path := os.Getenv("DYAD_SUPERTAGS")
	if path == "" {
		t.Skip("set DYAD_SUPERTAGS to a file written by TestBiLSTMSupertagExperiment")
	}
	m := benchModel(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	given, err := ReadSupertags(f, path)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"en_ewt-ud-dev.conllu", "en_gum-ud-dev.conllu"} {
		gold := readGold(t, "data/ud/"+name)
		for _, mode := range []string{"own", "given"} {
			var sents []*trainSent
			supers := make([][]uint64, len(gold))
			for _, s := range gold {
				toks := newTokens(s.Forms())
				sents = append(sents, &trainSent{forms: s.Forms(), toks: toks})
			}
			if mode == "given" {
				if n, err := givenSupertags(supers, sents, given, m.labels); err != nil {
					t.Fatal(err)
				} else if n != len(gold) {
					t.Fatalf("%s: %d of %d sentences in %s", name, n, len(gold), path)
				}
			}
			uas, las, total := 0, 0, 0
			for i, s := range gold {
				toks := sents[i].toks
				tags := m.tag(toks)
				in := m.input(toks, tags)
				if supers[i] != nil {
					in.super = supers[i]
				}
				st := m.tree(&in, tags)
				if m.punct != nil {
					newPunctTree(&in, tags, m.relFacts.punctClass, st.heads, st.labels).reattach(m.punct)
				}
				n := len(toks)
				for j, w := range s.Words {
					h := int(st.heads[j+1])
					if h == n+1 {
						h = 0
					}
					total++
					if h == w.Head {
						uas++
						if m.labels[st.labels[j+1]] == w.Deprel {
							las++
						}
					}
				}
			}
			t.Logf("%s, %s supertags: UAS %.2f LAS %.2f", name, mode, 100*float64(uas)/float64(total), 100*float64(las)/float64(total))
		}
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
