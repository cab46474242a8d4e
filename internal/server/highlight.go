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
		if end <= start || !onText(text, start, end) {
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
	var b strings.Builder
	markRange(&b, text, 0, len(text), spans)
	return template.HTML(b.String())
}

// highlightMentions is highlight with, around the marks, every sentence that tells of
// the event (its mentions) wrapped in a <span class="mention">. Mentions that do not
// fall on the text or overlap an earlier one are left out.
func highlightMentions(text string, spans []span, mentions []event.Mention) template.HTML {
	ms := append([]event.Mention(nil), mentions...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	var b strings.Builder
	pos := 0
	for _, m := range ms {
		if m.Start < pos || m.End <= m.Start || !onText(text, m.Start, m.End) {
			continue
		}
		markRange(&b, text, pos, m.Start, spans)
		b.WriteString(`<span class="mention">`)
		markRange(&b, text, m.Start, m.End, spans)
		b.WriteString(`</span>`)
		pos = m.End
	}
	markRange(&b, text, pos, len(text), spans)
	return template.HTML(b.String())
}

// onText reports whether [start, end) is a stretch of text cut at rune boundaries.
func onText(text string, start, end int) bool {
	return start >= 0 && end >= start && end <= len(text) &&
		(start == len(text) || utf8.RuneStart(text[start])) && (end == len(text) || utf8.RuneStart(text[end]))
}

// markRange writes text[lo:hi] escaped, with the parts of spans that fall inside it
// marked.
func markRange(b *strings.Builder, text string, lo, hi int, spans []span) {
	var inside []span
	for _, sp := range spans {
		if sp.End <= sp.Start || sp.Start < 0 || sp.End > len(text) {
			continue
		}
		sp.Start, sp.End = max(sp.Start, lo), min(sp.End, hi)
		if sp.End > sp.Start {
			inside = append(inside, sp)
		}
	}
	sort.SliceStable(inside, func(i, j int) bool {
		if inside[i].Start != inside[j].Start {
			return inside[i].Start < inside[j].Start
		}
		return inside[i].End > inside[j].End
	})
	pos := lo
	for _, sp := range inside {
		if sp.Start < pos {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[pos:sp.Start]))
		// Kind is one of our own constants, never request or article text.
		b.WriteString(`<mark class="ev-` + sp.Kind + `" title="` + sp.Kind + `">`)
		b.WriteString(template.HTMLEscapeString(text[sp.Start:sp.End]))
		b.WriteString(`</mark>`)
		pos = sp.End
	}
	b.WriteString(template.HTMLEscapeString(text[pos:hi]))
}
