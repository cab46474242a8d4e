package petrarch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/shareddata"
)

// TestSharedDictionaries reads the real dictionaries: the Phoenix/PETRARCH-2 set and
// the validation suites' own. It checks the counts and that every line of every file
// is accounted for: read into an entry, or reported.
func TestSharedDictionaries(t *testing.T) {
	tests := []struct {
		dir     string
		counts  Counts
		skipped int
	}{
		{"data/dict/petrarch2", Counts{VerbBlocks: 397, Verbs: 1817, Patterns: 4666, Synsets: 40, Transformations: 8,
			Actors: 27249, ActorNames: 35613, DatedCodes: 26554, Agents: 3302, Discards: 506, Issues: 3157}, 31},
		{"data/gold/petrarch/petr2-unittest", Counts{VerbBlocks: 261, Verbs: 269, Patterns: 473, Synsets: 17,
			Actors: 128, ActorNames: 161, DatedCodes: 13, Agents: 95, Discards: 9}, 1},
		{"data/gold/petrarch/ud-validate", Counts{VerbBlocks: 69, Verbs: 127, Patterns: 357, Synsets: 30,
			Actors: 133, ActorNames: 167, DatedCodes: 13, Agents: 95, Discards: 9, OntologyCodes: 266}, 7},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := shareddata.Path(t, tt.dir)
			d, rep, err := ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Counts != tt.counts {
				t.Errorf("counts %+v\nwant   %+v", rep.Counts, tt.counts)
			}
			conv := Convert(d, rep) // adds the patterns it cannot use (an undefined synset)
			if rep.Skipped() != tt.skipped {
				t.Errorf("%d unreadable lines, want %d", rep.Skipped(), tt.skipped)
			}
			checkAccounted(t, d, rep)
			lex := conv.Lexicon()
			if len(lex.Actors) == 0 || len(lex.Predicates) == 0 {
				t.Errorf("lexicon with %d actors and %d predicates", len(lex.Actors), len(lex.Predicates))
			}
		})
	}
}

// checkAccounted checks that each content line of each file (comments and blank lines
// removed) is the line of something read, or of a problem, and that no line is both
// skipped and read.
func checkAccounted(t *testing.T, d *Dict, rep *Report) {
	t.Helper()
	used := map[string]map[int]bool{}
	mark := func(file string, line int) {
		if used[file] == nil {
			used[file] = map[int]bool{}
		}
		used[file][line] = true
	}
	for _, v := range d.Verbs {
		for _, s := range v.Synsets {
			mark(v.File, s.Line)
			for _, l := range s.Lines {
				mark(v.File, l)
			}
		}
		for _, l := range v.Transformations {
			mark(v.File, l)
		}
		for _, b := range v.Blocks {
			mark(v.File, b.Line)
			for _, vb := range b.Verbs {
				mark(v.File, vb.Line)
			}
			for _, p := range b.Patterns {
				mark(v.File, p.Line)
			}
		}
	}
	for _, a := range d.Actors {
		for _, e := range a.Entries {
			for _, l := range e.Lines {
				mark(a.File, l)
			}
			for _, c := range e.Codes {
				mark(a.File, c.Line)
			}
		}
	}
	for _, f := range d.Agents {
		for _, ag := range f.Agents {
			mark(f.File, ag.Line)
		}
	}
	if d.Ontology != nil {
		for _, f := range rep.Files {
			if kind, path, _ := strings.Cut(f, ": "); kind == string(KindOntology) {
				for _, l := range d.Ontology.Lines {
					mark(path, l)
				}
			}
		}
	}
	for _, p := range rep.Problems {
		if p.Skipped && used[p.File][p.Line] && !strings.Contains(p.Msg, "pattern") {
			t.Errorf("%s: reported as skipped but also read", p)
		}
		mark(p.File, p.Line)
	}
	for _, f := range rep.Files {
		kind, path, _ := strings.Cut(f, ": ")
		if kind == string(KindDiscards) || kind == string(KindIssues) {
			continue // one entry per line by construction; counted in Counts
		}
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := readLines(fh, kind == string(KindVerbs))
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		missing := 0
		for _, l := range lines {
			s := strings.TrimSpace(l.text)
			if kind == string(KindAgents) && strings.HasPrefix(s, "!") && strings.Contains(s, "=") {
				continue // substitution set definitions: expanded into the agents that use them
			}
			if !used[path][l.n] {
				missing++
				if missing <= 5 {
					t.Errorf("%s:%d: %q neither read nor reported", filepath.Base(path), l.n, s)
				}
			}
		}
		if missing > 5 {
			t.Errorf("%s: %d lines neither read nor reported", path, missing)
		}
	}
}
