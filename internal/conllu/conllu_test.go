package conllu

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// row builds a CoNLL-U word line.
func row(id, form, head, rel string) string {
	return strings.Join([]string{id, form, "_", "_", "_", "_", head, rel, "_", "_"}, "\t")
}

func TestReaderReportsErrorsWithLineNumbers(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		wantLine int
		wantMsg  string
	}{
		{"wrong column count", "# text = a b\n" + row("1", "a", "0", "root") + "\n1\tb\t_\n\n", 3, "3 columns"},
		{"head beyond the sentence", row("1", "a", "0", "root") + "\n" + row("2", "b", "7", "dep") + "\n\n", 2, "beyond the last word"},
		{"head not a number", row("1", "a", "x", "root") + "\n\n", 1, "bad head"},
		{"ids out of order", row("1", "a", "0", "root") + "\n" + row("3", "b", "1", "dep") + "\n\n", 2, "word id"},
		{"cycle", "# c\n" + row("1", "a", "0", "root") + "\n" + row("2", "b", "3", "dep") + "\n" + row("3", "c", "2", "dep") + "\n\n", 3, "cycle"},
		{"own head", row("1", "a", "1", "root") + "\n\n", 1, "its own head"},
		{"bad range", row("1", "a", "0", "root") + "\n3-4\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\n", 2, "multiword"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tc.input), "x.conllu").Next()
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *conllu.Error", err)
			}
			if ce.Line != tc.wantLine || !strings.Contains(ce.Msg, tc.wantMsg) {
				t.Errorf("got %v, want line %d with %q", err, tc.wantLine, tc.wantMsg)
			}
			if !strings.HasPrefix(err.Error(), "x.conllu:") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestReaderContinuesAfterABadSentence(t *testing.T) {
	input := row("1", "a", "5", "root") + "\n\n" + row("1", "b", "0", "root") + "\n\n"
	got, err := ReadAll(strings.NewReader(input), "")
	if err == nil || !strings.Contains(err.Error(), "line 1:") {
		t.Errorf("got error %v, want one at line 1", err)
	}
	if len(got) != 1 || got[0].Words[0].Form != "b" {
		t.Errorf("got %d sentences, want the second one", len(got))
	}
}

func TestRoundTripKeepsCommentsRangesAndEmptyNodes(t *testing.T) {
	input := "# sent_id = 1\n# text = I don't.\n" +
		row("1", "I", "3", "nsubj") + "\n" +
		"2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		row("2", "do", "0", "root") + "\n" +
		row("3", "n't", "2", "advmod") + "\n" +
		"3.1\tx\t_\t_\t_\t_\t_\t_\t2:dep\t_\n" +
		row("4", ".", "2", "punct") + "\n\n"
	ss, err := ReadAll(strings.NewReader(input), "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, ss[0]); err != nil {
		t.Fatal(err)
	}
	if buf.String() != input {
		t.Errorf("round trip changed the sentence:\n%s\nwant\n%s", buf.String(), input)
	}
	if got := ss[0].Comment("text"); got != "I don't." {
		t.Errorf("Comment(text) = %q", got)
	}
}

func TestUnderscoreHeadsAreAllowed(t *testing.T) {
	s, err := NewReader(strings.NewReader(row("1", "a", "_", "_")+"\n"+row("2", "b", "_", "_")+"\n"), "").Next()
	if err != nil {
		t.Fatal(err)
	}
	if s.HasHeads() || s.Words[1].Head != -1 {
		t.Errorf("heads = %d, %d; want -1 and HasHeads false", s.Words[0].Head, s.Words[1].Head)
	}
}

func FuzzReader(f *testing.F) {
	f.Add("# x\n" + row("1", "a", "0", "root") + "\n\n")
	f.Add("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n" + row("1", "a", "2", "x") + "\n" + row("2", "b", "0", "root") + "\n")
	f.Add(row("1", "a", "2", "x") + "\n" + row("2", "b", "1", "x") + "\n")
	f.Fuzz(func(t *testing.T, input string) {
		rd := NewReader(strings.NewReader(input), "")
		for i := 0; i < 1000; i++ {
			s, err := rd.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				continue
			}
			var buf bytes.Buffer
			if err := Write(&buf, s); err != nil {
				t.Fatal(err)
			}
			// What was accepted must be written back readable.
			if _, err := NewReader(&buf, "").Next(); err != nil {
				t.Fatalf("rereading written sentence: %v\n%s", err, buf.String())
			}
		}
	})
}
