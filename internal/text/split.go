package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSentenceTokens bounds a sentence's length: a longer run without a sentence end
// (a table, a list pasted as one line) is cut into pieces so that later stages stay
// fast. Cuts prefer a semicolon, colon, dash or comma near the limit.
const MaxSentenceTokens = 500

// Split divides an article into sentences of tokens. Every token of the article
// belongs to exactly one sentence; sentences are in text order and do not overlap.
//
// A sentence ends:
//   - at a blank line, and at a single line break unless the text looks hard-wrapped
//     (short lines, most without final punctuation) or the next line starts in lower
//     case;
//   - after ".", "!", "?" or an ellipsis, with any closing quotes and brackets that
//     follow, when the next word starts in upper case, with a digit or an opening
//     quote ("... in Bogota. The move ..." ends inside the quotation that goes on);
//     but not before a reporting verb ("“Why?” Trump asked.");
//   - after an abbreviation that may end a sentence ("Inc.", "U.S.", "etc.") only when
//     a typical opener follows ("The", "He", "But"), never after a title ("Mr.",
//     "Gen.", "St.") nor after an initial before a name ("George W. Bush").
//
// Tokens of each sentence are a slice of one array with capacity capped at the
// sentence end, so appending to one sentence's tokens cannot overwrite the next.
func Split(article string) []Sentence {
	toks := Tokenize(article, 0)
	if len(toks) == 0 {
		return nil
	}
	sp := splitter{text: article, toks: toks}
	sp.wrapped = hardWrapped(article)
	out := make([]Sentence, 0, len(toks)/20+1)
	start := 0
	n := len(toks)
	for i := 0; i < n-1; i++ {
		last, cut := sp.endsAfter(i)
		if cut {
			out = appendSentence(out, toks, start, last+1)
			start = last + 1
		}
		i = last
	}
	if start < n {
		out = appendSentence(out, toks, start, n)
	}
	return out
}

type splitter struct {
	text    string
	toks    []Token
	wrapped bool
}

type terminal uint8

const (
	termNone     terminal = iota
	termStrong            // ".", "!", "?"
	termEllipsis          // "...", "…"
	termAbbrev            // an abbreviation that may end a sentence
)

// endsAfter decides whether a sentence ends after token i (or after the closing
// quotes and brackets that follow it); last is the last token examined, which the
// sentence includes if cut is true.
func (sp *splitter) endsAfter(i int) (last int, cut bool) {
	toks := sp.toks
	n := len(toks)
	if tok, next := &toks[i], &toks[i+1]; next.Start == tok.End+1 && sp.text[tok.End] == ' ' && next.Text[0] < utf8.RuneSelf {
		// the common case, a word and one space: no sentence end unless the word
		// could be a terminal (the last byte of "…" is 0xA6)
		switch tok.Text[len(tok.Text)-1] {
		case '.', '!', '?', 0xA6:
		default:
			return i, false
		}
	}
	term := sp.terminalAt(i)
	last = i
	closedQuote := false
	if term != termNone {
		for last+1 < n && isCloser(toks[last+1], toks[last]) && !hasNewline(sp.text[toks[last].End:toks[last+1].Start]) {
			last++
			if r, _ := utf8.DecodeRuneInString(toks[last].Text); r != ')' && r != ']' && r != '}' {
				closedQuote = true
			}
		}
		// a reference mark or an omission after the period belongs to the sentence:
		// "... in 1805. [19]", "... for all! [...]"
		for last+3 < n && toks[last+1].Text == "[" && toks[last+3].Text == "]" && isReferenceMark(toks[last+2].Text) &&
			!hasNewline(sp.text[toks[last].End:toks[last+1].Start]) {
			last += 3
		}
	}
	if last+1 >= n {
		return last, false
	}
	next := toks[last+1]
	gap := sp.text[toks[last].End:next.Start]
	if nl, indented := newlines(gap); nl >= 2 {
		return last, true
	} else if nl == 1 {
		if sp.lineBreakEnds(term, last, indented) {
			return last, true
		}
	}
	if isBullet(next.Text) {
		return last, true
	}
	if term == termNone {
		return last, false
	}
	if !startsSentence(term, next) && !sp.lowerCaseStart(term, i, last, next) {
		return last, false
	}
	if closedQuote && sp.reportingVerbFollows(last+1) {
		return last, false
	}
	return last, true
}

// terminalAt classifies token i as a possible sentence end.
func (sp *splitter) terminalAt(i int) terminal {
	w := sp.toks[i].Text
	switch {
	case w == ".":
		return termStrong
	case w == "…" || strings.HasPrefix(w, ".."):
		return termEllipsis
	case w[0] == '!' || w[0] == '?':
		return termStrong
	case len(w) > 1 && w[len(w)-1] == '.':
		if dottedAbbrev(w) {
			return termAbbrev
		}
		digit := i+1 < len(sp.toks) && isDigit(sp.toks[i+1].Text[0])
		if lookupAbbrev(w[:len(w)-1], digit) == abbrEnding {
			return termAbbrev
		}
	}
	return termNone
}

// lineBreakEnds decides whether a single line break after token last ends the sentence.
func (sp *splitter) lineBreakEnds(term terminal, last int, indented bool) bool {
	if term != termNone {
		return true
	}
	next := sp.toks[last+1]
	if sp.wrapped {
		// paragraphs start indented; a short line is no sign of a paragraph end, since
		// a story's first line is often short where a dateline was cut off
		return indented || isBullet(next.Text)
	}
	r, _ := utf8.DecodeRuneInString(next.Text)
	if unicode.IsLower(r) {
		return false // a wrapped line
	}
	prev := sp.toks[last].Text
	return prev != "," && prev != "-" && prev != "&"
}

// reportingVerbFollows reports whether a verb of saying comes within the next three
// tokens from i ("“Why?” Trump asked."), so that the quotation belongs to the sentence.
func (sp *splitter) reportingVerbFollows(i int) bool {
	for k := i; k < len(sp.toks) && k < i+3; k++ {
		switch sp.toks[k].Text {
		case "said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote",
			"writes", "replied", "continued", "shouted", "declared", "tweeted", "insisted":
			return true
		case ".", "!", "?":
			return false
		}
	}
	return false
}

// lowerCaseStart reports whether a sentence ends after a terminal although the next
// word is in lower case, as in informal text ("... is interested. jill allen ..."):
// after "?" or "!" outside quotation marks, and after "." that follows a word too
// long to be an unlisted abbreviation.
func (sp *splitter) lowerCaseStart(term terminal, i, last int, next Token) bool {
	r, _ := utf8.DecodeRuneInString(next.Text)
	if term != termStrong || last != i || !unicode.IsLower(r) || i == 0 {
		return false
	}
	if sp.toks[i].Text != "." {
		return true
	}
	prev := sp.toks[i-1].Text
	if utf8.RuneCountInString(prev) < 3 {
		return false
	}
	r, _ = utf8.DecodeRuneInString(prev)
	return unicode.IsLetter(r)
}

// startsSentence reports whether next can open a sentence after a terminal.
func startsSentence(term terminal, next Token) bool {
	r, _ := utf8.DecodeRuneInString(next.Text)
	if term == termAbbrev {
		return sentenceOpeners[next.Text] || isOpeningQuote(r)
	}
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case unicode.IsLetter(r):
		return !unicode.IsLower(r)
	}
	return isOpeningQuote(r) || r == '(' || r == '[' || r == '-' || r == '—' || r == '–' || r == '*' || r == '•'
}

func isOpeningQuote(r rune) bool {
	switch r {
	case '"', '“', '‘', '«', '„', '\'', '`':
		return true
	}
	return false
}

// isCloser reports whether tok closes a quotation or bracket right after prev.
func isCloser(tok, prev Token) bool {
	switch tok.Text {
	case ")", "]", "}", "”", "’", "»", "›", "''":
		return true
	case `"`, "'":
		return tok.Start == prev.End
	}
	return false
}

func isBullet(w string) bool {
	switch w {
	case "•", "●", "▪", "■", "►", "·":
		return true
	}
	return false
}

func hasNewline(gap string) bool {
	nl, _ := newlines(gap)
	return nl > 0
}

// newlines counts the line breaks in the white space gap ("\r\n" counts once, a
// paragraph separator twice) and reports whether the last line starts indented.
func newlines(gap string) (n int, indented bool) {
	for i := 0; i < len(gap); i++ {
		switch c := gap[i]; c {
		case '\n':
			n++
			indented = false
		case '\r':
			if i+1 >= len(gap) || gap[i+1] != '\n' {
				n++
				indented = false
			}
		case ' ', '\t':
			if n > 0 {
				indented = true
			}
		default:
			if c >= utf8.RuneSelf {
				r, w := utf8.DecodeRuneInString(gap[i:])
				switch r {
				case '\u2028', '\u0085':
					n++
				case '\u2029':
					n += 2
				}
				i += w - 1
			}
		}
	}
	return n, indented
}

// hardWrapped reports whether the text is wrapped at a fixed width (as Reuters
// stories are), so that a single line break is not a sentence end: no line longer
// than 110 bytes, at least three line breaks inside paragraphs, and at least half of
// them after a line that is nearly full (70% of the longest) and lacks final
// punctuation, and at least a quarter of the lines continuing in lower case. A list of
// headlines is not wrapped text.
func hardWrapped(s string) bool {
	width := 0
	for start := 0; start < len(s); {
		line, next := nextLine(s, start)
		if len(line) > 110 {
			return false
		}
		width = max(width, len(line))
		start = next
	}
	breaks, open, lower := 0, 0, 0
	prevLen, prevOpen := -1, false
	for start := 0; start < len(s); {
		line, next := nextLine(s, start)
		if trimmed := strings.TrimLeft(line, " \t"); trimmed == "" {
			prevLen = -1
		} else {
			if prevLen >= 0 {
				breaks++
				if prevOpen {
					open++
				}
				if c := trimmed[0]; 'a' <= c && c <= 'z' {
					lower++
				}
			}
			prevLen = len(line)
			last := line[len(line)-1]
			prevOpen = prevLen >= 40 && prevLen*10 >= width*7 &&
				last != '.' && last != '!' && last != '?' && last != ':' && last != '"'
		}
		start = next
	}
	return breaks >= 3 && open*2 >= breaks && lower*4 >= breaks
}

// nextLine returns the line starting at start without its line break and trailing
// blanks, and where the next line starts.
func nextLine(s string, start int) (string, int) {
	end := strings.IndexByte(s[start:], '\n')
	if end < 0 {
		end = len(s)
	} else {
		end += start
	}
	return strings.TrimRight(s[start:end], " \t\r"), end + 1
}

// appendSentence adds toks[a:b] as one or more sentences (more when it is longer than
// MaxSentenceTokens).
func appendSentence(out []Sentence, toks []Token, a, b int) []Sentence {
	for b-a > MaxSentenceTokens {
		cut := a + MaxSentenceTokens
		for k := cut - 1; k > a+MaxSentenceTokens/2; k-- {
			if isClauseBreak(toks[k].Text) {
				cut = k + 1
				break
			}
		}
		out = append(out, newSentence(len(out), toks[a:cut:cut]))
		a = cut
	}
	return append(out, newSentence(len(out), toks[a:b:b]))
}

func newSentence(index int, toks []Token) Sentence {
	return Sentence{Index: index, Start: toks[0].Start, End: toks[len(toks)-1].End, Tokens: toks}
}

func isClauseBreak(w string) bool {
	switch w {
	case ";", ":", "—", "–", "--", ",":
		return true
	}
	return false
}

func isReferenceMark(w string) bool {
	return allDigits(w) || w == "..." || w == "…"
}
