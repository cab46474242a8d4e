package timex

import (
	"testing"

	"dyad/internal/text"
)

// BenchmarkFindAllSides measures Find alone over 3,000 AllSides articles already
// split into sentences (the story stage gets them from the text stage); MB/s is of
// article text.
func BenchmarkFindAllSides(b *testing.B) {
	arts := readAllSides(b, 3000)
	texts := make([]string, len(arts))
	split := make([][]text.Sentence, len(arts))
	size := 0
	for i, a := range arts {
		texts[i], split[i] = a.Text, text.Split(a.Text)
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPUSeconds()
	found := 0
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			found += len(Find(t, split[j]))
		}
	}
	b.ReportMetric(float64(found)/float64(b.N)/float64(len(texts)), "exprs/article")
	// On a shared machine wall-clock MB/s falls with the load; MB per CPU-second less so.
	if cpu := processCPUSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}
