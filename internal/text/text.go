// Package text splits an article into sentences and tokens, keeping byte offsets into
// the original text so that every later result can point back at the words it came from.
//
// Tokenisation follows the Universal Dependencies English conventions ("don't" -> "do"
// "n't", "U.S." one token, possessive "'s" split) so that the syntax stage sees text
// shaped like its training data. Normalisation (NFC, curly quotes, dashes) is applied
// to each token's Norm form only; the article text itself is never rewritten.
//
// It does not tag, lemmatise or parse: that is the syntax stage.
package text

// Token is one word or punctuation mark.
type Token struct {
	Text       string // the original bytes, text[Start:End]
	Norm       string // normalised form for models and lexicons (NFC, straight quotes)
	Start, End int    // byte offsets into the article text
	SpaceAfter bool   // whether white space follows in the original text
}

// Sentence is a run of tokens with its span in the article text.
type Sentence struct {
	Index      int // 0-based position in the article
	Start, End int // byte offsets into the article text
	Tokens     []Token
}

// Text returns the sentence's original text.
func (s Sentence) Text(article string) string { return article[s.Start:s.End] }
