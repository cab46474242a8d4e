package store

import (
	"slices"
	"testing"

	"dyad/internal/event"
)

func TestEventDateFallsBackToPublished(t *testing.T) {
	keyAt, grainAt := slices.Index(eventColumns, "event_date"), slices.Index(eventColumns, "date_grain")
	tests := []struct {
		name               string
		date               *event.Date
		evPublished        string
		articlePublished   string
		wantKey, wantGrain string
	}{
		{"day", &event.Date{Value: "2020-12-23"}, "", "2020-12-24", "2020-12-23", "day"},
		{"month", &event.Date{Value: "2020-12"}, "", "2020-12-24", "2020-12-01", "month"},
		{"year", &event.Date{Value: "2020"}, "", "", "2020-01-01", "year"},
		{"event's publication timestamp", nil, "2020-12-24T10:31:00Z", "2019-01-01", "2020-12-24", "day"},
		{"article's publication date", nil, "", "2020-12-24", "2020-12-24", "day"},
		{"unreadable date value", &event.Date{Value: "Wednesday"}, "", "2020-12-24", "2020-12-24", "day"},
		{"nothing", nil, "", "", "", ""},
	}
	for _, tc := range tests {
		ev := event.Event{ID: "e", Date: tc.date, Published: tc.evPublished}
		v := eventValues(&ev, tc.articlePublished, nil)
		if len(v) != len(eventColumns) {
			t.Fatalf("eventValues gives %d values for %d columns", len(v), len(eventColumns))
		}
		if v[keyAt] != tc.wantKey || v[grainAt] != tc.wantGrain {
			t.Errorf("%s: event_date %q, grain %q; want %q, %q", tc.name, v[keyAt], v[grainAt], tc.wantKey, tc.wantGrain)
		}
	}
}
