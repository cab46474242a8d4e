package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"dyad/internal/coder"
	"dyad/internal/lexicon"
	"dyad/internal/ontology"
	"dyad/internal/text"
)

func init() {
	var (
		date   string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "lookup TEXT...",
		Short: "Show what the lexicon makes of a phrase: actors with their codes, event words with theirs",
		Long: `Show what the lexicon makes of a phrase: each actor phrase with its CAMEO code,
country and sectors as they stood on --date (people's codes follow their terms of
office), and each event word with its CAMEO code and PLOVER type.`,
		Example: `  dyad dict lookup "the Kremlin" --date 2020-12-24
  dyad dict lookup "Colombian Ambassador Alfonso Lopez Caballero"
  dyad dict lookup "declared personae non gratae"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := dateFlag("date", &date); err != nil {
				return err
			}
			lex, err := lexicon.Default()
			if err != nil {
				return err
			}
			c := coder.New(lex, nil)
			phrase := strings.Join(args, " ")
			type actorOut struct {
				Text    string   `json:"text"`
				Code    string   `json:"code"`
				Country string   `json:"country,omitempty"`
				Sectors []string `json:"sectors,omitempty"`
				Name    string   `json:"name,omitempty"`
				ID      string   `json:"id,omitempty"`
				Origin  string   `json:"origin,omitempty"`
			}
			type eventOut struct {
				Text   string `json:"text"`
				ID     string `json:"id"`
				CAMEO  string `json:"cameo"`
				Name   string `json:"name,omitempty"`
				Plover string `json:"plover,omitempty"`
				Object string `json:"only_with_object,omitempty"`
				Origin string `json:"origin"`
			}
			var actors []actorOut
			for _, a := range c.Actors(phrase, date) {
				o := actorOut{Text: a.Text, Code: a.Code, Country: a.Country, Sectors: a.Sectors, Name: a.Name, ID: a.ID}
				if e := lex.ActorByID(a.ID); e != nil {
					o.Origin = e.Origin
				}
				actors = append(actors, o)
			}
			var events []eventOut
			for _, m := range c.Predicates(phrase) {
				for _, r := range m.Refs {
					p := r.Pred
					o := eventOut{Text: phraseWords(phrase, m), ID: p.ID, CAMEO: p.CAMEO, Origin: p.Origin}
					if cc, ok := ontology.CAMEO(p.CAMEO); ok {
						o.Name = cc.Name
					}
					if p.PloverEvent != "" {
						o.Plover = strings.TrimSuffix(p.PloverEvent+"/"+p.PloverMode, "/")
					}
					if len(p.Object) > 0 {
						o.Object = strings.Join(p.Object[:min(4, len(p.Object))], ", ")
						if len(p.Object) > 4 {
							o.Object += ", …"
						}
					}
					events = append(events, o)
				}
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"text": phrase, "date": date, "actors": actors, "events": events})
			}
			if len(actors)+len(events) == 0 {
				fmt.Fprintf(out, "%q: nothing in the lexicon\n", phrase)
				return nil
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			for _, a := range actors {
				fmt.Fprintf(tw, "actor\t%s\t%s\tcountry %s\t%s\t%s\n", a.Text, a.Code, lookupDash(a.Country), a.Name, a.Origin)
			}
			for _, e := range events {
				extra := ""
				if e.Object != "" {
					extra = " (only with object: " + e.Object + ")"
				}
				fmt.Fprintf(tw, "event\t%s\t%s %s\t%s\t%s%s\t%s\n", e.Text, e.CAMEO, e.Name, lookupDash(e.Plover), e.ID, extra, e.Origin)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "date (YYYY-MM-DD) on which to code people and dated actors; default: their latest role")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	dictCmd.AddCommand(cmd)
}

// phraseWords returns the words of a match in the looked-up phrase.
func phraseWords(s string, m lexicon.Match) string {
	toks := text.Tokenize(s, 0)
	if m.End > len(toks) {
		return ""
	}
	return s[toks[m.Start].Start:toks[m.End-1].End]
}

func lookupDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
