package rerank

import "testing"

// BenchmarkRerank measures the cost the re-ranker adds per coded text (two events).
func BenchmarkRerank(b *testing.B) {
	items := synthetic(50)
	m, err := Train(items, TrainOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		it := &items[i%len(items)]
		m.Rerank(it.Text, it.Sentences, it.Events)
	}
}

// BenchmarkFallback measures one fallback guess.
func BenchmarkFallback(b *testing.B) {
	items := synthetic(50)
	m, err := Train(items, TrainOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		it := &items[i%len(items)]
		m.Fallback(it.Tokens, it.Preds)
	}
}
