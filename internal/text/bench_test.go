package text

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"dyad/internal/shareddata"
)

// readAllSides returns the texts of the first n articles of the AllSides corpus
// (gzip JSONL, body in "content_original").
func readAllSides(tb testing.TB, path string, n int) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out []string
	for line := 1; sc.Scan() && len(out) < n; line++ {
		var rec struct {
			Text string `json:"content_original"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatalf("%s:%d: %v", path, line, err)
		}
		if rec.Text != "" {
			out = append(out, rec.Text)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return out
}

// BenchmarkSplitAllSides measures Split over 3,000 AllSides news articles; it reports
// MB/s (via SetBytes) and sentences/s.
func BenchmarkSplitAllSides(b *testing.B) {
	path := shareddata.Path(b, "data/news/allsides/allsides_articles.jsonl.gz")
	articles := readAllSides(b, path, 3000)
	size := 0
	for _, a := range articles {
		size += len(a)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPUSeconds()
	sentences := 0
	for i := 0; i < b.N; i++ {
		for _, a := range articles {
			sentences += len(Split(a))
		}
	}
	b.ReportMetric(float64(sentences)/b.Elapsed().Seconds(), "sentences/s")
	reportCPUThroughput(b, cpu0, size)
}

// reportCPUThroughput reports MB per CPU-second (all threads of the process, GC
// included): on a shared machine wall-clock MB/s falls with the load, this does not
// as much. Run with -cpu 1 for a one-core figure.
func reportCPUThroughput(b *testing.B, cpu0 float64, size int) {
	if cpu := processCPUSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}

// BenchmarkTokenizeAllSides measures Tokenize alone over the same articles.
func BenchmarkTokenizeAllSides(b *testing.B) {
	path := shareddata.Path(b, "data/news/allsides/allsides_articles.jsonl.gz")
	articles := readAllSides(b, path, 3000)
	size := 0
	for _, a := range articles {
		size += len(a)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPUSeconds()
	for i := 0; i < b.N; i++ {
		for _, a := range articles {
			Tokenize(a, 0)
		}
	}
	reportCPUThroughput(b, cpu0, size)
}
