package text

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form of a token that models and lexicons see:
//
//   - invalid UTF-8 becomes U+FFFD;
//   - NFC composition ("e" + combining acute becomes "é");
//   - curly and low quotes, primes and guillemets become the straight ASCII quotes
//     that most UD English training tokens use (’s becomes 's, “ becomes "), and
//     the PTB quotes “ and ” become ";
//   - the ellipsis character becomes "..." (as in most of EWT and GUM);
//   - the minus sign and the Unicode hyphens U+2010/U+2011 become "-";
//   - soft hyphens and zero-width joiners, invisible inside a word, are dropped.
//
// Em and en dashes are kept: both treebanks use them as they are. Compatibility
// forms (full-width letters, ligatures) are left alone, since NFKC would also fold
// characters that carry meaning (superscripts, "½").
//
// The syntax stage should pass its training forms through Normalize too, so that
// training and running see the same spellings.
func Normalize(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if s == "``" || s == "''" {
			return `"`
		}
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if !needsMapping(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '‘', '’', '‚', '‛', '′', '‹', '›':
			b.WriteByte('\'')
		case '“', '”', '„', '‟', '″', '«', '»':
			b.WriteByte('"')
		case '…':
			b.WriteString("...")
		case '−', '‐', '‑':
			b.WriteByte('-')
		case '\u00AD', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200B':
			// invisible: drop
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return s // a token made only of invisible characters keeps its form
	}
	return b.String()
}

func needsMapping(s string) bool {
	for _, r := range s {
		switch r {
		case '‘', '’', '‚', '‛', '′', '‹', '›', '“', '”', '„', '‟', '″', '«', '»', '…',
			'−', '‐', '‑', '\u00AD', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200B':
			return true
		}
	}
	return false
}
