package story

import (
	"strings"

	"dyad/internal/coder"
	"dyad/internal/event"
	"dyad/internal/places"
)

// Where an event happened: a place named with a locative preposition ("in Moscow",
// "at the embassy in Bogotá") in the clause of its trigger, and nearer to its trigger
// than to any other.

var locatives = []string{" in ", " at ", " near ", " outside ", " inside ", " across ", " from "}

// clauseWords end the clause of a trigger when looking for its place.
var clauseWords = []string{" after ", " before ", " when ", " while ", " because ", " since ", " although ", " which ", " who ", " that ", ";", ":"}

// locationOf returns the location of an event, or nil.
func locationOf(article string, sentEnd int, where []places.Mention, ev event.Event, cands []coder.Candidate) *event.Location {
	tr := ev.Trigger
	var best *places.Mention
	for i := range where {
		m := &where[i]
		if m.Start < tr.End || m.End > sentEnd {
			continue
		}
		gap := article[tr.End:m.Start]
		if containsAnyWord(gap, clauseWords) || !locativeBefore(article, m.Start) {
			continue
		}
		if nearerTrigger(cands, ev, m.Start) {
			continue
		}
		best = m
		break
	}
	if best == nil {
		return nil
	}
	lat, lon := best.Lat, best.Lon
	return &event.Location{
		Name: best.Name, Country: best.Country, Lat: &lat, Lon: &lon, GeonameID: int(best.GeonameID),
		Precision: precisionOf(best.Feature), Text: best.Text, Start: best.Start, End: best.End,
	}
}

// locativeBefore reports whether a locative preposition stands within the few words
// before a place ("in Bogotá", "at the embassy in Bogotá").
func locativeBefore(article string, start int) bool {
	lo := max(0, start-30)
	window := " " + strings.ToLower(article[lo:start])
	for _, p := range locatives {
		if i := strings.LastIndex(window, p); i >= 0 && len(window)-i <= len(p)+16 {
			return true
		}
	}
	return false
}

func containsAnyWord(s string, words []string) bool {
	s = " " + strings.ToLower(s) + " "
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// nearerTrigger reports whether another event's trigger stands between this trigger
// and the place: the place then belongs to that one.
func nearerTrigger(cands []coder.Candidate, ev event.Event, place int) bool {
	for _, c := range cands {
		t := c.Event.Trigger
		if c.Event.Sentence == ev.Sentence && t.Start > ev.Trigger.Start && t.End <= place {
			return true
		}
	}
	return false
}

// precisionOf maps a GeoNames feature code to the event record's precisions.
func precisionOf(feature string) string {
	switch {
	case strings.HasPrefix(feature, "PCL"), feature == "CONT":
		return "country"
	case strings.HasPrefix(feature, "ADM"):
		return "region"
	}
	return "city"
}
