package syntax

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestTreeTagChoosesBetweenTagAndRunnerUp(t *testing.T) {
	const nclass = 5
	// Every word tagged 1 prefers its runner-up, whatever that is.
	var rows []featureRow
	for second := range nclass {
		rows = append(rows, featureRow{key: f2(ttCurSecond, 2, uint64(second)+1), cls: []uint8{uint8(second)}, vals: []int16{1000}})
	}
	m := &Model{treeTagger: buildWeights(nclass, rows)}
	toks := newTokens(strings.Fields("a b c d"))
	tags := []int{1, 1, 1, 2}
	toks[0].runnerUp, toks[0].margin = 3, 100          // doubted: flips to 3
	toks[1].runnerUp, toks[1].margin = 4, treeTagBelow // sure enough: stays
	toks[2].runnerUp = -1                              // decided by the tag dictionary
	toks[3].runnerUp, toks[3].margin = 0, 100          // doubted, but no weight for tag 2
	heads := []int32{0, 2, 5, 2, 2, 0}
	labels := make([]uint8, 6)
	m.treeTag(toks, tags, heads, labels)
	if want := []int{3, 1, 1, 2}; !equalInts(tags, want) {
		t.Errorf("tags %v, want %v", tags, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTrainTreeTag(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 3, ParseEpochs: 5, Seed: 7, Folds: 2, Supertags: true,
		PunctFolds: 2, PunctParseEpochs: 3, PunctEpochs: 3,
	}
	plain, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.TreeTag, opt.TreeTagEpochs = true, 3
	data := trainTwice(t, opt)
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	forms := strings.Fields("Police arrested the envoy in Paris .")
	checkTree(t, forms, m.Parse(forms))
	// The rest of the model is trained as without it.
	d, err := readModelData(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	pd, err := readModelData(bytes.NewReader(plain))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.parseRows, pd.parseRows) || !reflect.DeepEqual(d.tagRows, pd.tagRows) || !reflect.DeepEqual(d.punctRows, pd.punctRows) {
		t.Error("the tree tagger changed the rest of the model")
	}
	// Its rows are kept in the file (the tiny treebank may leave the tagger no doubts).
	d.treeTagRows = []featureRow{{key: f1(ttCur, 1), cls: []uint8{0}, vals: []int16{7}}}
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil || back.treeTagger == nil {
		t.Fatalf("a model with a tree tagger: %v", err)
	}
	scores := make([]int32, back.treeTagger.nclass)
	back.treeTagger.score([]uint64{f1(ttCur, 1)}, scores)
	if scores[0] != 7 {
		t.Errorf("the tree tagger's weight read back as %d, want 7", scores[0])
	}
}
