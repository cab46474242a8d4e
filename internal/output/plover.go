package output

import (
	"bufio"
	"encoding/json"
	"io"

	"dyad/internal/event"
	"dyad/internal/ontology"
)

// PloverRecord is an event in the shape of the PLOVER JSON record (PLOVER manual,
// "PLOVER JSON": actor, recipient, event, event_loc, event_text, quad_code,
// event_scale, mode, context, link, text, cite_info, coder), with dyad's CAMEO code,
// confidence, modality and rule added under their own names, as PLOVER allows.
type PloverRecord struct {
	ID         string        `json:"id"`
	Date       string        `json:"date,omitempty"`
	Actor      []PloverActor `json:"actor"`
	Recipient  []PloverActor `json:"recipient,omitempty"`
	Event      []string      `json:"event"`
	EventLoc   *PloverPlace  `json:"event_loc,omitempty"`
	EventText  []string      `json:"event_text,omitempty"`
	QuadCode   int           `json:"quad_code,omitempty"`
	EventScale *float64      `json:"event_scale,omitempty"`
	Mode       []string      `json:"mode,omitempty"`
	Context    []string      `json:"context,omitempty"`
	Link       []string      `json:"link,omitempty"`
	Text       string        `json:"text,omitempty"`
	CiteInfo   *PloverCite   `json:"cite_info,omitempty"`
	Coder      string        `json:"coder"`

	CAMEO      string         `json:"cameo,omitempty"`
	Goldstein  *float64       `json:"goldstein,omitempty"`
	Modality   event.Modality `json:"modality"`
	Confidence float64        `json:"confidence"`
	Rule       string         `json:"rule,omitempty"`
}

// PloverActor is an actor or recipient entity.
type PloverActor struct {
	RawText          string   `json:"raw_text"`
	EntityName       string   `json:"entity_name,omitempty"`
	Code             string   `json:"code,omitempty"`         // the CAMEO actor code
	CountryCode      string   `json:"country_code,omitempty"` // ISO 3166-1 alpha-3
	SectorCode       string   `json:"sector_code,omitempty"`
	OtherSectorCodes []string `json:"other_sector_codes,omitempty"`
	IdentifierID     string   `json:"identifier_id,omitempty"` // dyad's lexicon entry
}

// PloverPlace is the event's location in the manual's location object.
type PloverPlace struct {
	ExtractedPlace string   `json:"extracted_place,omitempty"`
	ResolvedPlace  string   `json:"resolved_place"`
	GeonameID      int      `json:"geonameid,omitempty"`
	Lat            *float64 `json:"lat,omitempty"`
	Lon            *float64 `json:"lon,omitempty"`
	CountryCode    string   `json:"country_code,omitempty"`
	Resolution     int      `json:"resolution,omitempty"` // 4 city, 2 province, 1 country
}

// PloverCite says where the text comes from.
type PloverCite struct {
	ArticleID string `json:"article_id"`
	URL       string `json:"url,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"`
	Sentence  int    `json:"sentence"`
	Start     int    `json:"trigger_start"`
	End       int    `json:"trigger_end"`
}

// NewPlover returns a writer of PLOVER JSON records, one per line. Events PLOVER does
// not code (public statements, CAMEO root 01, with no PLOVER type) are left out and
// counted: see Skipped.
func NewPlover(w io.Writer) Writer {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &ploverWriter{bw: bw, enc: enc}
}

type ploverWriter struct {
	bw      *bufio.Writer
	enc     *json.Encoder
	skipped int
}

func (w *ploverWriter) Write(e event.Event) error {
	r, ok := ToPlover(e)
	if !ok {
		w.skipped++
		return nil
	}
	return w.enc.Encode(r)
}

func (w *ploverWriter) Close() error { return w.bw.Flush() }

// Skipped is the number of events left out because they have no PLOVER type.
func (w *ploverWriter) Skipped() int { return w.skipped }

// ToPlover converts an event to a PLOVER record; false when the event has no PLOVER
// type, neither coded nor through the CAMEO crosswalk.
func ToPlover(e event.Event) (PloverRecord, bool) {
	r := PloverRecord{
		ID: e.ID, CAMEO: e.CAMEO, Goldstein: e.Goldstein, Modality: e.Modality,
		Confidence: e.Confidence, Rule: e.Rule, Text: e.Evidence, Coder: "dyad",
		QuadCode: e.QuadClass, EventText: nonEmpty(e.Trigger.Text),
		Actor: []PloverActor{}, // required, even when unknown
	}
	if p := e.Plover; p != nil && p.Event != "" {
		r.Event = []string{p.Event}
		r.Mode = nonEmpty(p.Mode)
		r.Context = p.Context
		r.EventScale = p.Intensity
	} else if ev, mode, ctx, ok := ontology.CAMEOToPlover(e.CAMEO); ok {
		r.Event = []string{ev}
		r.Mode = nonEmpty(mode)
		r.Context = ctx
		if v, ok := ontology.PloverIntensity(ev, mode); ok {
			r.EventScale = &v
		}
	} else {
		return r, false
	}
	if y, m, d, ok := eventYMD(e); ok {
		r.Date = y + "-" + m + "-" + d
	}
	if a := ploverActor(e.Source); a != nil {
		r.Actor = []PloverActor{*a}
	}
	if a := ploverActor(e.Target); a != nil {
		r.Recipient = []PloverActor{*a}
	}
	if l := e.Location; l != nil {
		r.EventLoc = &PloverPlace{
			ExtractedPlace: l.Text, ResolvedPlace: l.Name, GeonameID: l.GeonameID,
			Lat: l.Lat, Lon: l.Lon, CountryCode: l.Country,
			Resolution: map[string]int{"city": 4, "region": 2, "country": 1}[l.Precision],
		}
	}
	for _, l := range e.Links {
		r.Link = append(r.Link, l.Event)
	}
	r.CiteInfo = &PloverCite{
		ArticleID: e.ArticleID, URL: e.URL, Publisher: e.Publisher, Published: e.Published,
		Sentence: e.Sentence, Start: e.Trigger.Start, End: e.Trigger.End,
	}
	return r, true
}

func ploverActor(a *event.Actor) *PloverActor {
	if a == nil {
		return nil
	}
	p := &PloverActor{RawText: a.Text, EntityName: a.Name, Code: a.Code, CountryCode: a.Country, IdentifierID: a.ID}
	if len(a.Sectors) > 0 {
		p.SectorCode = a.Sectors[0]
		p.OtherSectorCodes = a.Sectors[1:]
	}
	return p
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
