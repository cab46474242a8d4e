package syntax

import (
	"strings"
	"testing"
)

func TestReadSupertagsErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Russia expelled them\tnsubj/R root/R obj/L\nno tab here\n", "s.tsv:2: no tab"},
		{"Russia expelled\tnsubj/R\n", "s.tsv:1: 2 words but 1 supertags"},
		{"Russia expelled\tnsubj/R root/X\n", `s.tsv:1: supertag "root/X"`},
		{"Russia expelled\tnsubj/R /R\n", `s.tsv:1: supertag "/R"`},
	} {
		_, err := ReadSupertags(strings.NewReader(c.in), "s.tsv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadSupertags(%q): error %v, want %q", c.in, err, c.want)
		}
	}
}

// TestGivenSupertags checks that a supertag written by name comes back as the class
// superClass gives, and that an unknown relation is an error.
func TestGivenSupertags(t *testing.T) {
	labels := []string{"nsubj", "obj", "root"}
	forms := []string{"Russia", "expelled", "diplomats"}
	heads := []int32{2, 4, 2} // the root is n+1
	rels := []uint8{0, 2, 1}
	var names []string
	for i := range forms {
		names = append(names, supertagName(superClass(rels[i], int32(i+1), heads[i]), labels))
	}
	if got := strings.Join(names, " "); got != "nsubj/R root/R obj/L" {
		t.Fatalf("names %q", got)
	}
	given, err := ReadSupertags(strings.NewReader(sentenceKey(forms)+"\t"+strings.Join(names, " ")+"\n"), "s.tsv")
	if err != nil {
		t.Fatal(err)
	}
	sents := []*trainSent{{forms: forms, toks: newTokens(forms)}, {forms: []string{"other"}, toks: newTokens([]string{"other"})}}
	supers := make([][]uint64, 2)
	n, err := givenSupertags(supers, sents, given, labels)
	if err != nil || n != 1 || supers[1] != nil {
		t.Fatalf("givenSupertags: %d, %v, %v", n, err, supers)
	}
	for i := range forms {
		if want := uint64(superClass(rels[i], int32(i+1), heads[i])) + 1; supers[0][i+1] != want {
			t.Errorf("word %d: supertag %d, want %d", i+1, supers[0][i+1], want)
		}
	}
	if _, err := givenSupertags(supers, sents, given, []string{"nsubj", "obj"}); err == nil || !strings.Contains(err.Error(), "root/R") {
		t.Errorf("unknown relation: error %v", err)
	}
}
