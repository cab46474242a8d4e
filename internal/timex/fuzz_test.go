package timex

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind checks that Find never panics, that every expression slices the text at
// its offsets, that expressions are in order without overlap, and that resolving
// never panics and never gives an empty span.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Russia expelled two Colombian diplomats Wednesday after the Latin American state made a similar move.",
		"They stayed for roughly two years and left on Dec. 8, 2020, the day before the vote.",
		"In the late '90s, mid-2019, 12/08/2020, 2020-02-30, 31 February 2021, the end of last month.",
		"the the the end of of last last next this past Wednesday Wednesday, December",
		"two-year 48-hour a few days ago twenty-five years from now \xff\xfe May 2",
		"",
	} {
		f.Add(s)
	}
	pub := time.Date(2020, 12, 24, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		prevEnd := 0
		for _, e := range FindText(s) {
			if e.Start < prevEnd || e.End < e.Start || e.End > len(s) || s[e.Start:e.End] != e.Text {
				t.Fatalf("bad offsets %d:%d (previous end %d) for %q in %q", e.Start, e.End, prevEnd, e.Text, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(e.Text) {
				t.Fatalf("%q cuts a character", e.Text)
			}
			prevEnd = e.End
			for _, future := range []bool{false, true} {
				if v, ok := e.Resolve(pub, future); ok && !v.Start.Before(v.End) {
					t.Fatalf("%q: empty span", e.Text)
				}
			}
			e.ResolveFrom(dayValue(pub))
		}
	})
}
