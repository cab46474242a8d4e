package analysis

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/store"
)

// ev makes an event of src on tgt dated day with QuadClass quad and PLOVER type pl,
// in article art at trigger offset at.
func ev(id, art string, at int, src, tgt, day string, quad int, pl string, links ...string) event.Event {
	e := event.Event{
		ID: id, ArticleID: art, Published: day,
		Trigger:   event.Span{Text: "x", Start: at, End: at + 1},
		Source:    &event.Actor{Text: src, Code: src, Country: src[:3]},
		Target:    &event.Actor{Text: tgt, Code: tgt, Country: tgt[:3]},
		QuadClass: quad, CAMEO: fmt.Sprintf("%02d0", quad*4),
		Date:     &event.Date{Value: day, Precision: "day"},
		Modality: event.Modality{Mood: event.MoodAsserted},
	}
	if pl != "" {
		e.Plover = &event.Plover{Event: pl}
	}
	for _, l := range links {
		e.Links = append(e.Links, event.Link{Type: "response_to", Event: l})
	}
	return e
}

func TestMeasurePairsEachEventWithTheFirstAnswer(t *testing.T) {
	acts := []event.Event{
		ev("a1", "art1", 0, "USA", "CHN", "2020-01-01", 4, "SANCTION"),     // answered day 3 by b1 (in kind)
		ev("a2", "art2", 0, "USA", "CHN", "2020-01-10", 1, "CONSULT"),      // b2 links to it explicitly (day 20), though b3 comes first
		ev("a3", "art3", 0, "USA", "CHN", "2020-03-01", 3, "ACCUSE"),       // nothing within 30 days (b4 on day 40)
		ev("a4", "art4", 10, "USA", "CHN", "2020-05-01", 2, "AID"),         // b5 is the same words (joint event), b6 is told before it: no answer
		ev("a5", "art5", 0, "USA", "CHN", "2020-06", 1, "CONSULT"),         // month only: undated
		ev("a6", "art6", 0, "USA", "CHN", "2020-07-01", 3, "ACCUSE", "b7"), // responds to b7: b7 is not its answer
	}
	replies := []event.Event{
		ev("b1", "art9", 0, "CHN", "USA", "2020-01-04", 4, "SANCTION"),
		ev("b3", "art10", 0, "CHN", "USA", "2020-01-12", 3, "ACCUSE"),
		ev("b2", "art11", 0, "CHN", "USA", "2020-01-30", 1, "CONSULT", "a2"),
		ev("b4", "art12", 0, "CHN", "USA", "2020-04-10", 3, "ACCUSE"),
		ev("b5", "art4", 10, "CHN", "USA", "2020-05-01", 2, "AID"),
		ev("b6", "art4", 2, "CHN", "USA", "2020-05-01", 3, "ACCUSE"),
		ev("b7", "art13", 0, "CHN", "USA", "2020-07-01", 3, "ACCUSE"),
	}
	d := Measure("USA", "CHN", acts, replies, 30)

	want := map[string]struct {
		answer   string
		lag      int
		explicit bool
		sameQuad bool
	}{
		"a1": {"b1", 3, false, true},
		"a2": {"b2", 20, true, true},
		"a3": {"", 0, false, false},
		"a4": {"", 0, false, false},
		"a6": {"", 0, false, false},
	}
	if len(d.Answers) != len(want) {
		t.Fatalf("%d answers, want %d: %+v", len(d.Answers), len(want), d.Answers)
	}
	for _, a := range d.Answers {
		w, ok := want[a.Event.ID]
		if !ok {
			t.Errorf("unexpected event %s", a.Event.ID)
			continue
		}
		got := ""
		if a.Answer != nil {
			got = a.Answer.ID
		}
		if got != w.answer || a.LagDays != w.lag || a.Explicit != w.explicit || a.SameQuad != w.sameQuad {
			t.Errorf("%s: answer %q lag %d explicit %v same quad %v; want %q %d %v %v",
				a.Event.ID, got, a.LagDays, a.Explicit, a.SameQuad, w.answer, w.lag, w.explicit, w.sameQuad)
		}
	}
	if d.Undated != 1 {
		t.Errorf("undated = %d, want 1", d.Undated)
	}
	if d.All.Events != 5 || d.All.Answered != 2 || d.All.InKind != 2 {
		t.Errorf("all = %+v, want 5 events, 2 answered, 2 in kind", d.All)
	}
	if d.All.Index != 0.4 {
		t.Errorf("index = %v, want 0.4", d.All.Index)
	}
	if d.All.MeanLag == nil || *d.All.MeanLag != 11.5 {
		t.Errorf("mean lag = %v, want 11.5", d.All.MeanLag)
	}
	for q, w := range map[int][2]int{1: {1, 1}, 2: {1, 0}, 3: {2, 0}, 4: {1, 1}} {
		if c := d.ByQuad[q]; c.Events != w[0] || c.Answered != w[1] {
			t.Errorf("quad %d: %d events %d answered, want %d %d", q, c.Events, c.Answered, w[0], w[1])
		}
	}
	if d.Matrix[4][4] != 1 || d.Matrix[1][1] != 1 {
		t.Errorf("matrix = %v, want [4][4] and [1][1] = 1", d.Matrix)
	}
}

func TestMeasureWindowEdges(t *testing.T) {
	act := []event.Event{ev("a", "x", 0, "RUS", "COL", "2020-12-01", 4, "SANCTION")}
	for _, tc := range []struct {
		reply  string
		within int
		lag    int // -1: unanswered
	}{
		{"2020-12-01", 0, 0},   // same day, another article: answered
		{"2020-12-31", 30, 30}, // exactly at the window's end
		{"2021-01-01", 30, -1}, // one day late
		{"2020-11-30", 30, -1}, // before the event
	} {
		replies := []event.Event{ev("b", "y", 0, "COL", "RUS", tc.reply, 4, "SANCTION")}
		d := Measure("RUS", "COL", act, replies, tc.within)
		a := d.Answers[0]
		switch {
		case tc.lag < 0 && a.Answer != nil:
			t.Errorf("reply %s within %d: answered, want unanswered", tc.reply, tc.within)
		case tc.lag >= 0 && (a.Answer == nil || a.LagDays != tc.lag):
			t.Errorf("reply %s within %d: %+v, want lag %d", tc.reply, tc.within, a, tc.lag)
		}
	}
}

func TestComputeReadsBothDirectionsFromTheStore(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put := func(e event.Event) {
		a := article.Article{ID: e.ArticleID, Text: "xxxxxxxxxxxxxxxxxxxx", Published: e.Published}
		if err := s.PutArticle(ctx, a, []event.Event{e}); err != nil {
			t.Fatal(err)
		}
	}
	put(ev("a1", "art1", 0, "RUSGOV", "COLGOV", "2020-12-23", 4, "SANCTION"))
	put(ev("a2", "art2", 0, "RUSGOV", "COLGOV", "2021-02-01", 3, "ACCUSE")) // after To: not answered, but may answer
	put(ev("b1", "art3", 0, "COLGOV", "RUSGOV", "2020-12-30", 4, "SANCTION"))
	put(ev("b2", "art4", 0, "COLGOV", "RUSGOV", "2021-01-20", 3, "ACCUSE"))
	put(ev("c1", "art5", 0, "USAGOV", "COLGOV", "2020-12-24", 4, "SANCTION")) // another dyad

	r, err := Compute(ctx, s, Query{A: "RUS", B: "COL", Within: 30, To: "2020-12"})
	if err != nil {
		t.Fatal(err)
	}
	if r.AB.All.Events != 1 || r.AB.All.Answered != 1 || r.AB.Answers[0].LagDays != 7 {
		t.Errorf("RUS→COL: %+v, want 1 event answered after 7 days", r.AB.All)
	}
	// b1 (Dec 30) is in the period; its answer would be a2 (Feb 1), 33 days later.
	if r.BA.All.Events != 1 || r.BA.All.Answered != 0 {
		t.Errorf("COL→RUS: %+v, want 1 event, unanswered within 30 days", r.BA.All)
	}
	r, err = Compute(ctx, s, Query{A: "RUS", B: "COL", Within: 40, To: "2020-12"})
	if err != nil {
		t.Fatal(err)
	}
	if r.BA.All.Answered != 1 || r.BA.Answers[0].Answer.ID != "a2" {
		t.Errorf("COL→RUS within 40 days: %+v, want answered by a2 (after the period's end)", r.BA.Answers)
	}

	for _, q := range []Query{
		{A: "RUS", B: "COL", Within: -1},
		{A: "RUS", B: ""},
		{A: "RUS", B: "COL", To: "Christmas"},
		{A: "RUS", B: "COL", From: "2020-13-01"},
	} {
		if _, err := Compute(ctx, s, q); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("%+v: err = %v, want a bad filter", q, err)
		}
	}
}

func TestChanceIsTheShareOfDaysWithAReplyInTheWindow(t *testing.T) {
	acts := []event.Event{
		ev("a1", "x1", 0, "RUS", "COL", "2020-01-01", 4, ""),
		ev("a2", "x2", 0, "RUS", "COL", "2020-01-10", 4, ""),
	}
	replies := []event.Event{ev("b1", "y1", 0, "COL", "RUS", "2020-01-05", 4, "")}
	// Days 1-10; a reply on day 5 is within 2 days of days 3, 4 and 5.
	if got := Measure("RUS", "COL", acts, replies, 2).Chance; got != 0.3 {
		t.Errorf("chance = %v, want 0.3", got)
	}
	if got := Measure("RUS", "COL", acts, nil, 2).Chance; got != 0 {
		t.Errorf("chance without replies = %v, want 0", got)
	}
}

// TestCoarseDatesAndPublicationDates: an event dated only to the month counts when an
// answer names it (the lag is then an upper bound from the month's first day); within
// one article, an event dated only by publication is nobody's answer.
func TestCoarseDatesAndPublicationDates(t *testing.T) {
	colExpels := ev("c1", "seed", 200, "COLGOV", "RUSGOV", "2020-12", 4, "SANCTION")
	colExpels.Date.Precision = "month"
	colAccuses := ev("c2", "seed", 300, "COLGOV", "RUSGOV", "2020-12-24", 3, "ACCUSE")
	colAccuses.Date.Precision = "published"
	rusExpels := ev("r1", "seed", 7, "RUS", "COLGOV", "2020-12-23", 4, "SANCTION", "c1")
	colLater := ev("c3", "seed", 150, "COLGOV", "RUSGOV", "2020-12", 1, "CONSULT")
	colLater.Date.Precision = "month"

	d := Measure("COL", "RUS", []event.Event{colExpels, colLater}, []event.Event{rusExpels}, 30)
	if d.All.Events != 1 || d.All.Answered != 1 || d.Undated != 1 {
		t.Fatalf("events %d answered %d undated %d; want 1, 1, 1", d.All.Events, d.All.Answered, d.Undated)
	}
	a := d.Answers[0]
	if a.Answer == nil || a.Answer.ID != "r1" || !a.Explicit || !a.LagApprox || a.LagDays != 22 {
		t.Errorf("answer %+v; want r1, explicit, a lag of at most 22 days", a)
	}
	back := Measure("RUS", "COL", []event.Event{rusExpels}, []event.Event{colExpels, colAccuses}, 30)
	if back.All.Answered != 0 {
		t.Errorf("Russia's expulsion answered by %v; the accusation has only the publication date", back.Answers[0].Answer.ID)
	}
}
