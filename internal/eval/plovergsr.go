package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"dyad/internal/event"
)

// The plover-gsr format: the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt), a
// JSON array of records with text, event (PLOVER v0.5 names) and lists of source and
// target actors, each with a country-level code and an optional sector. A stream of
// JSON objects (JSON Lines) is read the same way.

func init() {
	Register(Format{
		Name:  "plover-gsr",
		Doc:   "PLOVER gold-standard records (JSON): event-type accuracy of the most confident event, source/target code match (country part and full code)",
		Score: scorePloverGSR,
	})
}

// gsrActor is one gold actor: code is a country (ISO alpha-3) or IGO-like code,
// sector a CAMEO agent code.
type gsrActor struct {
	Text   string `json:"actorText"`
	Code   string `json:"code"`
	Sector string `json:"sector"`
}

// country is the actor's country part, upper-cased.
func (a gsrActor) country() string { return strings.ToUpper(strings.TrimSpace(a.Code)) }

// full is the actor's full code: country part and sector ("USAGOV"); a sector of
// asterisks means unknown and is left out.
func (a gsrActor) full() string {
	sector := strings.ToUpper(strings.TrimSpace(a.Sector))
	if strings.Trim(sector, "*") == "" {
		sector = ""
	}
	return a.country() + sector
}

type gsrRecord struct {
	id, text, label, date string
	line                  int
	sources, targets      []gsrActor
}

// loadPloverGSR reads the records. A record it cannot use is reported and left
// out; a JSON syntax error ends the reading (the rest cannot be delimited).
func loadPloverGSR(data []byte, problems *goldProblems) ([]gsrRecord, int) {
	lineAt := func(off int64) int {
		if off > int64(len(data)) {
			off = int64(len(data))
		}
		// The decoder's offset is before the separator; the record starts at its "{".
		if i := bytes.IndexByte(data[off:], '{'); i >= 0 {
			off += int64(i)
		}
		return bytes.Count(data[:off], []byte("\n")) + 1
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if _, err := dec.Token(); err != nil {
			problems.add(1, "%v", err)
			return nil, 1
		}
	}
	var recs []gsrRecord
	skipped := 0
	for dec.More() {
		off := dec.InputOffset()
		line := lineAt(off)
		var raw struct {
			ID     string          `json:"id"`
			Event  string          `json:"event"`
			Text   string          `json:"text"`
			Date   string          `json:"date"`
			Source json.RawMessage `json:"source"`
			Target json.RawMessage `json:"target"`
		}
		if err := dec.Decode(&raw); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
				problems.add(lineAt(off), "JSON syntax: %v; the rest of the file is not read", err)
				return recs, skipped + 1
			}
			// A type error (e.g. a number for text) spoils only this record.
			problems.add(line, "%v", err)
			skipped++
			continue
		}
		if strings.EqualFold(raw.Event, "DOCUMENT") {
			continue // documentation inside the file, not an event
		}
		rec := gsrRecord{id: raw.ID, text: strings.TrimSpace(raw.Text), date: raw.Date, line: line}
		label, known := NormalizePlover(raw.Event)
		if !known {
			problems.add(line, "%s: unknown PLOVER event %q", raw.ID, raw.Event)
			skipped++
			continue
		}
		rec.label = label
		if rec.text == "" {
			problems.add(line, "%s: no text", raw.ID)
			skipped++
			continue
		}
		rec.sources = gsrActors(raw.Source, "source", raw.ID, line, problems)
		rec.targets = gsrActors(raw.Target, "target", raw.ID, line, problems)
		recs = append(recs, rec)
	}
	return recs, skipped
}

// gsrActors reads a source or target field: a list of actors, one actor, or
// absent/null/"" for none. Anything else is reported and taken as none.
func gsrActors(raw json.RawMessage, field, id string, line int, problems *goldProblems) []gsrActor {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil
	}
	var list []gsrActor
	switch raw[0] {
	case '[':
		if err := json.Unmarshal(raw, &list); err != nil {
			problems.add(line, "%s: %s: %v; taken as none", id, field, err)
			return nil
		}
	case '{':
		var a gsrActor
		if err := json.Unmarshal(raw, &a); err != nil {
			problems.add(line, "%s: %s: %v; taken as none", id, field, err)
			return nil
		}
		list = []gsrActor{a}
	default:
		problems.add(line, "%s: %s is %s, not a list of actors; taken as none", id, field, raw)
		return nil
	}
	out := list[:0]
	for _, a := range list {
		if a.country() == "" {
			problems.add(line, "%s: %s actor %q has no code; left out", id, field, a.Text)
			continue
		}
		out = append(out, a)
	}
	return out
}

// actorCountry is the country part of a predicted actor: its Country, else the
// first three letters of its code.
func actorCountry(a *event.Actor) string {
	if a == nil {
		return ""
	}
	if c := strings.ToUpper(strings.TrimSpace(a.Country)); c != "" {
		return c
	}
	code := strings.ToUpper(strings.TrimSpace(a.Code))
	if len(code) >= 3 {
		return code[:3]
	}
	return code
}

// actorFull is the full code of a predicted actor: its Code, else its country and
// sectors joined.
func actorFull(a *event.Actor) string {
	if a == nil {
		return ""
	}
	if code := strings.ToUpper(strings.TrimSpace(a.Code)); code != "" {
		return code
	}
	return strings.ToUpper(strings.TrimSpace(a.Country) + strings.Join(a.Sectors, ""))
}

// actorMatch reports whether the predicted actor matches any gold actor (a compound
// gold actor lists several): by country part and by full code.
func actorMatch(gold []gsrActor, pred *event.Actor) (country, full bool) {
	if pred == nil {
		return false, false
	}
	pc, pf := actorCountry(pred), actorFull(pred)
	for _, g := range gold {
		if pc != "" && g.country() == pc {
			country = true
		}
		if pf != "" && g.full() == pf {
			full = true
		}
	}
	return country, full
}

func gsrDescribe(actors []gsrActor) string {
	var parts []string
	for _, a := range actors {
		parts = append(parts, a.full())
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "+")
}

func scorePloverGSR(opt Options, path string) (*Report, error) {
	if opt.Code == nil {
		return nil, errors.New("plover-gsr: no coder given")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	problems := &goldProblems{path: path}
	recs, skipped := loadPloverGSR(data, problems)
	if len(recs) == 0 && skipped == 0 {
		return nil, fmt.Errorf("%s: no PLOVER records", path)
	}
	rep := &Report{Format: "plover-gsr", File: path, Records: len(recs), Skipped: skipped}
	var (
		correct, noEvent          int
		srcN, srcCountry, srcFull int
		tgtN, tgtCountry, tgtFull int
		perGold, perPred, perOK   = map[string]int{}, map[string]int{}, map[string]int{}
		conf                      = labelConfusion{}
		sample                    = newErrorSample(opt.errorsPerKind())
	)
	for i, rec := range recs {
		ev := MostConfident(opt.Code(rec.text, rec.date))
		pred := EventPlover(ev)
		var kinds []string
		switch {
		case ev == nil:
			noEvent++
			kinds = append(kinds, "no event")
		case pred == "":
			kinds = append(kinds, "event without PLOVER type")
		case pred != rec.label:
			kinds = append(kinds, "wrong type")
		}
		conf[[2]string{rec.label, pred}]++
		perGold[rec.label]++
		perPred[pred]++
		if pred == rec.label {
			correct++
			perOK[rec.label]++
		}
		var predSrc, predTgt *event.Actor
		if ev != nil {
			predSrc, predTgt = ev.Source, ev.Target
		}
		check := func(gold []gsrActor, pred *event.Actor, n, countryOK, fullOK *int, role string) {
			if len(gold) == 0 {
				return
			}
			*n++
			c, f := actorMatch(gold, pred)
			if c {
				*countryOK++
			}
			if f {
				*fullOK++
			}
			switch {
			case ev == nil:
			case pred == nil:
				kinds = append(kinds, "no "+role)
			case !c:
				kinds = append(kinds, "wrong "+role+" country")
			case !f:
				kinds = append(kinds, "wrong "+role+" sector")
			}
		}
		check(rec.sources, predSrc, &srcN, &srcCountry, &srcFull, "source")
		check(rec.targets, predTgt, &tgtN, &tgtCountry, &tgtFull, "target")
		predicted := "(no event)"
		if ev != nil {
			predicted = fmt.Sprintf("%s %s→%s cameo=%s conf=%.2f", labelName(pred), actorFull(predSrc), actorFull(predTgt), ev.CAMEO, ev.Confidence)
		}
		sample.add(Example{
			Text:      fmt.Sprintf("%s: %s", rec.id, rec.text),
			Gold:      fmt.Sprintf("%s %s→%s", rec.label, gsrDescribe(rec.sources), gsrDescribe(rec.targets)),
			Predicted: predicted,
		}, kinds...)
		if opt.Progress != nil {
			opt.Progress(i+1, len(recs))
		}
	}
	rep.Add("event-type accuracy", correct, len(recs))
	rep.Add("source country match", srcCountry, srcN)
	rep.Add("source code match", srcFull, srcN)
	rep.Add("target country match", tgtCountry, tgtN)
	rep.Add("target code match", tgtFull, tgtN)
	rep.Add("no event predicted", noEvent, len(recs))
	rep.Tables = append(rep.Tables,
		perTypeTable("Per gold type", ploverTypes, perGold, perPred, perOK),
		conf.table("Confusion matrix (rows gold, columns predicted)", ploverTypes),
		sample.table())
	rep.Errors = sample.items
	rep.Problems = problems.list()
	return rep, nil
}
