package places

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of the article for toponym recognition. It is not the text stage's
// token: it keeps dotted initials together ("U.S.", "D.C.") and knows whether it is
// capitalised and whether it opens a sentence, which is all recognition needs.
type token struct {
	start, end int
	cap        bool // starts with an upper-case letter
	upper      bool // all letters upper case (and at least two of them, or dotted)
	initial    bool // first word of a sentence (or of a line, or after an opening quote at one)
	// gap describes what lies between this token and the next one.
	gap gapKind
}

type gapKind uint8

const (
	gapSpace  gapKind = iota // one or more spaces or tabs on the same line
	gapHyphen                // a hyphen, no spaces ("Pakistan-based", "Port-au-Prince")
	gapComma                 // ", " ("Paris, Texas")
	gapPeriod                // ". " after an abbreviation like "St" ("St. Louis")
	gapNone                  // nothing: "W." "Va." in "W.Va."
	gapOther                 // anything else: sentence punctuation, line breaks, quotes
)

// tokenize finds the words of text. Offsets are byte offsets; invalid UTF-8 is
// treated as non-letters.
func tokenize(text string, toks []token) []token {
	toks = toks[:0]
	sentenceStart := true
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch {
			case r == '.':
				// Not after "Mr." or "St.".
				if len(toks) == 0 || toks[len(toks)-1].end != i || !titleAbbrevs[text[toks[len(toks)-1].start:i]] {
					sentenceStart = true
				}
			case r == '!' || r == '?' || r == '\n' || r == ':' || r == ';':
				sentenceStart = true
			}
			i += n
			continue
		}
		start := i
		first := r
		letters, uppers := 0, 0
		for i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						uppers++
					}
				}
				i += n
				continue
			}
			// An apostrophe inside a word ("Côte d'Ivoire", "O'Leary"), not a
			// possessive "'s" at its end.
			if (r == '\'' || r == '\u2019') && i+n < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+n:])
				if unicode.IsLetter(next) && !(next == 's' && (i+n+1 >= len(text) || !isWordRune(rune(text[i+n+1])))) {
					i += n
					continue
				}
			}
			// Dotted initials: "U.S.", "D.C.", "U.S.A.".
			if r == '.' && i-start >= 1 && isInitialRun(text[start:i]) {
				i++
				if i < len(text) {
					next, _ := utf8.DecodeRuneInString(text[i:])
					if unicode.IsUpper(next) && (i+1 >= len(text) || text[i+1] == '.') {
						continue
					}
				}
				break
			}
			break
		}
		t := token{start: start, end: i, cap: unicode.IsUpper(first) || elidedCap(text[start:i])}
		t.upper = uppers == letters && (letters >= 2 || text[i-1] == '.')
		t.initial = sentenceStart
		sentenceStart = false
		toks = append(toks, t)
	}
	// Gaps.
	for k := range toks {
		toks[k].gap = gapOther
		if k+1 == len(toks) {
			break
		}
		between := text[toks[k].end:toks[k+1].start]
		switch {
		case between == "" || between == "'" || between == "\u2019":
			toks[k].gap = gapNone
		case between == "-":
			toks[k].gap = gapHyphen
		case isSpaces(between):
			toks[k].gap = gapSpace
		case len(between) >= 2 && between[0] == ',' && isSpaces(between[1:]):
			toks[k].gap = gapComma
		case len(between) >= 2 && between[0] == '.' && isSpaces(between[1:]):
			toks[k].gap = gapPeriod
		}
	}
	return toks
}

// titleAbbrevs end with a period that does not end a sentence.
var titleAbbrevs = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Ste": true, "Mt": true, "Ft": true,
	"Gen": true, "Gov": true, "Sen": true, "Rep": true, "Lt": true, "Col": true, "Sgt": true,
	"Capt": true, "Prof": true, "Rev": true, "Jr": true, "Sr": true, "Maj": true, "Cpl": true,
	"Pvt": true, "Adm": true, "Cmdr": true, "Supt": true, "Det": true, "Insp": true, "Hon": true,
}

// elidedCap reports a word like "d'Ivoire" or "l'Aquila": an elided article before a
// capitalised name.
func elidedCap(w string) bool {
	if len(w) < 3 || (w[1] != '\'' && !strings.HasPrefix(w[1:], "\u2019")) {
		return false
	}
	rest := w[2:]
	if w[1] != '\'' {
		rest = w[1+len("\u2019"):]
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// isInitialRun reports whether s is one letter or letters separated by dots ("U.S").
func isInitialRun(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i%2 == 0 {
			if c < 'A' || c > 'Z' {
				return false
			}
		} else if c != '.' {
			return false
		}
	}
	return len(s)%2 == 1
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isSpaces(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}
