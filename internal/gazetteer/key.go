package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key is the form names are looked up by: lower case, accents removed, periods
// dropped ("U.S." = "us", "St. Louis" = "st louis"), hyphens, underscores, commas and runs of
// white space turned into one space, curly apostrophes made straight.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '.':
				continue
			case c == '-' || c == '_' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == ',':
				space = b.Len() > 0
				continue
			case c == '`':
				c = '\''
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\u02bb':
			r = '\''
		case r == '\u2010' || r == '\u2011' || r == '\u2013' || r == '\u2014' || unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		writeFolded(&b, r)
	}
	return b.String()
}

// special letters that do not decompose into a base letter and a mark.
var foldSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l",
	'ı': "i", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d", 'ħ': "h",
}

func writeFolded(b *strings.Builder, r rune) {
	if s, ok := foldSpecial[r]; ok {
		b.WriteString(s)
		return
	}
	var buf [16]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Append(nil, buf[:n]...)
	for len(d) > 0 {
		c, m := utf8.DecodeRune(d)
		d = d[m:]
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		b.WriteRune(unicode.ToLower(c))
	}
}

// IsLatin reports whether every letter of s is in the Latin script, so that names in
// other scripts can be left out of the table.
func IsLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
