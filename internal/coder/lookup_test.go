package coder

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"dyad/internal/lexicon"
	"dyad/internal/shareddata"
)

// TestLookupRealLexicon checks what the shipped lexicon makes of phrases from the
// issue and the gold sets, the way `dyad dict lookup` shows them.
func TestLookupRealLexicon(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatalf("the embedded lexicon does not load: %v", err)
	}
	c := New(lex, nil)
	tests := []struct{ text, date, code string }{
		{"the Kremlin", "2020-12-24", "RUSGOV"},
		{"Colombian Ambassador", "2020-12-24", "COLGOV"},
		{"Migration Colombia", "2020-12-24", "COLGOV"},
		{"Sergei Lavrov", "2020-12-24", "RUSGOV"},
		{"Bogotá", "2020-12-24", "COLGOV"},
		{"NATO", "2020-12-24", "IGOWSTNAT"},
		{"the Russian Foreign Ministry", "2020-12-24", "RUSGOV"},
		{"two Colombian diplomats", "2020-12-24", "COLGOV"},
		{"Russian troops", "2020-12-24", "RUSMIL"},
		{"Barack Obama", "2012-01-01", "USAGOV"},
		{"Nicolás Maduro", "2020-12-24", "VENGOV"},
		{"the United Nations", "2020-12-24", "IGOUNO"},
	}
	for _, tt := range tests {
		got := c.Actors(tt.text, tt.date)
		if len(got) != 1 || got[0].Code != tt.code {
			var codes []string
			for _, a := range got {
				codes = append(codes, a.Text+"="+a.Code)
			}
			t.Errorf("%q on %s = %v, want %s", tt.text, tt.date, codes, tt.code)
		}
	}
}

// TestLookupGoldActors looks up every actor text of the PLOVER gold-standard records
// and compares the country the lexicon gives with the coders' country code.
func TestLookupGoldActors(t *testing.T) {
	path := shareddata.Path(t, "data/gold/plover-gsr/PLOVER_GSR_CAMEO.txt")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type goldActor struct {
		Text string `json:"actorText"`
		Code string `json:"code"`
	}
	var records []struct {
		Date   string          `json:"date"`
		Source json.RawMessage `json:"source"`
		Target json.RawMessage `json:"target"`
	}
	if err := json.Unmarshal(raw, &records); err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := New(lex, nil)
	var cases, found, right int
	var wrong []string
	for _, r := range records {
		for _, side := range []json.RawMessage{r.Source, r.Target} {
			var actors []goldActor
			if json.Unmarshal(side, &actors) != nil {
				continue // absent, or not a list of actors
			}
			for _, a := range actors {
				if len(a.Code) != 3 || a.Code == "***" || a.Text == "" || strings.HasPrefix(a.Code, "IGO") {
					continue
				}
				cases++
				got := c.Actors(a.Text, r.Date)
				if len(got) == 0 {
					continue
				}
				found++
				ok := false
				for _, g := range got {
					if g.Country == a.Code || strings.HasPrefix(g.Code, a.Code) {
						ok = true
					}
				}
				if ok {
					right++
				} else if len(wrong) < 15 {
					wrong = append(wrong, fmt.Sprintf("%q: gold %s, lexicon %s", a.Text, a.Code, got[0].Code))
				}
			}
		}
	}
	t.Logf("PLOVER GSR actor texts: %d cases, %d recognised (%.1f%%), %d of those with the gold country (%.1f%%)",
		cases, found, 100*float64(found)/float64(cases), right, 100*float64(right)/float64(max(1, found)))
	for _, w := range wrong {
		t.Logf("  %s", w)
	}
	if cases < 100 {
		t.Fatalf("only %d gold actor cases read", cases)
	}
	// Floors at what has been reached, to catch regressions.
	// (The gold dates are placeholders, 2000-01-01, and its codes partly older CAMEO
	// ones such as JAP, so "right" is a lower bound.)
	if float64(found)/float64(cases) < 0.95 || float64(right)/float64(found) < 0.85 {
		t.Errorf("recognised %.1f%%, right %.1f%%: under the floors of 95%% and 85%%",
			100*float64(found)/float64(cases), 100*float64(right)/float64(found))
	}
}
