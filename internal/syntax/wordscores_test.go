package syntax

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestTagFeaturesSplit: a word's own features and its context's are, together,
// tagFeatures' first-pass features, so that summing them apart changes no score.
func TestTagFeaturesSplit(t *testing.T) {
	m := embeddedModel(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range []string{
		"Russia expelled two Colombian diplomats on Wednesday .",
		"A",
		"The U.S. 's 3rd-largest bank , Wells Fargo , said so",
		"xyzzyq flurbled the ÉTAT 1,200 times !",
	} {
		toks := newTokens(strings.Fields(s))
		m.setLex(toks)
		for i := range toks {
			prev, prev2 := uint64(rng.IntN(96)), uint64(rng.IntN(96))
			if i == 0 {
				prev, prev2 = 0, 0
			}
			want := tagFeatures(nil, toks, i, prev, prev2, 0, 0)
			got := tagContextFeatures(tagWordFeatures(nil, &toks[i]), toks, i, prev, prev2)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%q word %d: %d features apart, %d together", s, i, len(got), len(want))
			}
		}
	}
}

// TestWordTagScores: tagging with the words' summed weights kept gives the same
// tags, doubts and trees as summing every feature each time.
func TestWordTagScores(t *testing.T) {
	m := embeddedModel(t)
	plain := &Model{}
	*plain = *m
	plain.wordTagScores = nil
	sents := []string{
		"Russia expelled two Colombian diplomats Wednesday after the Latin American state made a similar move .",
		"Colombia expelled two Russian officials over their alleged involvement in espionage .",
		"The minister said that Moscow would respond to the decision .",
	}
	for range 2 { // the second time from the kept sums
		for _, s := range sents {
			forms := strings.Fields(s)
			if got, want := m.Parse(forms), plain.Parse(forms); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q:\n%v\nwant\n%v", s, got, want)
			}
			toks, ptoks := newTokens(forms), newTokens(forms)
			m.tag(toks)
			plain.tag(ptoks)
			if !reflect.DeepEqual(toks, ptoks) {
				t.Fatalf("%q: tokens differ", s)
			}
		}
	}
}

// TestWordTagScoresTreebank: the same over EWT dev, in one goroutine and in four
// sharing the model (go test -race exercises the sums' first stores).
func TestWordTagScoresTreebank(t *testing.T) {
	gold := readGold(t, "data/ud/en_ewt-ud-dev.conllu")
	m := embeddedModel(t)
	plain := &Model{}
	*plain = *m
	plain.wordTagScores = nil
	want := make([][]Word, len(gold))
	for i, s := range gold {
		want[i] = plain.Parse(s.Forms())
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(gold); i += 4 {
				if got := m.Parse(gold[i].Forms()); !reflect.DeepEqual(got, want[i]) {
					errs <- strings.Join(gold[i].Forms(), " ")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("parsed differently with the kept sums: %s", s)
	}
}

// BenchmarkTag measures the tagger alone on EWT dev, with the words' sums kept and
// without.
func BenchmarkTag(b *testing.B) {
	gold := readGold(b, "data/ud/en_ewt-ud-dev.conllu")
	m := benchModel(b)
	plain := &Model{}
	*plain = *m
	plain.wordTagScores = nil
	words := 0
	for _, s := range gold {
		words += len(s.Words)
	}
	for _, c := range []struct {
		name string
		m    *Model
	}{{"kept", m}, {"plain", plain}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				for _, s := range gold {
					c.m.tag(newTokens(s.Forms()))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words), "ns/word")
		})
	}
}
