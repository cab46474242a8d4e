package petrarch

import (
	"runtime"
	"testing"

	"dyad/internal/article"
	"dyad/internal/lexicon"
	"dyad/internal/shareddata"
	"dyad/internal/text"
)

// BenchmarkLoadPhoenix measures reading and converting the Phoenix/PETRARCH-2
// dictionaries and building the lexicon; heap-MB is the live heap the lexicon holds.
func BenchmarkLoadPhoenix(b *testing.B) {
	dir := shareddata.Path(b, "data/dict/petrarch2")
	b.ReportAllocs()
	cpu0 := processCPUSeconds()
	for i := 0; i < b.N; i++ {
		if _, _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if cpu := processCPUSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	lex, _, _ := Load(dir)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(lex)
}

// BenchmarkMatchAllSides measures lexicon matching (actor and predicate phrases of
// every sentence, keys included) over about 5 MB of AllSides articles already split
// into sentences, with the Phoenix dictionaries and, to compare, with dyad's own
// lexicon; MB/s is of article text, MB/cpu-s per CPU-second of the process (GC
// included), which a busy machine disturbs less. Run with -cpu 1 for one core.
func BenchmarkMatchAllSides(b *testing.B) {
	dir := shareddata.Path(b, "data/dict/petrarch2")
	path := shareddata.Path(b, "data/news/allsides/allsides_articles.jsonl.gz")
	phoenix, _, err := Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	own, err := lexicon.Default()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]text.Token
	size := 0
	for a, err := range article.Read([]string{path}, article.Options{}) {
		if err != nil {
			continue
		}
		size += len(a.Text)
		for _, s := range text.Split(a.Text) {
			sents = append(sents, s.Tokens)
		}
		if size > 5<<20 {
			break
		}
	}
	for _, lx := range []struct {
		name string
		lex  *lexicon.Lexicon
	}{{"phoenix", phoenix}, {"dyad", own}} {
		b.Run(lx.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			matches := 0
			cpu0 := processCPUSeconds()
			for i := 0; i < b.N; i++ {
				for _, toks := range sents {
					m := lx.lex.Match(toks)
					matches += len(m.Actors) + len(m.Predicates)
				}
			}
			b.ReportMetric(float64(matches)/float64(b.N)/float64(size)*1e3, "matches/kB")
			if cpu := processCPUSeconds() - cpu0; cpu > 0 {
				b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
			}
		})
	}
}
