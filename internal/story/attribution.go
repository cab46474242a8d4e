package story

import (
	"unicode"

	"dyad/internal/event"
	"dyad/internal/text"
)

// Who says so: the outlet or source a sentence credits ("…, Reuters reported",
// "according to Tass", "a statement from the Foreign Ministry read"). A sentence that
// credits "it" or "he" continues the previous sentence's source.

var sayVerbs = map[string]bool{
	"reported": true, "reports": true, "said": true, "says": true, "told": true,
	"stated": true, "announced": true, "claimed": true, "wrote": true, "added": true,
	"continued": true, "read": true, "reads": true, "quoted": true, "cited": true,
	"confirmed": true, "noted": true, "tweeted": true,
}

// Words that may end a source's name although they are not capitalised.
var sourceNouns = map[string]bool{
	"ministry": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"official": true, "officials": true, "agency": true, "government": true, "statement": true,
	"police": true, "sources": true, "source": true, "media": true, "diplomats": true,
	"diplomat": true, "office": true, "embassy": true, "military": true, "army": true,
}

var pronouns = map[string]bool{"it": true, "he": true, "she": true, "they": true}

// attributions returns the source credited by each sentence (nil where none).
func attributions(article string, sents []text.Sentence, keysOf func(text.Sentence) []string) []*event.Span {
	out := make([]*event.Span, len(sents))
	for si, s := range sents {
		keys := keysOf(s)
		from, to := -1, -1
		for i := range keys {
			switch {
			case keys[i] == "according" && i+1 < len(keys) && keys[i+1] == "to":
				from, to = nameAfter(s.Tokens, keys, i+2)
			case keys[i] == "citing":
				from, to = nameAfter(s.Tokens, keys, i+1)
			case sayVerbs[keys[i]] && i > 0:
				if f, t := nameBefore(s.Tokens, keys, i); f >= 0 {
					from, to = f, t
				}
			}
			if from >= 0 {
				break
			}
		}
		if from < 0 {
			continue
		}
		if to-from == 1 && pronouns[keys[from]] {
			if si > 0 && out[si-1] != nil {
				out[si] = out[si-1]
			}
			continue
		}
		start, end := s.Tokens[from].Start, s.Tokens[to-1].End
		out[si] = &event.Span{Text: article[start:end], Start: start, End: end}
	}
	return out
}

// nameBefore returns the source named just before a verb of saying: the words back to
// the clause's start ("Russian state media outlet Tass reported"), if the last is a
// name or a source noun. "a statement from X read" credits X.
func nameBefore(toks []text.Token, keys []string, verb int) (int, int) {
	end := verb
	start := end
	for start > 0 && end-start < 8 {
		k := keys[start-1]
		if k == "," || k == "\"" || k == "''" || k == "``" || k == "." || k == ":" || k == ";" || k == "”" || k == "’" {
			break
		}
		start--
	}
	if start == end {
		return -1, -1
	}
	// "a statement from the Foreign Ministry read"
	for i := start; i+1 < end; i++ {
		if keys[i] == "statement" && keys[i+1] == "from" {
			start = i + 2
		}
	}
	if keys[start] == "the" || keys[start] == "a" {
		if end-start == 1 {
			return -1, -1
		}
	}
	last := toks[end-1].Text
	if pronouns[keys[end-1]] && end-start == 1 {
		return start, end
	}
	if !capitalised(last) && !sourceNouns[keys[end-1]] {
		return -1, -1
	}
	return start, end
}

// nameAfter returns the source named after "according to" or "citing": up to the next
// comma or the sentence's end.
func nameAfter(toks []text.Token, keys []string, from int) (int, int) {
	to := from
	for to < len(keys) && to-from < 8 && keys[to] != "," && keys[to] != "." && keys[to] != ";" {
		to++
	}
	if to == from {
		return -1, -1
	}
	return from, to
}

func capitalised(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}
