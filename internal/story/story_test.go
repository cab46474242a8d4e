package story

import (
	"testing"
	"time"

	"dyad/internal/coder"
	"dyad/internal/event"
	"dyad/internal/lexicon"
	"dyad/internal/places"
	"dyad/internal/text"
)

func actor(code, country string) *event.Actor {
	return &event.Actor{Code: code, Country: country}
}

func ev(sentence int, trigger event.Span, cameo, plover string, src, tgt *event.Actor) event.Event {
	return event.Event{
		Sentence: sentence, Trigger: trigger, CAMEO: cameo, Source: src, Target: tgt,
		Plover:   &event.Plover{Event: plover},
		Modality: event.Modality{Mood: event.MoodAsserted},
		Mentions: []event.Mention{{Sentence: sentence}}, Confidence: 0.7,
	}
}

func TestMergeMentions(t *testing.T) {
	rus, col := actor("RUS", "RUS"), actor("COLGOV", "COL")
	evs := []event.Event{
		ev(0, event.Span{Start: 7}, "161", "SANCTION", rus, col),
		ev(1, event.Span{Start: 90}, "111", "ACCUSE", actor("RUSGOV", "RUS"), col),
		ev(2, event.Span{Start: 150}, "1612", "SANCTION", actor("RUSGOV", "RUS"), nil),
		ev(3, event.Span{Start: 200}, "114", "ACCUSE", rus, col),
		ev(4, event.Span{Start: 260}, "161", "SANCTION", col, rus),
	}
	got := mergeMentions(evs)
	if len(got) != 4 {
		t.Fatalf("merged into %d events, want 4: %+v", len(got), got)
	}
	first := got[0]
	if len(first.Mentions) != 2 || first.CAMEO != "1612" || first.Target == nil || first.Confidence <= 0.7 {
		t.Errorf("expulsion: mentions %d, cameo %s, target %v, confidence %.2f; want 2 mentions, the deeper code 1612, a target, more confidence",
			len(first.Mentions), first.CAMEO, first.Target, first.Confidence)
	}
	if got[1].CAMEO != "111" || got[2].CAMEO != "114" {
		t.Errorf("a denunciation and a summons are two events; got %s and %s", got[1].CAMEO, got[2].CAMEO)
	}
}

func TestDatesKeepEventsApart(t *testing.T) {
	a := ev(0, event.Span{}, "190", "ASSAULT", actor("RUS", "RUS"), actor("UKR", "UKR"))
	b := a
	a.Date = &event.Date{Value: "2022-03-01", Precision: "day"}
	b.Date = &event.Date{Value: "2022-03-05", Precision: "day"}
	if n := len(mergeMentions([]event.Event{a, b})); n != 2 {
		t.Errorf("attacks on different days merged into %d event(s)", n)
	}
	b.Date = &event.Date{Value: "2022-03", Precision: "month"}
	if n := len(mergeMentions([]event.Event{a, b})); n != 1 {
		t.Errorf("an attack on 2022-03-01 and one in 2022-03 should merge; got %d", n)
	}
}

func keysOf(s text.Sentence) []string { return lexicon.Keys(s.Tokens) }

func TestLinkResponses(t *testing.T) {
	art := "Russia expelled two Colombians in reciprocity. Colombia had expelled two Russians."
	sents := text.Split(art)
	rusExp := ev(0, event.Span{Text: "expelled", Start: 7, End: 15}, "161", "SANCTION", actor("RUS", "RUS"), actor("COLGOV", "COL"))
	colExp := ev(1, event.Span{Text: "expelled", Start: 60, End: 68}, "161", "SANCTION", actor("COL", "COL"), actor("RUSGOV", "RUS"))
	rusExp.ID, colExp.ID = "r", "c"
	evs := mergeMentions([]event.Event{rusExp, colExp})
	linkResponses(evs, sents, keysOf)
	if len(evs[0].Links) != 1 || evs[0].Links[0].Event != "c" || evs[0].Links[0].Type != "response_to" {
		t.Errorf("Russia's expulsion links = %+v, want response_to c", evs[0].Links)
	}
	if len(evs[1].Links) != 0 {
		t.Errorf("Colombia's expulsion links = %+v, want none", evs[1].Links)
	}
}

func TestAttributions(t *testing.T) {
	art := "Russia expelled two diplomats, Reuters reported. " +
		"According to Tass, the move was symbolic. " +
		"\"The ambassador was informed,\" a statement from the Foreign Ministry read. " +
		"\"We regret it,\" it continued. " +
		"The sky was blue."
	sents := text.Split(art)
	got := attributions(art, sents, keysOf)
	want := []string{"Reuters", "Tass", "the Foreign Ministry", "the Foreign Ministry", ""}
	if len(got) != len(want) {
		t.Fatalf("%d sentences, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := ""
		if got[i] != nil {
			g = got[i].Text
			if art[got[i].Start:got[i].End] != g {
				t.Errorf("sentence %d: span does not slice the text", i)
			}
		}
		if g != w {
			t.Errorf("sentence %d: attribution %q, want %q", i, g, w)
		}
	}
}

func TestPlausibleDate(t *testing.T) {
	pub := time.Date(2020, 12, 24, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		value  string
		future bool
		want   bool
	}{
		{"2020-12-23", false, true}, {"2020-12", false, true}, {"1990s", false, true},
		{"2020-12-25", false, false}, {"0001-01-01", false, false}, {"2050", false, false},
		{"2021-03", true, true}, {"2050", true, false}, {"x", false, false},
	} {
		if got := plausibleDate(tt.value, pub, tt.future); got != tt.want {
			t.Errorf("plausibleDate(%q, future=%v) = %v, want %v", tt.value, tt.future, got, tt.want)
		}
	}
}

func TestLocationOf(t *testing.T) {
	pl, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	art := "Russia expelled two diplomats in Moscow after Colombia acted in Bogotá."
	where := pl.Find(art)
	e := ev(0, event.Span{Text: "expelled", Start: 7, End: 15}, "161", "SANCTION", actor("RUS", "RUS"), actor("COLGOV", "COL"))
	loc := locationOf(art, len(art), where, e, nil)
	if loc == nil || loc.Name != "Moscow" || loc.Country != "RUS" || art[loc.Start:loc.End] != loc.Text || loc.Precision != "city" {
		t.Errorf("location = %+v, want Moscow, RUS, city", loc)
	}
	// "after" ends the trigger's clause: Bogotá is where Colombia acted.
	art2 := "Russia expelled two diplomats after Colombia acted in Bogotá."
	if loc := locationOf(art2, len(art2), pl.Find(art2), e, nil); loc != nil {
		t.Errorf("location across a clause = %+v, want none", loc)
	}
}

func TestResolveProEvents(t *testing.T) {
	rus, col := actor("RUS", "RUS"), actor("COLGOV", "COL")
	expel := ev(0, event.Span{Start: 7}, "161", "SANCTION", rus, col)
	similar := ev(0, event.Span{Start: 60}, "", "", actor("COL", "COL"), actor("RUSGOV", "RUS"))
	similar.Plover, similar.Rule = nil, "pro-event:same/tree"
	answer := ev(2, event.Span{Start: 300}, "", "", actor("RUSGOV", "RUS"), col)
	answer.Plover, answer.Rule = nil, "pro-event:answer/tree"
	lone := ev(3, event.Span{Start: 400}, "", "", actor("VEN", "VEN"), nil)
	lone.Plover, lone.Rule = nil, "pro-event:answer/tree"
	order := ev(1, event.Span{Start: 200}, "1612", "SANCTION", actor("COLGOV", "COL"), actor("RUSGOV", "RUS"))
	got := resolveProEvents([]coder.Candidate{
		{Event: expel},
		{Event: similar, Refers: coder.RefersSame},
		{Event: order},
		{Event: answer, Refers: coder.RefersAnswer},
		{Event: lone, Refers: coder.RefersAnswer},
	})
	if len(got) != 4 {
		t.Fatalf("got %d candidates, want 4 (the answer no event answers dropped)", len(got))
	}
	if got[1].Event.CAMEO != "161" || got[1].Event.Plover == nil || got[1].Event.Plover.Event != "SANCTION" {
		t.Errorf("similar move: %s %v, want the expulsion's 161 SANCTION", got[1].Event.CAMEO, got[1].Event.Plover)
	}
	// The answer answers Colombia's order (told outright), not the similar move.
	if got[3].Event.CAMEO != "1612" {
		t.Errorf("answer: %s, want the code of Colombia's order, 1612", got[3].Event.CAMEO)
	}
}

// A pro-event that refers to a sentence giving an act and the reason for it
// ("ordered the departure of two Russian officials over their alleged espionage")
// refers to the act: the answer answers it, the similar move repeats it.
func TestProEventRefersToActNotItsReason(t *testing.T) {
	col, rus, ven := actor("COLGOV", "COL"), actor("RUSGOV", "RUS"), actor("VENGOV", "VEN")
	order := ev(1, event.Span{Start: 200}, "161", "SANCTION", col, rus)
	accuse := ev(1, event.Span{Start: 280}, "1125", "ACCUSE", col, rus)
	answer := ev(2, event.Span{Start: 400}, "", "", rus, col)
	answer.Plover, answer.Rule = nil, "pro-event:answer/tree"
	similar := ev(3, event.Span{Start: 500}, "", "", ven, rus)
	similar.Plover, similar.Rule = nil, "pro-event:same/tree"
	for _, reason := range []bool{true, false} {
		got := resolveProEvents([]coder.Candidate{
			{Event: order},
			{Event: accuse, Reason: reason},
			{Event: answer, Refers: coder.RefersAnswer},
			{Event: similar, Refers: coder.RefersSame},
		})
		want := "161"
		if !reason { // an accusation told as an event of its own is the nearer one
			want = "1125"
		}
		if len(got) != 4 || got[2].Event.CAMEO != want || got[3].Event.CAMEO != want {
			t.Fatalf("reason %v: %d candidates, answer and similar move coded %q and %q, want %s for both",
				reason, len(got), got[2].Event.CAMEO, got[len(got)-1].Event.CAMEO, want)
		}
	}
}

func TestLinkSequences(t *testing.T) {
	art := "Russia expelled two Colombian diplomats after Colombia expelled two Russians."
	sents := text.Split(art)
	rus, col := actor("RUS", "RUS"), actor("COL", "COL")
	later := &merged{Event: ev(0, event.Span{Start: 7, End: 15}, "161", "SANCTION", rus, col)}
	later.ID, later.triggers = "later", []event.Span{later.Trigger}
	earlier := &merged{Event: ev(0, event.Span{Start: 55, End: 63}, "161", "SANCTION", col, rus)}
	earlier.ID, earlier.triggers = "earlier", []event.Span{earlier.Trigger}
	linkSequences([]*merged{later, earlier}, sents, func(s text.Sentence) []string { return lexicon.Keys(s.Tokens) })
	if len(later.Links) != 1 || later.Links[0].Event != "earlier" || len(earlier.Links) != 0 {
		t.Errorf("links: later %v, earlier %v; want later response_to earlier", later.Links, earlier.Links)
	}
}

func TestGeneralTalk(t *testing.T) {
	cvl := &event.Actor{Code: "CVL", Sectors: []string{"CVL"}}
	cop := &event.Actor{Code: "COP", Sectors: []string{"COP"}}
	usa := actor("USAGOV", "USA")
	tests := []struct {
		src   *event.Actor
		cameo string
		want  bool
	}{
		{cvl, "046", true},  // "people are going to negotiate great plans"
		{cvl, "145", false}, // civilians rioting are news
		{cop, "040", false}, // the police meeting someone are an arm of a state
		{usa, "051", false},
	}
	for _, tt := range tests {
		ev := ev(0, event.Span{}, tt.cameo, "", tt.src, usa)
		if got := generalTalk(ev); got != tt.want {
			t.Errorf("%s %s: generalTalk %v, want %v", tt.src.Code, tt.cameo, got, tt.want)
		}
	}
}
