package timex

import (
	"os"
	"strings"
	"testing"
	"time"

	"dyad/internal/shareddata"
	"dyad/internal/text"
)

// newsCase is one real time expression, quoted in a short snippet of the article it
// comes from, with the article's publication date and the value worked out by hand.
// Sources: AllSides (as = its "date" field), Reuters-21578 (reu, <DATE>), BBC News
// 2004-05 (bbc, no date: durations only).
type newsCase struct {
	source    string
	published string // YYYY-MM-DD
	future    bool   // the event is planned or expected
	snippet   string
	expr      string // the expression Find must return, exactly
	kind      Kind
	value     string // "" when it must not resolve
	precision Precision
}

var newsCases = []newsCase{
	// Weekdays: the latest such day on or before publication; "last" strictly before;
	// for future events the next one after publication.
	{"as", "2018-02-21", false, "to kill 17 people and injure 14 others at the school last Wednesday.", "last Wednesday", KindWeekday, "2018-02-14", PrecisionDay},
	{"as", "2014-09-15", false, "ISIS, in a televised address last Wednesday. On Monday, Kerry attended international talks", "last Wednesday", KindWeekday, "2014-09-10", PrecisionDay},
	{"as", "2014-09-15", false, "ISIS, in a televised address last Wednesday. On Monday, Kerry attended international talks", "On Monday", KindWeekday, "2014-09-15", PrecisionDay},
	{"as", "2020-01-21", false, "Seven members at a meeting last Wednesday voted in favor of the recommendation", "last Wednesday", KindWeekday, "2020-01-15", PrecisionDay},
	{"as", "2015-02-20", true, "The department's funding is set to run out next Friday, but Senate Democrats have refused", "next Friday", KindWeekday, "2015-02-27", PrecisionDay},
	{"as", "2020-05-15", true, "it probably won't happen between now and next Friday when the recess begins.", "next Friday", KindWeekday, "2020-05-22", PrecisionDay},
	{"as", "2019-04-15", true, "Department says it plans to release special counsel Robert Mueller's report on Thursday morning.", "on Thursday morning", KindWeekday, "2019-04-18", PrecisionDay},
	{"as", "2013-01-02", false, "Speaking on C-SPAN Wednesday morning, Rep. Mick Mulvaney, a conservative Republican", "Wednesday morning", KindWeekday, "2013-01-02", PrecisionDay},
	{"as", "2016-05-18", false, "Bernie Sanders won more delegates than Hillary Clinton on Tuesday night -- but not enough", "on Tuesday night", KindWeekday, "2016-05-17", PrecisionDay},
	{"as", "2012-11-15", false, "Obama, in his first post-election press conference Wednesday, called the criticism \"outrageous\"", "Wednesday", KindWeekday, "2012-11-14", PrecisionDay},
	{"as", "2020-06-28", false, "Trump tweeted after signing the order Friday.", "Friday", KindWeekday, "2020-06-26", PrecisionDay},
	{"as", "2017-08-27", false, "The storm hit the state's Gulf Coast as a Category 4 hurricane late Friday and continues", "late Friday", KindWeekday, "2017-08-25", PrecisionDay},
	{"as", "2016-02-07", false, "It was being covered on live television,\" Cruz said Saturday.", "Saturday", KindWeekday, "2016-02-06", PrecisionDay},
	{"as", "2016-11-26", false, "Hillary Clinton's campaign said Saturday it will take part in efforts to push for recounts", "Saturday", KindWeekday, "2016-11-26", PrecisionDay},
	{"as", "2013-02-11", false, "Benedict, 85, announced on Monday, February 11, that he will resign at the end of February", "on Monday, February 11", KindDate, "2013-02-11", PrecisionDay},

	{"as", "2016-03-17", false, "Iraqi special forces search a house in Jurf al-Sakhar, Iraq, on Thursday, October 30, after retaking the area", "on Thursday, October 30", KindDate, "2014-10-30", PrecisionDay},

	// Named and counted days.
	{"as", "2013-01-22", false, "\"One thing that is pretty clear from the president's speech yesterday -- the era of liberalism is back,\"", "yesterday", KindDay, "2013-01-21", PrecisionDay},
	{"reu", "1987-02-26", false, "a Fed spokesman said that all of the borrowing occurred yesterday and was done by fewer than half", "yesterday", KindDay, "1987-02-25", PrecisionDay},
	{"reu", "1987-02-26", false, "Brown-Forman today reported a 37 pct increase in third quarter net income", "today", KindDay, "1987-02-26", PrecisionDay},
	{"as", "2012-10-03", false, "And so the question here tonight is not where we've been, but where we're going", "tonight", KindDay, "2012-10-03", PrecisionDay},
	{"as", "2017-06-14", true, "Republican members of Congress who were gathered to practice baseball before tomorrow's congressional baseball game.", "tomorrow", KindDay, "2017-06-15", PrecisionDay},
	{"as", "2017-06-14", false, "Republican members of Congress who were gathered to practice baseball before tomorrow's congressional baseball game.", "tomorrow", KindDay, "", ""},
	{"as", "2015-12-30", false, "the baby being held was born just two days ago at Teureubeuh village refugee camp", "just two days ago", KindAgo, "2015-12-28", PrecisionDay},
	{"as", "2013-01-10", false, "a bigger effect on the economy than the \"fiscal cliff\" that Obama and Congress avoided a week ago.", "a week ago", KindAgo, "2012-12-31", PrecisionWeek},
	{"as", "2017-11-22", false, "in a Facebook post Nov. 6, which claimed he raped her at his house three years ago.", "three years ago", KindAgo, "2014", PrecisionYear},
	{"as", "2017-11-22", false, "in a Facebook post Nov. 6, which claimed he raped her at his house three years ago.", "Nov. 6", KindDate, "2017-11-06", PrecisionDay},
	{"as", "2018-09-05", false, "A month ago, the publicly available data showed Democrats with", "A month ago", KindAgo, "2018-08", PrecisionMonth},

	// Calendar periods around publication.
	{"reu", "1987-02-26", false, "He said Argentina was prepared to follow the example of Brazil, which last week declared a moratorium", "last week", KindPeriod, "1987-02-16", PrecisionWeek},
	{"as", "2013-05-24", false, "the controversial immigration-reform bill that passed the Senate Judiciary Committee this week is expected", "this week", KindPeriod, "2013-05-20", PrecisionWeek},
	{"as", "2015-09-18", true, "EU member nations are expected to meet next week to discuss their response to a crisis", "next week", KindPeriod, "2015-09-21", PrecisionWeek},
	{"as", "2015-09-18", false, "EU member nations are expected to meet next week to discuss their response to a crisis", "next week", KindPeriod, "", ""},
	{"as", "2019-01-22", false, "President Trump offered Democrats an immigration deal over the weekend to end the government shutdown.", "over the weekend", KindPeriod, "2019-01-19", PrecisionWeek},
	{"as", "2017-03-17", true, "Tillerson will head to China this weekend, as NPR's Anthony Kuhn reports from Beijing", "this weekend", KindPeriod, "2017-03-18", PrecisionWeek},
	{"as", "2014-10-03", false, "But he's been testing the waters. Pence visited Iowa last month and will campaign in New Hampshire", "last month", KindPeriod, "2014-09", PrecisionMonth},
	{"reu", "1987-02-26", false, "the same two dlr bonus offered corn farmers who are signing up for the 1987 program this month.", "this month", KindPeriod, "1987-02", PrecisionMonth},
	{"as", "2013-08-15", false, "Sen. Lindsey Graham of South Carolina, who traveled to Egypt earlier this month and said", "earlier this month", KindPeriod, "2013-08", PrecisionMonth},
	{"as", "2013-10-03", false, "A Washington Post-Miller Center Poll late last month revealed a large majority of Americans", "late last month", KindPeriod, "2013-09", PrecisionMonth},
	{"as", "2014-04-29", true, "swing punches at Obamacare, vowing to propose their own health reform proposal later this year.", "later this year", KindPeriod, "2014", PrecisionYear},
	{"as", "2014-10-17", false, "A car rammed into Lai's home last year, and someone left a meat cleaver", "last year", KindPeriod, "2013", PrecisionYear},
	{"as", "2014-10-17", false, "A hired assailant nearly hacked him to death this year with a meat cleaver.", "this year", KindPeriod, "2014", PrecisionYear},
	{"reu", "1987-03-04", false, "Icahn earlier this year abandoned plans to buy USX Corp and", "earlier this year", KindPeriod, "1987", PrecisionYear},
	{"as", "2018-05-23", false, "A California business called Pravda Corp was incorporated late last year, with Jared Birchall listed", "late last year", KindPeriod, "2017", PrecisionYear},
	{"as", "2019-01-12", false, "Early last year, Democrats and the White House appeared close to", "Early last year", KindPeriod, "2018", PrecisionYear},
	{"as", "2018-01-15", true, "fed up with President Trump and will boycott his State of the Union address at the end of the month.", "at the end of the month", KindPeriod, "2018-01", PrecisionMonth},
	{"as", "2019-01-07", false, "United Nations Ambassador Nikki Haley, who stepped down at the end of last year.", "at the end of last year", KindPeriod, "2018", PrecisionYear},
	{"as", "2017-08-12", false, "he is stunned by Trump's attacks, which have only increased in recent days, because they target", "in recent days", KindRecent, "2017-08-06", PrecisionWeek},
	{"as", "2014-09-22", false, "have crossed into Turkey in the past four days, fleeing an onslaught by Islamic State militants", "in the past four days", KindRecent, "2014-09-16", PrecisionWeek},

	// Calendar dates, months, years, decades.
	{"as", "2012-12-11", true, "saying \"it's going to be extremely difficult\" to do so by Dec. 25.", "Dec. 25", KindDate, "2012-12-25", PrecisionDay},
	{"as", "2014-12-25", false, "charged with making threats against police officers since the Dec. 20 killing of two patrolmen", "Dec. 20", KindDate, "2014-12-20", PrecisionDay},
	{"as", "2015-10-08", false, "Boehner at a Capitol Hill news conference on February 6, 1995.", "on February 6, 1995", KindDate, "1995-02-06", PrecisionDay},
	{"as", "2016-10-25", false, "The plan, attached to the email and dated 1 December 2015 said", "1 December 2015", KindDate, "2015-12-01", PrecisionDay},
	{"as", "2018-05-13", false, "Mr. Comey privately briefed the president-elect on Jan. 6, 2017, about the dossier's prostitution charge.", "on Jan. 6, 2017", KindDate, "2017-01-06", PrecisionDay},
	{"as", "2020-05-15", false, "to take charge during a pandemic, Politico reported on March 25.", "on March 25", KindDate, "2020-03-25", PrecisionDay},
	{"as", "2018-06-18", false, "Not going to happen in the U.S. — Donald J. Trump (@realDonaldTrump) June 18, 2018", "June 18, 2018", KindDate, "2018-06-18", PrecisionDay},
	{"reu", "1987-02-26", true, "a two-for-one stock split of its common shares for shareholders of record as of April 1, 1987.", "April 1, 1987", KindDate, "1987-04-01", PrecisionDay},
	{"as", "2014-02-10", false, "Updated 4:10 p.m. ET, 2/10/2014 Washington (CNN) – Hillary Clinton told a close", "2/10/2014", KindDate, "2014-02-10", PrecisionDay},
	{"as", "2012-08-19", false, "CORRECTION: Corrected by: David Cohen @ 08/19/2012 10:37 PM CORRECTION:", "08/19/2012", KindDate, "2012-08-19", PrecisionDay},
	{"as", "2017-01-05", false, "holds up a United Nations report in February 2016.", "in February 2016", KindMonth, "2016-02", PrecisionMonth},
	{"as", "2018-11-19", false, "Take Proposition 187, a ballot initiative passed by voters in November 1994 that would have", "in November 1994", KindMonth, "1994-11", PrecisionMonth},
	{"as", "2020-01-03", false, "fell to 47.2%, its lowest since June 2009, from a reading of 48.1% in November", "June 2009", KindMonth, "2009-06", PrecisionMonth},
	{"as", "2020-01-03", false, "fell to 47.2%, its lowest since June 2009, from a reading of 48.1% in November", "in November", KindMonth, "2019-11", PrecisionMonth},
	{"as", "2012-12-08", true, "construction employment could pick up in December as homeowners rebuild in the Northeast", "in December", KindMonth, "2012-12", PrecisionMonth},
	{"as", "2015-12-30", false, "And yet, Trump announced his presidential bid in June, rose to first place in the Republican polls", "in June", KindMonth, "2015-06", PrecisionMonth},
	{"as", "2020-04-01", false, "A Gallup poll published in late March showed Trump with a 49 percent job approval rating", "in late March", KindMonth, "2020-03", PrecisionMonth},
	{"as", "2017-11-01", false, "He pleaded guilty in early October to lying to federal investigators about his contacts", "in early October", KindMonth, "2017-10", PrecisionMonth},
	{"as", "2020-01-06", false, "which could help explain why she dropped out in early December — her campaign was low on cash.", "in early December", KindMonth, "2019-12", PrecisionMonth},
	{"reu", "1987-03-03", true, "BNL officials said the issue is scheduled for mid-March and additional financial details", "mid-March", KindMonth, "1987-03", PrecisionMonth},
	{"reu", "1987-03-04", false, "Ford Motor Co said its sales of U.S.-made cars in late February rose 29.3 pct", "in late February", KindMonth, "1987-02", PrecisionMonth},
	{"as", "2020-07-14", false, "The Trump administration canceled the Predict program in 2019 and recently pulled", "in 2019", KindYear, "2019", PrecisionYear},
	{"reu", "1987-02-26", false, "the 9,140,000 dlrs, or 2.52 dlrs per share, recorded in 1986.", "in 1986", KindYear, "1986", PrecisionYear},
	{"as", "2013-02-13", false, "how he could accept a $940,000 bonus from Citigroup in early 2009.", "in early 2009", KindYear, "2009", PrecisionYear},
	{"as", "2018-12-05", false, "recalled making visual presentations to Trump in mid-2016 that showed him the severity", "in mid-2016", KindYear, "2016", PrecisionYear},
	{"as", "2015-04-22", false, "Biden has twice before made unsuccessful bids for the Oval Office -- in 1988 and 2008.", "2008", KindYear, "2008", PrecisionYear},
	{"as", "2014-08-17", false, "the increased militarization of the police started in the 1990s during the height of the war on drugs", "in the 1990s", KindDecade, "1990s", PrecisionDecade},
	{"as", "2020-04-20", false, "regime had arguably begun in the late 1990s, when she attended primary school in Berne", "in the late 1990s", KindDecade, "1990s", PrecisionDecade},

	// Seasons (year precision, the value is the year the season starts in) and holidays.
	{"as", "2018-12-31", false, "One of those referrals resulted in the guilty plea last summer of GOP consultant Sam Patten", "last summer", KindSeason, "2018", PrecisionYear},
	{"as", "2018-02-08", false, "Republican leader Steve Scalise, who narrowly survived a gunshot last summer, called on his colleagues", "last summer", KindSeason, "2017", PrecisionYear},
	{"as", "2014-08-06", true, "One-third say they hope the Republicans take control of Congress outright this fall", "this fall", KindSeason, "2014", PrecisionYear},
	{"as", "2019-04-15", false, "Mueller was appointed in the spring of 2017 to investigate whether President Trump's campaign", "in the spring of 2017", KindSeason, "2017", PrecisionYear},
	{"as", "2012-10-28", true, "the only poll that would be believable at this point would be on Election Day", "on Election Day", KindHoliday, "2012-11-06", PrecisionDay},
	{"as", "2015-11-20", true, "The Feinstein-Flake bill, which is set to be formally introduced after Thanksgiving, would keep foreigners", "Thanksgiving", KindHoliday, "2015-11-26", PrecisionDay},

	// Counted from another event: found, resolved only against that event.
	{"as", "2013-01-22", false, "closely conformed to the priorities of the president's inaugural address the day before.", "the day before", KindAnaphoric, "", ""},
	{"as", "2018-11-22", false, "Trump blasted the ruling the following day while not referring to the judge by name", "the following day", KindAnaphoric, "", ""},
	{"as", "2015-10-09", false, "Hours later, McCarthy unexpectedly withdrew from the race", "Hours later", KindAnaphoric, "", ""},

	// Durations: lengths, never dates.
	{"as", "2018-08-03", false, "not just a function of one sudden exasperated vent at a harasser; they continued for two years.", "for two years", KindDuration, "", ""},
	{"as", "2015-01-27", false, "released from captivity last year in a controversial Taliban prisoner swap, could be charged within a week", "within a week", KindDuration, "", ""},
	{"as", "2016-10-08", false, "telling Trump that he cannot speak on his behalf for at least 48 hours.", "for at least 48 hours", KindDuration, "", ""},
	{"as", "2014-07-31", false, "when double-murderer Joseph Rudolph Wood III took about two hours to die.", "about two hours", KindDuration, "", ""},
	{"as", "2014-07-31", false, "have been saved from possible execution over the past 15 years.", "over the past 15 years", KindDuration, "", ""},
	{"as", "2016-03-22", false, "authorities in Belgium have been trying to crack down on terror threats for months as they raided homes", "for months", KindDuration, "", ""},
	{"as", "2013-07-17", false, "undergrads pay 2.5 points more than then 10-year Treasury rate.", "10-year", KindDuration, "", ""},
	{"bbc", "", false, "The British Phonographic Industry (BPI) worked for two years on the case.", "for two years", KindDuration, "", ""},
	{"bbc", "", false, "should not be delayed as the book has already been on sale for two years.", "for two years", KindDuration, "", ""},
}

func TestNewsExpressions(t *testing.T) {
	if len(newsCases) < 50 {
		t.Fatalf("only %d real expressions; the table needs at least 50", len(newsCases))
	}
	for _, c := range newsCases {
		t.Run(c.expr, func(t *testing.T) {
			found := FindText(c.snippet)
			var e Expr
			ok := false
			for _, f := range found {
				if f.Text == c.expr {
					e, ok = f, true
				}
			}
			if !ok {
				var texts []string
				for _, f := range found {
					texts = append(texts, f.Text)
				}
				t.Fatalf("%q not found in %q; found %q", c.expr, c.snippet, texts)
			}
			if e.Kind != c.kind {
				t.Errorf("%q: kind %s, want %s", c.expr, e.Kind, c.kind)
			}
			if c.published == "" {
				return
			}
			pub, err := time.Parse(time.DateOnly, c.published)
			if err != nil {
				t.Fatal(err)
			}
			v, ok := e.Resolve(pub, c.future)
			if c.value == "" {
				if ok {
					t.Errorf("%q published %s: resolved to %s (%s), want no value", c.expr, c.published, v.Value, v.Precision)
				}
				return
			}
			if !ok || v.Value != c.value || v.Precision != c.precision {
				t.Errorf("%q published %s (future %v): got %q %s %v, want %q %s", c.expr, c.published, c.future, v.Value, v.Precision, ok, c.value, c.precision)
			}
		})
	}
}

// TestSeedArticleDates checks the dates of the acceptance seed article, published on
// 2020-12-24.
func TestSeedArticleDates(t *testing.T) {
	article := strings.Join([]string{
		"Russia expelled two Colombian diplomats Wednesday after the Latin American state made a similar move against two Russian officials at the embassy in Bogotá, Reuters reported.",
		"The Colombian government ordered the departure of two Russian diplomatic officials this month over their alleged involvement in espionage activities.",
		"Alexanders Paristov and Belousov were at the Bogotá embassy for roughly two years and reportedly involved in recruiting sources for Russian intelligence.",
		"The director of Migration Colombia, Juan Francisco Espinosa, confirmed Paristov and Belousov “left the country on December 8.”",
		"“The Russian Foreign Ministry summoned Colombian Ambassador Alfonso Lopez Caballero on December 22 to protest against Colombia’s groundless decision.”",
	}, "\n")
	published := time.Date(2020, 12, 24, 9, 0, 0, 0, time.UTC)
	want := []struct {
		text      string
		kind      Kind
		value     string
		precision Precision
	}{
		{"Wednesday", KindWeekday, "2020-12-23", PrecisionDay},
		{"this month", KindPeriod, "2020-12", PrecisionMonth},
		{"for roughly two years", KindDuration, "", ""},
		{"on December 8", KindDate, "2020-12-08", PrecisionDay},
		{"on December 22", KindDate, "2020-12-22", PrecisionDay},
	}
	got := FindText(article)
	if len(got) != len(want) {
		t.Fatalf("found %d expressions, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		e := got[i]
		if e.Text != w.text || e.Kind != w.kind || article[e.Start:e.End] != e.Text {
			t.Errorf("expression %d: %q %s at %d:%d, want %q %s", i, e.Text, e.Kind, e.Start, e.End, w.text, w.kind)
			continue
		}
		v, ok := e.Resolve(published, false)
		if ok != (w.value != "") || v.Value != w.value || v.Precision != w.precision {
			t.Errorf("%q: resolved %q %s %v, want %q %s", e.Text, v.Value, v.Precision, ok, w.value, w.precision)
		}
	}
}

// TestSeedArticleGoverning dates the seed article's event triggers with Governing
// and Resolve, as the story stage will.
func TestSeedArticleGoverning(t *testing.T) {
	data, err := os.ReadFile(shareddata.Path(t, "acceptance/seed/article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	article := string(data)
	sentences := text.Split(article)
	exprs := Find(article, sentences)
	published := time.Date(2020, 12, 24, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		trigger string // first occurrence in the article
		want    string // resolved date, "" for the publication date
	}{
		{"expelled", "2020-12-23"},
		{"made a similar move", ""},
		{"ordered the departure", "2020-12"},
		{"left the country", "2020-12-08"},
		{"decried", "2020-12-23"},
		{"summoned", "2020-12-22"},
		{"declares", ""},
	}
	for _, c := range cases {
		start := strings.Index(article, c.trigger)
		if start < 0 {
			t.Fatalf("no %q in the seed article", c.trigger)
		}
		sentence := -1
		for _, s := range sentences {
			if s.Start <= start && start < s.End {
				sentence = s.Index
			}
		}
		got := ""
		if e, ok := Governing(article, exprs, sentence, start, start+len(c.trigger)); ok {
			if v, ok := e.Resolve(published, false); ok {
				got = v.Value
			}
		}
		if got != c.want {
			t.Errorf("%q: dated %q, want %q", c.trigger, got, c.want)
		}
	}
}
