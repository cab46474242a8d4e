package syntax

import (
	"runtime"
	"sync"
)

// News tags: how a first tagger, trained on the treebanks, tags each word of the
// unlabelled news corpus, summed over all its occurrences. A word the treebanks
// rarely or never show ("militant", "explosives", "Houthi") is tagged in the news in
// thousands of contexts, most of them easy, so its usual tags there are good
// evidence for the hard ones; this is self-training reduced to a lexicon, and costs
// the tagger one table lookup per word.

// newsTagShare is the share of a word's news occurrences its runner-up tag class
// needs to be recorded next to the top one.
const newsTagShare = 0.1

// newsTags tags every sentence news yields with model m and returns, for each word of
// clusters (lower case, digits as 0), its top tag class + 1, with the runner-up + 1 in
// the next 8 bits when it has at least newsTagShare of the occurrences; and the
// number of tokens tagged. The sums do not depend on the order of the work, so the
// table is the same however it is shared among the cores.
func newsTags(m *Model, news func(add func(forms []string)) error, clusters map[string]WordClass) (map[string]uint32, int, error) {
	ids := make(map[string]int, len(clusters))
	for w := range clusters {
		ids[w] = len(ids)
	}
	nclass := m.tagger.nclass
	batches := make(chan [][]string, 4)
	workers := max(1, runtime.GOMAXPROCS(0))
	counts := make([][]int32, workers)
	tokens := make([]int, workers)
	var wg sync.WaitGroup
	for k := range workers {
		counts[k] = make([]int32, len(ids)*nclass)
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := counts[k]
			var toks []token
			for batch := range batches {
				for _, forms := range batch {
					toks = toks[:0]
					for _, f := range forms {
						toks = append(toks, newToken(f))
					}
					for i, tag := range m.tag(toks) {
						if id, ok := ids[toks[i].lower]; ok {
							c[id*nclass+tag]++
						}
					}
					tokens[k] += len(forms)
				}
			}
		}()
	}
	var batch [][]string
	err := news(func(forms []string) {
		if len(forms) == 0 || len(forms) > 250 {
			return // no sentence, or a run-on list the tagger learns nothing from
		}
		batch = append(batch, forms)
		if len(batch) == 512 {
			batches <- batch
			batch = nil
		}
	})
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wg.Wait()
	if err != nil {
		return nil, 0, err
	}
	total := tokens[0]
	sums := counts[0]
	for k := 1; k < workers; k++ {
		total += tokens[k]
		for i, n := range counts[k] {
			sums[i] += n
		}
	}
	out := make(map[string]uint32, len(ids))
	for w, id := range ids {
		row := sums[id*nclass : (id+1)*nclass]
		best, second, sum := -1, -1, int32(0)
		for c, n := range row {
			sum += n
			switch {
			case n == 0:
			case best < 0 || n > row[best]:
				best, second = c, best
			case second < 0 || n > row[second]:
				second = c
			}
		}
		if best < 0 {
			continue
		}
		v := uint32(best + 1)
		if second >= 0 && float64(row[second]) >= newsTagShare*float64(sum) {
			v |= uint32(second+1) << 8
		}
		out[w] = v
	}
	return out, total, nil
}
