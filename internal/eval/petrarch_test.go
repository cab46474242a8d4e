package eval

import (
	"strings"
	"testing"

	"dyad/internal/event"
	"dyad/internal/shareddata"
)

// petrXMLSample mimics the UD-PETRARCH file: a header comment with a nested
// comment (not legal XML), a <PLEvent> line, and records with each flag.
const petrXMLSample = `<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!--
#   Use <Sentence ... evaluate="false"> to bypass, with a comment in <!-- ... --> explaining why
#   The lines beginning with <PLEvent... are ignored
-->
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A.txt</Actorfile>
</Environment>
<Sentences>
<Sentence category="DEMO" date="19950101" id="DEMO-01" evaluate="true">
<!-- two events, one repeated -->
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<EventCoding eventcode="050" sourcecode="arn" targetcode="GON" />
<EventCoding eventcode="064" sourcecode="ARN" targetcode="DAG" />
<PLEvent {"event": "050", "source": [{"code": "ARN"}], "target": [{"code": "GON"}]}>
<Text>
Arnor restored ties with
   Gondor &amp; Dagolath.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	0	root	_	_
</Parse></Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence category="DEMO" date="19950102" id="DEMO-02" evaluate="true">
<EventCoding noevents="True" />
<Text>Nothing happened.</Text>
</Sentence>
<Sentence category="ERROR" date="19950101" id="DISCARD-01" evaluate="true">
<EventCoding error="storydiscard" />
<Text>A typhoon trashed the embassy.</Text>
</Sentence>
<Sentence category="ERROR" date="19950101" id="ERROR-02" evaluate="true">
<EventCoding error="bad_input_parse" />
<Text>Arnor restored ties.</Text>
</Sentence>
<Sentence category="VERB" date="19950101" id="VERB-22" evaluate="false">
<EventCoding eventcode="111" sourcecode="ARN" targetcode="GON" />
<Text>Arnor criticised Gondor.</Text>
</Sentence>
<Sentence date = "1995-01-03" id ="DEMO-04" category="DEMO" sentence="false">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Arnor is about to restore ties.</Text>
</Sentence>
<Sentence category="DEMO" date="19950101" id="BROKEN-01" evaluate="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode=GON />
<Text>Broken attribute.</Text>
</Sentence>
<Sentence category="DEMO" date="19950101" id="OPEN-01" evaluate="true">
<Text>Never closed.</Text>
<Sentence category="MODIFY" date="nodate" id="MODIFY-01" evaluate="true">
<EventCoding eventcode="120" sourcecode='"NEW ACTOR"' targetcode="GON" />
<Text>A new actor rejected Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
`

func TestLoadPetrarchXML(t *testing.T) {
	problems := &goldProblems{path: "p.xml"}
	suite := loadPetrarch([]byte(petrXMLSample), problems)
	type want struct {
		id, published, text, exclude, expected string
		oneSided                               bool
	}
	wants := []want{
		{"DEMO-01", "1995-01-01", "Arnor restored ties with Gondor & Dagolath.", "", "ARN→DAG 064; ARN→GON 050", false},
		{"DEMO-02", "1995-01-02", "Nothing happened.", "", "(no event)", true},
		{"DISCARD-01", "1995-01-01", "A typhoon trashed the embassy.", "", "(no event)", true},
		{"ERROR-02", "1995-01-01", "Arnor restored ties.", `error="bad_input_parse" (PETRARCH input check)`, "(no event)", true},
		{"VERB-22", "1995-01-01", "Arnor criticised Gondor.", `evaluate="false"`, "ARN→GON 111", true},
		{"DEMO-04", "1995-01-03", "Arnor is about to restore ties.", `sentence="false"`, "ARN→GON 064", true},
		{"MODIFY-01", "", "A new actor rejected Gondor.", "", `"NEW ACTOR"→GON 120`, true},
	}
	if len(suite.records) != len(wants) {
		t.Fatalf("got %d records, want %d: %+v", len(suite.records), len(wants), suite.records)
	}
	for i, w := range wants {
		r := suite.records[i]
		got := want{r.id, r.published, r.text, r.exclude, describeTriples(r.expected), r.oneSided}
		if got != w {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	if suite.skipped != 2 {
		t.Errorf("skipped %d, want 2 (BROKEN-01, OPEN-01)", suite.skipped)
	}
	if strings.Join(suite.dicts, ",") != "V.txt,A.txt" || len(suite.options) != 0 {
		t.Errorf("dicts %q options %q", suite.dicts, suite.options)
	}
	got := strings.Join(problems.list(), "\n")
	for _, want := range []string{"p.xml:47: unquoted or missing attribute value", "p.xml:50: <Sentence> without </Sentence>", `p.xml:52: MODIFY-01: date "nodate"`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems\n%s\nlack %q", got, want)
		}
	}
}

// petrTextSample mimics the PETRARCH-1 text file.
const petrTextSample = `
<!--
#   Records which have been confirmed to work contain a 'valid="true"' tag in <Sentence>
-->
<Environment>
	<Verbfile name="PETR.Validate.verbs.txt">
	<Include categories="valid AGENT DEMO"-->
</Environment>

<Sentence date="19950104" id="DATE-01" category="DATE" valid="true">
<!-- tagged text and parse -->
<EventCoding sourcecode="HOBCIV" targetcode="SHRGOV" eventcode="031">
<Text>
Sam Gamgee will be renewing his
license.
</Text>
<Parse>
(ROOT (S (NP (NNP Sam))))
</Parse>
</Sentence>

<Sentence date="19950101" id="PATTERN-10" category="PATTERN">
<EventCoding sourcecode="ARN" targetcode="G77" eventcode="095">
Arnor called for the Group of 77
to support its position
(ROOT
  (S
    (NP (NNP Arnor))))
</Sentence>

<Sentence date="19950107" id="CONV-07" category="CONV">
<EventCoding sourcecode="ARN" targetcode="~COP" eventcode="023">
Arnor believes police can cope
next month.
month</TIMEX3>] [Text=month CharacterOffsetBegin=70959 CharacterOffsetEnd=70964 PartOfSpeech=NN]
(ROOT (S))
</Sentence>

<Sentence date="19950101" id="AGENT-05" category="AGENT" valid="true">
<Skip>
<EventCoding sourcecode="ARN" targetcode="GONGOV" eventcode="064">
<Text>Arnor restores ties with Gondor's government.</Text>
</Sentence>

 <Sentence date="19950103" id="COMPOUND-23" category="COMPOUND" valid="false">
<EventCoding sourcecode="DAN" targetcode="DOL" eventcode="162">
Dan sanctions Dol.
</Sentence>

<Sentence date="19950103" id="MINWRD-03" category="MINWRD">
<!-- {---} */ -->
Arnor is about to restore diplomatic ties.

<Sentence date="19990101" id="FINAL-01" category="FINAL">
<Text>
This is the end.
</Text>
</Sentence>

<Sentence date="19950112" id="LINELONG-01" category="LINELONG">
<EventCoding sourcecode="ERI" targetcode="OSG" eventcode="172">
Eriador has called for a boycott.
`

func TestLoadPetrarchText(t *testing.T) {
	problems := &goldProblems{path: "p.txt"}
	suite := loadPetrarch([]byte(petrTextSample), problems)
	type want struct {
		id, text, exclude, expected string
	}
	wants := []want{
		{"DATE-01", "Sam Gamgee will be renewing his license.", "", "HOBCIV→SHRGOV 031"},
		{"PATTERN-10", "Arnor called for the Group of 77 to support its position", "", "ARN→G77 095"},
		{"CONV-07", "Arnor believes police can cope next month.", "", "ARN→~COP 023"},
		{"AGENT-05", "Arnor restores ties with Gondor's government.", "<Skip>", "ARN→GONGOV 064"},
		{"COMPOUND-23", "Dan sanctions Dol.", `valid="false"`, "DAN→DOL 162"},
		{"MINWRD-03", "Arnor is about to restore diplomatic ties.", "", "(no event)"},
		{"FINAL-01", "This is the end.", "", "(no event)"},
		{"LINELONG-01", "Eriador has called for a boycott.", "after the FINAL record (needs other settings)", "ERI→OSG 172"},
	}
	if len(suite.records) != len(wants) {
		t.Fatalf("got %d records, want %d: %+v", len(suite.records), len(wants), suite.records)
	}
	for i, w := range wants {
		r := suite.records[i]
		got := want{r.id, r.text, r.exclude, describeTriples(r.expected)}
		if got != w {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	if suite.records[0].published != "1995-01-04" {
		t.Errorf("published %q", suite.records[0].published)
	}
	if suite.skipped != 0 {
		t.Errorf("skipped %d, want 0", suite.skipped)
	}
	if strings.Join(suite.dicts, ",") != "PETR.Validate.verbs.txt" {
		t.Errorf("dicts %q", suite.dicts)
	}
	if got := strings.Join(problems.list(), "\n"); !strings.Contains(got, "p.txt:31: CONV-07: 1 CoreNLP token lines") {
		t.Errorf("problems %q lack the dropped token line", got)
	}
}

func TestScorePetrarch(t *testing.T) {
	path := writeGoldFile(t, "p.xml", `<Validation><Sentences>
<Sentence category="DEMO" date="19950101" id="A" evaluate="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<EventCoding eventcode="064" sourcecode="ARN" targetcode="DAG" />
<Text>Two events.</Text>
</Sentence>
<Sentence category="DEMO" date="19950102" id="B" evaluate="true">
<EventCoding noevents="True" />
<Text>No event.</Text>
</Sentence>
<Sentence category="VERB" date="19950103" id="C" evaluate="true">
<EventCoding eventcode="111" sourcecode="ARN" targetcode="GON" />
<Text>One event.</Text>
</Sentence>
<Sentence category="VERB" date="19950103" id="D" evaluate="false">
<EventCoding eventcode="111" sourcecode="ARN" targetcode="GON" />
<Text>Not evaluated.</Text>
</Sentence>
</Sentences></Validation>`)
	ev := func(src, tgt, cameo string) event.Event {
		return event.Event{Source: &event.Actor{Code: src}, Target: &event.Actor{Code: tgt}, CAMEO: cameo}
	}
	tests := []struct {
		name   string
		events map[string][]event.Event
		want   map[string]float64
	}{
		{"all right, duplicates collapse", map[string][]event.Event{
			"Two events.": {ev("ARN", "GON", "050"), ev("ARN", "DAG", "064"), ev("arn", "gon", "050")},
			"One event.":  {ev("ARN", "GON", "111")},
		}, map[string]float64{"records fully correct": 1, "triple precision": 1, "triple recall": 1, "triple F1": 1,
			"records expecting no event: nothing coded": 1, "records not evaluated (flagged)": 1}},
		{"half found, one extra, one spurious", map[string][]event.Event{
			"Two events.": {ev("ARN", "GON", "050")},                          // 1 of 2: not fully correct
			"No event.":   {ev("ARN", "GON", "010")},                          // spurious
			"One event.":  {ev("ARN", "GON", "111"), ev("GON", "ARN", "111")}, // one extra
		}, map[string]float64{"records fully correct": 0, "triple precision": 2.0 / 4, "triple recall": 2.0 / 3,
			"triple F1": 2 * 2.0 / (4 + 3), "records expecting no event: nothing coded": 0}},
		{"nothing coded", map[string][]event.Event{},
			map[string]float64{"records fully correct": 1.0 / 3, "triple recall": 0, "records expecting events: fully correct": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := newGoldCoder()
			fc.events = tt.events
			rep, err := scorePetrarch(Options{Code: fc.code}, path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Records != 4 || rep.Skipped != 0 {
				t.Errorf("records %d skipped %d, want 4, 0", rep.Records, rep.Skipped)
			}
			for name, want := range tt.want {
				if got := mustMetric(t, rep, name); !approxEqual(got, want) {
					t.Errorf("%s = %.4f, want %.4f", name, got, want)
				}
			}
			if _, coded := fc.published["Not evaluated."]; coded {
				t.Error("a record flagged evaluate=false was coded")
			}
			if fc.published["One event."] != "1995-01-03" {
				t.Errorf("published passed as %q, want 1995-01-03", fc.published["One event."])
			}
		})
	}
}

// TestScorePetrarchRequireDyad checks PETRARCH's require_dyad as the suites set it:
// with CodePETRARCH, events missing an actor are dropped, except after
// <Config option="require_dyad" value="false">, where the missing one is "---".
func TestScorePetrarchRequireDyad(t *testing.T) {
	path := writeGoldFile(t, "r.xml", `<Validation><Sentences>
<Sentence category="DEMO" date="19950101" id="A" evaluate="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<Text>Both required.</Text>
</Sentence>
<Config option="require_dyad" value="False" />
<Sentence category="DEMO" date="19950101" id="B" evaluate="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<EventCoding eventcode="023" sourcecode="---GOV" targetcode="---" />
<Text>One side enough.</Text>
</Sentence>
<Config option="require_dyad" value="true" />
<Sentence category="DEMO" date="19950101" id="C" evaluate="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<Text>Both required again.</Text>
</Sentence>
</Sentences></Validation>`)
	both := event.Event{Source: &event.Actor{Code: "ARN"}, Target: &event.Actor{Code: "GON"}, CAMEO: "050"}
	said := event.Event{Source: &event.Actor{Code: "---GOV"}, Target: &event.Actor{Text: "Saturday"}, CAMEO: "023"}
	fc := newGoldCoder()
	fc.events = map[string][]event.Event{
		"Both required.":       {both, said},
		"One side enough.":     {both, said},
		"Both required again.": {both, said},
	}
	rep, err := scorePetrarch(Options{Code: fc.code, CodePETRARCH: fc.code}, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustMetric(t, rep, "records fully correct"); !approxEqual(got, 1) {
		t.Errorf("records fully correct = %.3f, want 1", got)
	}
	// Without CodePETRARCH (dyad's own conventions) nothing is dropped or filled.
	rep, err = scorePetrarch(Options{Code: fc.code}, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustMetric(t, rep, "records fully correct"); !approxEqual(got, 0) {
		t.Errorf("records fully correct without CodePETRARCH = %.3f, want 0", got)
	}
}

func TestPetrErrorKind(t *testing.T) {
	a := petrTriple{"ARN", "GON", "050"}
	tests := []struct {
		exp, pred []petrTriple
		want      string
	}{
		{[]petrTriple{a}, nil, "missed: nothing coded"},
		{nil, []petrTriple{a}, "spurious: event where none expected"},
		{[]petrTriple{a}, []petrTriple{{"ARN", "GON", "051"}}, "wrong CAMEO code"},
		{[]petrTriple{a}, []petrTriple{{"GON", "ARN", "050"}}, "wrong actors"},
		{[]petrTriple{a, {"X", "Y", "1"}}, []petrTriple{{"Q", "R", "2"}}, "too few events"},
		{[]petrTriple{a}, []petrTriple{{"Q", "R", "2"}, {"S", "T", "3"}}, "too many events"},
	}
	for _, tt := range tests {
		if got := petrErrorKind(tt.exp, tt.pred); got != tt.want {
			t.Errorf("petrErrorKind(%v, %v) = %q, want %q", tt.exp, tt.pred, got, tt.want)
		}
	}
}

func TestPetrarchRealFilesLoad(t *testing.T) {
	tests := []struct {
		file     string
		records  int
		excluded int
	}{
		// 284 <Sentence> elements; 5 sentence="false", 3 input-check errors.
		{"data/gold/petrarch/petr2-unittest/PETR.UnitTest.records.xml", 284, 8},
		// 274 records: grep finds 275 "<Sentence" because the header comment
		// mentions one. 10 evaluate="false", 3 input-check errors.
		{"data/gold/petrarch/ud-validate/PETR_Validate_records_2_02.xml", 274, 13},
		// 405 records (the 406th "<Sentence" is in the header comment).
		{"data/gold/petrarch/petr1-validate/PETR.Validate.records.140226.txt", 405, 15},
	}
	for _, tt := range tests {
		path := shareddata.Path(t, tt.file)
		rep, err := scorePetrarch(Options{Code: newGoldCoder().code}, path)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Records != tt.records || rep.Skipped != 0 {
			t.Errorf("%s: records %d skipped %d, want %d, 0; problems %q", tt.file, rep.Records, rep.Skipped, tt.records, rep.Problems)
		}
		if got := mustMetric(t, rep, "records not evaluated (flagged)"); int(got) != tt.excluded {
			t.Errorf("%s: %v records not evaluated, want %d", tt.file, got, tt.excluded)
		}
	}
}
