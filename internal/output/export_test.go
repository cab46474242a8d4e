package output

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/event"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

func exportPtr[T any](v T) *T { return &v }

// exportEvents are hand-made events that exercise every column: a full record, a
// statement PLOVER does not code, a month-precision date with a US place, and text
// with tabs, commas, quotes and a line break.
func exportEvents() []event.Event {
	return []event.Event{
		{
			ID: "e0123456789abcdef0123", ArticleID: "seed", URL: "https://news.example/rus-col",
			Publisher: "Reuters", Published: "2020-12-24", Sentence: 0,
			Trigger: event.Span{Text: "expelled", Start: 7, End: 15},
			Source:  &event.Actor{Text: "Russia", Start: 0, End: 6, Name: "Russia", Code: "RUSGOV", Country: "RUS", Sectors: []string{"GOV"}, ID: "RUS"},
			Target:  &event.Actor{Text: "two Colombian diplomats", Start: 16, End: 39, Name: "Colombia", Code: "COLGOVDIP", Country: "COL", Sectors: []string{"GOV", "DIP"}, ID: "COL"},
			CAMEO:   "1612", QuadClass: 4, Goldstein: exportPtr(-4.0),
			Plover:     &event.Plover{Event: "SANCTION", Mode: "expel", Context: []string{"diplomatic"}, Intensity: exportPtr(-5.5)},
			Date:       &event.Date{Value: "2020-12-23", Precision: "day", Text: "Wednesday", Start: 40, End: 49},
			Location:   &event.Location{Name: "Moscow", Country: "RUS", Lat: exportPtr(55.75222), Lon: exportPtr(37.61556), GeonameID: 524901, Precision: "city", Text: "Moscow", Start: 60, End: 66},
			Modality:   event.Modality{Tense: "past", Mood: event.MoodAsserted},
			Links:      []event.Link{{Type: "response_to", Event: "e99"}},
			Mentions:   []event.Mention{{Sentence: 0, Start: 0, End: 70}, {Sentence: 3, Start: 200, End: 260}},
			Confidence: 0.91, Rule: "lexicon:expel/diplomat",
			Evidence: "Russia expelled two Colombian diplomats Wednesday in Moscow.",
		},
		{
			ID: "e-statement", ArticleID: "a2", Published: "2021-03-05", Sentence: 4,
			Trigger: event.Span{Text: "said", Start: 300, End: 304},
			Source:  &event.Actor{Text: "the UN", Name: "United Nations", Code: "IGOUNO"},
			CAMEO:   "010", QuadClass: 1, Goldstein: exportPtr(0.0),
			Modality:   event.Modality{Mood: event.MoodReported},
			Confidence: 0.15, Rule: "lexicon:say",
			Evidence: "The UN said it was concerned.",
		},
		{
			ID: "e-month", ArticleID: "a3", URL: "https://news.example/a3", Published: "2021-07-02", Sentence: 2,
			Trigger: event.Span{Text: "protested", Start: 10, End: 19},
			Source:  &event.Actor{Text: "Protesters", Code: "USAOPP", Country: "USA", Sectors: []string{"OPP"}},
			CAMEO:   "141", QuadClass: 3, Goldstein: exportPtr(-6.5),
			Plover:     &event.Plover{Event: "PROTEST", Mode: "demonstrate"},
			Date:       &event.Date{Value: "2021-06", Precision: "month", Text: "in June"},
			Location:   &event.Location{Name: "Texas", Country: "USA", Precision: "region"},
			Modality:   event.Modality{Mood: event.MoodAsserted},
			Confidence: 0.6, Rule: "lexicon:protest",
			Evidence: "Protesters, \"many\" of them,\tprotested\nin June.",
		},
	}
}

func TestExportFormatsMatchGoldenFiles(t *testing.T) {
	for _, format := range []string{"csv", "gdelt", "plover"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewExport(format, &buf)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range exportEvents() {
				if err := w.Write(e); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "export."+format+".golden")
			if *updateGolden {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if buf.String() != string(want) {
				t.Errorf("%s output differs from %s:\n%s", format, golden, buf.String())
			}
		})
	}
}

func TestGDELTRowsHave61ColumnsInOrder(t *testing.T) {
	if len(GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(GDELTColumns))
	}
	col := map[string]int{}
	for i, c := range GDELTColumns {
		col[c] = i
	}
	row := GDELTRow(exportEvents()[0])
	if len(row) != 61 {
		t.Fatalf("%d fields, want 61", len(row))
	}
	for name, want := range map[string]string{
		"SQLDATE": "20201223", "MonthYear": "202012", "Year": "2020", "FractionDate": "2020.9671",
		"Actor1Code": "RUSGOV", "Actor1Name": "RUSSIA", "Actor1CountryCode": "RUS", "Actor1Type1Code": "GOV",
		"Actor2Code": "COLGOVDIP", "Actor2Type2Code": "DIP", "IsRootEvent": "1",
		"EventCode": "1612", "EventBaseCode": "161", "EventRootCode": "16", "QuadClass": "4", "GoldsteinScale": "-4",
		"NumMentions": "2", "NumSources": "1", "NumArticles": "1", "AvgTone": "",
		"ActionGeo_Type": "4", "ActionGeo_FullName": "Moscow", "ActionGeo_CountryCode": "RS", "ActionGeo_Lat": "55.7522", "ActionGeo_Long": "37.6156",
		"ActionGeo_FeatureID": "524901", "DATEADDED": "20201224000000", "SOURCEURL": "https://news.example/rus-col",
	} {
		if got := row[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	un := GDELTRow(exportEvents()[1])
	if un[col["Actor1KnownGroupCode"]] != "UNO" || un[col["Actor2Code"]] != "" || un[col["IsRootEvent"]] != "0" {
		t.Errorf("UN statement: known group %q, actor2 %q, root %q", un[col["Actor1KnownGroupCode"]], un[col["Actor2Code"]], un[col["IsRootEvent"]])
	}
	month := GDELTRow(exportEvents()[2])
	if month[col["SQLDATE"]] != "20210601" || month[col["ActionGeo_Type"]] != "2" {
		t.Errorf("month date and US state: SQLDATE %q, geo type %q", month[col["SQLDATE"]], month[col["ActionGeo_Type"]])
	}
	for i, f := range month {
		if strings.ContainsAny(f, "\t\n") {
			t.Errorf("column %s holds a tab or line break: %q", GDELTColumns[i], f)
		}
	}
}

func TestGDELTEventIDIsStableAndPositive(t *testing.T) {
	seen := map[int64]string{}
	for _, id := range []string{"e0123456789abcdef0123", "e0123456789abcdef0124", "x", ""} {
		n := GDELTEventID(id)
		if n <= 0 || n != GDELTEventID(id) {
			t.Errorf("GDELTEventID(%q) = %d: want a stable positive integer", id, n)
		}
		if other, dup := seen[n]; dup {
			t.Errorf("%q and %q map to the same id %d", id, other, n)
		}
		seen[n] = id
	}
}

func TestPloverLeavesOutWhatPloverDoesNotCode(t *testing.T) {
	var buf bytes.Buffer
	w := NewPlover(&buf)
	for _, e := range exportEvents() {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	if n := w.(*ploverWriter).Skipped(); n != 1 {
		t.Errorf("skipped %d, want 1 (the statement)", n)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d records, want 2", len(lines))
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"id", "date", "actor", "recipient", "event", "event_loc", "mode", "context", "text"} {
		if _, ok := r[field]; !ok {
			t.Errorf("first record lacks %q: %s", field, lines[0])
		}
	}
	// An event coded without PLOVER gets its type from the CAMEO crosswalk.
	e := exportEvents()[0]
	e.Plover = nil
	if r, ok := ToPlover(e); !ok || len(r.Event) != 1 || r.Event[0] != "SANCTION" {
		t.Errorf("CAMEO 1612 without PLOVER: %+v %v, want SANCTION from the crosswalk", r.Event, ok)
	}
}

func TestCSVQuotesAndMatchesTSVColumns(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSV(&buf)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(buf.String()); got != strings.Join(TSVColumns, ",") {
		t.Errorf("empty CSV = %q, want the header only", got)
	}
	if _, err := NewExport("xml", &buf); err == nil {
		t.Error("NewExport(xml): no error")
	}
}
