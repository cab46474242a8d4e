// Package petrarch reads the dictionaries of the PETRARCH event coders — PETRARCH-2's
// CAMEO verb patterns and Phoenix actor, agent, discard and issue lists, and the
// PETRARCH-1/TABARI-style dictionaries of the validation suites — and converts them to
// dyad's lexicon, so that users can code with the dictionaries they already have.
//
// Reading is complete: every line is either read or reported as a Problem with its
// file and line. Conversion is approximate where PETRARCH's patterns say more than
// dyad's lexicon format can (docs/petrarch-dictionaries.md lists what and how much);
// the Report counts each approximation. The package does not code sentences. Discards
// go into the lexicon (Lexicon.AddDiscards), which the coder applies; issues are read
// and counted only (dyad has no issue field).
package petrarch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// FileKind is what a dictionary file holds, told from its name.
type FileKind string

// Dictionary file kinds.
const (
	KindVerbs    FileKind = "verbs"
	KindActors   FileKind = "actors"
	KindAgents   FileKind = "agents"
	KindDiscards FileKind = "discards"
	KindIssues   FileKind = "issues"
	KindOntology FileKind = "ontology" // PETRARCH-2's internal coding ontology (PICO)
)

// Classify tells a dictionary file's kind from its name, as PETRARCH's own
// distributions name them ("CAMEO.2.0.txt", "Phoenix.Countries.actors.txt",
// "PETR_Validate_verbs_2_02.txt"); ok is false for other files (records, config,
// the preposition list, licences).
func Classify(name string) (FileKind, bool) {
	n := strings.ToLower(filepath.Base(name))
	switch {
	case strings.HasSuffix(n, ".xml"), strings.Contains(n, "record"), strings.Contains(n, "license"):
		return "", false
	case strings.Contains(n, "verb"), strings.HasPrefix(n, "cameo"):
		return KindVerbs, true
	case strings.Contains(n, "actor"):
		return KindActors, true
	case strings.Contains(n, "agent"):
		return KindAgents, true
	case strings.Contains(n, "discard"):
		return KindDiscards, true
	case strings.Contains(n, "issue"):
		return KindIssues, true
	case strings.Contains(n, "ontology"):
		return KindOntology, true
	}
	return "", false
}

// Detect reports whether dir holds PETRARCH dictionaries (at least one verb, actor or
// agent file by name).
func Detect(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if k, ok := Classify(e.Name()); ok && !e.IsDir() && (k == KindVerbs || k == KindActors || k == KindAgents) &&
			!isDyadFile(filepath.Join(dir, e.Name())) {
			return true
		}
	}
	return false
}

// dyadEntryRE is the header of an entry of dyad's own lexicon format; PETRARCH names
// are written in capitals and never start with a lower-case kind word.
var dyadEntryRE = regexp.MustCompile(`^(country|igo|ngo|agent|person|group|descriptor|region|event)\s+\S`)

// isDyadFile reports whether a file's first entry line is in dyad's lexicon format
// (such as the files 'dyad dict import' writes, whose names follow PETRARCH's).
func isDyadFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	lines, _ := readLines(io.LimitReader(f, 64<<10), false)
	return len(lines) > 0 && dyadEntryRE.MatchString(lines[0].text)
}

// AgentFile is the agents of one file.
type AgentFile struct {
	File   string
	Agents []Agent
}

// Dict is everything read from a folder of PETRARCH dictionaries.
type Dict struct {
	Verbs    []*VerbDict
	Actors   []*ActorDict
	Agents   []AgentFile
	Discards []Discard
	Issues   []Issue
	Ontology *Ontology // nil without an ontology file
}

// Counts are what was read.
type Counts struct {
	VerbBlocks      int // "--- NAME [CODE] ---" blocks
	Verbs           int // verbs (single and multi-word) in the blocks
	Patterns        int
	Synsets         int
	Transformations int
	Actors          int // actor entries (a name with its synonyms and codes)
	ActorNames      int // names and synonyms
	DatedCodes      int // codes with a date restriction
	Agents          int // agent phrases (after substitution markers are expanded)
	Discards        int
	Issues          int
	OntologyCodes   int // codes of the internal coding ontology (PICO)
}

// Approximation is one kind of construct the conversion could not carry over exactly.
type Approximation struct {
	What    string
	N       int
	Example string // file:line of the first case
}

// Report is what ReadDir and Load found.
type Report struct {
	Files    []string // files read, as "kind: path"
	Ignored  []string // files in the folder that are not dictionaries dyad reads
	Counts   Counts
	Problems []Problem
	// Approximations are filled by the conversion (Load, Convert).
	Approximations []Approximation
	// Entries made by the conversion.
	ActorEntries, AgentEntries, PredicateEntries int
}

// Skipped is the number of lines that could not be read.
func (r *Report) Skipped() int {
	n := 0
	for _, p := range r.Problems {
		if p.Skipped {
			n++
		}
	}
	return n
}

// ReadDir reads every dictionary file in dir (not its subfolders), by kind as
// Classify names them, in name order.
func ReadDir(dir string) (*Dict, *Report, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("petrarch: %w", err)
	}
	var names []string
	for _, e := range ents {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var paths []string
	rep := &Report{}
	for _, n := range names {
		if _, ok := Classify(n); ok && !isDyadFile(filepath.Join(dir, n)) {
			paths = append(paths, filepath.Join(dir, n))
		} else {
			rep.Ignored = append(rep.Ignored, filepath.Join(dir, n))
		}
	}
	d, err := ReadFiles(paths, rep)
	if err != nil {
		return nil, nil, err
	}
	if len(d.Verbs)+len(d.Actors)+len(d.Agents) == 0 {
		return nil, nil, fmt.Errorf("petrarch: %s holds no verb, actor or agent dictionary (files are told apart by name: *verbs*, CAMEO*, *actors*, *agents*, *discards*, *issues*)", dir)
	}
	return d, rep, nil
}

// ReadFiles reads the named dictionary files (kinds told by Classify) into a Dict,
// adding to rep.
func ReadFiles(paths []string, rep *Report) (*Dict, error) {
	d := &Dict{}
	for _, p := range paths {
		kind, ok := Classify(p)
		if !ok {
			return nil, fmt.Errorf("petrarch: %s: not a dictionary file name dyad knows (verbs, actors, agents, discards, issues)", p)
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("petrarch: %w", err)
		}
		var probs []Problem
		switch kind {
		case KindVerbs:
			var v *VerbDict
			v, probs, err = ReadVerbs(p, f)
			if err == nil {
				d.Verbs = append(d.Verbs, v)
			}
		case KindActors:
			var a *ActorDict
			a, probs, err = ReadActors(p, f)
			if err == nil {
				d.Actors = append(d.Actors, a)
			}
		case KindAgents:
			var a []Agent
			a, probs, err = ReadAgents(p, f)
			if err == nil {
				d.Agents = append(d.Agents, AgentFile{File: p, Agents: a})
			}
		case KindDiscards:
			var ds []Discard
			ds, probs, err = ReadDiscards(p, f)
			d.Discards = append(d.Discards, ds...)
		case KindIssues:
			var is []Issue
			is, probs, err = ReadIssues(p, f)
			d.Issues = append(d.Issues, is...)
		case KindOntology:
			var o *Ontology
			o, probs, err = ReadOntology(p, f)
			if err == nil && d.Ontology == nil {
				d.Ontology = o
			}
		}
		f.Close()
		if err != nil {
			return nil, err
		}
		rep.Files = append(rep.Files, string(kind)+": "+p)
		rep.Problems = append(rep.Problems, probs...)
	}
	rep.Counts = d.Counts()
	return d, nil
}

// Counts counts what the dictionaries hold.
func (d *Dict) Counts() Counts {
	var c Counts
	for _, v := range d.Verbs {
		c.Synsets += len(v.Synsets)
		c.Transformations += len(v.Transformations)
		c.VerbBlocks += len(v.Blocks)
		for _, b := range v.Blocks {
			c.Verbs += len(b.Verbs)
			c.Patterns += len(b.Patterns)
		}
	}
	for _, a := range d.Actors {
		c.Actors += len(a.Entries)
		for _, e := range a.Entries {
			c.ActorNames += len(e.Names)
			for _, code := range e.Codes {
				if code.Dated() {
					c.DatedCodes++
				}
			}
		}
	}
	for _, a := range d.Agents {
		c.Agents += len(a.Agents)
	}
	c.Discards = len(d.Discards)
	c.Issues = len(d.Issues)
	c.OntologyCodes = d.Ontology.Len()
	return c
}
