// Package lexicon holds what dyad knows about the world: actors (countries, cities,
// seats of government, organisations, roles, named people with their terms of office,
// non-state groups) and predicates (the verbs, nouns and phrases that signal events,
// with their CAMEO and PLOVER codes and argument patterns).
//
// The knowledge lives in plain text files (docs/lexicon-format.md) embedded from
// data/; Load reads any folder of such files. Matching finds every lexicon phrase in
// a sentence in one pass over its tokens. The package does not decide who did what to
// whom: that is the coder's job, which combines these matches with syntax.
package lexicon

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// Kind is the kind of a lexicon entry.
type Kind string

// Entry kinds.
const (
	KindCountry    Kind = "country"
	KindIGO        Kind = "igo"
	KindNGO        Kind = "ngo"
	KindAgent      Kind = "agent"
	KindPerson     Kind = "person"
	KindGroup      Kind = "group"
	KindDescriptor Kind = "descriptor"
	KindRegion     Kind = "region"
	KindEvent      Kind = "event"
)

// Role is a code an actor held for a period, e.g. a person's term of office.
// From and To are dates as written (YYYY, YYYY-MM or YYYY-MM-DD); "" is open.
type Role struct {
	Code     string
	From, To string
	Note     string
}

// Actor is an actor entry.
type Actor struct {
	Kind    Kind
	ID      string
	Name    string
	Code    string   // CAMEO actor code (for a country, its CAMEO country code)
	Country string   // ISO 3166-1 alpha-3, "" when none
	Sectors []string // CAMEO agent codes
	Plover  string   // PLOVER sector
	Roles   []Role   // dated codes (people, groups)
	Regions []string // region codes (countries, descriptors)
	Note    string
	Origin  string // file:line
}

// CodeOn returns the actor's code on a date (YYYY-MM-DD; "" for no date): the code of
// the role that covers the date — of the one taken up last when two do (an army chief
// who becomes president is coded as president) — else the entry's own code (which is
// "" for a person known only by dated roles). Without a date it is the last role's.
func (a *Actor) CodeOn(date string) string {
	if len(a.Roles) == 0 {
		return a.Code
	}
	if date == "" {
		return a.Roles[len(a.Roles)-1].Code
	}
	best := -1
	for i, r := range a.Roles {
		if r.Covers(date) && (best < 0 || !dateBefore(r.From, a.Roles[best].From)) {
			best = i
		}
	}
	if best >= 0 {
		return a.Roles[best].Code
	}
	return a.Code
}

// Covers reports whether the role held on date. Dates are compared only as far as
// the less precise one goes, so a role "2018..2022" covers 2022-12-31.
func (r Role) Covers(date string) bool {
	return (r.From == "" || !dateBefore(date, r.From)) && (r.To == "" || !dateBefore(r.To, date))
}

// dateBefore reports whether a is strictly before b over their common precision.
func dateBefore(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}

// Predicate is an event entry of the predicate lexicon.
type Predicate struct {
	ID          string
	CAMEO       string
	PloverEvent string
	PloverMode  string
	Context     []string
	Verbs       []string // lemma phrases: "expel", "kick out"
	Nouns       []string // "expulsion"
	Object      []string // restriction: words the object phrase must contain
	Source      []string // grammatical roles that may hold the source
	Target      []string // grammatical roles that may hold the target
	Not         []string // words near the trigger that cancel it
	Note        string
	Weak        bool // a very general trigger ("say"): used only when nothing better fires
	Origin      string

	// ObjectKeys and NotKeys are Object and Not as folded words, ready to compare
	// with a sentence's keys.
	ObjectKeys, NotKeys [][]string
}

// Lexicon is a loaded lexicon. It is read-only after Load and safe for concurrent use.
type Lexicon struct {
	Actors     []*Actor
	Predicates []*Predicate

	byID      map[string]*Actor
	agents    map[string]*Actor // by agent code
	actorTrie *trie
	predTrie  *trie
	discards  map[string][]Discard // by first word
}

// ActorByID returns the actor entry with the given id.
func (l *Lexicon) ActorByID(id string) *Actor { return l.byID[id] }

// Agent returns the agent entry for a CAMEO agent code such as "GOV".
func (l *Lexicon) Agent(code string) *Actor { return l.agents[code] }

//go:embed data
var embedded embed.FS

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// Default returns dyad's own lexicon, loaded once from the embedded files.
func Default() (*Lexicon, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "data")
		if err != nil {
			defaultErr = err
			return
		}
		defaultLex, defaultErr = Load(sub)
	})
	return defaultLex, defaultErr
}

// Load reads every *.txt file in fsys (recursively) as a lexicon file. It reports all
// problems it finds, each with file and line, joined in one error; the lexicon is
// still returned with the entries that could be read.
func Load(fsys fs.FS) (*Lexicon, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	sort.Strings(files)
	b := newBuilder()
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		raws, errs := parseFile(name, f)
		f.Close()
		b.errs = append(b.errs, errs...)
		for _, r := range raws {
			b.add(path.Clean(name), r)
		}
	}
	lex := b.finish()
	return lex, errors.Join(b.errs...)
}
