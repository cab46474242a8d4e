// Package story finishes the events of one article: it reads what needs the whole
// article rather than one sentence — which earlier event an event noun refers to,
// when events happened — and gives each event its article fields and stable id.
//
// It does not find events (the coder does) and it does not store them.
package story

import (
	"strconv"
	"strings"
	"time"

	"dyad/internal/article"
	"dyad/internal/coder"
	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/ontology"
	"dyad/internal/places"
	"dyad/internal/text"
	"dyad/internal/timex"
)

// Article is one coded article on its way through the story stage.
type Article struct {
	Article    article.Article
	Sentences  []text.Sentence
	Candidates []coder.Candidate // in sentence order
}

// Options control what Resolve keeps.
type Options struct {
	// Places finds the place names of an article; nil leaves events without a
	// location.
	Places *places.Parser
	// All keeps every event, whatever its modality; by default only asserted and
	// reported events that are not negated are kept.
	All bool
	// Partial keeps events whose target the article does not name, or names only in
	// words the lexicon does not know (by default an event needs both a source and a
	// coded target).
	Partial bool
}

// Resolve turns the article's candidate events into finished events: it resolves
// event nouns to the events they name, credits sources, merges the mentions of one
// event and links answers to what they answer.
func Resolve(a Article, opt Options) []event.Event {
	keyCache := make(map[int][]string, len(a.Sentences))
	keysOf := func(s text.Sentence) []string {
		k, ok := keyCache[s.Index]
		if !ok {
			k = lexicon.Keys(s.Tokens)
			keyCache[s.Index] = k
		}
		return k
	}
	credits := attributions(a.Article.Text, a.Sentences, keysOf)
	published, hasDate := time.Parse("2006-01-02", a.Article.Published)
	var times []timex.Expr
	if hasDate == nil {
		times = timex.Find(a.Article.Text, a.Sentences)
	}
	var where []places.Mention
	if opt.Places != nil && len(a.Candidates) > 0 {
		where = opt.Places.Find(a.Article.Text)
	}
	cands := resolveProEvents(a.Candidates)
	var done []event.Event
	for _, c := range cands {
		ev := c.Event
		if !coded(ev.Target) && c.ObjectEvent != nil {
			if doer := referredDoer(done, ev, c.ObjectEvent.CAMEO); doer != nil {
				ev.Target = doer
				ev.Rule += "+object-event"
			}
		}
		if ev.Source == nil || ev.Target != nil && ev.Source.Code == ev.Target.Code && ev.Source.ID == ev.Target.ID {
			continue
		}
		if !coded(ev.Target) {
			if !opt.Partial {
				continue
			}
			// Who acted is known, on whom is not: the event stands, with less weight.
			ev.Confidence = max(0.05, ev.Confidence-0.2)
		}
		if ev.Sentence < len(credits) && credits[ev.Sentence] != nil {
			at := *credits[ev.Sentence]
			ev.Attribution = &at
		}
		if hasDate == nil {
			ev.Date = dateOf(a.Article.Text, times, ev, published, cands)
		}
		if ev.Sentence < len(a.Sentences) {
			ev.Location = locationOf(a.Article.Text, a.Sentences[ev.Sentence].End, where, ev, cands)
		}
		fillCodes(&ev)
		fillArticle(&ev, a)
		done = append(done, ev)
	}
	if !opt.All {
		kept := done[:0]
		for _, ev := range done {
			if ev.Keep() && !generalTalk(ev) {
				kept = append(kept, ev)
			}
		}
		done = kept
	}
	events := mergeMentions(done)
	linkResponses(events, a.Sentences, keysOf)
	linkSequences(events, a.Sentences, keysOf)
	out := make([]event.Event, len(events))
	for i, m := range events {
		out[i] = m.Event
	}
	return out
}

// referredDoer finds who did the earlier event an event noun refers to: in "the
// Kremlin decried the expulsions", the expulsions are the latest expulsion of Russians,
// and their doer is the target of the criticism.
func referredDoer(earlier []event.Event, ev event.Event, cameo string) *event.Actor {
	root := cameoRoot(cameo)
	for i := len(earlier) - 1; i >= 0; i-- {
		e := earlier[i]
		if cameoRoot(e.CAMEO) != root || e.Target == nil || e.Source == nil {
			continue
		}
		if e.Target.Country != "" && e.Target.Country == ev.Source.Country && e.Source.Country != "" && e.Source.Country != ev.Source.Country {
			// The doer in the words of its first mention ("The Colombian government",
			// not a later "the national government").
			doer := *e.Source
			for _, f := range earlier[:i] {
				if cameoRoot(f.CAMEO) == root && f.Source != nil && f.Target != nil && f.Source.Code == e.Source.Code && f.Target.Country == e.Target.Country {
					doer = *f.Source
					break
				}
			}
			return &doer
		}
	}
	return nil
}

// generalTalk reports whether an event is words of cooperation (CAMEO 01-05:
// statements, appeals, intents, meetings, praise) whose source is a role with no
// country and no arm of a state: "voters in Louisiana supports Keystone", "people are
// going to negotiate great plans", "Evangelicals embracing a Mormon". In news prose
// these are mostly commentary, not events between parties a user can ask about; --all
// keeps them.
func generalTalk(ev event.Event) bool {
	if len(ev.CAMEO) < 2 || ev.CAMEO[:2] > "05" || ev.Source == nil || !bare(ev.Source) {
		return false
	}
	for _, s := range ev.Source.Sectors {
		switch s {
		case "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO", "REB", "INS", "OPP":
			return false
		}
	}
	return true
}

// bare reports whether an actor is a role alone: sectors and no country, no name.
func bare(a *event.Actor) bool {
	return a != nil && a.Country == "" && len(a.Sectors) > 0 && a.Code == strings.Join(a.Sectors, "")
}

// coded reports whether an actor is named and coded; a target known only by its
// words ("the captain of a rescue ship") has no code.
func coded(a *event.Actor) bool { return a != nil && a.Code != "" }

func cameoRoot(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// fillCodes adds what the ontology says of the event's codes: QuadClass and Goldstein
// from CAMEO, the PLOVER type where the lexicon gave none, and the PLOVER intensity.
func fillCodes(ev *event.Event) {
	if ev.CAMEO != "" {
		ev.QuadClass = ontology.QuadClass(ev.CAMEO)
		if g, ok := ontology.Goldstein(ev.CAMEO); ok {
			ev.Goldstein = &g
		}
		if ev.Plover == nil {
			if typ, mode, ctx, ok := ontology.CAMEOToPlover(ev.CAMEO); ok {
				ev.Plover = &event.Plover{Event: typ, Mode: mode, Context: ctx}
			}
		}
	}
	if ev.Plover != nil && ev.Plover.Intensity == nil {
		if v, ok := ontology.PloverIntensity(ev.Plover.Event, ev.Plover.Mode); ok {
			ev.Plover.Intensity = &v
		}
	}
}

// dateOf dates an event by the time expression that governs its trigger, resolved
// against the publication date; nil when none does (fillArticle then gives the
// publication date).
func dateOf(article string, times []timex.Expr, ev event.Event, published time.Time, cands []coder.Candidate) *event.Date {
	x, ok := timex.Governing(article, times, ev.Sentence, ev.Trigger.Start, ev.Trigger.End)
	if !ok || owner(x, ev.Sentence, cands) != ev.Trigger.Start && !reportDate(article, x) {
		return nil
	}
	future := ev.Modality.Mood == event.MoodFuture || ev.Modality.Tense == "future"
	v, ok := x.Resolve(published, future)
	if !ok || !plausibleDate(v.Value, published, future) {
		return nil
	}
	return &event.Date{Value: v.Value, Precision: string(v.Precision), Text: x.Text, Start: x.Start, End: x.End}
}

// plausibleDate keeps resolved dates within the bounds of news: not before 1900, and
// not after publication unless the event is still to come (then within ten years).
func plausibleDate(value string, published time.Time, future bool) bool {
	if len(value) < 4 {
		return false
	}
	year, err := strconv.Atoi(value[:4])
	if err != nil || year < 1900 {
		return false
	}
	if future {
		return year <= published.Year()+10
	}
	return value[:min(len(value), 10)] <= published.Format("2006-01-02")[:min(len(value), 10)]
}

// reportWords date a report: "…, Tass reported Wednesday", "officials said on
// Monday". The events the report tells of are dated by it (news reports the day's
// events), whichever trigger stands nearest.
var reportWords = map[string]bool{"reported": true, "said": true, "says": true, "told": true,
	"announced": true, "confirmed": true, "stated": true, "reports": true}

// reportDate reports whether a time expression dates the report of its sentence: it
// follows a reporting verb, with or without "on".
func reportDate(article string, x timex.Expr) bool {
	words := strings.Fields(article[max(0, x.Start-24):x.Start])
	if n := len(words); n > 0 && words[n-1] == "on" {
		words = words[:n-1]
	}
	if n := len(words); n > 0 {
		return reportWords[strings.ToLower(strings.Trim(words[n-1], ",.\"“”"))]
	}
	return false
}

// owner returns the start of the trigger a time expression belongs to: the nearest
// trigger before it in its sentence ("summoned the ambassador on December 22 to
// protest"), else the nearest after it ("On Monday, Russia expelled …").
func owner(x timex.Expr, sentence int, cands []coder.Candidate) int {
	before, after := -1, -1
	for _, c := range cands {
		tr := c.Event.Trigger
		if c.Event.Sentence != sentence {
			continue
		}
		if tr.End <= x.Start && tr.Start > before {
			before = tr.Start
		}
		if tr.Start >= x.End && (after < 0 || tr.Start < after) {
			after = tr.Start
		}
	}
	if before >= 0 {
		return before
	}
	return after
}

func fillArticle(ev *event.Event, a Article) {
	art := a.Article
	ev.ArticleID = art.ID
	ev.URL = art.URL
	ev.Publisher = art.Publisher
	ev.Published = art.Published
	if art.Published != "" && ev.Date == nil {
		ev.Date = &event.Date{Value: art.Published, Precision: "published"}
	}
	if ev.Sentence < len(a.Sentences) {
		s := a.Sentences[ev.Sentence]
		ev.Mentions = []event.Mention{{Sentence: s.Index, Start: s.Start, End: s.End}}
	}
	var src, tgt string
	if ev.Source != nil {
		src = ev.Source.Code
	}
	if ev.Target != nil {
		tgt = ev.Target.Code
	}
	ev.ID = event.StableID(art.ID, ev.Sentence, ev.Trigger.Start, ev.Trigger.End, ev.CAMEO, src, tgt)
}
