package timex

import "strings"

// Governing picks the time expression that dates an event whose trigger (the verb or
// noun that signals it) spans article[triggerStart:triggerEnd] in the given sentence.
// The rule, simple on purpose until the dependency tree is used:
//
//  1. only expressions of the same sentence count, and never a duration;
//  2. the nearest expression after the trigger wins when nothing between them opens
//     another clause ("expelled two diplomats Wednesday");
//  3. else the nearest expression before the trigger, under the same condition
//     ("On Monday, Russia expelled ...");
//  4. else there is none, and the caller falls back on the publication date.
//
// Commas do not break a clause ("expelled two diplomats, Tass reported Wednesday"
// dates the expulsion by the report). A clause opens at ";", ":", a dash or bracket, or a subordinating word or relative
// pronoun: after, before, when, while, because, since, until, although, though,
// whereas, unless, if, which, who, whom, whose, where. So in "Russia expelled two
// diplomats Wednesday after Colombia made a similar move", "Wednesday" dates the
// expulsion and not Colombia's move.
func Governing(article string, exprs []Expr, sentence, triggerStart, triggerEnd int) (Expr, bool) {
	var before *Expr
	for i := range exprs {
		e := &exprs[i]
		if e.Sentence != sentence || e.Kind == KindDuration {
			continue
		}
		if e.Start >= triggerEnd {
			if !opensClause(article, triggerEnd, e.Start) {
				return *e, true
			}
			break // later expressions are further away, past the same clause break
		}
		if e.End <= triggerStart {
			before = e // keep the nearest
		}
	}
	if before != nil && !opensClause(article, before.End, triggerStart) {
		return *before, true
	}
	return Expr{}, false
}

var clauseWords = map[string]bool{"after": true, "before": true, "when": true, "while": true,
	"because": true, "since": true, "until": true, "although": true, "though": true,
	"whereas": true, "unless": true, "if": true, "which": true, "who": true, "whom": true,
	"whose": true, "where": true}

// opensClause reports whether article[from:to] holds a clause break (see Governing).
func opensClause(article string, from, to int) bool {
	if from < 0 || to > len(article) || from >= to {
		return false
	}
	gap := article[from:to]
	if strings.ContainsAny(gap, ";:()[]—–") || strings.Contains(gap, " - ") {
		return true
	}
	start := -1
	for i := 0; i <= len(gap); i++ {
		letter := i < len(gap) && (gap[i] >= 'a' && gap[i] <= 'z' || gap[i] >= 'A' && gap[i] <= 'Z')
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			if w := gap[start:i]; len(w) <= 8 && clauseWords[strings.ToLower(w)] {
				return true
			}
			start = -1
		}
	}
	return false
}
