package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"dyad/internal/analysis"
	"dyad/internal/event"
	"dyad/internal/ontology"
	"dyad/internal/output"
	"dyad/internal/store"
)

func init() {
	var (
		dbURL       string
		ff          filterFlags
		limit       int
		format      string
		reciprocity string
		within      int
	)
	cmd := &cobra.Command{
		Use:   "query [--db URL] [filters] [--limit N] [--format table|jsonl|tsv]",
		Short: "List stored events that match filters, or the reciprocity between two actors",
		Long: `List the stored events that match the filters, oldest first (--desc: newest first).

The table shows the event date, source and target actor codes, the CAMEO code and
name, the PLOVER type, the confidence, the trigger word and the start of the evidence
sentence; --format jsonl prints whole event records, --format tsv flat rows.

With --reciprocity A,B it prints, for the events of A on B and of B on A in the
period (--from, --to), how many were answered by the other side within --within days,
in kind or not, and how fast (docs/export.md defines the measures).

--db is a SQLite path (default ` + store.DefaultPath + `), sqlite:///path, or a postgres:// URL.`,
		Example: "  dyad query --either RUS --quad 4 --from 2020\n  dyad query --source USA --target CHN --format jsonl --limit 1000\n  dyad query --reciprocity USA,CHN --within 30 --from 2020-01 --to 2020-12",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			if limit < 0 {
				return fmt.Errorf("--limit %d: want 0 (all) or more", limit)
			}
			if format != "table" && format != "jsonl" && format != "tsv" {
				return fmt.Errorf("--format %q: want table, jsonl or tsv", format)
			}
			s, err := openExisting(cmd.Context(), dbURL)
			if err != nil {
				return err
			}
			defer s.Close()
			out := cmd.OutOrStdout()
			if reciprocity != "" {
				a, b, ok := strings.Cut(reciprocity, ",")
				if !ok || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
					return fmt.Errorf("--reciprocity %q: want two actors as A,B", reciprocity)
				}
				r, err := analysis.Compute(cmd.Context(), s, analysis.Query{
					A: strings.TrimSpace(a), B: strings.TrimSpace(b), Within: within, From: f.From, To: f.To, Base: f,
				})
				if err != nil {
					return err
				}
				return writeReciprocity(out, r, format)
			}
			var w output.Writer
			if format == "table" {
				w = newEventTable(out)
			} else if w, err = output.New(format, out); err != nil {
				return err
			}
			more, err := eachEvent(cmd.Context(), s, f, limit, w.Write)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if more && err == nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "(the first %d events; more match: --limit N, or 0 for all)\n", limit)
			}
			if errors.Is(err, store.ErrBadFilter) {
				return fmt.Errorf("%w (dyad query --help lists the filters)", err)
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dbURL, "db", "", "database: a SQLite path (default "+store.DefaultPath+"), sqlite:///path or postgres://…")
	ff.register(fl)
	fl.IntVar(&limit, "limit", 100, "print at most this many events (0: all)")
	fl.StringVar(&format, "format", "table", "output: table, jsonl or tsv")
	fl.StringVar(&reciprocity, "reciprocity", "", "two actors A,B: how each answers the other's events")
	fl.IntVar(&within, "within", analysis.DefaultWithin, "with --reciprocity: days within which an event counts as answered")
	root.AddCommand(cmd)
}

// eventTable prints events as an aligned table for the terminal.
type eventTable struct {
	tw   *tabwriter.Writer
	rows int
}

// Widths of the cut columns of the table.
const (
	cameoNameWidth = 28
	evidenceWidth  = 70
)

func newEventTable(w io.Writer) *eventTable {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCAMEO\tPLOVER\tCONF\tTRIGGER\tEVIDENCE")
	return &eventTable{tw: tw}
}

func (t *eventTable) Write(ev event.Event) error {
	t.rows++
	cameo := ev.CAMEO
	if c, ok := ontology.CAMEO(ev.CAMEO); ok {
		cameo += " " + cut(c.Name, cameoNameWidth)
	}
	plover := ""
	if ev.Plover != nil {
		plover = ev.Plover.Event
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n",
		eventDay(ev), actorLabel(ev.Source), actorLabel(ev.Target), cameo, plover, ev.Confidence,
		cell(ev.Trigger.Text), cut(cell(ev.Evidence), evidenceWidth))
	return err
}

func (t *eventTable) Close() error {
	if t.rows == 0 {
		fmt.Fprintln(t.tw, "(no events match)")
	}
	return t.tw.Flush()
}

// eventDay is the date the store files an event under: resolved, else published.
func eventDay(ev event.Event) string {
	if ev.Date != nil && ev.Date.Value != "" {
		return ev.Date.Value
	}
	if ev.Published != "" {
		return ev.Published
	}
	return "-"
}

func actorLabel(a *event.Actor) string {
	switch {
	case a == nil:
		return "-"
	case a.Code != "":
		return a.Code
	case a.Country != "":
		return a.Country
	}
	return cut(cell(a.Text), 20)
}

// cut shortens s to n runes, marking the cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// cell keeps a table cell on one line and in one column.
func cell(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// writeReciprocity prints both directions of a reciprocity as a table (or JSON
// Lines: one object; TSV: one row per direction and class).
func writeReciprocity(w io.Writer, r analysis.Reciprocity, format string) error {
	if format == "jsonl" {
		return writeJSONLine(w, r)
	}
	type row struct {
		dir, class string
		c          analysis.ClassStats
		chance     float64
	}
	var rows []row
	for _, d := range []analysis.Direction{r.AB, r.BA} {
		dir := d.From + "→" + d.To
		rows = append(rows, row{dir, "all", d.All, d.Chance})
		for q := 1; q <= 4; q++ {
			rows = append(rows, row{dir, ontology.QuadClassName(q), d.ByQuad[q], d.Chance})
		}
	}
	lag := func(c analysis.ClassStats) string {
		if c.MeanLag == nil {
			return "-"
		}
		return strconv.FormatFloat(*c.MeanLag, 'f', 1, 64)
	}
	if format == "tsv" {
		fmt.Fprintln(w, "direction\tclass\tevents\tanswered\tin_kind\tindex\tchance\tmean_lag_days")
		for _, x := range rows {
			fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%.3f\t%.3f\t%s\n", x.dir, x.class, x.c.Events, x.c.Answered, x.c.InKind, x.c.Index, x.chance, lag(x.c))
		}
		return nil
	}
	period := "all dates"
	if r.From != "" || r.To != "" {
		period = fmt.Sprintf("%s … %s", orDash(r.From), orDash(r.To))
	}
	fmt.Fprintf(w, "Reciprocity %s ⇄ %s, %s, answered within %d days\n\n", r.AB.From, r.AB.To, period, r.Within)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "EVENTS OF\tQUADCLASS\tEVENTS\tANSWERED\tIN KIND\tINDEX\tCHANCE\tMEAN LAG (days)")
	for _, x := range rows {
		if x.class != "all" && x.c.Events == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%.2f\t%.2f\t%s\n", x.dir, x.class, x.c.Events, x.c.Answered, x.c.InKind, x.c.Index, x.chance, lag(x.c))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nINDEX: share of the events answered by the other side within %d days; CHANCE: the\n"+
		"share of days with an answer within %d days anyway (an index near it says little).\n", r.Within, r.Within)
	for _, d := range []analysis.Direction{r.AB, r.BA} {
		if d.Undated > 0 {
			fmt.Fprintf(w, "%s→%s: %d events dated only to the month or year were left out\n", d.From, d.To, d.Undated)
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
