package petrarch

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dyad/internal/lexicon"
)

// WriteText writes the converted entries as dyad lexicon files (docs/lexicon-format.md)
// into dir, one file per dictionary file, plus discards.list (discards have no place
// in the lexicon format yet). It returns the files written.
func (c *Converted) WriteText(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	write := func(name string, fill func(w *bufio.Writer)) error {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		fill(w)
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		written = append(written, path)
		return nil
	}
	for _, f := range c.Actors {
		err := write(outName(f.File, "actors"), func(w *bufio.Writer) {
			header(w, f.File)
			for _, e := range f.Entries {
				writeActor(w, e)
			}
		})
		if err != nil {
			return written, err
		}
	}
	if len(c.Agents) > 0 {
		err := write("agents-petrarch.txt", func(w *bufio.Writer) {
			header(w, "the agent dictionaries")
			for _, e := range c.Agents {
				writeActor(w, e)
			}
		})
		if err != nil {
			return written, err
		}
	}
	for _, f := range c.Events {
		err := write(outName(f.File, "events"), func(w *bufio.Writer) {
			header(w, f.File)
			for _, p := range f.Entries {
				writePredicate(w, p)
			}
		})
		if err != nil {
			return written, err
		}
	}
	if len(c.Discards) > 0 {
		err := write("discards.list", func(w *bufio.Writer) {
			fmt.Fprintln(w, "# Converted by 'dyad dict import petrarch' from PETRARCH discard lists.")
			fmt.Fprintln(w, "# A sentence holding one of these phrases is not coded; '+' marks a phrase that")
			fmt.Fprintln(w, "# discards the whole story. Not a lexicon file: dyad applies discards when it loads PETRARCH dictionaries with --dict.")
			for _, d := range c.Discards {
				p := strings.ToLower(d.Phrase)
				if d.Story {
					p = "+" + p
				}
				fmt.Fprintln(w, p)
			}
		})
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

// outName names the dyad file made from a PETRARCH file: "Phoenix.Countries.actors.txt"
// becomes "actors-phoenix-countries-actors.txt".
func outName(file, kind string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	return kind + "-" + slug(base) + ".txt"
}

func header(w *bufio.Writer, from string) {
	fmt.Fprintf(w, "# Converted by 'dyad dict import petrarch' from %s.\n", filepath.Base(from))
	fmt.Fprintln(w, "# Format: docs/lexicon-format.md; what the conversion approximates: docs/petrarch-dictionaries.md.")
	fmt.Fprintln(w)
}

// listValue joins phrases with " | ", leaving out any a lexicon file cannot hold (a
// "|" or a comment mark inside).
func listValue(ps []string) string {
	var keep []string
	for _, p := range ps {
		if p == "" || strings.Contains(p, "|") || strings.Contains(p, " #") || strings.HasPrefix(p, "#") {
			continue
		}
		keep = append(keep, p)
	}
	return strings.Join(keep, " | ")
}

func writeActor(w *bufio.Writer, e lexicon.ActorEntry) {
	a := e.Actor
	fmt.Fprintf(w, "%s %s  %s\n", a.Kind, a.ID, a.Name)
	var names []string
	for _, p := range e.Phrases {
		names = append(names, p.Text)
	}
	fmt.Fprintf(w, "  names     %s\n", listValue(names))
	switch a.Kind {
	case lexicon.KindAgent:
		fmt.Fprintf(w, "  sectors   %s\n", strings.Join(a.Sectors, " "))
	default:
		if a.Code != "" {
			fmt.Fprintf(w, "  code      %s\n", a.Code)
		}
	}
	for _, r := range a.Roles {
		fmt.Fprintf(w, "  role      %s %s..%s\n", r.Code, r.From, r.To)
	}
	fmt.Fprintf(w, "  note      PETRARCH %s\n\n", a.Origin)
}

func writePredicate(w *bufio.Writer, p *lexicon.Predicate) {
	fmt.Fprintf(w, "event %s  %s\n", p.ID, p.CAMEO)
	if p.PloverEvent != "" {
		fmt.Fprintf(w, "  plover    %s %s\n", p.PloverEvent, p.PloverMode)
	}
	if len(p.Context) > 0 {
		fmt.Fprintf(w, "  context   %s\n", strings.Join(p.Context, " | "))
	}
	fmt.Fprintf(w, "  verbs     %s\n", listValue(p.Verbs))
	if len(p.Object) > 0 {
		fmt.Fprintf(w, "  object    %s\n", listValue(p.Object))
	}
	if len(p.Source) > 0 && !sameList(p.Source, []string{"subject", "agent"}) {
		fmt.Fprintf(w, "  source    %s\n", strings.Join(p.Source, " | "))
	}
	if len(p.Target) > 0 && !sameList(p.Target, []string{"object", "possessor"}) {
		fmt.Fprintf(w, "  target    %s\n", strings.Join(p.Target, " | "))
	}
	if len(p.Not) > 0 {
		fmt.Fprintf(w, "  not       %s\n", listValue(p.Not))
	}
	fmt.Fprintf(w, "  note      %s; from %s\n\n", p.Note, p.Origin)
}

func sameList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
