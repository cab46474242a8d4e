package petrarch

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"dyad/internal/lexicon"
	"dyad/internal/ontology"
)

// Converted is a Dict turned into dyad lexicon entries, grouped by the file they came
// from so that they can be written back out file by file.
type Converted struct {
	Actors   []ConvertedActors
	Agents   []lexicon.ActorEntry
	Events   []ConvertedEvents
	Discards []Discard
	// blocks tells the verb block (and its dictionary) each predicate entry came from,
	// for the Recoder's matching of whole patterns.
	blocks map[*lexicon.Predicate]blockOf
	// ontology is the suite's PICO file, if it has one, for negated verbs.
	ontology *Ontology
}

// blockOf is the verb block an entry came from, with the dictionary's synsets.
type blockOf struct {
	block *VerbBlock
	dict  *VerbDict
	p1    bool // PETRARCH-1 style: "_" joins words that must stand together
}

// ConvertedActors are the actor entries of one actor file.
type ConvertedActors struct {
	File    string
	Entries []lexicon.ActorEntry
}

// ConvertedEvents are the predicate entries of one verb file.
type ConvertedEvents struct {
	File    string
	Entries []*lexicon.Predicate
}

// Load reads the PETRARCH dictionaries in dir and builds a lexicon the coder can use.
// Lines that cannot be read are in the Report, not in the error, which is only for a
// folder that cannot be read or holds no dictionary.
func Load(dir string) (*lexicon.Lexicon, *Report, error) {
	lex, _, rep, err := LoadRecoder(dir)
	return lex, rep, err
}

// LoadRecoder is Load that also returns the Recoder for the lexicon: what the
// coder needs to code as PETRARCH does with these dictionaries.
func LoadRecoder(dir string) (*lexicon.Lexicon, *Recoder, *Report, error) {
	d, rep, err := ReadDir(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	c := Convert(d, rep)
	lex := c.Lexicon()
	return lex, c.Recoder(lex), rep, nil
}

// Lexicon builds the lexicon of the converted entries.
func (c *Converted) Lexicon() *lexicon.Lexicon {
	var actors []lexicon.ActorEntry
	for _, f := range c.Actors {
		actors = append(actors, f.Entries...)
	}
	actors = append(actors, c.Agents...)
	var preds []*lexicon.Predicate
	for _, f := range c.Events {
		preds = append(preds, f.Entries...)
	}
	lex := lexicon.Construct(actors, preds)
	var ds []lexicon.Discard
	for _, d := range c.Discards {
		var ws []string
		for _, w := range strings.Fields(d.Phrase) {
			ws = append(ws, strings.ToLower(w))
		}
		ds = append(ds, lexicon.Discard{Words: ws, Stem: !d.Exact, Story: d.Story})
	}
	lex.AddDiscards(ds)
	return lex
}

// converter carries the state of one conversion: ids in use and approximations seen.
type converter struct {
	rep    *Report
	ids    map[string]int
	approx map[string]*Approximation
	order  []string
}

func (cv *converter) approximate(what, file string, line int) {
	a := cv.approx[what]
	if a == nil {
		a = &Approximation{What: what, Example: fmt.Sprintf("%s:%d", file, line)}
		cv.approx[what] = a
		cv.order = append(cv.order, what)
	}
	a.N++
}

// count records n cases of a construct that has no single line to point at.
func (cv *converter) count(what string, n int) {
	cv.approx[what] = &Approximation{What: what, N: n}
	cv.order = append(cv.order, what)
}

func (cv *converter) problem(file string, line int, skipped bool, format string, args ...any) {
	cv.rep.Problems = append(cv.rep.Problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Skipped: skipped})
}

// uniqueID makes an entry id from a name, unique within the conversion.
func (cv *converter) uniqueID(name string) string {
	base := slug(name)
	if base == "" {
		base = "entry"
	}
	cv.ids[base]++
	if n := cv.ids[base]; n > 1 {
		return fmt.Sprintf("%s-%d", base, n)
	}
	return base
}

// Convert turns a Dict into lexicon entries, recording approximations (and the few
// problems only conversion finds, such as an undefined synset) in rep.
func Convert(d *Dict, rep *Report) *Converted {
	cv := &converter{rep: rep, ids: map[string]int{}, approx: map[string]*Approximation{}}
	c := &Converted{Discards: d.Discards, blocks: map[*lexicon.Predicate]blockOf{}, ontology: d.Ontology}
	for _, a := range d.Actors {
		f := ConvertedActors{File: a.File}
		for _, e := range a.Entries {
			if ae, ok := cv.actor(a.File, e); ok {
				f.Entries = append(f.Entries, ae)
			}
		}
		c.Actors = append(c.Actors, f)
		rep.ActorEntries += len(f.Entries)
	}
	c.Agents = cv.agents(d.Agents)
	rep.AgentEntries = len(c.Agents)
	for _, v := range d.Verbs {
		f := ConvertedEvents{File: v.File, Entries: cv.verbs(v, c.blocks)}
		c.Events = append(c.Events, f)
		rep.PredicateEntries += len(f.Entries)
	}

	if len(d.Issues) > 0 {
		cv.count("issue phrases read but not coded (dyad has no issue field)", len(d.Issues))
	}
	for _, w := range cv.order {
		rep.Approximations = append(rep.Approximations, *cv.approx[w])
	}
	return c
}

// nonCountryPrefixes are 3-letter codes that are not countries: an actor with one of
// them is an organisation or group, not a country the agents combine with.
var nonCountryPrefixes = map[string]bool{"IGO": true, "NGO": true, "NGM": true, "IMG": true, "MNC": true, "UAF": true}

func (cv *converter) actor(file string, e *ActorEntry) (lexicon.ActorEntry, bool) {
	a := &lexicon.Actor{
		Name:   displayName(e.Names[0]),
		Origin: fmt.Sprintf("%s:%d", filepath.Base(file), e.Line),
	}
	undated := 0
	for _, c := range e.Codes {
		null := c.Code == "---" || c.Code == "+++"
		if len(c.Also) > 0 {
			cv.approximate("multiple code [A/B]: the first is used", file, c.Line)
		}
		switch {
		case !c.Dated():
			undated++
			if undated == 1 {
				if !null {
					a.Code = c.Code
				}
			} else {
				cv.approximate("actor with several undated codes: the first is used", file, c.Line)
			}
		case null:
			cv.approximate("dated null code [--- date]: dropped", file, c.Line)
		default:
			a.Roles = append(a.Roles, lexicon.Role{Code: c.Code, From: c.From, To: c.To})
		}
	}
	switch {
	case len(a.Roles) > 0:
		a.Kind = lexicon.KindPerson
	case len(a.Code) == 3 && !nonCountryPrefixes[a.Code]:
		a.Kind = lexicon.KindCountry
		a.Country = a.Code
	default:
		a.Kind = lexicon.KindGroup
	}
	a.ID = cv.uniqueID(e.Names[0])
	var phrases []lexicon.Phrase
	seen := map[string]bool{}
	for _, n := range e.Names {
		p := phraseCase(n)
		if p == "" || seen[p] {
			continue
		}
		seen[p] = true
		phrases = append(phrases, lexicon.Phrase{Text: p, Form: lexicon.FormName})
	}
	return lexicon.ActorEntry{Actor: a, Phrases: phrases}, len(phrases) > 0
}

// agents groups agent phrases by code: one dyad agent entry per code.
func (cv *converter) agents(files []AgentFile) []lexicon.ActorEntry {
	byCode := map[string]int{}
	var out []lexicon.ActorEntry
	for _, f := range files {
		for _, ag := range f.Agents {
			key := ag.Code
			if ag.Prefix {
				key += "~"
				cv.approximate("prefix agent code [CODE~]: put after the actor code like the others", f.File, ag.Line)
			}
			i, ok := byCode[key]
			if !ok {
				i = len(out)
				byCode[key] = i
				sectors := make([]string, 0, len(ag.Code)/3)
				for k := 0; k+3 <= len(ag.Code); k += 3 {
					sectors = append(sectors, ag.Code[k:k+3])
				}
				a := &lexicon.Actor{Kind: lexicon.KindAgent, ID: ag.Code[:3], Name: "~" + ag.Code, Sectors: sectors,
					Origin: fmt.Sprintf("%s:%d", filepath.Base(f.File), ag.Line)}
				if ag.Prefix {
					a.Name = ag.Code + "~"
				}
				out = append(out, lexicon.ActorEntry{Actor: a})
			}
			e := &out[i]
			for _, p := range []string{ag.Phrase, ag.Plural} {
				if p = phraseCase(p); p != "" && !hasPhrase(e.Phrases, p) {
					e.Phrases = append(e.Phrases, lexicon.Phrase{Text: p, Form: lexicon.FormName})
				}
			}
		}
	}
	return out
}

func hasPhrase(ps []lexicon.Phrase, p string) bool {
	for _, q := range ps {
		if q.Text == p {
			return true
		}
	}
	return false
}

// verbs converts the blocks of a verb dictionary.
func (cv *converter) verbs(v *VerbDict, blocks map[*lexicon.Predicate]blockOf) []*lexicon.Predicate {
	p1 := true // PETRARCH-1 style: no "{…}" noun phrases; words in a row are a sequence
	for _, b := range v.Blocks {
		for _, p := range b.Patterns {
			if strings.Contains(p.Text, "{") {
				p1 = false
			}
		}
	}
	var out []*lexicon.Predicate
	for _, b := range v.Blocks {
		ps := cv.block(v, b, p1)
		for _, p := range ps {
			blocks[p] = blockOf{block: b, dict: v, p1: p1}
		}
		out = append(out, ps...)
	}
	return out
}

// entryKey groups a block's patterns into dyad entries: same code, same roles, same
// phrase length (longer phrases are more specific and go first).
type entryKey struct {
	code, source, target string
	words                int
}

func (cv *converter) block(v *VerbDict, b *VerbBlock, p1 bool) []*lexicon.Predicate {
	file := v.File
	// The verbs, as dyad lemma phrases, and the default entries (one per code).
	var lemmas []string
	defaults := map[string]*lexicon.Predicate{}
	var defaultOrder []string
	for _, vb := range b.Verbs {
		forms := verbPhrases(vb)
		lemmas = appendNew(lemmas, forms...)
		code := vb.Code
		if code == "" {
			code = b.Code
		}
		primary, reverse, _ := strings.Cut(code, ":")
		if reverse != "" && primary != "" {
			cv.approximate("verb code [A:B]: the entry codes A, the Recoder adds the reciprocal B (target to source)", file, vb.Line)
		}
		if primary == "---" || primary == "+++" || primary == "" {
			continue
		}
		p := defaults[primary]
		if p == nil {
			p = &lexicon.Predicate{CAMEO: primary, Origin: fmt.Sprintf("%s:%d", filepath.Base(file), vb.Line),
				Note: fmt.Sprintf("PETRARCH %s block %s (line %d): the verb alone", filepath.Base(file), b.Name, b.Line)}
			p.Target = targetRoles("")
			defaults[primary] = p
			defaultOrder = append(defaultOrder, primary)
		}
		p.Verbs = appendNew(p.Verbs, forms...)
	}
	if len(lemmas) == 0 {
		if len(b.Patterns) > 0 {
			cv.problem(file, b.Line, false, "block %s has patterns but no verbs: its %d patterns are not used", b.Name, len(b.Patterns))
		}
		return nil
	}

	groups := map[entryKey]*lexicon.Predicate{}
	var keys []entryKey
	for _, pat := range b.Patterns {
		cv.pattern(v, b, pat, p1, lemmas, defaults, defaultOrder, groups, &keys)
	}
	// Longer object phrases first (the coder takes the first restriction met), then
	// the verbs' own codes, then patterns that ask for no word (the coder takes the
	// first entry without a restriction, so these come last).
	sort.SliceStable(keys, func(i, j int) bool { return keys[i].words > keys[j].words })
	var out, open []*lexicon.Predicate
	for _, k := range keys {
		if k.words == 0 {
			open = append(open, groups[k])
			continue
		}
		out = append(out, groups[k])
	}
	for _, code := range defaultOrder {
		out = append(out, defaults[code])
	}
	out = append(out, open...)
	for _, p := range out {
		p.ID = cv.uniqueID(b.Name + "-" + p.CAMEO)
		if ev, mode, ctx, ok := ontology.CAMEOToPlover(p.CAMEO); ok {
			p.PloverEvent, p.PloverMode, p.Context = ev, mode, ctx
		}
	}
	return out
}

func (cv *converter) pattern(v *VerbDict, b *VerbBlock, pat Pattern, p1 bool, lemmas []string,
	defaults map[string]*lexicon.Predicate, defaultOrder []string, groups map[entryKey]*lexicon.Predicate, keys *[]entryKey) {
	file := v.File
	code, swap := pat.Code, false
	switch {
	case code == "" && pat.Reverse != "":
		code, swap = pat.Reverse, true
	case pat.Reverse != "" && pat.Reverse != "---":
		cv.approximate("pattern code [A:B]: the entry codes A, the Recoder adds the reciprocal B (target to source)", file, pat.Line)
	}
	null := code == "---" || code == "+++"

	// Roles from the $ and + markers.
	source, target := "", ""
	for _, side := range []struct {
		elems []Elem
		pre   bool
	}{{pat.Pre, true}, {pat.Post, false}} {
		for _, e := range side.elems {
			role := ""
			switch {
			case e.Prep != "":
				role = strings.ToLower(e.Prep)
			case side.pre:
				role = "subject"
			default:
				role = "object"
			}
			switch e.Kind {
			case ElemSource:
				source = role
			case ElemTarget:
				target = role
			case ElemSkip:
				cv.approximate("'^' (skip an actor) ignored", file, pat.Line)
			case ElemCompound:
				cv.approximate("'%' (compound actor: both directions) ignored", file, pat.Line)
			}
		}
	}
	if source != "" && source == target {
		cv.approximate("'$' and '+' on the same side of the verb: roles left to the defaults", file, pat.Line)
		source, target = "", ""
	}
	if swap {
		source, target = target, source
		if source == "" && target == "" {
			source, target = "object", "subject"
		}
	}
	if source == "object" && target == "" {
		target = "subject"
	}
	if target == "subject" && source == "" {
		source = "object"
	}

	// The words the object must hold.
	var pre, post []Elem
	for _, e := range pat.Pre {
		if e.Kind == ElemWords {
			pre = append(pre, e)
		}
	}
	for _, e := range pat.Post {
		if e.Kind == ElemWords {
			post = append(post, e)
		}
	}
	if p1 {
		post = joinSequences(post)
	}
	if len(post) == 0 {
		// "- + * (FROM $)": the marker's preposition is the only word the pattern asks for.
		for _, e := range pat.Post {
			if e.Kind != ElemWords && e.Kind != ElemSkip && e.Prep != "" {
				post = append(post, Elem{Kind: ElemWords, Prep: e.Prep})
				break
			}
		}
	}
	if len(post) == 0 {
		if len(pre) > 0 {
			cv.approximate("words only before the verb (dyad restricts only the object): pattern not used", file, pat.Line)
			return
		}
		if null {
			return // "- * [---]" adds nothing
		}
		if source == "" && target == "" {
			cv.approximate("pattern without words: coded as the verb alone", file, pat.Line)
		}
	} else if len(pre) > 0 {
		cv.approximate("words before the verb dropped (dyad restricts only the object)", file, pat.Line)
	}
	var phrases [][]string
	if len(post) > 0 {
		unit := post[pickUnit(post)]
		if len(post) > 1 {
			cv.approximate("several words or phrases after the verb: only the most specific one is required", file, pat.Line)
		}
		ws := unit.Words
		if len(ws) == 0 {
			ws = []string{unit.Prep}
		} else if unit.Prep != "" {
			cv.approximate("preposition of a prepositional phrase not required", file, pat.Line)
		}
		var err string
		phrases, err = expandSynsets(ws, v.Synsets, 0)
		if err == errTooMany && len(ws) > 1 {
			// A noun phrase of synsets ({&MILITARY &AIRCRAFT}): keep its head.
			cv.approximate("noun phrase of several synsets reduced to its head (last) word", file, pat.Line)
			phrases, err = expandSynsets(ws[len(ws)-1:], v.Synsets, 0)
		}
		if err != "" {
			cv.problem(file, pat.Line, true, "pattern %q: %s", pat.Text, err)
			return
		}
	}
	if null {
		// "No event" for these words: cancel the block's coded verbs next to them.
		if len(defaultOrder) == 0 {
			return // the verb alone codes nothing either
		}
		cv.approximate("null-coded pattern [---]: its words cancel the verb's own code when near it", file, pat.Line)
		for _, c := range defaultOrder {
			for _, ph := range phrases {
				defaults[c].Not = appendNew(defaults[c].Not, strings.ToLower(strings.Join(ph, " ")))
			}
		}
		return
	}
	if code == "" {
		cv.problem(file, pat.Line, true, "pattern %q has no code", pat.Text)
		return
	}
	k := entryKey{code: code, source: source, target: target}
	if len(phrases) > 0 {
		k.words = len(phrases[0])
	}
	p := groups[k]
	if p == nil {
		p = &lexicon.Predicate{CAMEO: code, Verbs: append([]string(nil), lemmas...),
			Origin: fmt.Sprintf("%s:%d", filepath.Base(file), pat.Line),
			Note:   fmt.Sprintf("PETRARCH %s block %s (line %d)", filepath.Base(file), b.Name, b.Line)}
		if source != "" {
			p.Source = []string{source}
		}
		p.Target = targetRoles(target)
		groups[k] = p
		*keys = append(*keys, k)
	}
	for _, ph := range phrases {
		p.Object = appendNew(p.Object, strings.ToLower(strings.Join(ph, " ")))
	}
}

// targetPreps are the prepositions whose object PETRARCH takes as the target when
// the verb has no direct object ("abandoned ties with Gondor"); "by" is left out: it
// is the doer of a passive.
var targetPreps = []string{"with", "to", "against", "on", "from", "for", "toward", "towards", "over", "into", "upon", "at", "in"}

// targetRoles returns the target roles of an entry: the marked one, else the object,
// the possessor, then the objects of prepositions, as PETRARCH looks for them.
func targetRoles(marked string) []string {
	if marked != "" {
		return []string{marked}
	}
	return append([]string{"object", "possessor"}, targetPreps...)
}

// joinSequences joins consecutive plain words of a PETRARCH-1 pattern ("DIPLOMATIC
// TIES") into one phrase, as PETRARCH-1 reads them in sequence.
func joinSequences(es []Elem) []Elem {
	var out []Elem
	for _, e := range es {
		if n := len(out); n > 0 && e.Prep == "" && out[n-1].Prep == "" && len(e.Words) > 0 && len(out[n-1].Words) > 0 {
			out[n-1].Words = append(append([]string(nil), out[n-1].Words...), e.Words...)
			continue
		}
		out = append(out, e)
	}
	return out
}

// pickUnit chooses the element that best stands for a pattern: a synset or a
// multi-word phrase before a single word, a longer word before a shorter one, any
// word before a bare preposition.
func pickUnit(es []Elem) int {
	best, bestScore := 0, -1
	for i, e := range es {
		score := 0
		for _, w := range e.Words {
			if strings.HasPrefix(w, "&") {
				score += 100
			}
			score += len(w)
		}
		if len(e.Words) > 1 {
			score += 50
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

const errTooMany = "synsets expand to more than 500 phrases"

// expandSynsets replaces each "&NAME" word with each of its phrases.
func expandSynsets(ws []string, syn map[string]*Synset, depth int) ([][]string, string) {
	out := [][]string{nil}
	for _, w := range ws {
		if !strings.HasPrefix(w, "&") {
			for i := range out {
				out[i] = append(out[i], w)
			}
			continue
		}
		s := syn[strings.TrimRight(w, "_")]
		if s == nil {
			return nil, fmt.Sprintf("synset %s is not defined", w)
		}
		if depth > 3 {
			return nil, fmt.Sprintf("synset %s nests too deep", w)
		}
		var alts [][]string
		for _, ph := range s.Phrases {
			exp, err := expandSynsets(ph, syn, depth+1)
			if err != "" {
				return nil, err
			}
			alts = append(alts, exp...)
		}
		var next [][]string
		for _, o := range out {
			for _, a := range alts {
				next = append(next, append(append([]string(nil), o...), a...))
			}
		}
		out = next
		if len(out) > 500 {
			return nil, errTooMany
		}
	}
	return out, ""
}

// verbPhrases returns the lemma phrase of a verb and the forms dyad's inflection would
// not make by itself: explicit forms, and the inflections of a verb word that is not
// the first word of its phrase ("WIRE_+TAP").
func verbPhrases(v Verb) []string {
	lemma := strings.ToLower(strings.Join(v.Words, " "))
	out := []string{lemma}
	if v.Head > 0 {
		head := strings.ToLower(v.Words[v.Head])
		for _, f := range regularForms(head) {
			ws := append([]string(nil), v.Words...)
			ws[v.Head] = f
			out = append(out, strings.ToLower(strings.Join(ws, " ")))
		}
	}
	if len(v.Forms) > 0 {
		made := map[string]bool{}
		for _, f := range lexicon.VerbForms(lemma) {
			made[f] = true
		}
		for _, f := range v.Forms {
			s := strings.ToLower(strings.Join(f, " "))
			if !made[s] {
				out = appendNew(out, s)
			}
		}
	}
	return out
}

// regularForms are PETRARCH's regular forms of a verb: -s, -ed, -ing.
func regularForms(v string) []string {
	s := v + "s"
	if strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") {
		s = v + "es"
	}
	if strings.HasSuffix(v, "e") {
		return []string{s, v + "d", v[:len(v)-1] + "ing"}
	}
	return []string{s, v + "ed", v + "ing"}
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		dup := false
		for _, x := range list {
			if x == it {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, it)
		}
	}
	return list
}

// phraseCase turns a dictionary phrase (upper case) into a dyad phrase: lower case,
// except a one-word name of up to three letters ("US", "UN", "ANC"), kept in capitals
// so that it matches only in capitals (dyad matches capital-only phrases
// case-sensitively, so "us" is not the United States).
func phraseCase(p string) string {
	p = strings.Join(strings.Fields(p), " ")
	letters := 0
	for _, r := range p {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if !strings.Contains(p, " ") && letters <= 3 && letters > 0 {
		return strings.ToUpper(p)
	}
	return strings.ToLower(p)
}

// displayName turns "SHEIKH_HASINA_WAJED" into "Sheikh Hasina Wajed".
func displayName(p string) string {
	ws := strings.Fields(strings.ToLower(p))
	for i, w := range ws {
		if len(w) <= 3 && phraseCase(w) == strings.ToUpper(w) && len(ws) == 1 {
			ws[i] = strings.ToUpper(w)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

// slug makes an id: lower-case letters and digits joined by "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}
