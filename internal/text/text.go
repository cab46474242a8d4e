// Package text splits an article into sentences and tokens, keeping byte offsets into
// the original text so that every later result can point back at the words it came from.
// For every token, article[t.Start:t.End] == t.Text, whatever the input (invalid UTF-8
// included); sentences and tokens are in text order and never overlap.
//
// Tokenisation follows the Universal Dependencies English conventions of EWT and GUM
// ("don't" -> "do" "n't", "can't" -> "ca" "n't", "Russia's" -> "Russia" "'s",
// "diplomats'" -> "diplomats" "'", "U.S." and "Mr." one token, "$5" -> "$" "5",
// "15-year" -> "15" "-" "year" but "non-violent" and "555-1234" whole, URLs and e-mail
// addresses whole) so that the syntax stage sees text shaped like its training data.
// Normalisation (NFC, straight quotes, see Normalize) is applied to each token's Norm
// only; the article text itself is never rewritten.
//
// Split finds sentence ends at ".", "!", "?" and ellipses (with the closing quotes and
// brackets after them), at abbreviations only before a typical sentence opener, and at
// line breaks; see Split. CompareSpans and ReadGoldDocuments measure both against a
// UD treebank rebuilt as raw text.
//
// It does not tag, lemmatise or parse: that is the syntax stage.
package text

// Token is one word or punctuation mark.
type Token struct {
	Text       string // the original bytes, text[Start:End]
	Norm       string // normalised form for models and lexicons (NFC, straight quotes)
	Start, End int    // byte offsets into the article text
	SpaceAfter bool   // whether white space follows in the original text
	// Clitic marks a clitic split off the word before it ("n't" of "don't", "'s" of
	// "Russia's", "na" of "gonna"): in CoNLL-U the two are one multiword token.
	Clitic bool
}

// Sentence is a run of tokens with its span in the article text.
type Sentence struct {
	Index      int // 0-based position in the article
	Start, End int // byte offsets into the article text
	Tokens     []Token
}

// Text returns the sentence's original text.
func (s Sentence) Text(article string) string { return article[s.Start:s.End] }
