package syntax

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every head class names the word it was made from, unless it says the head is too
// far to name.
func TestHeadClassesRoundTrip(t *testing.T) {
	upos := []string{"NOUN", "VERB", "DET", "NOUN", "ADP"} // two classes share NOUN
	group, ngroups := headGroups(upos)
	if ngroups != 4 || group[0] != group[3] || group[0] == group[1] {
		t.Fatalf("groups %v (%d)", group, ngroups)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	far, named := 0, 0
	for range 2000 {
		n := 1 + rng.IntN(30)
		tags := make([]int, n)
		for i := range tags {
			tags[i] = rng.IntN(len(upos))
		}
		for d := 1; d <= n; d++ {
			h := 1 + rng.IntN(n+1) // n+1 is the root
			if h == d {
				continue
			}
			c := encodeHead(group, tags, d, h)
			if c < 0 || c >= headClasses(ngroups) {
				t.Fatalf("class %d out of range", c)
			}
			got := decodeHead(group, tags, d, c)
			switch {
			case c == headFar:
				far++
				if got != 0 {
					t.Fatalf("far class decoded to %d", got)
				}
			case got != int32(h):
				t.Fatalf("tags %v: head %d of %d encoded %d, decoded %d", tags, h, d, c, got)
			default:
				named++
			}
		}
	}
	if far == 0 || named == 0 {
		t.Errorf("%d far, %d named: the test did not reach both", far, named)
	}
	// A class that names a word the sentence does not have names none.
	if got := decodeHead(group, []int{1, 1}, 1, headNamed+(int(group[0])*2+1)*maxHeadRank); got != 0 {
		t.Errorf("a missing noun decoded to %d", got)
	}
}

// The parser reads where a guessed head lies in its state.
func TestHeadAt(t *testing.T) {
	in := parseInput{}
	in.setHeads([]int32{0, 2, 5, 1, 3, 0}) // words 1..4, root 5
	if in.pdepR[1] != 3 || in.pdepR[2] != 1 || in.pdepR[3] != 4 || in.pdepR[5] != 2 {
		t.Fatalf("rightmost guessed dependents %v", in.pdepR)
	}
	s := newParseState(4)
	s.apply(shift, 0) // stack 1, buffer 2
	if got := in.headAt(s, 1); got != hereB0 {
		t.Errorf("s0's head at %d, want b0", got)
	}
	s.apply(shift, 0)
	s.apply(shift, 0) // stack 1 2 3, buffer 4
	for x, want := range map[int32]uint64{1: hereS1, 4: hereS0, 2: hereBuffer, 3: hereStack, 0: hereNone} {
		if got := in.headAt(s, x); got != want {
			t.Errorf("word %d's head at %d, want %d", x, got, want)
		}
	}
	s.apply(right, 1) // 3 under 2: stack 1 2
	if got := in.headAt(s, 4); got != hereGone {
		t.Errorf("a head already attached at %d, want gone", got)
	}
}

// TestLSTMHeads: a BiLSTM supertagger with a head-guessing second head (LSTMHeads)
// trains reproducibly; the loaded model keeps the perceptron's tags, gives the
// parser the network's supertags and the heads its second head names, packs and
// unpacks them for training as it reads them, and refuses a file that says its
// parser reads guessed heads when the network has no head for them.
func TestLSTMHeads(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 3, ParseEpochs: 3, Seed: 7, Folds: 2, Supertags: true,
		LSTMSupertagger: 8, LSTMEpochs: 2, LSTMFolds: 2, LSTMHeads: true,
	}
	data := trainTwice(t, opt)
	raw := inflated(t, data)
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, ngroups := headGroups(m.upos)
	if m.lstmSuper == nil || m.lstmSuper.group == nil || m.lstmSuper.net.nclass != 2*len(m.labels)+headClasses(ngroups) {
		t.Fatal("loaded: no head-guessing supertagger")
	}
	forms := strings.Fields("Unheard-of words , said the council , arrested 12 people and approved the plan .")
	toks := newTokens(forms)
	perc := *m
	perc.lstmSuper = nil
	want := perc.tag(toks)
	toks = newTokens(forms)
	tags := m.tag(toks)
	if !slices.Equal(tags, want) {
		t.Errorf("tags %v, want the perceptron's %v", tags, want)
	}
	net := m.lstmSuper.fast.predict(superInput(toks, tags, m.lstmSuper.vocab))
	in := m.input(toks, tags)
	if len(in.phead) != len(forms)+2 {
		t.Fatalf("%d guessed heads for %d words", len(in.phead), len(forms))
	}
	for i := range forms {
		st, hc := unpairClass(net[i])
		if in.super[i+1] != uint64(st)+1 || in.phead[i+1] != decodeHead(m.lstmSuper.group, tags, i+1, hc) {
			t.Errorf("%q: supertag %d head %d, want the network's", forms[i], in.super[i+1], in.phead[i+1])
		}
	}
	var back parseInput
	back.setSupers(packSupers(&in))
	if !slices.Equal(back.super, in.super) || !slices.Equal(back.phead, in.phead) || !slices.Equal(back.pdepR, in.pdepR) || back.superDoubt != nil {
		t.Errorf("packed and unpacked: %v %v, want %v %v", back.super, back.phead, in.super, in.phead)
	}
	checkTree(t, forms, m.Parse(forms))
	checkConcurrent(t, m)
	// The options are the file's last number: without the heads bit, the second
	// head is one the parser does not read, and the file is refused.
	bad := slices.Clone(raw)
	bad[len(bad)-1] &^= parserReadsHeads
	if _, err := Load(bytes.NewReader(gzipBytes(t, bad))); err == nil || !strings.Contains(err.Error(), "second head") {
		t.Errorf("heads network without the option: %v", err)
	}
	opt.LSTMJoint = true
	if _, err := Train(opt); err == nil {
		t.Error("LSTMHeads with LSTMJoint trained")
	}
}
