package eval

import (
	"strings"
	"testing"

	"dyad/internal/event"
	"dyad/internal/shareddata"
)

const gsrSample = `[
{"id": "DOC-1", "event": "DOCUMENT", "eventText": "documentation"},
{"id": "R1", "date": "2000-01-01", "event": "DEMAND",
 "source": [{"actorText": "Serbia", "code": "SRB", "sector": "GOV"}],
 "target": [{"actorText": "NATO", "code": "IGO", "sector": "***"}],
 "text": "Serbia demanded that NATO stop the bombing."},
{"id": "R2", "date": "2000-01-01", "event": "CONCEDE",
 "source": [{"actorText": "Hungarian", "code": "HUN"}, {"actorText": "Romanian", "code": "ROU"}],
 "target": "diplomatic",
 "text": "Hungary and Romania lifted the curfew."},
{"id": "R3", "event": "SHOUT", "text": "Someone shouted."},
{"id": "R4", "event": "FIGHT", "text": 42},
{"id": "R5", "event": "FIGHT", "source": null, "target": [{"actorText": "Iraqi civilians", "code": "IRQ", "sector": "CVL"}],
 "text": "Iraqi civilians were shelled."},
{"id": "R6", "event": "AGREE", "text": "trunc`

func TestLoadPloverGSR(t *testing.T) {
	problems := &goldProblems{path: "g.json"}
	recs, skipped := loadPloverGSR([]byte(gsrSample), problems)
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3 (R1, R2, R5): %+v", len(recs), recs)
	}
	if recs[0].id != "R1" || recs[0].label != "REQUEST" || recs[0].line != 3 || recs[0].date != "2000-01-01" {
		t.Errorf("R1 = %+v", recs[0])
	}
	if len(recs[0].sources) != 1 || recs[0].sources[0].full() != "SRBGOV" || recs[0].targets[0].full() != "IGO" {
		t.Errorf("R1 actors %+v → %+v", recs[0].sources, recs[0].targets)
	}
	if recs[1].label != "YIELD" || len(recs[1].sources) != 2 || len(recs[1].targets) != 0 {
		t.Errorf("R2 = %+v", recs[1])
	}
	if recs[2].label != "ASSAULT" || len(recs[2].sources) != 0 || len(recs[2].targets) != 1 {
		t.Errorf("R5 = %+v", recs[2])
	}
	if skipped != 3 {
		t.Errorf("skipped %d, want 3 (R3 unknown event, R4 bad text, R6 truncated)", skipped)
	}
	got := strings.Join(problems.list(), "\n")
	for _, want := range []string{
		`g.json:7: R2: target is "diplomatic"`,
		`g.json:11: R3: unknown PLOVER event "SHOUT"`,
		`g.json:12: json: cannot unmarshal number`,
		`g.json:15: JSON syntax`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems\n%s\nlack %q", got, want)
		}
	}
}

func TestActorMatchCountryAndFullCode(t *testing.T) {
	usaGov := []gsrActor{{Code: "USA", Sector: "GOV"}}
	tests := []struct {
		name          string
		gold          []gsrActor
		pred          *event.Actor
		country, full bool
	}{
		{"same code", usaGov, &event.Actor{Code: "USAGOV", Country: "USA"}, true, true},
		{"lower case", usaGov, &event.Actor{Code: "usagov"}, true, true},
		{"other sector", usaGov, &event.Actor{Code: "USAMIL", Country: "USA"}, true, false},
		{"country only", usaGov, &event.Actor{Country: "USA"}, true, false},
		{"country and sectors", usaGov, &event.Actor{Country: "USA", Sectors: []string{"GOV"}}, true, true},
		{"other country", usaGov, &event.Actor{Code: "RUSGOV", Country: "RUS"}, false, false},
		{"no actor", usaGov, nil, false, false},
		{"unknown sector dropped", []gsrActor{{Code: "ISR", Sector: "***"}}, &event.Actor{Code: "ISR"}, true, true},
		{"IGO by code prefix", []gsrActor{{Code: "IGO"}}, &event.Actor{Code: "IGOUNO"}, true, false},
		{"compound gold", []gsrActor{{Code: "HUN"}, {Code: "ROU"}}, &event.Actor{Code: "ROU"}, true, true},
	}
	for _, tt := range tests {
		c, f := actorMatch(tt.gold, tt.pred)
		if c != tt.country || f != tt.full {
			t.Errorf("%s: country %v full %v, want %v %v", tt.name, c, f, tt.country, tt.full)
		}
	}
}

func TestScorePloverGSR(t *testing.T) {
	path := writeGoldFile(t, "g.json", `[
{"id": "R1", "date": "2000-01-01", "event": "DEMAND",
 "source": [{"actorText": "Serbia", "code": "SRB", "sector": "GOV"}],
 "target": [{"actorText": "NATO", "code": "IGO"}],
 "text": "Serbia demanded that NATO stop the bombing."},
{"id": "R2", "date": "2000-01-01", "event": "DISAPPROVE",
 "source": [{"actorText": "Russia", "code": "RUS"}],
 "text": "Russia criticised the plan."}
]`)
	const t1, t2 = "Serbia demanded that NATO stop the bombing.", "Russia criticised the plan."
	actorEvent := func(typ, src, tgt string) event.Event {
		ev := event.Event{Plover: &event.Plover{Event: typ}, Source: &event.Actor{Code: src}}
		if tgt != "" {
			ev.Target = &event.Actor{Code: tgt}
		}
		return ev
	}
	tests := []struct {
		name   string
		events map[string][]event.Event
		want   map[string]float64
	}{
		{"all right", map[string][]event.Event{
			t1: {actorEvent("REQUEST", "SRBGOV", "IGO")},
			t2: {actorEvent("ACCUSE", "RUS", "")},
		}, map[string]float64{"event-type accuracy": 1, "source country match": 1, "source code match": 1, "target country match": 1, "target code match": 1}},
		{"right countries, wrong sectors and types", map[string][]event.Event{
			t1: {actorEvent("THREATEN", "SRBMIL", "IGOUNO")},
			t2: {actorEvent("REJECT", "RUSGOV", "")},
		}, map[string]float64{"event-type accuracy": 0, "source country match": 1, "source code match": 0, "target country match": 1, "target code match": 0}},
		{"no events", map[string][]event.Event{},
			map[string]float64{"event-type accuracy": 0, "source country match": 0, "target code match": 0, "no event predicted": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := newGoldCoder()
			fc.events = tt.events
			rep, err := scorePloverGSR(Options{Code: fc.code}, path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Records != 2 {
				t.Errorf("records %d, want 2", rep.Records)
			}
			for name, want := range tt.want {
				if got := mustMetric(t, rep, name); !approxEqual(got, want) {
					t.Errorf("%s = %.3f, want %.3f", name, got, want)
				}
			}
			if fc.published[t1] != "2000-01-01" {
				t.Errorf("record date not passed as published: %q", fc.published[t1])
			}
		})
	}
}

func TestPloverGSRRealFileLoads(t *testing.T) {
	path := shareddata.Path(t, "data/gold/plover-gsr/PLOVER_GSR_CAMEO.txt")
	rep, err := scorePloverGSR(Options{Code: newGoldCoder().code}, path)
	if err != nil {
		t.Fatal(err)
	}
	// The one problem is PLOVER-GSR01-AGREE-0007, whose target is the string
	// "diplomatic" (a context, misplaced); the record is kept without a target.
	if rep.Records != 322 || rep.Skipped != 0 || len(rep.Problems) != 1 {
		t.Errorf("records %d skipped %d problems %q; want 322, 0, one", rep.Records, rep.Skipped, rep.Problems)
	}
}
