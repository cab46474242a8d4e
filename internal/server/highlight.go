package server

import (
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"dyad/internal/event"
)

// span is one piece of evidence for an event in its article's text.
type span struct {
	Kind  string `json:"kind"` // trigger, source, target, date or place
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// evidenceSpans lists the stretches of text that name the event's trigger, source,
// target, date and place, leaving out any whose offsets do not fall on the text (a
// record stored by an older coder, say) rather than trusting them.
func evidenceSpans(ev event.Event, text string) []span {
	var out []span
	add := func(kind string, start, end int) {
		if start < 0 || end <= start || end > len(text) ||
			!utf8.RuneStart(text[start]) || (end < len(text) && !utf8.RuneStart(text[end])) {
			return
		}
		out = append(out, span{Kind: kind, Start: start, End: end, Text: text[start:end]})
	}
	add("trigger", ev.Trigger.Start, ev.Trigger.End)
	if ev.Source != nil {
		add("source", ev.Source.Start, ev.Source.End)
	}
	if ev.Target != nil {
		add("target", ev.Target.Start, ev.Target.End)
	}
	if ev.Date != nil && ev.Date.Text != "" {
		add("date", ev.Date.Start, ev.Date.End)
	}
	if ev.Location != nil && ev.Location.Text != "" {
		add("place", ev.Location.Start, ev.Location.End)
	}
	if out == nil {
		out = []span{}
	}
	return out
}

// highlight returns text as HTML with each span wrapped in a <mark> of its kind. The
// text is cut at the spans' byte offsets and every piece is escaped on its own; no
// text reaches the result unescaped. Spans that overlap an earlier one are left
// unmarked (they stay listed in the legend).
func highlight(text string, spans []span) template.HTML {
	sorted := append([]span(nil), spans...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].End > sorted[j].End
	})
	var b strings.Builder
	pos := 0
	for _, sp := range sorted {
		if sp.Start < pos || sp.End <= sp.Start || sp.End > len(text) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[pos:sp.Start]))
		// Kind is one of our own constants, never request or article text.
		b.WriteString(`<mark class="ev-` + sp.Kind + `" title="` + sp.Kind + `">`)
		b.WriteString(template.HTMLEscapeString(text[sp.Start:sp.End]))
		b.WriteString(`</mark>`)
		pos = sp.End
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	return template.HTML(b.String())
}
