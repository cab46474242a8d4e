// Package event defines the event record that dyad emits: who did what to whom,
// when, where, who says so, and the evidence behind it. Field names are part of the
// public interface (documented in docs/event-record.md); keep them stable.
//
// The record is plain data. Stages fill what they know and leave the rest empty;
// empty fields are omitted from JSON rather than invented.
package event

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Span is a stretch of the article text. Start and End are byte offsets into the
// article text exactly as given, so text[Start:End] == Text.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Actor is a coded participant: the words in the text and what the lexicon made of them.
type Actor struct {
	Text    string   `json:"text"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Name    string   `json:"name,omitempty"`    // canonical name, e.g. "Colombia"
	Code    string   `json:"code,omitempty"`    // CAMEO actor code, e.g. "COLGOV"
	Country string   `json:"country,omitempty"` // ISO 3166-1 alpha-3, e.g. "COL"
	Sectors []string `json:"sectors,omitempty"` // CAMEO agent codes, e.g. ["GOV"]
	ID      string   `json:"id,omitempty"`      // lexicon entry id
}

// Plover is the PLOVER coding of an event.
type Plover struct {
	Event     string   `json:"event"`
	Mode      string   `json:"mode,omitempty"`
	Context   []string `json:"context,omitempty"`
	Intensity *float64 `json:"intensity,omitempty"`
}

// Date is when the event happened, as resolved from the text.
type Date struct {
	Value     string `json:"value"`           // YYYY-MM-DD, YYYY-MM or YYYY
	Precision string `json:"precision"`       // day, month, year or published
	Text      string `json:"text,omitempty"`  // the time expression, if any
	Start     int    `json:"start,omitempty"` // its byte offsets
	End       int    `json:"end,omitempty"`   //
}

// Location is where the event happened.
type Location struct {
	Name      string   `json:"name"`
	Country   string   `json:"country,omitempty"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
	GeonameID int      `json:"geonameid,omitempty"`
	Precision string   `json:"precision,omitempty"` // country, region or city
	Text      string   `json:"text,omitempty"`
	Start     int      `json:"start,omitempty"`
	End       int      `json:"end,omitempty"`
}

// Moods of an event: how the text presents it.
const (
	MoodAsserted     = "asserted"     // stated as fact
	MoodReported     = "reported"     // stated as fact by someone the text cites
	MoodFuture       = "future"       // expected, planned, threatened to happen
	MoodHypothetical = "hypothetical" // conditional, speculative, possible
	MoodHistorical   = "historical"   // habitual or background, not news of this story
)

// Modality says whether and how the event is claimed to happen.
type Modality struct {
	Negated bool   `json:"negated"`
	Tense   string `json:"tense,omitempty"` // past, present or future
	Mood    string `json:"mood"`            // one of the Mood constants
}

// Link relates this event to another event of the same article.
type Link struct {
	Type  string `json:"type"`  // response_to
	Event string `json:"event"` // id of the other event
	Text  string `json:"text,omitempty"`
}

// Mention is one place in the article that tells of the event.
type Mention struct {
	Sentence int `json:"sentence"`
	Start    int `json:"start"`
	End      int `json:"end"`
}

// Event is one coded event.
type Event struct {
	ID          string    `json:"id"`
	ArticleID   string    `json:"article_id"`
	URL         string    `json:"url,omitempty"`
	Publisher   string    `json:"publisher,omitempty"`
	Published   string    `json:"published,omitempty"`
	Sentence    int       `json:"sentence"`
	Trigger     Span      `json:"trigger"`
	Source      *Actor    `json:"source,omitempty"`
	Target      *Actor    `json:"target,omitempty"`
	CAMEO       string    `json:"cameo,omitempty"`
	QuadClass   int       `json:"quad_class,omitempty"`
	Goldstein   *float64  `json:"goldstein,omitempty"`
	Plover      *Plover   `json:"plover,omitempty"`
	Date        *Date     `json:"date,omitempty"`
	Location    *Location `json:"location,omitempty"`
	Modality    Modality  `json:"modality"`
	Attribution *Span     `json:"attribution,omitempty"`
	Links       []Link    `json:"links,omitempty"`
	Mentions    []Mention `json:"mentions,omitempty"`
	Confidence  float64   `json:"confidence"`
	Rule        string    `json:"rule"`
	Evidence    string    `json:"evidence"`
}

// StableID derives an event id from what identifies the event in its article: the
// article id, the sentence, the trigger's offsets and the codes. The same article
// coded twice gives the same ids.
func StableID(articleID string, sentence, start, end int, cameo, source, target string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%d\x00%s\x00%s\x00%s", articleID, sentence, start, end, cameo, source, target)
	return "e" + hex.EncodeToString(h.Sum(nil)[:10])
}

// Keep reports whether an event belongs in the default output: asserted or reported,
// and not negated.
func (e *Event) Keep() bool {
	return !e.Modality.Negated && (e.Modality.Mood == MoodAsserted || e.Modality.Mood == MoodReported)
}
