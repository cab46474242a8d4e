package eval

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/event"
	"dyad/internal/shareddata"
)

// goldCoder returns the events listed for each text, and none for other texts. It
// records the published date it was given per text.
type goldCoder struct {
	events    map[string][]event.Event
	published map[string]string
}

func newGoldCoder() *goldCoder {
	return &goldCoder{events: map[string][]event.Event{}, published: map[string]string{}}
}

func (f *goldCoder) code(text, published string) []event.Event {
	f.published[text] = published
	return f.events[text]
}

// ploverEvent is an event with a PLOVER type, actor texts and a confidence.
func ploverEvent(typ, src, tgt string, conf float64) event.Event {
	ev := event.Event{Plover: &event.Plover{Event: typ}, Confidence: conf}
	if src != "" {
		ev.Source = &event.Actor{Text: src}
	}
	if tgt != "" {
		ev.Target = &event.Actor{Text: tgt}
	}
	return ev
}

func writeGoldFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustMetric(t *testing.T, rep *Report, name string) float64 {
	t.Helper()
	v, ok := rep.Metric(name)
	if !ok {
		t.Fatalf("no metric %q in %+v", name, rep.Metrics)
	}
	return v
}

func approxEqual(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestNormalizePlover(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		known bool
	}{
		{"ACCUSE", "ACCUSE", true},
		{" accuse ", "ACCUSE", true},
		{"CONCEDE", "YIELD", true},
		{"RETREAT", "YIELD", true},
		{"YIELD", "YIELD", true},
		{"DEMAND", "REQUEST", true},
		{"DISAPPROVE", "ACCUSE", true},
		{"FIGHT", "ASSAULT", true},
		{"INVESTIGATE", "ACCUSE", true},
		{"DOCUMENT", "DOCUMENT", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, known := NormalizePlover(tt.in)
		if got != tt.want || known != tt.known {
			t.Errorf("NormalizePlover(%q) = %q, %v; want %q, %v", tt.in, got, known, tt.want, tt.known)
		}
	}
}

func TestEventPloverFallsBackOnCAMEORoot(t *testing.T) {
	tests := []struct {
		name string
		ev   *event.Event
		want string
	}{
		{"nil", nil, ""},
		{"plover wins", &event.Event{Plover: &event.Plover{Event: "RETREAT"}, CAMEO: "111"}, "YIELD"},
		{"cameo 161", &event.Event{CAMEO: "161"}, "SANCTION"},
		{"cameo 0874", &event.Event{CAMEO: "0874"}, "YIELD"},
		{"cameo 01 has no type", &event.Event{CAMEO: "010"}, ""},
		{"nothing", &event.Event{}, ""},
		{"unknown name kept", &event.Event{Plover: &event.Plover{Event: "bogus"}}, "BOGUS"},
	}
	for _, tt := range tests {
		if got := EventPlover(tt.ev); got != tt.want {
			t.Errorf("%s: eventPlover = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMostConfident(t *testing.T) {
	evs := []event.Event{
		{CAMEO: "a", Confidence: 0.5},
		{CAMEO: "b", Confidence: 0.9},
		{CAMEO: "c", Confidence: 0.9},
		{CAMEO: "d", Confidence: 0.1},
	}
	if got := MostConfident(evs); got == nil || got.CAMEO != "b" {
		t.Errorf("mostConfident = %+v, want the first of the 0.9 events (b)", got)
	}
	if got := MostConfident(nil); got != nil {
		t.Errorf("MostConfident(nil) = %+v, want nil", got)
	}
}

func TestTextsMatchWordOverlap(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{"Russia", "Russia", true},
		{"Russia", "russia", true},
		{"U.S. Supreme Court decision", "the U.S. Supreme Court", true},   // 4 shared of 5 and 5
		{"Iranian Foreign Minister Mohammad Javad Zarif", "Zarif", false}, // 1 of 6 gold words
		{"Russia", "Russia's foreign ministry spokesman", false},          // 1 of 5 predicted words
		{"a b", "a c", true},                                              // exactly half of both
		{"a b c", "a c d", true},                                          // 2 of 3 and 2 of 3
		{"a b c", "a x y", false},
		{"a b c d", "a b", true}, // half of gold, all of predicted
		{"a b c d", "a", false},  // a quarter of gold
		{"Côte d'Ivoire", "côte d’ivoire", true},
		{"Russia", "", false},
		{"", "Russia", false},
		{"--", "--", false},                      // no words at all
		{"Russia Russia Russia", "Russia", true}, // words are a set
	}
	for _, tt := range tests {
		if got := TextsMatch(tt.gold, tt.pred); got != tt.want {
			t.Errorf("TextsMatch(%q, %q) = %v, want %v", tt.gold, tt.pred, got, tt.want)
		}
	}
}

func TestLoadPLVReportsBadRowsAndKeepsTheRest(t *testing.T) {
	// Columns in another order than the real file, a no-event label, a multi-line
	// quoted text, an unknown label, a short row and a bare quote.
	in := "label,source,text,target\n" +
		"ACCUSE,Ukraine,Ukraine accuses Russia.,Russia\n" +
		"NONE,,Nothing happened.,\n" +
		"CONCEDE,Israel,\"Israel released\nprisoners.\",Palestinians\n" +
		"SHOUT,A,A shouts at B.,B\n" +
		"AID,X\n" +
		"AID,X,X \"aids\" Y,Y\n" +
		"ASSAULT,Rebels,Rebels attacked the town.,town\n"
	problems := &goldProblems{path: "t.csv"}
	recs, skipped, err := loadPLV(strings.NewReader(in), problems)
	if err != nil {
		t.Fatal(err)
	}
	wantLabels := []string{"ACCUSE", "", "YIELD", "ASSAULT"}
	if len(recs) != len(wantLabels) {
		t.Fatalf("got %d records %+v, want %d", len(recs), recs, len(wantLabels))
	}
	for i, w := range wantLabels {
		if recs[i].label != w {
			t.Errorf("record %d label %q, want %q", i, recs[i].label, w)
		}
	}
	if recs[0].text != "Ukraine accuses Russia." || recs[0].source != "Ukraine" || recs[0].target != "Russia" {
		t.Errorf("columns read by header name wrongly: %+v", recs[0])
	}
	if recs[3].line != 9 {
		t.Errorf("last record at line %d, want 9 (the quoted text spans two lines)", recs[3].line)
	}
	if skipped != 3 {
		t.Errorf("skipped %d, want 3", skipped)
	}
	got := strings.Join(problems.list(), "\n")
	for _, want := range []string{"t.csv:6: unknown PLOVER label \"SHOUT\"", "t.csv:7: 2 fields", "t.csv:8:"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
}

func TestLoadPLVWithoutLabelColumnIsAnError(t *testing.T) {
	_, _, err := loadPLV(strings.NewReader("text,source\na,b\n"), &goldProblems{path: "t.csv"})
	if err == nil || !strings.Contains(err.Error(), "label") {
		t.Errorf("err = %v, want one naming the missing label column", err)
	}
}

const plvSample = "text,label,meta,context,source,target\n" +
	"Ukraine accuses Russia of sending tanks.,ACCUSE,,,Ukraine,Russia\n" +
	"Israel released 20 prisoners to the Palestinians.,YIELD,,,Israel,Palestinians\n" +
	"Rebels attacked the town of Goma.,ASSAULT,,,Rebels,town of Goma\n"

func TestScorePLV(t *testing.T) {
	path := writeGoldFile(t, "plv.csv", plvSample)
	const (
		t1 = "Ukraine accuses Russia of sending tanks."
		t2 = "Israel released 20 prisoners to the Palestinians."
		t3 = "Rebels attacked the town of Goma."
	)
	tests := []struct {
		name                     string
		events                   map[string][]event.Event
		accuracy, source, target float64
		noEvent                  float64
		wantKind                 string
	}{
		{
			name: "all right, CONCEDE counts as YIELD, most confident chosen",
			events: map[string][]event.Event{
				t1: {ploverEvent("THREATEN", "Kyiv", "Moscow", 0.2), ploverEvent("ACCUSE", "Ukraine", "Russia", 0.8)},
				t2: {ploverEvent("CONCEDE", "Israel", "the Palestinians", 0.7)},
				t3: {ploverEvent("ASSAULT", "Rebels", "Goma", 0.9)}, // "goma" is 1 of 3 gold words: no
			},
			accuracy: 1, source: 1, target: 2.0 / 3, noEvent: 0, wantKind: "wrong target",
		},
		{
			name: "all wrong",
			events: map[string][]event.Event{
				t1: {ploverEvent("PROTEST", "Russia", "Ukraine", 0.8)},
				t2: {ploverEvent("ASSAULT", "Palestinians", "Israel", 0.8)},
				t3: {ploverEvent("AID", "town", "rebels", 0.8)},
			},
			accuracy: 0, source: 0, target: 0, noEvent: 0, wantKind: "wrong type",
		},
		{
			name:     "no events count as wrong",
			events:   map[string][]event.Event{},
			accuracy: 0, source: 0, target: 0, noEvent: 1, wantKind: "no event",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := newGoldCoder()
			fc.events = tt.events
			rep, err := scorePLV(Options{Code: fc.code}, path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Records != 3 || rep.Skipped != 0 {
				t.Errorf("records %d skipped %d, want 3 and 0", rep.Records, rep.Skipped)
			}
			for name, want := range map[string]float64{
				"event-type accuracy": tt.accuracy, "source match": tt.source,
				"target match": tt.target, "no event predicted": tt.noEvent,
			} {
				if got := mustMetric(t, rep, name); !approxEqual(got, want) {
					t.Errorf("%s = %.3f, want %.3f", name, got, want)
				}
			}
			found := false
			for _, ex := range rep.Errors {
				found = found || ex.Kind == tt.wantKind
			}
			if !found {
				t.Errorf("no error example of kind %q in %+v", tt.wantKind, rep.Errors)
			}
			if len(rep.Tables) < 2 || !strings.HasPrefix(rep.Tables[1].Title, "Confusion") {
				t.Fatalf("tables %+v lack the labelConfusion matrix", rep.Tables)
			}
		})
	}
}

func TestScorePLVNoEventGold(t *testing.T) {
	path := writeGoldFile(t, "plv.csv", "text,label,source,target\nCalm day.,NONE,,\nQuiet day.,NONE,,\n")
	fc := newGoldCoder()
	fc.events["Quiet day."] = []event.Event{ploverEvent("ASSAULT", "x", "y", 0.5)}
	rep, err := scorePLV(Options{Code: fc.code}, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustMetric(t, rep, "event-type accuracy"); !approxEqual(got, 0.5) {
		t.Errorf("accuracy %.2f, want 0.5: nothing coded is right for a no-event gold, an event is wrong", got)
	}
	if m, _ := rep.Metric("source match"); m != 0 {
		t.Errorf("source match %v over no gold sources, want 0", m)
	}
	for _, mt := range rep.Metrics {
		if mt.Name == "source match" && mt.N != 0 {
			t.Errorf("source match counted %d items with no gold source", mt.N)
		}
	}
}

func TestConfusionMatrixCounts(t *testing.T) {
	c := labelConfusion{{"ACCUSE", "ACCUSE"}: 2, {"ACCUSE", ""}: 1, {"YIELD", "ACCUSE"}: 3}
	tab := c.table("m", ploverTypes)
	want := [][]string{{"YIELD", "3", "0"}, {"ACCUSE", "2", "1"}} // rows in PLOVER order
	if strings.Join(tab.Header, ",") != "gold \\ predicted,ACCUSE,(none)" {
		t.Errorf("header %q", tab.Header)
	}
	if len(tab.Rows) != 2 {
		t.Fatalf("rows %q", tab.Rows)
	}
	for i := range want {
		if strings.Join(tab.Rows[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("row %d = %q, want %q", i, tab.Rows[i], want[i])
		}
	}
}

func TestPLVRealFileLoads(t *testing.T) {
	path := shareddata.Path(t, "data/gold/plv/plv-train.csv")
	rep, err := scorePLV(Options{Code: newGoldCoder().code}, path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 1050 || rep.Skipped != 0 || len(rep.Problems) != 0 {
		t.Errorf("records %d skipped %d problems %q; want 1050, 0, none", rep.Records, rep.Skipped, rep.Problems)
	}
}

func TestScorersRejectFilesWithoutRecords(t *testing.T) {
	scorers := map[string]Scorer{"plv": scorePLV, "conflibert": scoreConfliBERT, "plover-gsr": scorePloverGSR, "petrarch": scorePetrarch}
	for name, score := range scorers {
		for _, content := range []string{"", "\n\n"} {
			path := writeGoldFile(t, "empty", content)
			if rep, err := score(Options{Code: newGoldCoder().code}, path); err == nil {
				t.Errorf("%s on %q: no error, report %+v", name, content, rep)
			}
		}
		if _, err := score(Options{}, writeGoldFile(t, "x", "x")); err == nil {
			t.Errorf("%s without a coder: no error", name)
		}
	}
}

// The report keeps ten wrong records of a kind by default, and all of them when asked.
func TestErrorsPerKind(t *testing.T) {
	var b strings.Builder
	b.WriteString("text,label,source,target\n")
	for i := range 14 {
		fmt.Fprintf(&b, "\"Gondor expelled %d diplomats of Mordor.\",SANCTION,Gondor,Mordor\n", i)
	}
	path := filepath.Join(t.TempDir(), "plv.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	none := func(string, string) []event.Event { return nil }
	for _, tt := range []struct{ perKind, want int }{{0, 10}, {3, 3}, {-1, 14}} {
		rep, err := scorePLV(Options{Code: none, ErrorsPerKind: tt.perKind}, path)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Errors) != tt.want {
			t.Errorf("ErrorsPerKind %d: %d wrong records listed, want %d", tt.perKind, len(rep.Errors), tt.want)
		}
	}
}
