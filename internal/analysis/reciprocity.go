// Package analysis answers questions about relations between actors from stored
// events. It has reciprocity: for actors A and B, which events of A on B were
// answered by B within N days, how fast, and in kind or not (docs/export.md,
// "Reciprocity", defines the measures).
//
// It reads events through the store's filtered Events query and computes in Go; it
// does not code articles, de-duplicate events across articles, or draw charts.
// Dyadic time series and top actors are the store's Series and TopDyads.
package analysis

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"dyad/internal/event"
	"dyad/internal/store"
)

// DefaultWithin is the answer window, in days, when none is given.
const DefaultWithin = 30

// Query asks for the reciprocity between two actors over a period.
type Query struct {
	A, B string // actor codes or countries, as store.Filter.Source takes them
	// Within is the answer window in days: an answer may come on the same day as the
	// event it answers and at most Within days later. 0 means DefaultWithin.
	Within int
	// From and To bound the dates of the events that are answered (YYYY-MM-DD, YYYY-MM
	// or YYYY, inclusive). Answers are looked for up to Within days after To.
	From, To string
	// Base holds further filters for both directions (confidence, mood, text…);
	// its Source, Target, From, To, Limit and After are ignored.
	Base store.Filter
}

// Answer is one event of one side on the other, with the first answer of the other
// side, if any came within the window.
type Answer struct {
	Event    event.Event  `json:"event"`
	Answer   *event.Event `json:"answer,omitempty"`
	LagDays  int          `json:"lag_days"`           // days from Event to Answer; 0 when unanswered
	Explicit bool         `json:"explicit,omitempty"` // the answer links to Event (response_to)
	// LagApprox is set when Event is dated only to the month or year: it is counted
	// because an answer links to it, and LagDays runs from the first day of its
	// period, so the lag is at most LagDays.
	LagApprox bool `json:"lag_approx,omitempty"`
	SameQuad  bool `json:"same_quad"` // the answer has the event's QuadClass
	SameType  bool `json:"same_type"` // the answer has the event's PLOVER type
}

// ClassStats sums up the events of one QuadClass (or all of them).
type ClassStats struct {
	Events   int `json:"events"`
	Answered int `json:"answered"`
	InKind   int `json:"in_kind"` // answered with the same QuadClass
	// Index is Answered / Events: the reciprocity index. 0 when there are no events.
	Index float64 `json:"index"`
	// MeanLag is the mean lag in days of the answered events; nil when none was.
	MeanLag *float64 `json:"mean_lag,omitempty"`
	lagSum  int
}

// Direction is the reciprocity of one side towards the other: From acted on To,
// and To answered (or not).
type Direction struct {
	From, To string
	All      ClassStats    `json:"all"`
	ByQuad   [5]ClassStats `json:"by_quad"` // index 1-4 by the event's QuadClass; 0 for events without one
	// Matrix[q][r] counts events of QuadClass q answered by an event of QuadClass r
	// (index 0: no QuadClass).
	Matrix  [5][5]int `json:"matrix"`
	Answers []Answer  `json:"answers"`
	// Undated counts events left out because their date is coarser than a day and no
	// answer links to them.
	Undated int `json:"undated"`
	// Chance is the index to expect if the other side acted without regard to this
	// one: the share of days, from the first to the last event of this direction, on
	// which some event of the other side falls within the window. An index well above
	// it says the answers follow the events; one near it says little.
	Chance float64 `json:"chance"`
}

// Reciprocity is the answer to a Query: both directions.
type Reciprocity struct {
	Within int       `json:"within"`
	From   string    `json:"from,omitempty"`
	To     string    `json:"to,omitempty"`
	AB     Direction `json:"ab"` // A acts on B, B answers
	BA     Direction `json:"ba"` // B acts on A, A answers
}

// maxEvents bounds how many events of one direction are read, so that a query over
// two very busy actors cannot exhaust memory.
const maxEvents = 500000

// Compute reads the events of A on B and of B on A from s and measures both
// directions. Errors from bad filter values wrap store.ErrBadFilter.
func Compute(ctx context.Context, s store.Store, q Query) (Reciprocity, error) {
	if q.Within == 0 {
		q.Within = DefaultWithin
	}
	if q.Within < 0 || q.Within > 3660 {
		return Reciprocity{}, fmt.Errorf("reciprocity: %w: window of %d days is not 0-3660", store.ErrBadFilter, q.Within)
	}
	if strings.TrimSpace(q.A) == "" || strings.TrimSpace(q.B) == "" {
		return Reciprocity{}, fmt.Errorf("reciprocity: %w: two actors are needed", store.ErrBadFilter)
	}
	answersTo := ""
	if q.To != "" {
		end, err := dayAfter(q.To)
		if err != nil {
			return Reciprocity{}, fmt.Errorf("reciprocity: %w: to: %v", store.ErrBadFilter, err)
		}
		answersTo = end.AddDate(0, 0, q.Within-1).Format(time.DateOnly)
	}
	read := func(src, tgt, to string) ([]event.Event, error) {
		f := q.Base
		f.Source, f.Target, f.From, f.To, f.After, f.Desc = src, tgt, q.From, to, "", false
		f.Limit = store.MaxLimit
		var out []event.Event
		for {
			page, next, err := s.Events(ctx, f)
			if err != nil {
				return nil, fmt.Errorf("reciprocity: %w", err)
			}
			out = append(out, page...)
			if len(out) > maxEvents {
				return nil, fmt.Errorf("reciprocity: more than %d events of %s on %s: narrow the period", maxEvents, src, tgt)
			}
			if next == "" {
				return out, nil
			}
			f.After = next
		}
	}
	// Each side's events up to To are answered; up to To+Within they may answer.
	ab, err := read(q.A, q.B, answersTo)
	if err != nil {
		return Reciprocity{}, err
	}
	ba, err := read(q.B, q.A, answersTo)
	if err != nil {
		return Reciprocity{}, err
	}
	r := Reciprocity{Within: q.Within, From: q.From, To: q.To}
	r.AB = Measure(q.A, q.B, until(ab, q.To), ba, q.Within)
	r.BA = Measure(q.B, q.A, until(ba, q.To), ab, q.Within)
	return r, nil
}

// until keeps the events dated on or before to (YYYY-MM-DD, YYYY-MM or YYYY).
func until(evs []event.Event, to string) []event.Event {
	if to == "" {
		return evs
	}
	end, err := dayAfter(to)
	if err != nil {
		return evs
	}
	var out []event.Event
	for _, ev := range evs {
		if d, ok := day(ev); ok && !d.Before(end) {
			continue
		}
		out = append(out, ev)
	}
	return out
}

// dayAfter returns the day after the last day of a YYYY-MM-DD, YYYY-MM or YYYY date.
func dayAfter(s string) (time.Time, error) {
	switch len(s) {
	case 10:
		t, err := time.Parse(time.DateOnly, s)
		return t.AddDate(0, 0, 1), err
	case 7:
		t, err := time.Parse("2006-01", s)
		return t.AddDate(0, 1, 0), err
	case 4:
		t, err := time.Parse("2006", s)
		return t.AddDate(1, 0, 0), err
	}
	return time.Time{}, errors.New("want YYYY-MM-DD, YYYY-MM or YYYY")
}

// day is the event's date to the day: the date resolved from the text, else the
// publication date (as the store orders events). false when it is coarser.
func day(ev event.Event) (time.Time, bool) {
	v := ev.Published
	if ev.Date != nil && ev.Date.Value != "" {
		v = ev.Date.Value
	}
	if len(v) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, v)
	return t, err == nil
}

// period returns the first day of a month- or year-dated event and the day after
// its last day.
func period(ev event.Event) (start, end time.Time, ok bool) {
	if ev.Date == nil {
		return time.Time{}, time.Time{}, false
	}
	v := ev.Date.Value
	var err error
	switch len(v) {
	case 7:
		start, err = time.Parse("2006-01", v)
	case 4:
		start, err = time.Parse("2006", v)
	default:
		return time.Time{}, time.Time{}, false
	}
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	end, err = dayAfter(v)
	return start, end, err == nil
}

type dated struct {
	ev  event.Event
	day time.Time
}

// Measure pairs each event of from on to (acts) with the first event of to on from
// (replies) within the window: an event of the replies that links to it
// (response_to) first, else the earliest one dated on or after it, leaving out a
// reply the event itself responds to, the same words coded for the other side (a
// joint event such as "A and B agreed") and, within one article, replies told
// before the event or dated only by the article's publication. The index and lags are computed from the pairs.
func Measure(from, to string, acts, replies []event.Event, within int) Direction {
	d := Direction{From: from, To: to}
	var rs []dated
	for _, ev := range replies {
		if t, ok := day(ev); ok {
			rs = append(rs, dated{ev, t})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if !rs[i].day.Equal(rs[j].day) {
			return rs[i].day.Before(rs[j].day)
		}
		return rs[i].ev.ID < rs[j].ev.ID
	})
	// Replies that name the event they respond to.
	explicit := map[string][]int{}
	for i, r := range rs {
		for _, l := range r.ev.Links {
			if l.Type == "response_to" {
				explicit[l.Event] = append(explicit[l.Event], i)
			}
		}
	}
	for _, ev := range acts {
		t, ok := day(ev)
		last := t.AddDate(0, 0, within)
		coarse := false
		if !ok {
			// Dated only to the month or year ("this month"): counted only when an
			// answer names it, since no window can be placed otherwise.
			start, end, ok := period(ev)
			if !ok || len(explicit[ev.ID]) == 0 {
				d.Undated++
				continue
			}
			t, last, coarse = start, end.AddDate(0, 0, within-1), true
		}
		respondsTo := map[string]bool{}
		for _, l := range ev.Links {
			respondsTo[l.Event] = true
		}
		ans := Answer{Event: ev, LagApprox: coarse}
		pick := -1
		for _, i := range explicit[ev.ID] {
			if !rs[i].day.Before(t) && !rs[i].day.After(last) {
				pick = i
				ans.Explicit = true
				break
			}
		}
		if pick < 0 && coarse {
			d.Undated++
			continue
		}
		if pick < 0 {
			i := sort.Search(len(rs), func(i int) bool { return !rs[i].day.Before(t) })
			for ; i < len(rs) && !rs[i].day.After(last); i++ {
				if mayAnswer(ev, rs[i].ev, respondsTo) {
					pick = i
					break
				}
			}
		}
		q := quad(ev.QuadClass)
		d.All.Events++
		d.ByQuad[q].Events++
		if pick >= 0 {
			r := rs[pick]
			ans.Answer = &r.ev
			ans.LagDays = int(r.day.Sub(t).Hours() / 24)
			ans.SameQuad = ev.QuadClass != 0 && r.ev.QuadClass == ev.QuadClass
			ans.SameType = ev.Plover != nil && r.ev.Plover != nil && ev.Plover.Event == r.ev.Plover.Event
			d.Matrix[q][quad(r.ev.QuadClass)]++
			for _, c := range []*ClassStats{&d.All, &d.ByQuad[q]} {
				c.Answered++
				c.lagSum += ans.LagDays
				if ans.SameQuad {
					c.InKind++
				}
			}
		}
		d.Answers = append(d.Answers, ans)
	}
	d.Chance = chance(acts, rs, within)
	for _, c := range append([]*ClassStats{&d.All}, ptrs(&d.ByQuad)...) {
		if c.Events > 0 {
			c.Index = float64(c.Answered) / float64(c.Events)
		}
		if c.Answered > 0 {
			m := float64(c.lagSum) / float64(c.Answered)
			c.MeanLag = &m
		}
	}
	return d
}

// sameMention reports whether two events come from the same words of the same
// article: one joint event ("A and B agreed") coded for each side, not an answer.
func sameMention(a, b event.Event) bool {
	return a.ID == b.ID || a.ArticleID == b.ArticleID && a.Trigger.Start == b.Trigger.Start && a.Trigger.End == b.Trigger.End
}

// mayAnswer reports whether reply can be the answer to ev: not the same words, not
// what ev itself responds to, and, within one article, told after it (an article's
// events mostly share one date, and the text's order is the best order left).
func mayAnswer(ev, reply event.Event, respondsTo map[string]bool) bool {
	if respondsTo[reply.ID] || sameMention(ev, reply) {
		return false
	}
	if reply.ArticleID != ev.ArticleID {
		return true
	}
	// Within one article, an event that has only the publication date for a date
	// says nothing of when it happened: "Colombia accused the officials of espionage"
	// told after Russia's answer is not an answer to it.
	if reply.Date == nil || reply.Date.Precision == "published" {
		return false
	}
	return reply.Trigger.Start >= ev.Trigger.End
}

// chance is the share of days between the first and the last of acts on which a
// reply falls within the window (rs sorted by day).
func chance(acts []event.Event, rs []dated, within int) float64 {
	var first, last time.Time
	for _, ev := range acts {
		t, ok := day(ev)
		if !ok {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if first.IsZero() {
		return 0
	}
	days, hit := 0, 0
	for t := first; !t.After(last); t = t.AddDate(0, 0, 1) {
		days++
		i := sort.Search(len(rs), func(i int) bool { return !rs[i].day.Before(t) })
		if i < len(rs) && !rs[i].day.After(t.AddDate(0, 0, within)) {
			hit++
		}
	}
	return float64(hit) / float64(days)
}

func quad(q int) int {
	if q < 1 || q > 4 {
		return 0
	}
	return q
}

func ptrs(a *[5]ClassStats) []*ClassStats {
	out := make([]*ClassStats, len(a))
	for i := range a {
		out[i] = &a[i]
	}
	return out
}
