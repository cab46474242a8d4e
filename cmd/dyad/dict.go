package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"dyad/internal/lexicon"
	"dyad/internal/lexicon/petrarch"
	"dyad/internal/ontology"
)

// dictCmd is the parent of the lexicon commands; each subcommand adds itself in its
// own file's init.
var dictCmd = &cobra.Command{
	Use:   "dict",
	Short: "Work with lexicons: import PETRARCH dictionaries, check lexicon files",
	Long: `Work with dyad's lexicons (docs/lexicon-format.md) and with the dictionaries of the
PETRARCH coders (docs/petrarch-dictionaries.md).`,
}

func init() {
	root.AddCommand(dictCmd)

	var out string
	importCmd := &cobra.Command{
		Use:   "import petrarch DIR [--out DIR]",
		Short: "Read PETRARCH dictionaries and convert them to dyad lexicon files",
		Long: `Read the PETRARCH-2 or PETRARCH-1/TABARI dictionaries in DIR (told apart by file name:
*verbs* or CAMEO*, *actors*, *agents*, *discards*, *issues*), print what was read, what
the conversion approximates and every line that could not be read (file:line: why),
and with --out write them as dyad lexicon files. The exit status is 1 when a line could
not be read.`,
		Example: "  dyad dict import petrarch ../shared/data/dict/petrarch2 --out phoenix-lexicon",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] != "petrarch" {
				return fmt.Errorf("unknown dictionary format %q: only petrarch is known", args[0])
			}
			d, rep, err := petrarch.ReadDir(args[1])
			if err != nil {
				return err
			}
			conv := petrarch.Convert(d, rep)
			w := cmd.OutOrStdout()
			printImportReport(w, rep)
			if out != "" {
				files, err := conv.WriteText(out)
				if err != nil {
					return fmt.Errorf("writing %s: %w", out, err)
				}
				fmt.Fprintf(w, "\nwrote %d files to %s\n", len(files), out)
			}
			if n := rep.Skipped(); n > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "dyad: %d dictionary lines could not be read (listed above)\n", n)
				return errSkipped
			}
			return nil
		},
	}
	importCmd.Flags().StringVar(&out, "out", "", "write dyad lexicon files into this directory")
	dictCmd.AddCommand(importCmd)

	lintCmd := &cobra.Command{
		Use:   "lint [DIR]",
		Short: "Check lexicon files: errors, unknown codes, conflicts, overlapping roles",
		Long: `Check lexicon files and report every problem with file:line: lines the loader cannot
read, CAMEO event codes not in the codebook, PLOVER types or modes that do not exist,
phrases that name entries with conflicting codes, and actors whose dated roles overlap
with different codes. Without DIR the lexicon built into dyad is checked; a DIR of
PETRARCH dictionaries is converted first. The exit status is 1 when anything is wrong.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			var (
				lex     *lexicon.Lexicon
				loadErr error
				n       int
			)
			switch {
			case len(args) == 0:
				lex, loadErr = lexicon.Default()
			case petrarch.Detect(args[0]):
				var rep *petrarch.Report
				lex, rep, loadErr = petrarch.Load(args[0])
				if rep != nil {
					for _, p := range rep.Problems {
						if p.Skipped {
							fmt.Fprintln(w, p)
							n++
						}
					}
				}
			default:
				if st, err := os.Stat(args[0]); err != nil || !st.IsDir() {
					return fmt.Errorf("%s is not a directory", args[0])
				}
				lex, loadErr = lexicon.Load(os.DirFS(args[0]))
			}
			if lex == nil {
				return loadErr
			}
			n += lintLexicon(w, lex, loadErr)
			fmt.Fprintf(w, "%d actors, %d predicates: %d problems\n", len(lex.Actors), len(lex.Predicates), n)
			if n > 0 {
				return errSkipped
			}
			return nil
		},
	}
	dictCmd.AddCommand(lintCmd)
}

func printImportReport(w io.Writer, rep *petrarch.Report) {
	c := rep.Counts
	fmt.Fprintln(w, "Read")
	for _, f := range rep.Files {
		fmt.Fprintf(w, "  %s\n", f)
	}
	for _, f := range rep.Ignored {
		fmt.Fprintf(w, "  not a dictionary dyad reads: %s\n", f)
	}
	fmt.Fprintln(w, "\nCounts")
	rows := []struct {
		name string
		n    int
	}{
		{"verb blocks", c.VerbBlocks}, {"verbs", c.Verbs}, {"patterns", c.Patterns}, {"synsets", c.Synsets},
		{"transformations (not translated)", c.Transformations}, {"actors", c.Actors}, {"actor names", c.ActorNames},
		{"date-restricted codes", c.DatedCodes}, {"agents", c.Agents}, {"discards", c.Discards}, {"issues", c.Issues},
		{"ontology codes (for negation)", c.OntologyCodes},
		{"unreadable lines", rep.Skipped()},
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %-34s %7d\n", r.name, r.n)
	}
	fmt.Fprintf(w, "\nLexicon entries made: %d actors, %d agents, %d predicates\n", rep.ActorEntries, rep.AgentEntries, rep.PredicateEntries)
	if len(rep.Approximations) > 0 {
		fmt.Fprintln(w, "\nApproximated (count, first case)")
		for _, a := range rep.Approximations {
			ex := ""
			if a.Example != "" {
				ex = "  e.g. " + a.Example
			}
			fmt.Fprintf(w, "  %6d  %s%s\n", a.N, a.What, ex)
		}
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintln(w, "\nProblems")
		for _, p := range rep.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
}

// lintLexicon prints the problems of a loaded lexicon and returns how many there are.
func lintLexicon(w io.Writer, lex *lexicon.Lexicon, loadErr error) int {
	var lines []string
	for _, err := range unjoin(loadErr) {
		lines = append(lines, err.Error())
	}
	for _, p := range lex.Predicates {
		if _, ok := ontology.CAMEO(p.CAMEO); !ok {
			lines = append(lines, fmt.Sprintf("%s: event %s: CAMEO code %q is not in the CAMEO codebook", p.Origin, p.ID, p.CAMEO))
		}
		if p.PloverEvent == "" {
			continue
		}
		t, ok := ontology.Plover(p.PloverEvent)
		switch {
		case !ok:
			lines = append(lines, fmt.Sprintf("%s: event %s: %q is not a PLOVER event type", p.Origin, p.ID, p.PloverEvent))
		case p.PloverMode != "":
			if _, ok := t.Mode(p.PloverMode); !ok {
				lines = append(lines, fmt.Sprintf("%s: event %s: %q is not a mode of PLOVER %s", p.Origin, p.ID, p.PloverMode, t.Name))
			}
		}
	}
	lines = append(lines, phraseConflicts(lex)...)
	for _, a := range lex.Actors {
		lines = append(lines, roleOverlaps(a)...)
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return len(lines)
}

// unjoin lists the errors of an errors.Join.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unjoin(e)...)
		}
		return out
	}
	return []error{err}
}

// phraseConflicts finds phrases that name several actors with different codes, or
// several predicates with the same object restriction and different CAMEO codes.
// Each conflicting set of entries is reported once, with its shortest phrase (the
// lemma rather than an inflected form).
func phraseConflicts(lex *lexicon.Lexicon) []string {
	type conflict struct{ origin, phrase, what, who string }
	found := map[string]conflict{}
	add := func(origin, phrase, what string, who []string) {
		sort.Strings(who)
		key := strings.Join(who, ";")
		if c, ok := found[key]; ok && (len(c.phrase) < len(phrase) || len(c.phrase) == len(phrase) && c.phrase < phrase) {
			return
		}
		found[key] = conflict{origin, phrase, what, strings.Join(who, ", ")}
	}
	lex.EachPhrase(func(words []string, refs []lexicon.Ref) {
		if len(refs) < 2 {
			return
		}
		phrase := strings.Join(words, " ")
		if refs[0].Actor != nil {
			codes := map[string]bool{}
			var who []string
			for _, r := range refs {
				c := actorCode(r.Actor)
				codes[c] = true
				who = append(who, fmt.Sprintf("%s %s (%s) at %s", r.Actor.Kind, r.Actor.ID, c, r.Actor.Origin))
			}
			if len(codes) > 1 {
				add(refs[0].Actor.Origin, phrase, "names entries with different codes", who)
			}
			return
		}
		byRestriction := map[string][]*lexicon.Predicate{}
		for _, r := range refs {
			if r.Pred == nil {
				continue
			}
			var obj []string
			for _, o := range r.Pred.ObjectKeys {
				obj = append(obj, strings.Join(o, " "))
			}
			sort.Strings(obj)
			k := strings.Join(obj, "|")
			byRestriction[k] = append(byRestriction[k], r.Pred)
		}
		for restriction, ps := range byRestriction {
			codes := map[string]bool{}
			var who []string
			for _, p := range ps {
				codes[p.CAMEO] = true
				who = append(who, fmt.Sprintf("%s (%s) at %s", p.ID, p.CAMEO, p.Origin))
			}
			if len(codes) < 2 {
				continue
			}
			what := "triggers events without an object restriction and different codes"
			if restriction != "" {
				what = "triggers events with the same object restriction and different codes"
			}
			add(ps[0].Origin, phrase, what, who)
		}
	})
	var out []string
	for _, c := range found {
		out = append(out, fmt.Sprintf("%s: phrase %q %s: %s", c.origin, c.phrase, c.what, c.who))
	}
	return out
}

// actorCode is what an actor contributes to a code: its own code (the last role's
// for people), or an agent's sectors.
func actorCode(a *lexicon.Actor) string {
	if a.Kind == lexicon.KindAgent {
		return "~" + strings.Join(a.Sectors, "")
	}
	if c := a.CodeOn(""); c != "" {
		return c
	}
	return "-"
}

// roleOverlaps reports dated roles of one actor that overlap with different codes and
// start on the same date. People hold two offices at once (an army chief who becomes
// president); the role taken up last then gives the code, so only roles that start
// together leave the code undecided.
func roleOverlaps(a *lexicon.Actor) []string {
	var out []string
	for i := 0; i < len(a.Roles); i++ {
		for j := i + 1; j < len(a.Roles); j++ {
			r, s := a.Roles[i], a.Roles[j]
			if r.Code == s.Code || r.From != s.From || !overlap(r, s) {
				continue
			}
			out = append(out, fmt.Sprintf("%s: %s %s: roles %s %s..%s and %s %s..%s overlap with different codes",
				a.Origin, a.Kind, a.ID, r.Code, r.From, r.To, s.Code, s.From, s.To))
		}
	}
	return out
}

// overlap reports whether two periods share a day. Dates are compared as far as the
// less precise goes, as lexicon.Role.Covers does, so "..2004" and "2004-06.." overlap.
func overlap(r, s lexicon.Role) bool {
	return !before(r.To, s.From) && !before(s.To, r.From)
}

// before reports whether period end a is before start b, or on it (a hand-over day
// is not an overlap); an open end is never before.
func before(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	n := min(len(a), len(b))
	return a[:n] <= b[:n]
}
