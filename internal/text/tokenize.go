package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits s into tokens following the UD English conventions; offsets are
// shifted by base so that a caller can tokenize part of an article and keep article
// offsets. s[t.Start-base:t.End-base] == t.Text for every token, whatever the input.
//
// The text is first cut at white space into chunks; each chunk then loses its
// opening punctuation (quotes, brackets, currency signs), its closing punctuation
// (quotes, brackets, commas, a final period unless the word is an abbreviation),
// its clitics ("n't", "'s", "'ll", ...) and is split inside at dashes, hyphens
// (except after prefixes such as "non-" and between digits), ellipses, brackets,
// quotes and commas between letters. URLs, e-mail addresses and @handles stay whole.
func Tokenize(s string, base int) []Token {
	t := tokenizer{s: s, base: base, toks: make([]Token, 0, len(s)/5+16)}
	t.run()
	return t.toks
}

type span struct{ start, end int }

type tokenizer struct {
	s        string
	base     int
	toks     []Token
	chunkEnd int      // end of the white-space-delimited chunk being split
	back     [16]span // closing tokens of the current chunk, outermost first
}

func (t *tokenizer) run() {
	s := t.s
	i := 0
	for i < len(s) {
		if w := spaceWidth(s, i); w > 0 {
			i += w
			continue
		}
		j := i
		letters := true // only ASCII letters: the common case, one token
		for j < len(s) {
			c := s[j]
			if c < utf8.RuneSelf {
				if c <= ' ' || c == 0x7f {
					break
				}
				if letters && !isLetterByte(c) {
					letters = false
				}
				j++
				continue
			}
			letters = false
			if spaceWidth(s, j) > 0 {
				break
			}
			_, w := utf8.DecodeRuneInString(s[j:])
			j += w
		}
		t.chunkEnd = j
		if letters && !(j-i >= 2 && j-i <= 8 && maybeBareContraction(s[i:j])) {
			t.emitASCII(i, j)
		} else {
			t.chunk(i, j)
		}
		i = j
	}
}

// spaceWidth returns the byte width of the white space (or control character) at
// s[i], or 0 if s[i] starts something else. Zero-width spaces and the byte-order mark
// count as space: they separate words invisibly.
func spaceWidth(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if c <= ' ' || c == 0x7f {
			return 1
		}
		return 0
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && w == 1 {
		return 0
	}
	if unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF' || r == '\u2060' || unicode.Is(unicode.Cc, r) {
		return w
	}
	return 0
}

func decodeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func decodeBefore(s string, i int) (rune, int) {
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

func (t *tokenizer) emit(a, b int) {
	if a >= b {
		return
	}
	text := t.s[a:b]
	t.toks = append(t.toks, Token{
		Text:       text,
		Norm:       Normalize(text),
		Start:      t.base + a,
		End:        t.base + b,
		SpaceAfter: b < len(t.s) && spaceWidth(t.s, b) > 0,
	})
}

// emitASCII emits s[a:b], known to be plain ASCII letters, whose Norm is its Text.
func (t *tokenizer) emitASCII(a, b int) {
	text := t.s[a:b]
	t.toks = append(t.toks, Token{
		Text:       text,
		Norm:       text,
		Start:      t.base + a,
		End:        t.base + b,
		SpaceAfter: b < len(t.s) && spaceWidth(t.s, b) > 0,
	})
}

// chunk splits the white-space-free text s[a:b] into tokens.
func (t *tokenizer) chunk(a, b int) {
	s := t.s
	if b-a <= 4 && isEmoticon(s[a:b]) {
		t.emit(a, b)
		return
	}
	a = t.openers(a, b)
	if a >= b {
		return
	}
	nb := 0
	if isURLish(s[a:b]) {
		a, b, nb = t.urlClosers(a, b)
		t.emit(a, b)
		t.emitBack(nb)
		return
	}
	b, nb = t.closers(a, b)
	core := b
	if k := cliticStart(s[a:b]); k > 0 {
		core = a + k
	}
	switch {
	case isNumberCode(s[a:core]):
		t.emit(a, core) // "713-853-3989", "2020-12-24"
	default:
		if k := unitStart(s[a:core]); k > 0 {
			t.infix(a, a+k) // "39K", "5pm", "2bn": number and unit
			t.emit(a+k, core)
		} else {
			t.infix(a, core)
		}
	}
	if core < b {
		t.emit(core, b)
		t.toks[len(t.toks)-1].Clitic = true
	}
	t.emitBack(nb)
}

// isNumberCode reports whether w is digits joined by at least two hyphens (phone
// numbers, ISO dates), which UD keeps whole.
func isNumberCode(w string) bool {
	hyphens := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == '-':
			if i == 0 || w[i-1] == '-' {
				return false
			}
			hyphens++
		case !isDigit(c):
			return false
		}
	}
	return hyphens >= 2 && w[len(w)-1] != '-'
}

// units that UD splits from a number written against them ("39K" is "39" "K").
var units = map[string]bool{
	"k": true, "m": true, "b": true, "bn": true, "mn": true, "mln": true, "am": true,
	"pm": true, "mm": true, "cm": true, "km": true, "kg": true, "g": true, "mg": true,
	"lb": true, "lbs": true, "ft": true, "mph": true, "kph": true, "hz": true, "khz": true,
	"mhz": true, "ghz": true, "gb": true, "mb": true, "kb": true, "tb": true, "kw": true,
	"mw": true, "gw": true, "kwh": true, "x": true, "ml": true, "oz": true, "sq": true,
}

// unitStart returns where a unit starts in w when w is a number followed by a unit
// ("39K", "5pm", "2.5bn"), else 0; ordinals and decades ("2nd", "1990s") stay whole.
func unitStart(w string) int {
	if w == "" || !isDigit(w[0]) {
		return 0
	}
	k := 0
	for k < len(w) && (isDigit(w[k]) || w[k] == '.' || w[k] == ',') {
		k++
	}
	if k == len(w) || len(w)-k > 3 || !isDigit(w[k-1]) {
		return 0
	}
	var buf [3]byte
	for i := k; i < len(w); i++ {
		buf[i-k] = lower(w[i])
	}
	if units[string(buf[:len(w)-k])] {
		return k
	}
	return 0
}

func (t *tokenizer) emitBack(nb int) {
	for k := nb - 1; k >= 0; k-- {
		t.emit(t.back[k].start, t.back[k].end)
	}
}

// openers emits the opening punctuation at the start of s[a:b] and returns where the
// rest begins.
func (t *tokenizer) openers(a, b int) int {
	s := t.s
	for a < b {
		r, w := decodeAt(s, a)
		switch r {
		case '(', '[', '{', '"', '“', '‘', '«', '‹', '„', '¿', '¡', '£', '€', '¥', '₹', '•', '·', '►', '■', '▪', '●', '~':
			t.emit(a, a+w)
			a += w
		case '$', '*', '=', '_':
			// "$5" is "$" "5"; runs ("$$$", "****") are one token
			e := a + 1
			for e < b && s[e] == s[a] {
				e++
			}
			if (r == '=' || r == '_') && e-a == 1 {
				return a
			}
			t.emit(a, e)
			a = e
		case '#':
			if a+1 < b && !isDigit(s[a+1]) {
				return a // a hashtag
			}
			t.emit(a, a+w)
			a += w
		case '`':
			e := a + 1
			for e < b && s[e] == '`' {
				e++
			}
			t.emit(a, e)
			a = e
		case '\'', '’':
			if a+w < b && keepsLeadingApostrophe(s[a+w:b]) {
				return a
			}
			t.emit(a, a+w)
			a += w
		case '-', '—', '–':
			e := a + w
			for e < b {
				r2, w2 := decodeAt(s, e)
				if r2 != r {
					break
				}
				e += w2
			}
			t.emit(a, e)
			a = e
		case '.':
			if a+1 < b && isDigit(s[a+1]) {
				return a // ".5"
			}
			e := a + 1
			for e < b && s[e] == '.' {
				e++
			}
			t.emit(a, e)
			a = e
		case '!', '?', '<', '>':
			e := a + 1
			for e < b && (s[e] == s[a] || (r != '<' && r != '>' && (s[e] == '!' || s[e] == '?' || s[e] == '.'))) {
				e++
			}
			t.emit(a, e)
			a = e
		case '…', '/', '\\', '&', '@', ',', ';', ':', ')', ']', '}', '”', '»', '›':
			if r == '@' && a+1 < b && isWordByte(s[a+1]) {
				return a // an @handle
			}
			if r == '&' && a+1 < b && isWordByte(s[a+1]) {
				return a
			}
			if r == '/' || r == '\\' {
				return a
			}
			t.emit(a, a+w)
			a += w
		default:
			return a
		}
	}
	return a
}

// closers pushes the closing punctuation at the end of s[a:b] onto t.back and
// returns the end of what remains and the number pushed.
func (t *tokenizer) closers(a, b int) (int, int) {
	s := t.s
	nb := 0
	push := func(x, y int) {
		t.back[nb] = span{x, y}
		nb++
	}
	for b > a && nb < len(t.back) {
		r, w := decodeBefore(s, b)
		switch r {
		case '.', '!', '?':
			k := b - 1
			for k > a && (s[k-1] == '.' || s[k-1] == '!' || s[k-1] == '?') {
				k--
			}
			if r == '.' && k > a {
				switch {
				case b-k == 1 && t.keepsPeriod(a, b):
					return b, nb
				case b-k == 2 && s[k] == '.' && t.keepsPeriod(a, k+1):
					k++ // "Inc.." is "Inc." "."
				}
			}
			push(k, b)
			b = k
		case '*', '$', '=', '_':
			k := b - 1
			for k > a && s[k-1] == s[b-1] {
				k--
			}
			if k == a || (b-k == 1 && (r == '=' || r == '_')) {
				return b, nb
			}
			push(k, b)
			b = k
		case ')', ']', '}', '"', '”', '»', '›', ',', ';', ':', '%', '…', '\'', '’', '‘', '“', '`', '>':
			if r == '`' || r == '\'' {
				k := b - 1
				for k > a && s[k-1] == s[b-1] && b-k < 3 {
					k--
				}
				if b-k == 2 { // '' as a closing quote
					push(k, b)
					b = k
					continue
				}
			}
			push(b-w, b)
			b -= w
		case '-', '—', '–':
			k := b - w
			for k > a {
				r2, w2 := decodeBefore(s, k)
				if r2 != r {
					break
				}
				k -= w2
			}
			if k == a || (r == '-' && b-k == 1 && isLetterByte(s[k-1])) {
				return b, nb // "-", and "re-" in "re- and de-regulation" or a broken-off word
			}
			push(k, b)
			b = k
		default:
			return b, nb
		}
	}
	return b, nb
}

// keepsPeriod reports whether the word s[a:b], ending in a period, keeps it as an
// abbreviation.
func (t *tokenizer) keepsPeriod(a, b int) bool {
	w := t.s[a:b]
	if k := strings.LastIndexByte(w, '-'); k >= 0 {
		w = w[k+1:] // "low-I.Q." keeps the period of "I.Q."
	}
	if dottedAbbrev(w) {
		return true
	}
	return lookupAbbrev(w[:len(w)-1], t.digitFollows()) != notAbbrev
}

// digitFollows reports whether the next chunk starts with a digit ("No. 5").
func (t *tokenizer) digitFollows() bool {
	s := t.s
	i := t.chunkEnd
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i < len(s) && isDigit(s[i])
}

// urlClosers trims the punctuation that ends a sentence or clause after a URL, keeping
// a closing bracket that the URL itself opened.
func (t *tokenizer) urlClosers(a, b int) (int, int, int) {
	s := t.s
	nb := 0
	for b > a && nb < len(t.back) {
		r, w := decodeBefore(s, b)
		switch r {
		case '.', ',', ';', ':', '!', '?', '"', '\'', '”', '’', '»':
		case ')', ']':
			open := byte('(')
			if r == ']' {
				open = '['
			}
			if countByte(s[a:b], open) >= countByte(s[a:b], byte(r)) {
				return a, b, nb
			}
		default:
			return a, b, nb
		}
		t.back[nb] = span{b - w, b}
		nb++
		b -= w
	}
	return a, b, nb
}

// infix splits the word s[a:b] at the punctuation inside it.
func (t *tokenizer) infix(a, b int) {
	s := t.s
	seg := a  // start of the pending token
	part := a // start of the current hyphen-separated part
	for p := a; p < b; {
		r, w := decodeAt(s, p)
		switch r {
		case '-':
			q := p + 1
			for q < b && s[q] == '-' {
				q++
			}
			if q-p == 1 && p > seg && q < b && keepsHyphen(s[part:p], s[q:hyphenPartEnd(s, q, b)]) {
				part = q
				p = q
				continue
			}
			t.emit(seg, p)
			t.emit(p, q)
			seg, part, p = q, q, q
			continue
		case '—', '–', '…', '"', '“', '”', '(', ')', '[', ']', '{', '}', ';', '‘', '«', '»':
			t.emit(seg, p)
			t.emit(p, p+w)
			seg, part, p = p+w, p+w, p+w
			continue
		case '.':
			q := p + 1
			for q < b && s[q] == '.' {
				q++
			}
			if q-p >= 2 || (q < b && (runOnSentence(s[part:p], s[q:b]) || closesAfterPeriod(s, part, p, q))) {
				t.emit(seg, p)
				t.emit(p, q)
				seg, part, p = q, q, q
				continue
			}
			p = q
			continue
		case '/':
			if p > a && p+1 < b && isDigit(s[p-1]) && isDigit(s[p+1]) {
				p++ // dates and fractions: "9/11", "1/2"
				continue
			}
			if p-part == 1 && isWordByte(s[part]) {
				p++ // "w/", "b/c", "s/he"
				continue
			}
			t.emit(seg, p)
			t.emit(p, p+1)
			seg, part, p = p+1, p+1, p+1
			continue
		case ',':
			if p > a && p+1 < b && isDigit(s[p-1]) && isDigit(s[p+1]) {
				p++
				continue
			}
			t.emit(seg, p)
			t.emit(p, p+1)
			seg, part, p = p+1, p+1, p+1
			continue
		}
		p += w
	}
	t.emit(seg, b)
}

// hyphenPartEnd returns the end of the hyphen-separated part starting at q.
func hyphenPartEnd(s string, q, b int) int {
	for e := q; e < b; e++ {
		if s[e] == '-' {
			return e
		}
	}
	return b
}

// keepsHyphen reports whether left-right stays one token: after a prefix
// ("non-violent", "e-mail") and between numbers ("555-1234", "2020-12-24").
func keepsHyphen(left, right string) bool {
	if allDigits(left) && allDigits(right) {
		// "555-1234" stays, ranges ("1990-1995", "3-5") are split
		return (len(left) == 3 || len(left) == 5) && len(right) == 4
	}
	if len(left) > 7 {
		return false
	}
	var buf [7]byte
	for i := 0; i < len(left); i++ {
		c := left[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return hyphenPrefixes[string(buf[:len(left)])]
}

// runOnSentence reports whether a period between left and right is a sentence end
// typed without a space ("end.The"), not a domain or abbreviation.
func runOnSentence(left, right string) bool {
	if len(left) < 2 || len(right) < 2 {
		return false
	}
	for i := 0; i < len(left); i++ {
		if c := left[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return 'A' <= right[0] && right[0] <= 'Z' && 'a' <= right[1] && right[1] <= 'z'
}

// closesAfterPeriod reports whether the period at s[p] ends a sentence typed without a
// space before the next one: a quote, bracket or reference mark follows it
// ("remain.\"What", "vehicle.[11]"), and the word before is no abbreviation.
func closesAfterPeriod(s string, part, p, q int) bool {
	switch s[q] {
	case '"', '\'', ')', '[', 0xE2: // 0xE2 starts ” and ’
	default:
		return false
	}
	if s[q] == 0xE2 && !strings.HasPrefix(s[q:], "”") && !strings.HasPrefix(s[q:], "’") {
		return false
	}
	w := s[part : p+1]
	return p > part && !dottedAbbrev(w) && lookupAbbrev(w[:len(w)-1], false) == notAbbrev
}

// cliticStart returns the offset in w where a clitic begins ("do|n't", "Russia|'s",
// "they|'ve", "can|not", "gon|na"), or 0 if there is none.
func cliticStart(w string) int {
	n := len(w)
	if n >= 2 && n <= 8 && maybeBareContraction(w) {
		// contractions typed without the apostrophe, as UD splits them
		var buf [8]byte
		for i := 0; i < n; i++ {
			buf[i] = lower(w[i])
		}
		if k, ok := bareContractions[string(buf[:n])]; ok {
			return k
		}
	}
	if n < 3 {
		return 0
	}
	// n't, n’t
	if lower(w[n-1]) == 't' {
		if n > 3 && w[n-2] == '\'' && lower(w[n-3]) == 'n' {
			return n - 3
		}
		if n > 5 && w[n-4:n-1] == "’" && lower(w[n-5]) == 'n' {
			return n - 5
		}
	}
	// 's 'm 'd, 're 've 'll (straight or typographic apostrophe)
	for _, k := range [2]int{1, 2} {
		if n <= k+1 {
			continue
		}
		if !isClitic(w[n-k:]) {
			continue
		}
		if k == 1 && n-k-2 >= 0 && w[n-k-2] == '0' && allDigits(w[:n-k-1]) {
			return 0 // decades: "70's"
		}
		if w[n-k-1] == '\'' && n-k-1 > 0 && (isWordByte(w[n-k-2]) || w[n-k-2] == '.') {
			return n - k - 1
		}
		if n-k-3 > 0 && w[n-k-3:n-k] == "’" && (isWordByte(w[n-k-4]) || w[n-k-4] == '.') {
			return n - k - 3
		}
	}
	return 0
}

// maybeBareContraction is a cheap filter on the last letters before the map lookup.
func maybeBareContraction(w string) bool {
	n := len(w)
	last, prev := lower(w[n-1]), lower(w[n-2])
	switch last {
	case 't':
		return prev == 'n' || prev == 'o'
	case 'a':
		return prev == 'n' || prev == 't'
	case 'e':
		return prev == 'r' || prev == 'v'
	case 's':
		return prev == 't'
	case 'm':
		return n == 2
	}
	return false
}

// bareContractions maps words that UD splits without an apostrophe to the offset of
// the second part.
var bareContractions = map[string]int{
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3, "outta": 3, "lotta": 3,
	"dont": 2, "didnt": 3, "doesnt": 4, "isnt": 2, "wasnt": 3, "arent": 3, "werent": 4,
	"havent": 4, "hasnt": 3, "hadnt": 3, "couldnt": 5, "wouldnt": 5, "shouldnt": 6,
	"aint": 2, "im": 1, "youre": 3, "theyre": 4, "thats": 4, "whats": 4, "ive": 1,
}

func isClitic(c string) bool {
	switch len(c) {
	case 1:
		switch lower(c[0]) {
		case 's', 'm', 'd':
			return true
		}
	case 2:
		a, b := lower(c[0]), lower(c[1])
		return (a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')
	}
	return false
}

func lowerASCII6(w string) string {
	var buf [6]byte
	for i := 0; i < len(w); i++ {
		buf[i] = lower(w[i])
	}
	return string(buf[:len(w)])
}

// keepsLeadingApostrophe reports whether an apostrophe opening a chunk belongs to the
// word after it ("'90s", "'em", "'cause") rather than being a quote.
func keepsLeadingApostrophe(rest string) bool {
	if rest == "" {
		return false
	}
	if isDigit(rest[0]) {
		return true
	}
	if len(rest) > 6 {
		return false
	}
	switch lowerASCII6(rest) {
	case "em", "cause", "cos", "til", "tis", "twas", "n", "round":
		return true
	}
	return false
}

// isURLish reports whether w is a URL, an e-mail address or an @handle, which stay one
// token.
func isURLish(w string) bool {
	if len(w) < 4 {
		return false
	}
	if hasPrefixFold(w, "http://") || hasPrefixFold(w, "https://") || hasPrefixFold(w, "ftp://") || hasPrefixFold(w, "www.") {
		return true
	}
	at := -1
	for i := 0; i < len(w); i++ {
		if w[i] == '@' {
			at = i
			break
		}
	}
	if at < 0 || at+1 >= len(w) || !isWordByte(w[at+1]) {
		return false
	}
	if at == 0 {
		return true // @handle
	}
	for i := at + 1; i < len(w)-1; i++ {
		if w[i] == '.' {
			return isWordByte(w[at-1])
		}
	}
	return false
}

var emoticons = map[string]bool{
	":)": true, ":(": true, ":-)": true, ":-(": true, ";)": true, ";-)": true, ":D": true,
	":-D": true, ":P": true, ":p": true, ":-P": true, ":/": true, ":'(": true, "<3": true,
	"^_^": true, ":o": true, ":O": true, "=)": true, ":]": true,
}

func isEmoticon(w string) bool {
	switch w[0] {
	case ':', ';', '<', '^', '=':
		return emoticons[w]
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lower(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

func countByte(s string, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isWordByte reports whether c is an ASCII letter or digit, or starts a non-ASCII
// character (most of which are letters in news text).
func isWordByte(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c >= utf8.RuneSelf
}

func isLetterByte(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
