package syntax

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// testPunctTree builds a punctTree over forms with heads 1..n (0 for the root) given
// per word; words whose form has no letter or digit are punctuation.
func testPunctTree(forms []string, heads []int32) *punctTree {
	n := int32(len(forms))
	toks := make([]token, n)
	tags := make([]int, n)
	punctClass := []bool{false, true}
	for i, f := range forms {
		toks[i] = newToken(f)
		if toks[i].flags&flagPunct != 0 {
			tags[i] = 1
		}
	}
	in := newParseInput(toks, tags, 0)
	hs := make([]int32, n+2)
	for i, h := range heads {
		if h == 0 {
			h = n + 1
		}
		hs[i+1] = h
	}
	return newPunctTree(&in, tags, punctClass, hs, make([]uint8, n+2))
}

func TestPunctCandidatesKeepTreeProjective(t *testing.T) {
	tests := []struct {
		name  string
		forms string
		heads []int32
		mark  int32
		want  []int32 // candidate heads in order
	}{
		{
			// "said" heads everything; the comma before "however" may go to either.
			name:  "between two clauses",
			forms: "He said , however , that it left .",
			heads: []int32{2, 0, 2, 2, 4, 8, 8, 2, 2},
			mark:  3,
			want:  []int32{2, 4},
		},
		{
			name:  "second comma: both paths",
			forms: "He said , however , that it left .",
			heads: []int32{2, 0, 2, 2, 4, 8, 8, 2, 2},
			mark:  5,
			want:  []int32{4, 2, 6, 8},
		},
		{
			name:  "sentence-final",
			forms: "He said , however , that it left .",
			heads: []int32{2, 0, 2, 2, 4, 8, 8, 2, 2},
			mark:  9,
			want:  []int32{8, 2},
		},
		{
			// 1 <- 4 spans the mark: attaching it to 5 would cross that arc.
			name:  "an arc over the mark",
			forms: "a b , c d",
			heads: []int32{4, 1, 4, 5, 0},
			mark:  3,
			want:  []int32{2, 1, 4},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := testPunctTree(strings.Fields(tc.forms), tc.heads)
			var got []int32
			for _, c := range tr.candidates(nil, tc.mark) {
				got = append(got, c.h)
				tr.heads[tc.mark] = c.h
				if d, e := crossingArcs(tr.heads, tr.n); d != 0 {
					t.Errorf("attaching %d to %d: arcs of %d and %d cross", tc.mark, c.h, d, e)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("candidates of %d = %v, want %v", tc.mark, got, tc.want)
			}
		})
	}
}

// crossingArcs returns two words whose arcs cross (heads 1..n, root n+1), or 0, 0.
func crossingArcs(heads []int32, n int32) (int32, int32) {
	for d := int32(1); d <= n; d++ {
		a, b := min(d, heads[d]), max(d, heads[d])
		for e := int32(1); e <= n; e++ {
			x, y := min(e, heads[e]), max(e, heads[e])
			if a < x && x < b && b < y {
				return d, e
			}
		}
	}
	return 0, 0
}

func TestPunctPartners(t *testing.T) {
	tr := testPunctTree(strings.Fields(`He said " yes ( or no ) " and " maybe " .`), make([]int32, 14))
	want := map[int32]int32{3: 9, 9: 3, 5: 8, 8: 5, 11: 13, 13: 11, 14: 0}
	for i, p := range want {
		if got := tr.partner(i); got != p {
			t.Errorf("partner of %d = %d, want %d", i, got, p)
		}
	}
}

// TestReattachFixesParserPunctuation parses EWT dev with and without the
// re-attacher: it must put more marks on their treebank head than it takes off.
// (Fixed sentences would have to be marks the parser alone gets wrong, which changes
// with every retrained model.)
func TestReattachFixesParserPunctuation(t *testing.T) {
	m := embeddedModel(t)
	if m.punct == nil {
		t.Skip("the embedded model has no punctuation re-attacher")
	}
	gold := readGold(t, "data/ud/en_ewt-ud-dev.conllu")
	parserOnly := *m
	parserOnly.punct = nil
	fixed, broken, marks := 0, 0, 0
	for _, s := range gold {
		forms := s.Forms()
		with, alone := m.Parse(forms), parserOnly.Parse(forms)
		for i, w := range s.Words {
			if w.UPOS != "PUNCT" {
				continue
			}
			marks++
			right, rightAlone := with[i].Head == w.Head, alone[i].Head == w.Head
			switch {
			case right && !rightAlone:
				fixed++
			case rightAlone && !right:
				broken++
			}
		}
	}
	t.Logf("EWT dev: the re-attacher moved %d of %d marks to their head and %d off it", fixed, marks, broken)
	if fixed <= broken || fixed < 10 {
		t.Errorf("the re-attacher moved %d marks to their head and %d off it", fixed, broken)
	}
}

// TestReattachKeepsTreesProjective parses sentences full of punctuation and checks that
// the trees stay valid and projective and every PUNCT word is punct.
func TestReattachKeepsTreesProjective(t *testing.T) {
	m := embeddedModel(t)
	for _, s := range []string{
		`" We will not go , " he said , adding that the talks ( which began in May ) had failed .`,
		`The minister - who resigned on Monday - said : " It is over . "`,
		`Troops , tanks and aircraft were sent to Gao , Kidal and Timbuktu ; the rebels fled .`,
		`( AP ) -- Police say three people , including a child , were hurt .`,
		`Why ? Because , as the report says , " nobody asked " .`,
	} {
		forms := strings.Fields(s)
		words := m.Parse(forms)
		checkTree(t, forms, words)
		heads := make([]int32, len(words)+2)
		for i, w := range words {
			heads[i+1] = int32(w.Head)
			if w.Head == 0 {
				heads[i+1] = int32(len(words) + 1)
			}
			if w.UPOS == "PUNCT" && w.Rel != "punct" {
				t.Errorf("%q: %s at %d is %s, want punct", s, w.Form, w.ID, w.Rel)
			}
		}
		if d, e := crossingArcs(heads, int32(len(words))); d != 0 {
			t.Errorf("%q: arcs of %d and %d cross", s, d, e)
		}
	}
}

// A model without a re-attacher (trained with --punct-folds 0) loads and parses
// without re-attaching.
func TestModelWithoutReattacher(t *testing.T) {
	_, d := shippedModelData(t)
	d.punctRows = nil
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m.punct != nil {
		t.Error("a model without a re-attacher section gave one")
	}
	forms := strings.Fields("Dark , dark main room .")
	checkTree(t, forms, m.Parse(forms))
}
