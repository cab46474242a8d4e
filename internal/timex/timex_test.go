package timex

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// only returns the single expression Find reports in s, or fails.
func only(t *testing.T, s string) Expr {
	t.Helper()
	found := FindText(s)
	if len(found) != 1 {
		var texts []string
		for _, f := range found {
			texts = append(texts, f.Text)
		}
		t.Fatalf("%q: found %q, want one expression", s, texts)
	}
	return found[0]
}

func TestResolveEdgeCases(t *testing.T) {
	cases := []struct {
		name      string
		sentence  string
		published string
		future    bool
		expr      string
		value     string
		precision Precision
	}{
		{"a date without a year wraps to the year before", "They met on December 28.", "2021-01-03", false, "on December 28", "2020-12-28", PrecisionDay},
		{"a future date without a year wraps to the next year", "They will meet on January 5.", "2020-12-28", true, "on January 5", "2021-01-05", PrecisionDay},
		{"a month without a year wraps to the year before", "It happened in December.", "2021-01-03", false, "in December", "2020-12", PrecisionMonth},
		{"last December in December is a year back", "It happened last December.", "2020-12-24", false, "last December", "2019-12", PrecisionMonth},
		{"a weekday on the day of publication is that day", "Russia acted Thursday.", "2020-12-24", false, "Thursday", "2020-12-24", PrecisionDay},
		{"a future weekday is after publication", "They will meet on Thursday.", "2020-12-24", true, "on Thursday", "2020-12-31", PrecisionDay},
		{"a weekday wraps across the new year", "He spoke Wednesday.", "2021-01-01", false, "Wednesday", "2020-12-30", PrecisionDay},
		{"February 29 without a year is the latest leap day", "It began on Feb. 29.", "2023-03-01", false, "on Feb. 29", "2020-02-29", PrecisionDay},
		{"ISO dates are taken as written", "The order dated 2020-12-08 was published.", "2020-12-24", false, "2020-12-08", "2020-12-08", PrecisionDay},
		{"US numeric dates are month first", "The order dated 12/08/2020 was published.", "2020-12-24", false, "12/08/2020", "2020-12-08", PrecisionDay},
		{"two-digit years in numeric dates", "Filed 3/4/19 in court.", "2020-12-24", false, "3/4/19", "2019-03-04", PrecisionDay},
		{"last week is the calendar week before", "Talks ended last week.", "2020-12-21", false, "last week", "2020-12-14", PrecisionWeek},
		{"last weekend said on a Sunday is the weekend before", "Protests spread last weekend.", "2020-12-20", false, "last weekend", "2020-12-12", PrecisionWeek},
		{"this month", "Colombia acted this month.", "2020-12-24", false, "this month", "2020-12", PrecisionMonth},
		{"last month across the new year", "Colombia acted last month.", "2021-01-10", false, "last month", "2020-12", PrecisionMonth},
		{"last night is the day before", "Shots were fired last night.", "2020-12-24", false, "last night", "2020-12-23", PrecisionDay},
		{"this morning is the day of publication", "Police arrived this morning.", "2020-12-24", false, "this morning", "2020-12-24", PrecisionDay},
		{"a few days ago is vaguer than days", "It was signed a few days ago.", "2020-12-24", false, "a few days ago", "2020-12-21", PrecisionWeek},
		{"weeks from now is future", "The vote is two weeks from now.", "2020-12-24", true, "two weeks from now", "2021-01-04", PrecisionWeek},
		{"the 1990s", "Prices rose in the 1990s.", "2020-12-24", false, "in the 1990s", "1990s", PrecisionDecade},
		{"an apostrophe decade", "Crime fell in the '90s.", "2020-12-24", false, "in the '90s", "1990s", PrecisionDecade},
		{"the end of a named month", "Troops left at the end of May.", "2020-12-24", false, "at the end of May", "2020-05", PrecisionMonth},
		{"the start of a year", "Troops left at the start of 2019.", "2020-12-24", false, "at the start of 2019", "2019", PrecisionYear},
		{"the day before yesterday", "Troops left the day before yesterday.", "2020-12-24", false, "the day before yesterday", "2020-12-22", PrecisionDay},
		{"last winter spans the new year", "Heating costs soared last winter.", "2021-03-10", false, "last winter", "2020", PrecisionYear},
		{"this winter in January began last December", "Heating costs soared this winter.", "2021-01-15", false, "this winter", "2020", PrecisionYear},
		{"over the summer", "Support grew over the summer.", "2020-12-24", false, "over the summer", "2020", PrecisionYear},
		{"the summer not yet begun is last year's", "Support grew over the summer.", "2021-03-01", false, "over the summer", "2020", PrecisionYear},
		{"Easter follows the computus", "Churches stayed shut on Easter Sunday.", "2021-04-20", false, "on Easter Sunday", "2021-04-04", PrecisionDay},
		{"Christmas after a preposition", "The talks stalled before Christmas.", "2021-01-10", false, "Christmas", "2020-12-25", PrecisionDay},
		{"New Year's Eve", "Fireworks were banned on New Year's Eve.", "2021-01-02", false, "on New Year's Eve", "2020-12-31", PrecisionDay},
		{"Labor Day is the first Monday of September", "The campaign began after Labor Day.", "2020-10-01", false, "Labor Day", "2020-09-07", PrecisionDay},
		{"Memorial Day is the last Monday of May", "Beaches reopened for Memorial Day.", "2020-06-01", false, "Memorial Day", "2020-05-25", PrecisionDay},
		{"this June before June is a future month", "Elections are due this June.", "2020-03-31", true, "this June", "2020-06", PrecisionMonth},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := only(t, c.sentence)
			if e.Text != c.expr {
				t.Fatalf("found %q, want %q", e.Text, c.expr)
			}
			v, ok := e.Resolve(day(c.published), c.future)
			if !ok || v.Value != c.value || v.Precision != c.precision {
				t.Errorf("%q published %s: got %q %s %v, want %q %s", c.expr, c.published, v.Value, v.Precision, ok, c.value, c.precision)
			}
			if !v.Start.Before(v.End) {
				t.Errorf("%q: empty span %v..%v", c.expr, v.Start, v.End)
			}
		})
	}
}

func TestNeverInTheFutureUnlessFuture(t *testing.T) {
	cases := []string{
		"They meet tomorrow.",
		"They meet next week.",
		"They meet next month.",
		"They meet next year.",
		"They meet on Jan. 5, 2021.",
		"They meet in 2022.",
	}
	pub := day("2020-12-24")
	for _, s := range cases {
		e := only(t, s)
		if v, ok := e.Resolve(pub, false); ok {
			t.Errorf("%q: resolved to %s for a past event, want no value", s, v.Value)
		}
		if _, ok := e.Resolve(pub, true); !ok {
			t.Errorf("%q: no value for a future event", s)
		}
	}
}

func TestNotTimeExpressions(t *testing.T) {
	cases := []string{
		"Theresa May said Britain would leave.",
		"He won on Super Tuesday.",
		"The Good Friday agreement holds.",
		"He read the Sunday Times.",
		"They moved at the last minute.",
		"A 29-year-old man was arrested.",
		"She writes for USA Today.",
		"It rose for a second straight day.",
		"It cost 2019 dollars.",
		"Thousands joined the Women's March downtown.",
		"We are the leaders of tomorrow.",
		"It was Bush's last year in office.",
		"She will march on the capital.",
		"It may rain.",
		"Schiff said on ABC's \"This Week.\"",
		"Both NBC's Today and CBS This Morning ran it.",
		"You have the young and old, 67-year-olds and 85-year-olds.",
		"Applicants must be younger than 31 years old.",
		"They bought a Christmas tree.",
		"He ran a summer camp.",
		"Prices fall in summer.",
		"Chaos followed after the fall of Kabul.",
	}
	for _, s := range cases {
		if found := FindText(s); len(found) != 0 {
			t.Errorf("%q: found %q, want nothing", s, found[0].Text)
		}
	}
}

func TestDurationsAreNotPoints(t *testing.T) {
	cases := []struct{ sentence, expr string }{
		{"They stayed for roughly two years.", "for roughly two years"},
		{"A decision is expected within a week.", "within a week"},
		{"They had 48 hours to leave.", "48 hours"},
		{"He served a two-year term.", "two-year"},
		{"Prices rose over the past two years.", "over the past two years"},
		{"It was the first time in decades.", "in decades"},
		{"The talks lasted more than three days.", "more than three days"},
		{"They will govern for the next four years.", "for the next four years"},
	}
	for _, c := range cases {
		e := only(t, c.sentence)
		if e.Text != c.expr || !e.IsDuration() {
			t.Errorf("%q: found %q %s, want the duration %q", c.sentence, e.Text, e.Kind, c.expr)
		}
		if _, ok := e.Resolve(day("2020-12-24"), false); ok {
			t.Errorf("%q: a duration resolved", c.expr)
		}
	}
}

func TestResolveFrom(t *testing.T) {
	anchor := dayValue(day("2020-12-22"))
	cases := []struct {
		sentence  string
		anchor    Value
		value     string
		precision Precision
	}{
		{"Colombia had acted the day before.", anchor, "2020-12-21", PrecisionDay},
		{"Russia answered two days later.", anchor, "2020-12-24", PrecisionDay},
		{"Russia answered the following week.", anchor, "2020-12-28", PrecisionWeek},
		{"Russia answered the next day.", monthValue(2020, 12), "2020-12", PrecisionMonth},
		{"It was ratified two years later.", yearValue(2018), "2020", PrecisionYear},
	}
	for _, c := range cases {
		e := only(t, c.sentence)
		if e.Kind != KindAnaphoric {
			t.Fatalf("%q: kind %s, want anaphoric", e.Text, e.Kind)
		}
		if _, ok := e.Resolve(day("2020-12-24"), false); ok {
			t.Errorf("%q: resolved against publication", e.Text)
		}
		v, ok := e.ResolveFrom(c.anchor)
		if !ok || v.Value != c.value || v.Precision != c.precision {
			t.Errorf("%q from %s: got %q %s %v, want %q %s", e.Text, c.anchor.Value, v.Value, v.Precision, ok, c.value, c.precision)
		}
	}
}

func TestGoverning(t *testing.T) {
	cases := []struct {
		name     string
		sentence string
		trigger  string
		want     string // "" for none
	}{
		{"after the trigger in its clause", "Russia expelled two Colombian diplomats Wednesday after the Latin American state made a similar move.", "expelled", "Wednesday"},
		{"not across a subordinate clause", "Russia expelled two Colombian diplomats Wednesday after the Latin American state made a similar move.", "made", ""},
		{"before the trigger, across a comma", "On Monday, Russia expelled two diplomats.", "expelled", "On Monday"},
		{"after wins over before", "On Monday, officials said Russia expelled two diplomats on Sunday.", "expelled", "on Sunday"},
		{"durations never govern", "Russia expelled two diplomats who had served for roughly two years.", "expelled", ""},
		{"a report date after a comma", "Russia expelled two diplomats, Tass reported Wednesday.", "expelled", "Wednesday"},
		{"not across a semicolon", "Russia expelled two diplomats; talks resume on Monday.", "expelled", ""},
		{"the own clause of a later event", "They left the country on December 8.", "left", "on December 8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exprs := FindText(c.sentence)
			start := indexWord(c.sentence, c.trigger)
			if start < 0 {
				t.Fatalf("no %q in %q", c.trigger, c.sentence)
			}
			e, ok := Governing(c.sentence, exprs, 0, start, start+len(c.trigger))
			got := ""
			if ok {
				got = e.Text
			}
			if got != c.want {
				t.Errorf("trigger %q: governing %q, want %q", c.trigger, got, c.want)
			}
		})
	}
}

func indexWord(s, w string) int {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w && (i == 0 || s[i-1] == ' ') {
			return i
		}
	}
	return -1
}

func TestFindOffsetsAndSentences(t *testing.T) {
	article := "Talks began on Monday.\n\nThey ended two days later, on Dec. 9, 2020."
	found := FindText(article)
	want := []struct {
		text     string
		sentence int
	}{{"on Monday", 0}, {"two days later", 1}, {"on Dec. 9, 2020", 1}}
	if len(found) != len(want) {
		t.Fatalf("found %d expressions, want %d: %+v", len(found), len(want), found)
	}
	for i, w := range want {
		e := found[i]
		if e.Text != w.text || e.Sentence != w.sentence || article[e.Start:e.End] != e.Text {
			t.Errorf("expression %d: %q in sentence %d at %d:%d, want %q in sentence %d", i, e.Text, e.Sentence, e.Start, e.End, w.text, w.sentence)
		}
	}
}

func TestTimeNoun(t *testing.T) {
	for form, want := range map[string]bool{
		"Tuesday": true, "evening": true, "years": true, "Dec.": true, "yesterday": true, "overnight": true,
		"May": true, "may": false, "march": false, "March": true, "spring": false,
		"government": false, "on": false, "two": false,
	} {
		if got := TimeNoun(form); got != want {
			t.Errorf("TimeNoun(%q) = %v, want %v", form, got, want)
		}
	}
}
