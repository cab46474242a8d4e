package timex

import (
	"strings"
	"time"

	"dyad/internal/text"
)

// scanner matches the patterns over one sentence at a time. Its slices are reused
// from sentence to sentence.
type scanner struct {
	toks  []text.Token
	low   []string // lower-case form of each token; "" for capitalised words the vocabulary lacks
	words []word   // vocabulary entry of each token; class none when absent
	buf   []byte
	// nextAnchor[i] is the index of the first anchor token at or after i.
	nextAnchor []int
	// lastEnd is the token index just after the previous expression, so that the
	// second year of "from 2010 to 2015" is taken.
	lastEnd int
}

// match is a pattern's result: the expression and the token index after it.
type match struct {
	e   Expr
	end int
}

func (sc *scanner) sentence(article string, s text.Sentence, out []Expr) []Expr {
	sc.toks = s.Tokens
	sc.low = sc.low[:0]
	sc.words = sc.words[:0]
	for _, t := range s.Tokens {
		l, w := sc.lookup(t.Norm)
		sc.low = append(sc.low, l)
		sc.words = append(sc.words, w)
	}
	// Every expression holds an anchor (a day, month or unit name, a number ...) within
	// its first maxLead+1 tokens: positions with none that near are not tried.
	sc.nextAnchor = sc.nextAnchor[:0]
	for range sc.toks {
		sc.nextAnchor = append(sc.nextAnchor, 0)
	}
	next := len(sc.toks) + maxLead + 1
	for i := len(sc.toks) - 1; i >= 0; i-- {
		if sc.anchor(i) {
			next = i
		}
		sc.nextAnchor[i] = next
	}
	sc.lastEnd = -1
	for i := 0; i < len(sc.toks); {
		if sc.nextAnchor[i]-i > maxLead || sc.words[i].class == classNone && !startsWithDigit(sc.toks[i].Norm) {
			i++
			continue
		}
		m, ok := sc.at(i)
		if !ok {
			i++
			continue
		}
		first, last := sc.toks[i], sc.toks[m.end-1]
		e := m.e
		e.Start, e.End = first.Start, last.End
		if e.Start < 0 || e.End > len(article) || e.Start > e.End {
			i++ // tokens that do not point into this text: nothing to report
			continue
		}
		e.Text = article[e.Start:e.End]
		e.Sentence = s.Index
		out = append(out, e)
		sc.lastEnd = m.end
		i = m.end
	}
	return out
}

// titleBefore reports whether a capitalised "Today" or "Tonight" after token prev is
// part of a name ("USA Today", "NBC's Today", "World News Tonight"): a word before it,
// not a sentence start or punctuation.
func titleBefore(prev string) bool {
	return prev != "" && (prev[0] >= 'A' && prev[0] <= 'Z' || prev[0] >= 'a' && prev[0] <= 'z' || prev == "'s")
}

// maxLead is the most tokens an expression has before its first anchor: "at the end
// of last year".
const maxLead = 5

// anchor reports whether token i can carry an expression: a weekday, month, unit or
// part of the day, a named day, a number in digits. (A count in words comes before
// its unit, which is the anchor.)
func (sc *scanner) anchor(i int) bool {
	switch sc.words[i].class {
	case classWeekday, classMonth, classUnit, classPartOfDay:
		return true
	case classSeason:
		return true
	case classOther:
		switch sc.low[i] {
		case "yesterday", "today", "tonight", "tomorrow", "recent":
			return true
		}
		return holidayStart[sc.low[i]] && sc.capitalised(i)
	}
	t := sc.toks[i].Norm
	return startsWithDigit(t) || strings.HasPrefix(t, "'") && len(t) > 1 && startsWithDigit(t[1:]) ||
		len(t) > 4 && (t[:4] == "mid-" || t[:4] == "Mid-")
}

// lookup returns the lower-case form of a token and its vocabulary entry, without
// allocating: words with capitals are lowered into a buffer and, when known, replaced
// by the vocabulary's own key.
func (sc *scanner) lookup(s string) (string, word) {
	if len(s) > maxWordLen || s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z' || s[0] == '\'') {
		if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
			return "", word{}
		}
		return s, word{}
	}
	if !mayBeVocabulary(s) {
		if s[0] >= 'A' && s[0] <= 'Z' {
			return "", word{}
		}
		return s, word{}
	}
	upper := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return s, vocabulary[s]
	}
	sc.buf = sc.buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		sc.buf = append(sc.buf, c)
	}
	w, ok := vocabulary[string(sc.buf)]
	if !ok {
		return "", word{}
	}
	return w.key, w
}

func startsWithDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }

// is reports whether token j exists and is one of the given lower-case words.
func (sc *scanner) is(j int, words ...string) bool {
	if j < 0 || j >= len(sc.low) {
		return false
	}
	for _, w := range words {
		if sc.low[j] == w {
			return true
		}
	}
	return false
}

func (sc *scanner) lowAt(j int) string {
	if j < 0 || j >= len(sc.low) {
		return ""
	}
	return sc.low[j]
}

func (sc *scanner) textAt(j int) string {
	if j < 0 || j >= len(sc.toks) {
		return ""
	}
	return sc.toks[j].Norm
}

func (sc *scanner) capitalised(j int) bool {
	t := sc.textAt(j)
	return t != "" && 'A' <= t[0] && t[0] <= 'Z'
}

func (sc *scanner) class(j int) wordClass {
	if j < 0 || j >= len(sc.words) {
		return classNone
	}
	return sc.words[j].class
}

// at returns the longest expression starting at token i, a leading "on", "in", "for"
// ... included.
func (sc *scanner) at(i int) (match, bool) {
	best, ok := sc.core(i)
	if p := sc.lowAt(i); absorbedPreps[p] {
		// "for" and "within" belong to lengths ("for two years"), not to dates ("for
		// mid-March"); "on" and "at" to dates, not to lengths ("on a 13-hour filibuster")
		m, ok2 := sc.core(i + 1)
		fits := m.e.Kind == KindDuration && (durationPreps[p] || p == "in" || p == "over" || p == "during") ||
			m.e.Kind != KindDuration && !durationPreps[p]
		if ok2 && fits && (!ok || m.end > best.end) {
			best, ok = m, true
		}
	}
	return best, ok
}

// core tries every pattern at token i and keeps the longest match; on a tie the
// earlier pattern in the list wins.
func (sc *scanner) core(i int) (match, bool) {
	if i >= len(sc.toks) {
		return match{}, false
	}
	var best match
	found := false
	for _, p := range patterns {
		if m, ok := p(sc, i); ok && (!found || m.end > best.end) {
			best, found = m, true
		}
	}
	return best, found
}

var patterns = []func(*scanner, int) (match, bool){
	(*scanner).numericDate,
	(*scanner).weekdayExpr,
	(*scanner).namedDay,
	(*scanner).monthFirst,
	(*scanner).dayFirst,
	(*scanner).yearExpr,
	(*scanner).decadeExpr,
	(*scanner).periodExpr,
	(*scanner).boundaryExpr,
	(*scanner).recentExpr,
	(*scanner).countExpr,
	(*scanner).anaphoricExpr,
	(*scanner).seasonExpr,
	(*scanner).holidayExpr,
}

// number parses an unsigned decimal integer of at most 4 digits.
func number(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// dayOfMonth parses "8", "08", "8th", "22nd".
func dayOfMonth(s string) (int, bool) {
	if len(s) > 2 {
		switch strings.ToLower(s[len(s)-2:]) {
		case "st", "nd", "rd", "th":
			s = s[:len(s)-2]
		}
	}
	if len(s) > 2 {
		return 0, false
	}
	d, ok := number(s)
	return d, ok && d >= 1 && d <= 31
}

func yearNumber(s string) (int, bool) {
	y, ok := number(s)
	return y, ok && len(s) == 4 && y >= 1800 && y <= 2099
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	if y == 0 {
		y = 2000 // a leap year: "February 29" without a year is possible
	}
	return d <= daysIn(y, time.Month(m))
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// numericDate: 2020-12-08 (ISO) and 12/08/2020 or 12/8/20 (US order, month first).
func (sc *scanner) numericDate(i int) (match, bool) {
	t := sc.textAt(i)
	var y, m, d int
	switch {
	case len(t) == 10 && t[4] == '-' && t[7] == '-':
		var ok1, ok2, ok3 bool
		y, ok1 = yearNumber(t[:4])
		m, ok2 = number(t[5:7])
		d, ok3 = number(t[8:])
		if !ok1 || !ok2 || !ok3 {
			return match{}, false
		}
	case strings.Count(t, "/") == 2:
		parts := strings.Split(t, "/")
		if len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 2 && len(parts[2]) != 4) {
			return match{}, false
		}
		var ok1, ok2, ok3 bool
		m, ok1 = number(parts[0])
		d, ok2 = number(parts[1])
		y, ok3 = number(parts[2])
		if !ok1 || !ok2 || !ok3 {
			return match{}, false
		}
		if len(parts[2]) == 2 {
			y += 1900
			if y < 1950 {
				y += 100
			}
		}
		if y < 1800 {
			return match{}, false
		}
	default:
		return match{}, false
	}
	if !validDate(y, m, d) {
		return match{}, false
	}
	return match{e: Expr{Kind: KindDate, year: y, month: m, day: d}, end: i + 1}, true
}

// shiftWord reads "last", "next", "this", "this past", "this coming", "coming" at j;
// it returns the shift and the index after the words, or ok false.
func (sc *scanner) shiftWord(j int) (shift, next int, ok bool) {
	switch sc.lowAt(j) {
	case "last":
		return -1, j + 1, true
	case "next", "coming":
		return 1, j + 1, true
	case "this":
		switch sc.lowAt(j + 1) {
		case "past":
			return -1, j + 2, true
		case "coming":
			return 1, j + 2, true
		}
		return 0, j + 1, true
	}
	return 0, j, false
}

// modWord reads "early", "earlier", "late", "later", "mid" at j.
func (sc *scanner) modWord(j int) (string, int) {
	switch sc.lowAt(j) {
	case "early", "earlier":
		return "early", j + 1
	case "late", "later":
		return "late", j + 1
	case "mid":
		return "mid", j + 1
	}
	return "", j
}

// weekdayExpr: [early|late] [last|next|this|this past] Wednesday [morning|night ...]
// [, Dec. 23[, 2020]]. A weekday followed by a calendar date is that date.
func (sc *scanner) weekdayExpr(i int) (match, bool) {
	mod, j := sc.modWord(i)
	shift, j, _ := sc.shiftWord(j)
	if sc.class(j) != classWeekday || !sc.capitalised(j) {
		return match{}, false
	}
	if j == i && holidayBefore[sc.textAt(i-1)] || titleAfter[sc.textAt(j+1)] {
		return match{}, false
	}
	e := Expr{Kind: KindWeekday, weekday: time.Weekday(sc.words[j].val), shift: shift, Mod: mod}
	end := j + 1
	if sc.class(end) == classPartOfDay {
		end++
	}
	// "Wednesday, Dec. 23, 2020", "Wednesday 23 December"
	k := end
	if sc.is(k, ",") {
		k++
	}
	if m, ok := sc.monthFirst(k); ok && m.e.Kind == KindDate {
		m.e.Mod, m.e.namedWeekday = mod, int(e.weekday)+1
		return match{e: m.e, end: m.end}, true
	}
	if m, ok := sc.dayFirst(k); ok {
		m.e.Mod, m.e.namedWeekday = mod, int(e.weekday)+1
		return match{e: m.e, end: m.end}, true
	}
	return match{e: e, end: end}, true
}

// namedDay: yesterday, today, tonight, tomorrow (with "earlier", "late", a part of
// the day), "this morning", "last night", "the day before yesterday".
func (sc *scanner) namedDay(i int) (match, bool) {
	mod, j := sc.modWord(i)
	if mod == "mid" {
		return match{}, false
	}
	shift := 0
	switch sc.lowAt(j) {
	case "yesterday":
		shift = -1
	case "today", "tonight":
		// "USA Today", "World News Tonight": a title, when capitalised after a capital
		if sc.capitalised(j) && j > 0 && titleBefore(sc.textAt(j-1)) || sc.textAt(j+1) == "Show" {
			return match{}, false
		}
		if sc.is(j-1, "a", "an", "of") {
			return match{}, false // "a tomorrow technology", "the leaders of tomorrow"
		}
	case "tomorrow":
		shift = 1
		if sc.is(j-1, "a", "an", "of") {
			return match{}, false
		}
	case "this":
		if sc.class(j+1) != classPartOfDay || sc.is(j+1, "overnight") || sc.capitalised(j+1) { // "CBS This Morning"
			return match{}, false
		}
		return match{e: Expr{Kind: KindDay, Mod: mod}, end: j + 2}, true
	case "last":
		if !sc.is(j+1, "night", "evening") {
			return match{}, false
		}
		return match{e: Expr{Kind: KindDay, shift: -1, Mod: mod}, end: j + 2}, true
	case "the":
		if mod == "" && sc.is(j+1, "day") && sc.is(j+2, "before") && sc.is(j+3, "yesterday") {
			return match{e: Expr{Kind: KindDay, shift: -2}, end: j + 4}, true
		}
		if mod == "" && sc.is(j+1, "day") && sc.is(j+2, "after") && sc.is(j+3, "tomorrow") {
			return match{e: Expr{Kind: KindDay, shift: 2}, end: j + 4}, true
		}
		return match{}, false
	default:
		return match{}, false
	}
	end := j + 1
	if sc.lowAt(j) != "tonight" && sc.class(end) == classPartOfDay && !sc.is(end, "overnight") {
		end++
	}
	return match{e: Expr{Kind: KindDay, shift: shift, Mod: mod}, end: end}, true
}

// monthAt reads a month name at j: the month, whether it was "mid-December", and
// its flags.
func (sc *scanner) monthAt(j int) (month int, mid bool, flags int, ok bool) {
	if sc.class(j) != classMonth || !sc.capitalised(j) && !strings.HasPrefix(sc.lowAt(j), "mid-") {
		return 0, false, 0, false
	}
	w := sc.words[j]
	return w.val, strings.HasPrefix(w.key, "mid-"), w.flags, true
}

// monthFirst: [early|late|mid] [last|this|next] December [8[, 2020]] | December 2020 |
// December of 2020 | in December.
func (sc *scanner) monthFirst(i int) (match, bool) {
	mod, j := sc.modWord(i)
	if mod != "" && sc.is(j, "in") { // "early in May"
		j++
	}
	this := sc.is(j, "this") && !sc.is(j+1, "past", "coming")
	shift, j, hasShift := sc.shiftWord(j)
	m, mid, flags, ok := sc.monthAt(j)
	if !ok {
		return match{}, false
	}
	if mid {
		if mod != "" {
			return match{}, false
		}
		mod = "mid"
	}
	k := j + 1
	if !hasShift {
		if d, ok := dayOfMonth(sc.textAt(k)); ok && !sc.is(k+1, "%", "percent") && !mid {
			e := Expr{Kind: KindDate, month: m, day: d, Mod: mod}
			end := k + 1
			if y, ok := yearNumber(sc.textAt(end)); ok {
				e.year, end = y, end+1
			} else if y, ok := yearNumber(sc.textAt(end + 1)); ok && sc.is(end, ",") {
				e.year, end = y, end+2
			}
			if !validDate(e.year, m, d) {
				return match{}, false
			}
			return match{e: e, end: end}, true
		}
		if y, ok := yearNumber(sc.textAt(k)); ok {
			return match{e: Expr{Kind: KindMonth, month: m, year: y, Mod: mod}, end: k + 1}, true
		}
		if y, ok := yearNumber(sc.textAt(k + 1)); ok && sc.is(k, "of", ",") {
			return match{e: Expr{Kind: KindMonth, month: m, year: y, Mod: mod}, end: k + 2}, true
		}
	}
	// A month on its own: an abbreviation or a name that is also a common word needs
	// a preposition or modifier before it ("in May", not "Theresa May").
	if flags&(flagAbbrev|flagAmbiguous) != 0 && mod == "" && !hasShift {
		if !datePreps[sc.lowAt(i-1)] || sc.is(k, "'s") || sc.capitalised(k) {
			return match{}, false
		}
	}
	return match{e: Expr{Kind: KindMonth, month: m, shift: shift, this: this, Mod: mod}, end: k}, true
}

// dayFirst: 8 December [2020] | the 8th of December [2020].
func (sc *scanner) dayFirst(i int) (match, bool) {
	j := i
	the := sc.is(j, "the")
	if the {
		j++
	}
	d, ok := dayOfMonth(sc.textAt(j))
	if !ok {
		return match{}, false
	}
	k := j + 1
	if the {
		if !sc.is(k, "of") {
			return match{}, false
		}
		k++
	}
	m, mid, _, ok := sc.monthAt(k)
	if !ok || mid {
		return match{}, false
	}
	e := Expr{Kind: KindDate, month: m, day: d}
	end := k + 1
	if y, ok := yearNumber(sc.textAt(end)); ok {
		e.year, end = y, end+1
	}
	if !validDate(e.year, m, d) {
		return match{}, false
	}
	return match{e: e, end: end}, true
}

// yearExpr: in 2019 (after a preposition), mid-2019, early 2019, late 2019, and the
// second year of "from 2010 to 2015".
func (sc *scanner) yearExpr(i int) (match, bool) {
	if t := sc.lowAt(i); strings.HasPrefix(t, "mid-") {
		if y, ok := yearNumber(t[4:]); ok {
			return match{e: Expr{Kind: KindYear, year: y, Mod: "mid"}, end: i + 1}, true
		}
		return match{}, false
	}
	mod, j := sc.modWord(i)
	y, ok := yearNumber(sc.textAt(j))
	if !ok {
		return match{}, false
	}
	if sc.is(j+1, "%", "percent") || sc.textAt(j-1) == "$" {
		return match{}, false
	}
	if mod == "" {
		prev := sc.lowAt(j - 1)
		listed := sc.lastEnd == j-1 && (prev == "and" || prev == "or" || prev == "to" || prev == "-" || prev == "–")
		if !datePreps[prev] && !listed {
			return match{}, false
		}
	}
	return match{e: Expr{Kind: KindYear, year: y, Mod: mod}, end: j + 1}, true
}

// decade parses "1990s", "1990's", "'90s".
func decade(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "s"), "'")
	if strings.HasPrefix(s, "'") && len(s) == 3 {
		d, ok := number(s[1:])
		if !ok || d%10 != 0 {
			return 0, false
		}
		if d <= 30 {
			return 2000 + d, true
		}
		return 1900 + d, true
	}
	y, ok := number(s)
	return y, ok && len(s) == 4 && y%10 == 0 && y >= 1800 && y <= 2090
}

// decadeExpr: the 1990s, the late 1990s, the '90s, mid-1990s, the mid-'90s.
func (sc *scanner) decadeExpr(i int) (match, bool) {
	j := i
	the := sc.is(j, "the")
	if the {
		j++
	}
	mod, j := sc.modWord(j)
	t := sc.textAt(j)
	if !strings.HasSuffix(t, "s") {
		return match{}, false
	}
	if strings.HasPrefix(strings.ToLower(t), "mid-") {
		if mod != "" {
			return match{}, false
		}
		mod, t = "mid", t[4:]
	}
	y, ok := decade(t)
	if !ok || !the && mod == "" {
		return match{}, false
	}
	return match{e: Expr{Kind: KindDecade, year: y, Mod: mod}, end: j + 1}, true
}

// periodExpr: [early|late|mid] this|last|next week|weekend|month|year ("earlier this
// month", "late last year"), "the weekend" after over/at/during, "earlier in the week".
func (sc *scanner) periodExpr(i int) (match, bool) {
	if sc.is(i-1, "the") || possessive[sc.lowAt(i-1)] {
		return match{}, false // "the last year" is a span (countExpr); "Bush's last year" a term
	}
	mod, j := sc.modWord(i)
	if shift, k, ok := sc.shiftWord(j); ok {
		if sc.class(k) != classUnit || sc.words[k].flags&flagPlural != 0 || sc.capitalised(k) {
			return match{}, false // a capital makes a title: ABC's "This Week"
		}
		u := unit(sc.words[k].val)
		if u < unitWeek || u > unitYear {
			return match{}, false
		}
		return match{e: Expr{Kind: KindPeriod, unit: u, shift: shift, Mod: mod}, end: k + 1}, true
	}
	if sc.is(j, "the") && sc.is(j+1, "weekend") && mod == "" {
		if !sc.is(i-1, "over", "at", "during", "on", "through", "throughout") {
			return match{}, false
		}
		return match{e: Expr{Kind: KindPeriod, unit: unitWeekend}, end: j + 2}, true
	}
	if mod != "" && mod != "mid" && sc.is(j, "in") && sc.is(j+1, "the") && sc.is(j+2, "week", "month", "year") {
		return match{e: Expr{Kind: KindPeriod, unit: unit(sc.words[j+2].val), Mod: mod}, end: j + 3}, true
	}
	return match{}, false
}

// boundaryExpr: [the] end|beginning|start|middle of [the|this|last|next] month|year|week,
// or of a month or year ("the end of December", "the start of 2019").
func (sc *scanner) boundaryExpr(i int) (match, bool) {
	j := i
	if sc.is(j, "the") {
		j++
	}
	var mod string
	switch sc.lowAt(j) {
	case "end":
		mod = "end"
	case "beginning", "start":
		mod = "start"
	case "middle":
		mod = "mid"
	default:
		return match{}, false
	}
	if !sc.is(j+1, "of") {
		return match{}, false
	}
	k := j + 2
	shift, k2, ok := sc.shiftWord(k)
	if !ok && sc.is(k, "the") {
		k2, ok = k+1, true
	}
	if ok && sc.is(k2, "week", "month", "year") {
		u := unit(sc.words[k2].val)
		return match{e: Expr{Kind: KindPeriod, unit: u, shift: shift, Mod: mod}, end: k2 + 1}, true
	}
	for _, p := range []func(*scanner, int) (match, bool){(*scanner).monthFirst, (*scanner).yearExpr} {
		if m, ok := p(sc, k); ok && m.e.Mod == "" {
			m.e.Mod = mod
			return m, true
		}
	}
	return match{}, false
}

// recentExpr: in recent days|weeks|months (after in, over or during).
func (sc *scanner) recentExpr(i int) (match, bool) {
	if !sc.is(i, "recent") || !sc.is(i-1, "in", "over", "during") {
		return match{}, false
	}
	switch sc.lowAt(i + 1) {
	case "days":
		return match{e: Expr{Kind: KindRecent, unit: unitDay}, end: i + 2}, true
	case "weeks":
		return match{e: Expr{Kind: KindRecent, unit: unitWeek}, end: i + 2}, true
	case "months":
		return match{e: Expr{Kind: KindRecent, unit: unitMonth}, end: i + 2}, true
	case "years", "decades":
		return match{e: Expr{Kind: KindDuration, unit: unitYear}, end: i + 2}, true
	}
	return match{}, false
}

// hedge skips words that qualify a count: "roughly", "more than", "at least" ...
// It returns the index after them.
func (sc *scanner) hedge(j int) int {
	for {
		switch sc.lowAt(j) {
		case "about", "around", "roughly", "nearly", "almost", "approximately", "under",
			"just", "only", "barely", "another", "over":
			j++
		case "some":
			if sc.class(j+1) != classNumber && !startsWithDigit(sc.textAt(j+1)) {
				return j
			}
			j++
		case "more", "less", "fewer":
			if !sc.is(j+1, "than") {
				return j
			}
			j += 2
		case "at":
			if !sc.is(j+1, "least", "most") {
				return j
			}
			j += 2
		case "up", "close":
			if !sc.is(j+1, "to") {
				return j
			}
			j += 2
		case "upward", "upwards":
			if !sc.is(j+1, "of") {
				return j
			}
			j += 2
		case "as":
			if !sc.is(j+1, "many", "much", "long") || !sc.is(j+2, "as") {
				return j
			}
			j += 3
		default:
			return j
		}
	}
}

// count reads a count at j: "two", "48", "a", "a few", "several", "twenty-five",
// "a couple of", "a dozen". It returns the count, whether it is vague, whether it was
// a bare article, and the index after it.
func (sc *scanner) count(j int) (n int, vague, article bool, next int, ok bool) {
	t := sc.textAt(j)
	if d, ok := number(t); ok {
		return d, false, false, j + 1, true
	}
	if sc.class(j) != classNumber {
		if a, b, found := strings.Cut(sc.lowAt(j), "-"); found { // twenty-five
			wa, wb := vocabulary[a], vocabulary[b]
			if wa.class == classNumber && wb.class == classNumber && wa.val >= 20 && wb.val < 10 && wa.flags == 0 && wb.flags == 0 {
				return wa.val + wb.val, false, false, j + 1, true
			}
		}
		if sc.is(j, "dozens") && sc.is(j+1, "of") {
			return 24, true, false, j + 2, true
		}
		return 0, false, false, j, false
	}
	w := sc.words[j]
	if w.flags&flagArticle != 0 {
		switch {
		case sc.is(j+1, "few"):
			return 3, true, false, j + 2, true
		case sc.is(j+1, "couple") && sc.is(j+2, "of"):
			return 2, true, false, j + 3, true
		case sc.is(j+1, "dozen"):
			return 12, false, false, j + 2, true
		}
		return 1, false, true, j + 1, true
	}
	return w.val, w.flags&flagVague != 0, false, j + 1, true
}

// countExpr: a count of units, and what follows it decides the kind:
// "two days ago" (ago), "two years later" (anaphoric), "for two years", "48 hours",
// "48-hour", "the past two years" (duration), "the past few days" (recent),
// "the next day", "the previous year" (anaphoric).
func (sc *scanner) countExpr(i int) (match, bool) {
	j := i
	lead := ""
	if sc.is(j, "the") && sc.is(j+1, "past", "last", "next", "coming", "previous", "following", "first") {
		lead = sc.lowAt(j + 1)
		j += 2
	} else if sc.is(j, "past", "next") && !sc.is(j-1, "this") {
		lead = sc.lowAt(j)
		j++
	} else if sc.is(j, "this") && sc.is(j+1, "past") {
		lead = "past"
		j += 2
	}
	hedgeStart := j
	j = sc.hedge(j)
	hedged := j > hedgeStart
	n, vague, article, k, hasCount := sc.count(j)
	if !hasCount {
		k = j
	}
	// 48-hour, two-year: an adjective of length
	if hasCount && !article && sc.is(k, "-") && sc.class(k+1) == classUnit && sc.words[k+1].flags&flagPlural == 0 {
		if sc.is(k+2, "old", "-old", "olds", "-olds") || sc.is(k+2, "-") && sc.is(k+3, "old", "olds") {
			return match{}, false // an age, "29-year-old"
		}
		return match{e: Expr{Kind: KindDuration, n: n, unit: unit(sc.words[k+1].val)}, end: k + 2}, true
	}
	if sc.class(k) != classUnit {
		return match{}, false
	}
	w := sc.words[k]
	u, plural := unit(w.val), w.flags&flagPlural != 0
	if article && sc.is(k, "second") {
		return match{}, false // "for a second straight day"
	}
	if !hasCount {
		n, vague = 1, false
		if plural {
			n, vague = 2, true
		}
	}
	end := k + 1
	if sc.is(end, "old") {
		return match{}, false // an age, "31 years old"
	}
	e := Expr{n: n, unit: u, approx: vague}
	next := sc.lowAt(end)
	switch {
	case lead == "" && next == "ago" && (hasCount || plural):
		e.Kind, e.shift = KindAgo, -1
		return match{e: e, end: end + 1}, true
	case lead == "" && next == "from" && sc.is(end+1, "now") && hasCount:
		e.Kind, e.shift = KindAgo, 1
		return match{e: e, end: end + 2}, true
	case lead == "" && anaphoricAfter[next] != 0 && (hasCount || plural):
		e.Kind, e.shift = KindAnaphoric, anaphoricAfter[next]
		return match{e: e, end: end + 1}, true
	}
	if lead != "" && !hasCount && u == unitHour {
		return match{}, false // "at the last minute"
	}
	switch lead {
	case "past", "last":
		if (u == unitDay && (n <= 7 || vague)) || (u == unitHour && n <= 72 && plural) || (u == unitWeek && n == 1 && !plural) {
			e.Kind = KindRecent
			e.unit = unitDay
			return match{e: e, end: end}, true
		}
		e.Kind = KindDuration
		return match{e: e, end: end}, true
	case "next", "coming", "previous", "following":
		if hasCount || plural || sc.is(i-1, "over", "for", "within", "in", "during", "throughout") {
			e.Kind = KindDuration
			return match{e: e, end: end}, true
		}
		if u == unitHour || u == unitDecade || u == unitCentury {
			return match{}, false
		}
		e.Kind, e.shift = KindAnaphoric, 1
		if lead == "previous" {
			e.shift = -1
		}
		return match{e: e, end: end}, true
	case "first":
		if !hasCount || article {
			return match{}, false // "the first day" is no length
		}
		e.Kind = KindDuration
		return match{e: e, end: end}, true
	}
	// A bare count of units: a length of time, when it is clearly one.
	switch {
	case hasCount && !article:
	case hasCount && article && (hedged || sc.is(i-1, "for", "within", "in", "over", "than", "nearly", "about")):
	case !hasCount && plural && sc.is(i-1, "for", "in", "over", "within"):
	default:
		return match{}, false
	}
	if u == unitWeekend {
		return match{}, false
	}
	e.Kind = KindDuration
	return match{e: e, end: end}, true
}

// anaphoricExpr: the day before, the week after, the same day, that day, later that
// year, earlier that month.
func (sc *scanner) anaphoricExpr(i int) (match, bool) {
	mod, j := sc.modWord(i)
	switch {
	case mod == "" && sc.is(j, "the") && sc.is(j+1, "day", "week", "month", "year", "night") && sc.is(j+2, "before", "after"):
		u := unitDay
		if w := sc.words[j+1]; w.class == classUnit {
			u = unit(w.val)
		}
		return match{e: Expr{Kind: KindAnaphoric, unit: u, n: 1, shift: anaphoricAfter[sc.lowAt(j+2)]}, end: j + 3}, true
	case mod == "" && sc.is(j, "the") && sc.is(j+1, "same") && sc.is(j+2, "day", "week", "month", "year"):
		return match{e: Expr{Kind: KindAnaphoric, unit: unit(sc.words[j+2].val)}, end: j + 3}, true
	case sc.is(j, "that") && sc.is(j+1, "day", "week", "month", "year", "morning", "afternoon", "evening", "night"):
		if mod == "" && !sc.is(j-1, "on", "in", "during", "by", "until", "since", "later", "earlier", "of") {
			return match{}, false // "that day" is often "that" + a clause
		}
		u := unitDay
		if w := sc.words[j+1]; w.class == classUnit {
			u = unit(w.val)
		}
		return match{e: Expr{Kind: KindAnaphoric, unit: u, Mod: mod}, end: j + 2}, true
	}
	return match{}, false
}

// seasonExpr: last summer, this fall, next spring, early this winter, in the summer,
// over the summer, in the fall of 2019, summer 2017, in late summer.
func (sc *scanner) seasonExpr(i int) (match, bool) {
	mod, j := sc.modWord(i)
	this := sc.is(j, "this") && !sc.is(j+1, "past", "coming")
	shift, j, hasShift := sc.shiftWord(j)
	the := !hasShift && sc.is(j, "the")
	if the {
		j++
	}
	if sc.class(j) != classSeason || sc.capitalised(j) && j > 0 && titleBefore(sc.textAt(j-1)) && !sc.capitalised(j-1) {
		return match{}, false
	}
	e := Expr{Kind: KindSeason, month: sc.words[j].val, shift: shift, this: this, Mod: mod}
	k := j + 1
	switch {
	case hasShift:
		return match{e: e, end: k}, true
	case the && sc.is(k, "of"):
		if y, ok := yearNumber(sc.textAt(k + 1)); ok {
			e.year = y
			return match{e: e, end: k + 2}, true
		}
		return match{}, false // "after the fall of Kabul"
	case !the:
		if y, ok := yearNumber(sc.textAt(k)); ok {
			e.year = y
			return match{e: e, end: k + 1}, true
		}
	}
	// "in the summer", "over the summer", "in late summer": a preposition before
	before := i - 1
	if !sc.is(before, "in", "over", "during", "through", "throughout", "since", "until", "by", "before", "after", "this") {
		return match{}, false
	}
	if !the && mod == "" {
		return match{}, false // "in summer" is usually habitual
	}
	return match{e: e, end: k}, true
}
