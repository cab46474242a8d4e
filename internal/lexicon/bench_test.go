package lexicon

import (
	"io/fs"
	"runtime"
	"testing"
)

// BenchmarkLoadDefault measures reading dyad's own lexicon files and building the
// matcher (what Default does once per process); heap-MB is the live heap the lexicon
// holds.
func BenchmarkLoadDefault(b *testing.B) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(sub); err != nil {
			b.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	lex, _ := Load(sub)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(lex)
}
