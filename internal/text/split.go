package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Split divides an article into sentences of tokens.
//
// PLACEHOLDER: a naive splitter (white space and punctuation, sentence ends at . ! ?)
// that the text stage work replaces; its signature stays.
func Split(article string) []Sentence {
	toks := Tokenize(article, 0)
	var out []Sentence
	start := 0
	for i, t := range toks {
		if t.Text == "." || t.Text == "!" || t.Text == "?" || i == len(toks)-1 {
			s := Sentence{Index: len(out), Tokens: toks[start : i+1]}
			s.Start, s.End = s.Tokens[0].Start, s.Tokens[len(s.Tokens)-1].End
			out = append(out, s)
			start = i + 1
		}
	}
	return out
}

// Tokenize splits s into tokens; offsets are shifted by base so that a caller can
// tokenize part of an article and keep article offsets.
func Tokenize(s string, base int) []Token {
	var toks []Token
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		j := i + w
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
					break
				}
				j += w2
			}
		}
		t := Token{Text: s[i:j], Norm: strings.ToValidUTF8(s[i:j], "\uFFFD"), Start: base + i, End: base + j}
		if j < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[j:])
			t.SpaceAfter = unicode.IsSpace(r2)
		}
		toks = append(toks, t)
		i = j
	}
	return toks
}
