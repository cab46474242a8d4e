package syntax

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"
)

// syntheticCorpus has nouns, verbs and adjectives that occur only in their own
// slots of "the ADJ NOUN VERB the NOUN ." sentences.
func syntheticCorpus() (*ClusterBuilder, map[string]string) {
	class := map[string]string{}
	var nouns, verbs, adjs []string
	for i := range 30 {
		nouns = append(nouns, fmt.Sprintf("noun%c%c", 'a'+i/26, 'a'+i%26))
		verbs = append(verbs, fmt.Sprintf("verb%c%c", 'a'+i/26, 'a'+i%26))
		adjs = append(adjs, fmt.Sprintf("adj%c%c", 'a'+i/26, 'a'+i%26))
	}
	for _, w := range nouns {
		class[w] = "noun"
	}
	for _, w := range verbs {
		class[w] = "verb"
	}
	for _, w := range adjs {
		class[w] = "adj"
	}
	rng := rand.New(rand.NewPCG(1, 2))
	b := NewClusterBuilder()
	for range 5000 {
		b.Add([]string{"The", adjs[rng.IntN(30)], nouns[rng.IntN(30)], verbs[rng.IntN(30)], "the", nouns[rng.IntN(30)], "."})
	}
	return b, class
}

func TestClustersSeparateWordsUsedInDifferentSlots(t *testing.T) {
	b, class := syntheticCorpus()
	opt := ClusterOptions{MinCount: 5, MaxWords: 1000, Contexts: 100, Seed: 1}
	cl := b.Clusters(opt)
	top := map[uint16]string{} // top-level cluster -> the class seen in it
	for w, c := range class {
		wc, ok := cl[w]
		if !ok {
			t.Fatalf("%s has no cluster", w)
		}
		k := wc.Cluster / (clusterBranch * clusterBranch)
		if prev, ok := top[k]; ok && prev != c {
			t.Errorf("top cluster %d mixes %s and %s words", k, prev, c)
		}
		top[k] = c
	}
	if again := b.Clusters(opt); !maps.Equal(cl, again) {
		t.Error("the same corpus and options gave different clusters")
	}
}

func TestClusterFileRoundTrip(t *testing.T) {
	b, _ := syntheticCorpus()
	cl := b.Clusters(ClusterOptions{MinCount: 5, MaxWords: 1000, Contexts: 100, Seed: 1})
	var buf bytes.Buffer
	if err := WriteClusters(&buf, cl); err != nil {
		t.Fatal(err)
	}
	got, err := ReadClusters(&buf, "clusters")
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(cl, got) {
		t.Error("clusters changed on the way through the file")
	}
	_, err = ReadClusters(strings.NewReader("the\t3\ncat\t5000\n"), "bad")
	if err == nil || !strings.Contains(err.Error(), "bad:2:") {
		t.Errorf("out-of-range cluster: error %v, want one naming bad:2", err)
	}
}
