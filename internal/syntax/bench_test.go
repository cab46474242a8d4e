package syntax

import (
	"bytes"
	"os"
	"testing"

	"dyad/internal/conllu"
	"dyad/internal/shareddata"
)

// benchModel loads the model in DYAD_SYNTAX_MODEL (a file written by dyad train
// syntax) when set, else the embedded one.
func benchModel(tb testing.TB) *Model {
	tb.Helper()
	if p := os.Getenv("DYAD_SYNTAX_MODEL"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			tb.Fatal(err)
		}
		return m
	}
	m, err := Default()
	if err != nil {
		tb.Skipf("skipped: %v", err)
	}
	return m
}

func readGold(tb testing.TB, rel string) []*conllu.Sentence {
	tb.Helper()
	path := shareddata.Path(tb, rel)
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f, path)
	if err != nil {
		tb.Fatal(err)
	}
	return ss
}

// BenchmarkParse measures tag + lemma + parse throughput on EWT dev, one goroutine.
func BenchmarkParse(b *testing.B) {
	gold := readGold(b, "data/ud/en_ewt-ud-dev.conllu")
	m := benchModel(b)
	var sents [][]string
	words := 0
	for _, s := range gold {
		sents = append(sents, s.Forms())
		words += len(s.Words)
	}
	b.ResetTimer()
	cpu0 := processCPUSeconds()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			m.Parse(s)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := processCPUSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(words)*float64(b.N)/cpu, "tokens/cpu-s")
	}
}

// BenchmarkLoad measures reading the model file (gunzip + table building).
func BenchmarkLoad(b *testing.B) {
	var data []byte
	if p := os.Getenv("DYAD_SYNTAX_MODEL"); p != "" {
		var err error
		if data, err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	} else {
		var err error
		if data, err = modelFiles.ReadFile("model/syntax.model.zst"); err != nil {
			b.Skipf("skipped: no embedded model: %v", err)
		}
	}
	b.SetBytes(int64(len(data)))
	cpu0 := processCPUSeconds()
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := processCPUSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(cpu*1000/float64(b.N), "cpu-ms/load")
	}
}

// BenchmarkReattach measures the punctuation re-attacher alone, on the parser's trees
// of EWT dev, in tokens/s of the whole text: its share of BenchmarkParse's time.
func BenchmarkReattach(b *testing.B) {
	gold := readGold(b, "data/ud/en_ewt-ud-dev.conllu")
	m := benchModel(b)
	if m.punct == nil {
		b.Skip("skipped: the model has no punctuation re-attacher")
	}
	type parsed struct {
		in     parseInput
		tags   []int
		heads  []int32
		labels []uint8
	}
	var trees []parsed
	words := 0
	for _, s := range gold {
		forms := s.Forms()
		toks := newTokens(forms)
		tags := m.tag(toks)
		in := m.input(toks, tags)
		st := m.parseTree(&in, tags)
		trees = append(trees, parsed{in, tags, st.heads, st.labels})
		words += len(forms)
	}
	heads := make([]int32, 0, 256)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range trees {
			t := &trees[k]
			heads = append(heads[:0], t.heads...)
			newPunctTree(&t.in, t.tags, m.relFacts.punctClass, heads, t.labels).reattach(m.punct)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkSupertag measures the model's supertagger alone (the BiLSTM's or the
// perceptron's) on EWT dev, tagged beforehand, in µs per word.
func BenchmarkSupertag(b *testing.B) {
	gold := readGold(b, "data/ud/en_ewt-ud-dev.conllu")
	m := benchModel(b)
	type tagged struct {
		toks []token
		tags []int
	}
	var sents []tagged
	words := 0
	for _, s := range gold {
		toks := newTokens(s.Forms())
		sents = append(sents, tagged{toks, m.tag(toks)})
		words += len(toks)
	}
	b.ResetTimer()
	for range b.N {
		for _, s := range sents {
			m.input(s.toks, s.tags)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words)/1000, "µs/word")
}
