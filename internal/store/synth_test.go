package store

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"dyad/internal/article"
	"dyad/internal/event"
)

// Synthetic but realistic articles and events for the tests and the benchmark: every
// field of the record is filled, sizes are those of a news article.

var synthActors = []event.Actor{
	{Text: "Russia", Name: "Russia", Code: "RUS", Country: "RUS"},
	{Text: "the Kremlin", Name: "Russia", Code: "RUSGOV", Country: "RUS", Sectors: []string{"GOV"}, ID: "rus-kremlin"},
	{Text: "Colombia", Name: "Colombia", Code: "COL", Country: "COL"},
	{Text: "Colombian diplomats", Name: "Colombia", Code: "COLGOV", Country: "COL", Sectors: []string{"GOV"}, ID: "col-gov"},
	{Text: "FARC rebels", Name: "FARC", Code: "COLREB", Country: "COL", Sectors: []string{"REB"}, ID: "farc"},
	{Text: "Washington", Name: "United States", Code: "USAGOV", Country: "USA", Sectors: []string{"GOV"}, ID: "usa-washington"},
	{Text: "the UN", Name: "United Nations", Code: "IGOUNO", ID: "un"},
	{Text: "Ukrainian troops", Name: "Ukraine", Code: "UKRMIL", Country: "UKR", Sectors: []string{"MIL"}, ID: "ukr-mil"},
}

var synthCodes = []struct {
	cameo, plover, mode string
	quad                int
	goldstein           float64
}{
	{"010", "", "", 1, 0},
	{"036", "CONSULT", "visit", 1, 4},
	{"057", "AGREE", "sign", 1, 8},
	{"073", "AID", "humanitarian", 2, 7.4},
	{"112", "ACCUSE", "", 3, -2},
	{"138", "THREATEN", "", 3, -7},
	{"161", "SANCTION", "expel", 4, -4},
	{"190", "ASSAULT", "", 4, -10},
}

var synthMoods = []string{event.MoodAsserted, event.MoodAsserted, event.MoodReported, event.MoodFuture, event.MoodHypothetical, event.MoodHistorical}

func ptr[T any](v T) *T { return &v }

// synthArticle returns article number i with n events, dated in 2020-2021.
func synthArticle(rng *rand.Rand, i, n int) (article.Article, []event.Event) {
	day := 1 + rng.IntN(28)
	month := 1 + rng.IntN(12)
	year := 2020 + rng.IntN(2)
	published := fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	a := article.Article{
		ID:        fmt.Sprintf("art-%05d", i),
		Title:     fmt.Sprintf("Story %d: tensions rise", i),
		URL:       fmt.Sprintf("https://news.example/%d", i),
		Publisher: []string{"Reuters", "Tass", "El Tiempo"}[i%3],
		Published: published,
		Language:  "en",
	}
	var text strings.Builder
	evs := make([]event.Event, 0, n)
	for j := range n {
		src := synthActors[rng.IntN(len(synthActors))]
		tgt := synthActors[rng.IntN(len(synthActors))]
		code := synthCodes[rng.IntN(len(synthCodes))]
		sentence := fmt.Sprintf("%s reportedly acted against %s on day %d, officials said. ", src.Text, tgt.Text, j)
		start := text.Len()
		text.WriteString(sentence)
		src.Start, src.End = start, start+len(src.Text)
		tgt.Start = start + strings.Index(sentence, tgt.Text)
		tgt.End = tgt.Start + len(tgt.Text)
		ev := event.Event{
			ID:        fmt.Sprintf("%s-e%02d", a.ID, j),
			ArticleID: a.ID, URL: a.URL, Publisher: a.Publisher, Published: a.Published,
			Sentence:   j,
			Trigger:    event.Span{Text: "acted", Start: start + len(src.Text) + 12, End: start + len(src.Text) + 17},
			Source:     &src,
			Target:     &tgt,
			CAMEO:      code.cameo,
			QuadClass:  code.quad,
			Goldstein:  ptr(code.goldstein),
			Modality:   event.Modality{Negated: rng.IntN(10) == 0, Tense: "past", Mood: synthMoods[rng.IntN(len(synthMoods))]},
			Mentions:   []event.Mention{{Sentence: j, Start: start, End: start + len(sentence)}},
			Confidence: float64(rng.IntN(100)) / 100,
			Rule:       "lexicon:synthetic/" + code.cameo,
			Evidence:   strings.TrimSpace(sentence),
		}
		if code.plover != "" {
			ev.Plover = &event.Plover{Event: code.plover, Mode: code.mode, Context: []string{"diplomatic"}, Intensity: ptr(code.goldstein * 0.9)}
		}
		switch rng.IntN(4) {
		case 0: // no date of its own: the publication date applies
		case 1:
			ev.Date = &event.Date{Value: fmt.Sprintf("%04d-%02d", year, month), Precision: "month", Text: "this month"}
		default:
			d := 1 + rng.IntN(day)
			ev.Date = &event.Date{Value: fmt.Sprintf("%04d-%02d-%02d", year, month, d), Precision: "day", Text: "Wednesday", Start: start, End: start + 3}
		}
		if rng.IntN(2) == 0 {
			ev.Location = &event.Location{Name: "Moscow", Country: "RUS", Lat: ptr(55.75), Lon: ptr(37.62), GeonameID: 524901, Precision: "city", Text: "Moscow", Start: start, End: start + 6}
		}
		if rng.IntN(3) == 0 {
			ev.Attribution = &event.Span{Text: "officials", Start: start + len(sentence) - 16, End: start + len(sentence) - 7}
		}
		if j > 0 && rng.IntN(4) == 0 {
			ev.Links = []event.Link{{Type: "response_to", Event: evs[j-1].ID, Text: "in response"}}
		}
		evs = append(evs, ev)
	}
	// Padding to the length of a typical news article.
	for text.Len() < 3000 {
		text.WriteString("The talks continued late into the night without a statement. ")
	}
	a.Text = text.String()
	return a, evs
}
