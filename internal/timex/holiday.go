package timex

import "time"

// holiday is an index into holidays; 0 is none.
type holiday int

// holidays are named days whose date a rule gives. US holidays are the ones of the
// US outlets in the corpora; the list is short on purpose (see docs/dates.md).
var holidays = []struct {
	words []string // lower-case tokens
	alone bool     // the first word alone names it ("Christmas", "Thanksgiving") after a preposition
	date  func(y int) (time.Month, int)
}{
	{}, // 0: none
	{[]string{"christmas", "day"}, true, fixed(time.December, 25)},
	{[]string{"christmas", "eve"}, false, fixed(time.December, 24)},
	{[]string{"new", "year", "'s", "day"}, false, fixed(time.January, 1)},
	{[]string{"new", "year", "'s", "eve"}, false, fixed(time.December, 31)},
	{[]string{"thanksgiving", "day"}, true, nthWeekday(time.November, time.Thursday, 4)},
	{[]string{"election", "day"}, false, electionDay},
	{[]string{"memorial", "day"}, false, lastWeekday(time.May, time.Monday)},
	{[]string{"labor", "day"}, false, nthWeekday(time.September, time.Monday, 1)},
	{[]string{"halloween"}, true, fixed(time.October, 31)},
	{[]string{"easter", "sunday"}, true, easter},
}

// holidayStart holds the first words of the holidays, which anchor an expression.
var holidayStart = map[string]bool{}

func init() {
	for _, h := range holidays[1:] {
		holidayStart[h.words[0]] = true
	}
}

func fixed(m time.Month, d int) func(int) (time.Month, int) {
	return func(int) (time.Month, int) { return m, d }
}

// nthWeekday: the nth such weekday of the month (Thanksgiving: the fourth Thursday).
func nthWeekday(m time.Month, wd time.Weekday, n int) func(int) (time.Month, int) {
	return func(y int) (time.Month, int) {
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
		return m, 1 + (int(wd)-int(first)+7)%7 + 7*(n-1)
	}
}

func lastWeekday(m time.Month, wd time.Weekday) func(int) (time.Month, int) {
	return func(y int) (time.Month, int) {
		last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		return m, last.Day() - (int(last.Weekday())-int(wd)+7)%7
	}
}

// electionDay: the Tuesday after the first Monday of November (US).
func electionDay(y int) (time.Month, int) {
	_, monday := nthWeekday(time.November, time.Monday, 1)(y)
	return time.November, monday + 1
}

// easter: Western Easter Sunday (the anonymous Gregorian computus).
func easter(y int) (time.Month, int) {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Month(month), day
}

// holidayExpr: Christmas Day, Christmas Eve, New Year's Day, Election Day, Labor Day,
// Thanksgiving, Easter Sunday, and "Christmas", "Thanksgiving", "Easter", "Halloween"
// alone after a preposition ("before Christmas").
func (sc *scanner) holidayExpr(i int) (match, bool) {
	if !sc.capitalised(i) {
		return match{}, false
	}
	for h := 1; h < len(holidays); h++ {
		ws := holidays[h].words
		if sc.lowAt(i) != ws[0] {
			continue
		}
		n := 1
		for n < len(ws) && sc.is(i+n, ws[n]) && (ws[n] == "'s" || sc.capitalised(i+n)) {
			n++
		}
		if n == len(ws) || holidays[h].alone && n == 1 && (datePreps[sc.lowAt(i-1)] || sc.is(i-1, "at", "over")) && !sc.is(i+1, "'s") && !sc.capitalised(i+1) {
			return match{e: Expr{Kind: KindHoliday, holiday: holiday(h)}, end: i + n}, true
		}
	}
	return match{}, false
}

// holidayValue is the latest occurrence on or before pub, or for a future event the
// first on or after it.
func holidayValue(pub time.Time, h holiday, future bool) (Value, bool) {
	if h <= 0 || int(h) >= len(holidays) {
		return Value{}, false
	}
	step := -1
	if future {
		step = 1
	}
	for y := pub.Year() - step; y != pub.Year()+2*step; y += step {
		m, d := holidays[h].date(y)
		t := date(y, int(m), d)
		if !future && !t.After(pub) || future && !t.Before(pub) {
			return dayValue(t), true
		}
	}
	return Value{}, false
}
