package pipeline

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"dyad/internal/article"
	"dyad/internal/shareddata"
	"dyad/internal/story"
	"dyad/internal/text"
)

// loadAllSides reads up to n articles of the AllSides corpus.
func loadAllSides(b *testing.B, n int) []article.Article {
	path := shareddata.Path(b, "data/news/allsides/allsides_articles.jsonl.gz")
	var arts []article.Article
	for a, err := range article.Read([]string{path}, article.Options{}) {
		if err != nil {
			continue
		}
		arts = append(arts, a)
		if len(arts) == n {
			break
		}
	}
	return arts
}

// BenchmarkCodeAllSides codes AllSides articles on one goroutine, with the parser and
// without it (--no-syntax), and reports articles/s, sentences/s and MB/s.
func BenchmarkCodeAllSides(b *testing.B) {
	arts := loadAllSides(b, 1000)
	var bytes, sents int
	for _, a := range arts {
		bytes += len(a.Text)
		sents += len(text.Split(a.Text))
	}
	for _, mode := range []struct {
		name string
		opt  Options
	}{{"syntax", Options{}}, {"no-syntax", Options{NoSyntax: true}}} {
		b.Run(mode.name, func(b *testing.B) {
			p, err := New(mode.opt)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(bytes))
			events := 0
			for b.Loop() {
				for _, a := range arts {
					events += len(p.Code(a))
				}
			}
			secs := b.Elapsed().Seconds()
			b.ReportMetric(float64(len(arts)*b.N)/secs, "articles/s")
			b.ReportMetric(float64(sents*b.N)/secs, "sentences/s")
			b.ReportMetric(float64(events)/float64(b.N*len(arts)), "events/article")
		})
	}
}

// BenchmarkStoryShare measures what the story stage adds to coding: the text and
// coder stages on one side, story.Resolve on the same candidates on the other.
func BenchmarkStoryShare(b *testing.B) {
	arts := loadAllSides(b, 1000)
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	var sentenceStages, storyStage time.Duration
	for b.Loop() {
		for _, a := range arts {
			t0 := time.Now()
			st := p.prepare(a)
			t1 := time.Now()
			story.Resolve(st, story.Options{})
			t2 := time.Now()
			sentenceStages += t1.Sub(t0)
			storyStage += t2.Sub(t1)
		}
	}
	b.ReportMetric(100*storyStage.Seconds()/sentenceStages.Seconds(), "story-%")
	b.ReportMetric(float64(len(arts)*b.N)/(sentenceStages+storyStage).Seconds(), "articles/s")
}

// BenchmarkCodeAllSidesParallel codes the same articles with one goroutine per core
// (GOMAXPROCS; run with -cpu 1,2 to compare), sharing one pipeline as `dyad code
// --workers N` does.
func BenchmarkCodeAllSidesParallel(b *testing.B) {
	arts := loadAllSides(b, 1000)
	sents := 0
	for _, a := range arts {
		sents += len(text.Split(a.Text))
	}
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	workers := runtime.GOMAXPROCS(0)
	for b.Loop() {
		next := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					p.Code(arts[i])
				}
			}()
		}
		for i := range arts {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(arts)*b.N)/secs, "articles/s")
	b.ReportMetric(float64(sents*b.N)/secs, "sentences/s")
}
