package syntax

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRelabelTree: the relabeller's view of a finished tree, "She gave him the book
// yesterday" (words 1-6, the root 7): gave has She on its left and him, book and
// yesterday on its right; him and book share a label.
func TestRelabelTree(t *testing.T) {
	heads := []int32{0, 2, 7, 2, 5, 2, 2, 0}
	labels := []uint8{0, 1, 9, 2, 3, 2, 4, 0}
	tr := newRelabelTree(heads, labels)
	for _, tc := range []struct {
		d                     int
		closer, farther, same int
	}{
		{1, 0, 0, 0}, // She: gave's only left dependent
		{3, 0, 5, 1}, // him: nearest to gave; book follows; book shares its label
		{5, 3, 6, 1},
		{6, 5, 0, 0},
		{4, 0, 0, 0}, // the: book's only dependent
	} {
		if int(tr.closer[tc.d]) != tc.closer || int(tr.farther[tc.d]) != tc.farther || int(tr.same[tc.d]) != tc.same {
			t.Errorf("word %d: closer %d, farther %d, same %d; want %d, %d, %d", tc.d, tr.closer[tc.d], tr.farther[tc.d], tr.same[tc.d], tc.closer, tc.farther, tc.same)
		}
	}
	if tr.s.nr[2] != 3 || tr.s.nl[2] != 1 || tr.s.rc1[2] != 6 || tr.s.lc1[5] != 4 {
		t.Errorf("rebuilt state: gave has %d right and %d left dependents, rightmost %d; book's leftmost %d", tr.s.nr[2], tr.s.nl[2], tr.s.rc1[2], tr.s.lc1[5])
	}
	if relabels(heads, []int{0, 0, 0, 0, 0, 1}, []bool{false, true}, 2) || !relabels(heads, []int{0, 0, 0, 0, 0, 1}, []bool{false, true}, 3) || relabels(heads, []int{0, 0, 0, 0, 0, 1}, []bool{false, true}, 6) {
		t.Error("relabels: want the root's arc and punctuation left alone, the others taken")
	}
}

// TestTrainRelabel: a model with a relabeller trains reproducibly, keeps it through
// the file, parses with it, and is refused cut short; the relabeller needs the
// re-attacher's jackknifed parses.
func TestTrainRelabel(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 3, ParseEpochs: 3, Seed: 7, Folds: 2, Supertags: true,
		PunctFolds: 2, PunctParseEpochs: 2, PunctEpochs: 2, Relabel: true,
	}
	data := trainTwice(t, opt)
	raw := gunzip(t, data)
	if !bytes.HasPrefix(raw, []byte(modelMagic)) {
		t.Errorf("relabelling model starts %q, want %q", raw[:20], modelMagic)
	}
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if m.relabeller == nil || m.superDoubt {
		t.Fatalf("loaded model: relabeller %v, reads doubts %v", m.relabeller != nil, m.superDoubt)
	}
	forms := strings.Fields("Police arrested two men in Paris .")
	words := m.Parse(forms)
	checkTree(t, forms, words)
	if !slices.ContainsFunc(words, func(w Word) bool { return w.Rel != "root" && w.Rel != "punct" }) {
		t.Errorf("no relation left but root and punct: %v", words)
	}
	checkCutRefused(t, raw)
	opt.PunctFolds = 0
	if _, err := Train(opt); err == nil {
		t.Error("Relabel without PunctFolds trained")
	}
}
