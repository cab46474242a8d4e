package server

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"dyad/internal/event"
)

var markTag = regexp.MustCompile(`</?mark[^>]*>|<span class="mention">|</span>`)

// FuzzHighlight: whatever the text and offsets, the result is the text, escaped, with
// only our own <mark> and mention tags added.
func FuzzHighlight(f *testing.F) {
	f.Add("Russia expelled <script>x</script> diplomats", 0, 6, 7, 15)
	f.Add("a<b>é&c", 1, 4, 3, 9)
	f.Add("", 0, 0, -1, 2)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		out := string(highlightMentions(text, []span{{Kind: "source", Start: s1, End: e1}, {Kind: "trigger", Start: s2, End: e2}},
			[]event.Mention{{Start: s2, End: e1}, {Start: e2, End: len(text)}}))
		plain := markTag.ReplaceAllString(out, "")
		if regexp.MustCompile(`[<>]`).MatchString(plain) {
			t.Fatalf("unescaped markup in %q", out)
		}
		// The escaper turns NUL into U+FFFD (the store refuses NUL anyway).
		if got, want := html.UnescapeString(plain), strings.ReplaceAll(text, "\x00", "\uFFFD"); got != want {
			t.Fatalf("text changed: %q, want %q", got, want)
		}
	})
}
