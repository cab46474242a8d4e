// Package timex finds time expressions in news text and resolves them against the
// article's publication date: "Wednesday", "last week", "on Dec. 22", "this month",
// "in 2019", "two days ago", "earlier this year", "the 1990s", "2020-12-08".
//
// Find marks each expression with its byte offsets and a Kind; Expr.Resolve turns it
// into a calendar value (2020-12-23, 2020-12, 2020, 1990s) with a Precision, never in
// the future of publication unless the caller says the event is future-moded;
// Governing picks the expression that dates an event trigger in the same sentence.
// Durations ("for roughly two years", "48 hours", "within a week") are found so that
// they are not taken for dates, and are never resolved. Expressions that count from
// another event ("the day before", "two years later") are found as Anaphoric and
// resolve only against an anchor the caller gives (ResolveFrom).
//
// It works on English only, on the tokens of the text stage, with hand-written
// patterns; it does not parse clock times ("3 p.m."), fiscal quarters or date ranges
// beyond their first date. See docs/dates.md.
package timex

import (
	"sync"
	"time"

	"dyad/internal/text"
)

// Kind says what sort of time expression was found.
type Kind string

// The kinds of expression Find reports.
const (
	KindDate      Kind = "date"      // a calendar day: December 8, Dec. 8, 2020, 8 December, 2020-12-08, 12/08/2020
	KindMonth     Kind = "month"     // a month: December 2020, in December, last December, early December
	KindYear      Kind = "year"      // a year: in 2019, mid-2019, late 2019
	KindDecade    Kind = "decade"    // a decade: the 1990s, the late '90s
	KindWeekday   Kind = "weekday"   // a day of the week: Wednesday, on Wednesday morning, last Friday
	KindDay       Kind = "day"       // a named relative day: yesterday, today, tonight, tomorrow, last night
	KindAgo       Kind = "ago"       // counted back from publication: two days ago, a year ago
	KindPeriod    Kind = "period"    // a calendar period near publication: last week, this month, late last year, the end of the month, over the weekend
	KindRecent    Kind = "recent"    // the days or weeks up to publication: in recent days, the past few days
	KindAnaphoric Kind = "anaphoric" // counted from another event: the day before, two years later, that day
	KindSeason    Kind = "season"    // a season: last summer, this fall, in the spring of 2019
	KindHoliday   Kind = "holiday"   // a named day: Christmas Day, Election Day, Thanksgiving, New Year's Eve
	KindDuration  Kind = "duration"  // a length of time, not a point: for two years, 48 hours, within a week
)

// Precision is how fine a resolved value is.
type Precision string

// Precisions of a resolved Value. The Value string has the matching form.
const (
	PrecisionDay    Precision = "day"    // 2020-12-23
	PrecisionWeek   Precision = "week"   // 2020-12-14: the first day of a span of two to seven days (a calendar week starts on Monday)
	PrecisionMonth  Precision = "month"  // 2020-12
	PrecisionYear   Precision = "year"   // 2020
	PrecisionDecade Precision = "decade" // 1990s
)

// Expr is one time expression in an article.
type Expr struct {
	Text       string // the expression as written, text[Start:End], with a leading "on", "in", "for" ...
	Start, End int    // byte offsets into the article
	Sentence   int    // index of the sentence it is in
	Kind       Kind
	Mod        string // early, mid, late, start or end when the text narrows the period; else ""

	// What the text says, as far as it says it; zero when not said.
	year, month, day int
	weekday          time.Weekday
	unit             unit
	n                int  // a count of units (ago, anaphoric, duration)
	shift            int  // -1 last/previous/before, 0 this/bare, +1 next/following/after
	approx           bool // the count is vague ("a few", "several")
	this             bool // "this December": the one of the publication year
	holiday          holiday
	namedWeekday     int // 1 + the weekday named beside a date ("Thursday, October 30"), 0 if none
}

// IsDuration reports whether the expression is a length of time rather than a point.
func (e Expr) IsDuration() bool { return e.Kind == KindDuration }

// Value is a resolved time expression.
type Value struct {
	Value     string    // 2020-12-23, 2020-12-14 (week), 2020-12, 2020 or 1990s
	Precision Precision //
	// Start and End bound the period: Start is its first day, End the day after its
	// last, both at midnight UTC.
	Start, End time.Time
}

// Find returns the time expressions of an article split by text.Split, in text order,
// without overlaps. Every Expr satisfies article[e.Start:e.End] == e.Text.
func Find(article string, sentences []text.Sentence) []Expr {
	out := make([]Expr, 0, len(sentences)/4+1)
	sc := scanners.Get().(*scanner)
	for _, s := range sentences {
		out = sc.sentence(article, s, out)
	}
	sc.toks = nil // do not keep the article alive in the pool
	clear(sc.low)
	scanners.Put(sc)
	return out
}

// scanners keeps scanners, and the slices they reuse, from one call of Find to the next.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// FindText splits the article and finds its time expressions; for callers that have
// not split it already.
func FindText(article string) []Expr {
	return Find(article, text.Split(article))
}
