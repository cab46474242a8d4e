package timex

import (
	"fmt"
	"time"
)

// Resolve gives the calendar value of the expression for an article published at
// published (its date in its own time zone counts). With future false the event is
// past or present: a weekday or a month and day without a year is the latest one on
// or before publication, and an expression that can only point after publication
// ("tomorrow", "next week", an explicit later date) does not resolve. With future true
// (the event is planned, expected, threatened) a bare weekday is the next one after
// publication and a date without a year the next one on or after it.
//
// Durations never resolve; anaphoric expressions ("the day before") resolve with
// ResolveFrom, against the date of the event they count from.
func (e Expr) Resolve(published time.Time, future bool) (Value, bool) {
	pub := civil(published)
	var v Value
	switch e.Kind {
	case KindDate:
		y := e.year
		if y == 0 {
			y = yearOfDayNear(pub, e.month, e.day, future)
			if y == 0 {
				return Value{}, false
			}
			if e.namedWeekday > 0 {
				y = yearOfWeekday(y, e.month, e.day, time.Weekday(e.namedWeekday-1), future)
			}
		}
		v = dayValue(date(y, e.month, e.day))
	case KindMonth:
		y := e.year
		if y == 0 {
			y = pub.Year()
			pm := int(pub.Month())
			switch {
			case e.this:
			case e.shift < 0 && e.month >= pm, e.shift == 0 && !future && e.month > pm:
				y--
			case e.shift > 0 && e.month <= pm, e.shift == 0 && future && e.month < pm:
				y++
			}
		}
		v = monthValue(y, e.month)
	case KindYear:
		v = yearValue(e.year)
	case KindDecade:
		v = decadeValue(e.year)
	case KindWeekday:
		back := (int(pub.Weekday()) - int(e.weekday) + 7) % 7 // days since the latest such day, 0 if today
		forward := (int(e.weekday) - int(pub.Weekday()) + 7) % 7
		if forward == 0 {
			forward = 7
		}
		switch {
		case e.shift < 0:
			if back == 0 {
				back = 7
			}
			v = dayValue(pub.AddDate(0, 0, -back))
		case e.shift > 0 || future:
			v = dayValue(pub.AddDate(0, 0, forward))
		default:
			v = dayValue(pub.AddDate(0, 0, -back))
		}
	case KindDay:
		v = dayValue(pub.AddDate(0, 0, e.shift))
	case KindAgo:
		v = countedValue(pub, e.shift*e.n, e.unit, e.approx)
	case KindPeriod:
		v = periodValue(pub, e.unit, e.shift, future)
	case KindSeason:
		v = seasonValue(pub, e, future)
	case KindHoliday:
		hv, ok := holidayValue(pub, e.holiday, future)
		if !ok {
			return Value{}, false
		}
		v = hv
	case KindRecent:
		switch e.unit {
		case unitDay:
			first := pub.AddDate(0, 0, -6)
			v = Value{Value: first.Format(time.DateOnly), Precision: PrecisionWeek, Start: first, End: pub.AddDate(0, 0, 1)}
		case unitWeek:
			mid := pub.AddDate(0, 0, -15)
			v = monthValue(mid.Year(), int(mid.Month()))
		default:
			mid := pub.AddDate(0, 0, -60)
			v = yearValue(mid.Year())
		}
	default:
		return Value{}, false
	}
	if !future && v.Start.After(pub) {
		return Value{}, false
	}
	return v, true
}

// ResolveFrom resolves an anaphoric expression ("the day before", "two years later",
// "that day") against the value of the event it counts from. The result is no finer
// than the anchor: "the next day" after a month is that month.
func (e Expr) ResolveFrom(anchor Value) (Value, bool) {
	if e.Kind != KindAnaphoric || anchor.Start.IsZero() {
		return Value{}, false
	}
	v := countedValue(anchor.Start, e.shift*e.n, e.unit, e.approx)
	if rank(anchor.Precision) > rank(v.Precision) {
		v = truncate(v.Start, anchor.Precision)
	}
	return v, true
}

// civil is the calendar date of t in its own location, at midnight UTC.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// yearOfDayNear is the year of the latest month/day on or before pub (or, for the
// future, the earliest on or after it); 0 when there is none within eight years
// (February 29 aside, never).
func yearOfDayNear(pub time.Time, m, d int, future bool) int {
	step := -1
	if future {
		step = 1
	}
	for y := pub.Year(); y != pub.Year()+8*step; y += step {
		if !validDate(y, m, d) {
			continue
		}
		t := date(y, m, d)
		if future && !t.Before(pub) || !future && !t.After(pub) {
			return y
		}
	}
	return 0
}

// yearOfWeekday: "Thursday, October 30" without a year is the nearest year from y
// (going back, or forward for a future event) in which October 30 is a Thursday, within
// eleven years; y itself when none is (the text is then wrong about one of them).
func yearOfWeekday(y, m, d int, wd time.Weekday, future bool) int {
	step := -1
	if future {
		step = 1
	}
	for k := 0; k <= 11; k++ {
		if yy := y + k*step; validDate(yy, m, d) && date(yy, m, d).Weekday() == wd {
			return yy
		}
	}
	return y
}

func dayValue(t time.Time) Value {
	return Value{Value: t.Format(time.DateOnly), Precision: PrecisionDay, Start: t, End: t.AddDate(0, 0, 1)}
}

func weekValue(t time.Time) Value {
	monday := t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	return Value{Value: monday.Format(time.DateOnly), Precision: PrecisionWeek, Start: monday, End: monday.AddDate(0, 0, 7)}
}

func monthValue(y, m int) Value {
	t := date(y, m, 1)
	return Value{Value: t.Format("2006-01"), Precision: PrecisionMonth, Start: t, End: t.AddDate(0, 1, 0)}
}

func yearValue(y int) Value {
	t := date(y, 1, 1)
	return Value{Value: fmt.Sprintf("%04d", y), Precision: PrecisionYear, Start: t, End: t.AddDate(1, 0, 0)}
}

func decadeValue(y int) Value {
	y -= y % 10
	t := date(y, 1, 1)
	return Value{Value: fmt.Sprintf("%04ds", y), Precision: PrecisionDecade, Start: t, End: t.AddDate(10, 0, 0)}
}

func rank(p Precision) int {
	switch p {
	case PrecisionDay:
		return 0
	case PrecisionWeek:
		return 1
	case PrecisionMonth:
		return 2
	case PrecisionYear:
		return 3
	}
	return 4
}

func truncate(t time.Time, p Precision) Value {
	switch p {
	case PrecisionDay:
		return dayValue(t)
	case PrecisionWeek:
		return weekValue(t)
	case PrecisionMonth:
		return monthValue(t.Year(), int(t.Month()))
	case PrecisionYear:
		return yearValue(t.Year())
	}
	return decadeValue(t.Year())
}

// countedValue moves from by n units (negative: back) and gives the result at the
// unit's precision, one step coarser when the count is vague ("a few days ago").
func countedValue(from time.Time, n int, u unit, vague bool) Value {
	var t time.Time
	p := PrecisionDay
	switch u {
	case unitHour:
		t = from // hours ago is still the day of publication, near enough
	case unitDay:
		t = from.AddDate(0, 0, n)
	case unitWeek, unitWeekend:
		t, p = from.AddDate(0, 0, 7*n), PrecisionWeek
	case unitMonth:
		t, p = from.AddDate(0, n, 0), PrecisionMonth
	case unitYear:
		t, p = from.AddDate(n, 0, 0), PrecisionYear
	case unitDecade:
		t, p = from.AddDate(10*n, 0, 0), PrecisionDecade
	default:
		t, p = from.AddDate(100*n, 0, 0), PrecisionDecade
	}
	if vague {
		switch p {
		case PrecisionDay:
			p = PrecisionWeek
		case PrecisionWeek:
			p = PrecisionMonth
		case PrecisionMonth:
			p = PrecisionYear
		default:
			p = PrecisionDecade
		}
	}
	return truncate(t, p)
}

// periodValue: this/last/next week, weekend, month or year around pub.
func periodValue(pub time.Time, u unit, shift int, future bool) Value {
	switch u {
	case unitWeek:
		return weekValue(pub.AddDate(0, 0, 7*shift))
	case unitWeekend:
		// the latest Saturday on or before pub, or the next one for a future event
		back := (int(pub.Weekday()) - int(time.Saturday) + 7) % 7
		sat := pub.AddDate(0, 0, -back)
		switch {
		case shift > 0 || future && back != 0 && shift == 0:
			sat = sat.AddDate(0, 0, 7)
		case shift < 0 && back <= 1:
			sat = sat.AddDate(0, 0, -7) // "last weekend", said during a weekend
		}
		return Value{Value: sat.Format(time.DateOnly), Precision: PrecisionWeek, Start: sat, End: sat.AddDate(0, 0, 2)}
	case unitMonth:
		t := date(pub.Year(), int(pub.Month()), 1).AddDate(0, shift, 0)
		return monthValue(t.Year(), int(t.Month()))
	default:
		return yearValue(pub.Year() + shift)
	}
}

// seasonValue: a season is three months from its first month (spring March, summer
// June, fall September, winter December); its value is the year it starts in, at year
// precision, with the three months as its span. "last summer" is the latest that
// ended by publication, "next summer" the first that starts after it, "this summer"
// the one of the publication year (the winter that began last December in January and
// February), a bare "the summer" the latest that started by publication (for a future
// event the first that has not ended).
func seasonValue(pub time.Time, e Expr, future bool) Value {
	span := func(y int) (time.Time, time.Time) {
		start := date(y, e.month, 1)
		return start, start.AddDate(0, 3, 0)
	}
	y := e.year
	if y == 0 {
		y = pub.Year()
		if e.month == 12 && pub.Month() <= 2 {
			y--
		}
		switch {
		case e.this:
		case e.shift < 0:
			for _, end := span(y); end.After(pub); _, end = span(y) {
				y--
			}
		case e.shift > 0:
			for start, _ := span(y); !start.After(pub); start, _ = span(y) {
				y++
			}
		case future:
			for _, end := span(y); !end.After(pub); _, end = span(y) {
				y++
			}
		default:
			for start, _ := span(y); start.After(pub); start, _ = span(y) {
				y--
			}
		}
	}
	start, end := span(y)
	return Value{Value: fmt.Sprintf("%04d", y), Precision: PrecisionYear, Start: start, End: end}
}
