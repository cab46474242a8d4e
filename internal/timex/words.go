package timex

import (
	"strings"
	"time"
)

// unit is a unit of time named in an expression.
type unit uint8

const (
	unitNone unit = iota
	unitHour      // seconds, minutes and hours: finer than a day
	unitDay
	unitWeek
	unitWeekend
	unitMonth
	unitYear
	unitDecade
	unitCentury
)

// wordClass groups the words the patterns look at.
type wordClass uint8

const (
	classNone      wordClass = iota
	classWeekday             // val: time.Weekday
	classMonth               // val: 1..12
	classUnit                // val: unit
	classNumber              // val: the count
	classPartOfDay           // morning, afternoon, evening, night
	classSeason              // val: the month the season starts
	classOther               // a function word some pattern needs
)

// Word flags.
const (
	flagPlural    = 1 << iota // a plural unit
	flagAbbrev                // an abbreviated month name: needs a day or year after it, or a preposition before
	flagAmbiguous             // a month name that is also a common word or name (May, March ...)
	flagVague                 // a vague count (few, several)
	flagArticle               // "a" or "an" as a count of one
)

// word is what the vocabulary knows about a lower-case word.
type word struct {
	key   string // the lower-case word itself, so that a lookup need not allocate
	class wordClass
	val   int
	flags int
}

// vocabulary holds every word a pattern can start with or look at, in lower case.
// Tokens not in it cannot begin an expression (digits aside), which keeps Find fast.
var vocabulary = map[string]word{}

// maxWordLen is the length of the longest word in the vocabulary.
var maxWordLen int

// vocabularyShape has bit n of [first][last] set when some vocabulary word of length n
// starts and ends with those (lower-case ASCII) bytes: a cheap test that rules out
// most words of the text before the map is asked.
var vocabularyShape [128][128]uint16

func mayBeVocabulary(s string) bool {
	f, l := lowerByte(s[0]), lowerByte(s[len(s)-1])
	return f < 128 && l < 128 && len(s) < 16 && vocabularyShape[f][l]&(1<<len(s)) != 0
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func addWords(class wordClass, val, flags int, words ...string) {
	for _, w := range words {
		maxWordLen = max(maxWordLen, len(w))
		vocabularyShape[w[0]][w[len(w)-1]] |= 1 << len(w)
		vocabulary[w] = word{key: w, class: class, val: val, flags: flags}
	}
}

func init() {
	for d, names := range [][]string{
		{"sunday"}, {"monday"}, {"tuesday"}, {"wednesday"}, {"thursday"}, {"friday"}, {"saturday"},
	} {
		addWords(classWeekday, int(time.Sunday)+d, 0, names...)
	}
	months := []struct {
		full    string
		abbrevs []string
		flags   int
	}{
		{"january", []string{"jan", "jan."}, 0},
		{"february", []string{"feb", "feb."}, 0},
		{"march", []string{"mar."}, flagAmbiguous},
		{"april", []string{"apr", "apr."}, flagAmbiguous},
		{"may", nil, flagAmbiguous},
		{"june", []string{"jun."}, flagAmbiguous},
		{"july", []string{"jul."}, 0},
		{"august", []string{"aug", "aug."}, flagAmbiguous},
		{"september", []string{"sep", "sep.", "sept", "sept."}, 0},
		{"october", []string{"oct", "oct."}, 0},
		{"november", []string{"nov", "nov."}, 0},
		{"december", []string{"dec", "dec."}, 0},
	}
	for i, m := range months {
		addWords(classMonth, i+1, m.flags, m.full)
		addWords(classMonth, i+1, flagAbbrev, m.abbrevs...)
		addWords(classMonth, i+1, m.flags, "mid-"+m.full)
	}
	addWords(classUnit, int(unitHour), 0, "second", "minute", "hour")
	addWords(classUnit, int(unitHour), flagPlural, "seconds", "minutes", "hours")
	addWords(classUnit, int(unitDay), 0, "day")
	addWords(classUnit, int(unitDay), flagPlural, "days")
	addWords(classUnit, int(unitWeek), 0, "week")
	addWords(classUnit, int(unitWeek), flagPlural, "weeks")
	addWords(classUnit, int(unitWeekend), 0, "weekend")
	addWords(classUnit, int(unitMonth), 0, "month")
	addWords(classUnit, int(unitMonth), flagPlural, "months")
	addWords(classUnit, int(unitYear), 0, "year")
	addWords(classUnit, int(unitYear), flagPlural, "years")
	addWords(classUnit, int(unitDecade), 0, "decade")
	addWords(classUnit, int(unitDecade), flagPlural, "decades")
	addWords(classUnit, int(unitCentury), 0, "century")
	addWords(classUnit, int(unitCentury), flagPlural, "centuries")

	for n, w := range []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen", "twenty"} {
		addWords(classNumber, n, 0, w)
	}
	for n, w := range []string{"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		addWords(classNumber, 30+10*n, 0, w)
	}
	addWords(classNumber, 100, 0, "hundred")
	addWords(classNumber, 12, 0, "dozen")
	addWords(classNumber, 1, flagArticle, "a", "an")
	addWords(classNumber, 3, flagVague, "few", "several", "many", "some")

	addWords(classPartOfDay, 0, 0, "morning", "afternoon", "evening", "night", "overnight")
	addWords(classSeason, 3, 0, "spring")
	addWords(classSeason, 6, 0, "summer")
	addWords(classSeason, 9, 0, "fall", "autumn")
	addWords(classSeason, 12, 0, "winter")
	for _, h := range holidays {
		for _, w := range h.words {
			if _, known := vocabulary[w]; !known {
				addWords(classOther, 0, 0, w)
			}
		}
	}

	addWords(classOther, 0, 0,
		// named days and their modifiers
		"yesterday", "today", "tonight", "tomorrow",
		// prepositions and determiners the patterns absorb or look behind at
		"on", "in", "for", "within", "over", "during", "at", "since", "by", "until", "till",
		"through", "throughout", "from", "to", "of", "before", "after", "between", "and", "or",
		"the", "this", "that", "last", "next", "past", "coming", "previous", "following", "same",
		"early", "earlier", "late", "later", "mid", "end", "beginning", "start", "middle",
		"recent", "ago", "prior", "now", "hence",
		// hedges before a count
		"about", "around", "roughly", "nearly", "almost", "approximately", "under", "just",
		"only", "barely", "another", "more", "less", "fewer", "than", "least", "most", "up",
		"close", "upward", "upwards", "as", "much", "long", "couple", "half", "dozens",
		// possessives
		"'s", "'", "his", "her", "their", "its", "my", "our", "your")
}

// Words around a weekday that make it part of a name, not a date.
var (
	holidayBefore = map[string]bool{"Super": true, "Black": true, "Good": true, "Cyber": true,
		"Ash": true, "Bloody": true, "Holy": true, "Palm": true, "Easter": true, "Maundy": true,
		"Giving": true, "Fat": true, "Shrove": true, "Small": true, "Business": true}
	titleAfter = map[string]bool{"Times": true, "Telegraph": true, "Mirror": true, "Express": true,
		"Herald": true, "Post": true, "Sport": true, "Night": true, "People": true, "Star": true,
		"Independent": true, "Review": true, "Magazine": true, "Edition": true, "Show": true,
		"Morning": true, "School": true, "Service": true, "Mail": true}
)

// Prepositions after which a bare year ("in 2019") or a bare month ("in May") is a date.
var datePreps = map[string]bool{"in": true, "since": true, "by": true, "until": true, "till": true,
	"through": true, "throughout": true, "during": true, "from": true, "before": true,
	"after": true, "of": true, "between": true, "early": true, "late": true, "mid": true,
	"last": true, "next": true, "this": true, "on": true}

// Prepositions absorbed into an expression's text ("on Wednesday", "for two years").
var absorbedPreps = map[string]bool{"on": true, "in": true, "for": true, "within": true,
	"over": true, "during": true, "at": true}

// Prepositions absorbed only into durations; the other absorbed ones only into points.
var durationPreps = map[string]bool{"for": true, "within": true}

// Words that make a count of units a span counted from something else.
var anaphoricAfter = map[string]int{"earlier": -1, "before": -1, "prior": -1, "later": 1, "after": 1}

// Possessives before "last year" make it someone's term, not a date ("Bush's last year").
var possessive = map[string]bool{"'s": true, "'": true, "his": true, "her": true, "their": true,
	"its": true, "my": true, "our": true, "your": true}

// TimeNoun reports whether a word (as written; case matters only for months that are
// also common words) names a time by itself: a weekday, a month or its abbreviation, a
// unit of time, a part of the day, or a named day ("yesterday"). "May" and "march" are
// months only capitalised. Seasons are left out ("fall", "spring" are too often other
// words).
func TimeNoun(form string) bool {
	lower := strings.ToLower(form)
	w, ok := vocabulary[lower]
	if !ok {
		w, ok = vocabulary[strings.TrimSuffix(lower, ".")]
	}
	if !ok {
		return false
	}
	switch w.class {
	case classWeekday, classUnit, classPartOfDay:
		return true
	case classMonth:
		return w.flags&flagAmbiguous == 0 || form != lower
	case classOther:
		switch lower {
		case "yesterday", "today", "tonight", "tomorrow":
			return true
		}
	}
	return false
}
