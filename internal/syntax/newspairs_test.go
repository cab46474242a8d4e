package syntax

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestNewsPairs(t *testing.T) {
	tiny := filepath.Join("testdata", "tiny.conllu")
	base := TrainOptions{Files: []string{tiny}, TagEpochs: 5, ParseEpochs: 10, Seed: 7, Supertags: true}
	data, err := Train(base)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	clusters := map[string]WordClass{}
	for i, w := range strings.Fields("the council approved plan police arrested two men in paris russia expelled by envoy was") {
		clusters[w] = WordClass{Cluster: uint16(i)}
	}
	news := func(add func([]string)) error {
		for range 3 {
			add(strings.Fields("The council approved the plan ."))
			add(strings.Fields("Police arrested two men in Paris ."))
		}
		return nil
	}
	np, tokens, err := CountNewsPairs(m, news, clusters)
	if err != nil {
		t.Fatal(err)
	}
	if tokens != 39 {
		t.Errorf("%d tokens parsed, want 39", tokens)
	}
	ids := pairVocab(clusters)
	counts := map[uint64]uint64{}
	for _, p := range np.Pairs {
		counts[p>>20] = p & (1<<20 - 1)
	}
	for _, want := range []struct {
		head, dep string
		kind      int
	}{
		{"approved", "council", pairDepLeft},
		{"approved", "plan", pairDepRight},
		{"arrested", "men", pairDepRight},
		{"arrested", "in", pairFnRight}, // "in Paris" hangs from "arrested"
	} {
		if n := counts[pairKey(ids[want.head], ids[want.dep], want.kind)]; n != 3 {
			t.Errorf("%s -> %s (kind %d) counted %d times, want 3", want.head, want.dep, want.kind, n)
		}
	}
	if n := counts[pairKey(ids["approved"], ids["the"], pairDepLeft)]; n != 0 {
		t.Errorf("the -> approved counted %d times: not an arc", n)
	}

	var buf bytes.Buffer
	if err := WriteNewsPairs(&buf, np); err != nil {
		t.Fatal(err)
	}
	back, err := ReadNewsPairs(bytes.NewReader(buf.Bytes()), "pairs")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, np) {
		t.Error("news pairs read back differ from those written")
	}
	for _, bad := range []string{"w\tb\t1\nw\ta\t1\n", "w\ta\t1\np\t0\ta\tzz\t3\n", "p\t9\ta\ta\t3\n", "x\n"} {
		if _, err := ReadNewsPairs(strings.NewReader(bad), "bad"); err == nil || !strings.HasPrefix(err.Error(), "bad:") {
			t.Errorf("ReadNewsPairs(%q): %v, want an error naming the line", bad, err)
		}
	}

	entries := pairCodes(np, ids)
	if len(entries) != len(np.Pairs) {
		t.Fatalf("%d coded pairs of %d", len(entries), len(np.Pairs))
	}
	table := newPairTable(entries)
	for _, e := range entries {
		if code := e & 15; code&3 == 0 || code>>2 == 0 || table.code(e>>4) != code {
			t.Errorf("pair %x: code %d, table %d", e>>4, code, table.code(e>>4))
		}
	}
	if c := table.code(pairKey(ids["plan"], ids["police"], pairDepLeft)); c != 0 {
		t.Errorf("a pair never seen has code %d", c)
	}

	// A model that reads them is the same bytes every time, and keeps them.
	withPairs := base
	withPairs.Clusters, withPairs.NewsPairs = clusters, np
	pm, err := Load(bytes.NewReader(trainTwice(t, withPairs)))
	if err != nil {
		t.Fatal(err)
	}
	if pm.relFacts.pairs == nil || len(pm.relFacts.pairs.slots) != len(table.slots) {
		t.Fatal("the model lost its news pairs")
	}
	forms := strings.Fields("Police arrested the envoy in Paris .")
	checkTree(t, forms, pm.Parse(forms))
}
