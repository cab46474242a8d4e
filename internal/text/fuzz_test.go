package text

import "testing"

var fuzzSeeds = []string{
	"",
	"Russia expelled two Colombian diplomats Wednesday, Reuters reported.",
	"“[t]he national government,” he said. “Left on December 8.”",
	"Mr. J. R. R. Tolkien don't can't U.S.-led 1,000.5 $5 10% e-mail and/or 713-853-3989",
	"http://example.com/a_(b)). jo@example.org, @handle #tag :) '90s 'em",
	"a\xffb\xfe \xc3 \xe2\x80 ’\xe2\x80\x99s n’t",
	"...!!!???—–--\u00a0\u200b\u2028\u2029\r\n\n\n• item",
	"Inc.. L.P.. No. 5 St. Louis ( [ { } ] ) « » ‹ › „",
	"    indented\nwrapped line that goes on and on and on and on and on and on\nnext",
}

// FuzzTokenize checks that tokens always slice the input exactly, in order and
// without overlap, whatever the bytes.
func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, base int) {
		if base < 0 || base > 1<<20 {
			base = 0
		}
		checkTokens(t, s, Tokenize(s, base), base)
	})
}

// FuzzSplit checks the sentence invariants (see checkSentences) on any input.
func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSentences(t, s, Split(s))
	})
}
