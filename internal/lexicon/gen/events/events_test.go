// Package events checks the predicate lexicon files, internal/lexicon/data/events-NN.txt:
// that every CAMEO code of the codebook has an entry, that PLOVER types, modes and
// contexts are ones the PLOVER manual defines, that IDs are unique and that no trigger
// with the same object restriction is given two different codes. It carries its own
// minimal reader of the lexicon format so that it does not depend on the loader in
// package lexicon; it does not check actor entries.
package events

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"dyad/internal/ontology"
	"dyad/internal/shareddata"
)

// entry is one `event` entry as the checker reads it.
type entry struct {
	file, id, code     string
	line               int
	ploverType, mode   string
	contexts           []string
	verbs, nouns       []string
	objects, not       []string
	source, target     []string
	weak, hasPloverRow bool
}

// roles are the grammatical roles an argument pattern may name.
var roles = strings.Fields(`subject object agent possessor against with on to of from in at
	for over into toward towards upon between by about across near inside outside`)

var (
	codePattern = regexp.MustCompile(`^[0-2][0-9]{1,3}$`)
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	filePattern = regexp.MustCompile(`^events-(\d\d)\.txt$`)
)

func dataDir(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the test's own path")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "data")
}

// readEntries reads every events-NN.txt file of dir, reporting malformed lines as errors.
func readEntries(dir string) ([]*entry, []error) {
	files, _ := filepath.Glob(filepath.Join(dir, "events-*.txt"))
	sort.Strings(files)
	var (
		all  []*entry
		errs []error
	)
	for _, path := range files {
		es, fe := readFile(path)
		all = append(all, es...)
		errs = append(errs, fe...)
	}
	if len(files) == 0 {
		errs = append(errs, fmt.Errorf("no events-*.txt files in %s", dir))
	}
	return all, errs
}

func readFile(path string) ([]*entry, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{err}
	}
	defer f.Close()
	name := filepath.Base(path)
	var (
		out  []*entry
		errs []error
		cur  *entry
	)
	bad := func(n int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, args...)))
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := stripComment(sc.Text())
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Fields(line)
		if line[0] != ' ' && line[0] != '\t' {
			cur = nil
			if len(fields) != 3 || fields[0] != "event" {
				bad(n, "want header `event ID CODE`, got %q", strings.TrimSpace(line))
				continue
			}
			cur = &entry{file: name, id: fields[1], code: fields[2], line: n}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			bad(n, "field outside an entry")
			continue
		}
		key, value := fields[0], strings.TrimSpace(strings.TrimSpace(line)[len(fields[0]):])
		list := splitList(value)
		switch key {
		case "plover":
			p := strings.Fields(value)
			if len(p) < 1 || len(p) > 2 {
				bad(n, "plover %q: want TYPE [mode]", value)
				continue
			}
			cur.hasPloverRow, cur.ploverType = true, p[0]
			if len(p) == 2 {
				cur.mode = p[1]
			}
		case "context":
			cur.contexts = append(cur.contexts, strings.Fields(strings.ReplaceAll(value, "|", " "))...)
		case "verbs":
			cur.verbs = append(cur.verbs, list...)
		case "nouns":
			cur.nouns = append(cur.nouns, list...)
		case "object":
			cur.objects = append(cur.objects, list...)
		case "not":
			cur.not = append(cur.not, list...)
		case "source":
			cur.source = append(cur.source, list...)
		case "target":
			cur.target = append(cur.target, list...)
		case "weak":
			cur.weak = true
		case "note":
		default:
			bad(n, "unknown field %q", key)
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	return out, errs
}

// stripComment drops a "#" comment that starts the line or follows white space.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func norm(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

func mustRead(t *testing.T) []*entry {
	t.Helper()
	es, errs := readEntries(dataDir(t))
	for _, err := range errs {
		t.Error(err)
	}
	if len(es) == 0 {
		t.Fatal("no event entries read")
	}
	return es
}

// TestWellFormed checks each entry on its own: header, file, PLOVER, context, roles.
func TestWellFormed(t *testing.T) {
	ids := map[string]string{}
	for _, e := range mustRead(t) {
		where := fmt.Sprintf("%s:%d %s", e.file, e.line, e.id)
		if !idPattern.MatchString(e.id) {
			t.Errorf("%s: id should be lower-case words joined by '-'", where)
		}
		if prev, dup := ids[e.id]; dup {
			t.Errorf("%s: id already used at %s", where, prev)
		}
		ids[e.id] = where
		if !codePattern.MatchString(e.code) {
			t.Errorf("%s: %q is not a CAMEO code", where, e.code)
			continue
		}
		if _, ok := ontology.CAMEO(e.code); !ok {
			t.Errorf("%s: CAMEO %s is not in the ontology tables", where, e.code)
		}
		if m := filePattern.FindStringSubmatch(e.file); m == nil || m[1] != e.code[:2] {
			t.Errorf("%s: code %s is not in root %s's file", where, e.code, e.code[:2])
		}
		if len(e.verbs)+len(e.nouns) == 0 {
			t.Errorf("%s: no verbs or nouns", where)
		}
		// PLOVER dropped CAMEO 01 (statements): only 016, which its manual suggests
		// reading as REJECT, has a type there. Every other entry names its type.
		switch {
		case e.code[:2] == "01" && e.hasPloverRow && e.code != "016":
			t.Errorf("%s: PLOVER has no statement type; leave plover out for 01", where)
		case e.code[:2] != "01" && !e.hasPloverRow:
			t.Errorf("%s: missing plover", where)
		case e.hasPloverRow:
			// Types and modes as the PLOVER manual's tables define them (package ontology),
			// written in their current names, not the older aliases.
			pt, ok := ontology.Plover(e.ploverType)
			switch {
			case !ok || pt.Name != e.ploverType:
				t.Errorf("%s: %q is not a current PLOVER event type", where, e.ploverType)
			case e.mode != "":
				if _, ok := pt.Mode(e.mode); !ok {
					t.Errorf("%s: %q is not a mode of PLOVER %s", where, e.mode, e.ploverType)
				}
			}
		}
		for _, c := range e.contexts {
			if _, ok := ontology.PloverContextByName(c); !ok {
				t.Errorf("%s: %q is not a PLOVER context", where, c)
			}
		}
		for _, r := range append(slices.Clone(e.source), e.target...) {
			if !slices.Contains(roles, r) {
				t.Errorf("%s: unknown grammatical role %q", where, r)
			}
		}
		for _, p := range append(append(slices.Clone(e.verbs), e.nouns...), e.objects...) {
			if p != strings.TrimSpace(p) || strings.ContainsAny(p, "\t#") {
				t.Errorf("%s: odd phrase %q", where, p)
			}
		}
		for _, v := range e.verbs {
			// Verbs are lemmas: an inflected first word would never match its other forms.
			first := strings.Fields(v)[0]
			if strings.HasSuffix(first, "ing") && !slices.Contains([]string{"bring", "sing", "ring", "string", "cling", "fling", "spring", "sting", "swing", "wring"}, first) ||
				strings.HasSuffix(first, "ed") && !slices.Contains([]string{"shed", "need", "heed", "embed", "speed", "feed", "bleed", "breed", "seed", "exceed", "proceed", "succeed", "impede", "shred", "wed"}, first) {
				t.Errorf("%s: verb %q is not a lemma", where, v)
			}
		}
	}
}

// trigger is one (kind, phrase, object restriction) key of the lexicon.
type trigger struct{ kind, phrase, object string }

// TestNoConflicts checks that a trigger with a given object restriction (or none) leads
// to one code only, and lists no phrase twice within an entry.
func TestNoConflicts(t *testing.T) {
	seen := map[trigger]*entry{}
	for _, e := range mustRead(t) {
		objects := e.objects
		if len(objects) == 0 {
			objects = []string{""}
		}
		for kind, phrases := range map[string][]string{"verb": e.verbs, "noun": e.nouns} {
			inEntry := map[string]bool{}
			for _, p := range phrases {
				p = norm(p)
				if inEntry[p] {
					t.Errorf("%s:%d %s: %s %q listed twice", e.file, e.line, e.id, kind, p)
				}
				inEntry[p] = true
				for _, o := range objects {
					k := trigger{kind, p, norm(o)}
					if prev, ok := seen[k]; ok && prev.code != e.code {
						t.Errorf("%s %q with object %q: %s (%s) and %s (%s)", kind, p, o, prev.id, prev.code, e.id, e.code)
					}
					seen[k] = e
				}
			}
		}
	}
}

// cameoCodes reads the event codes of the codebook tables in ../shared.
func cameoCodes(t *testing.T) (listed []string, known map[string]bool) {
	t.Helper()
	known = map[string]bool{}
	path := shareddata.Path(t, "data/ontology/cameo/CAMEO.eventcodes.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && len(f[0]) >= 2 && codePattern.MatchString(f[0]) {
			listed = append(listed, f[0])
			known[f[0]] = true
		}
	}
	// The manual and the JSON table also define a few codes GDELT's list lacks
	// (1213, 1214, 155, 176, 1834, 1951, 1952).
	js, err := os.ReadFile(shareddata.Path(t, "data/ontology/cameo/cameo_codes_with_usage_examples.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^  "(\d{2,4})": \{`).FindAllStringSubmatch(string(js), -1) {
		known[m[1]] = true
	}
	cw, err := os.ReadFile(shareddata.Path(t, "data/ontology/plover/CAMEO2PLOVER-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^(\d{2,4}):`).FindAllStringSubmatch(string(cw), -1) {
		known[m[1]] = true
	}
	return listed, known
}

// TestCoversCodebook checks that every CAMEO code of the codebook has an entry and that
// no entry uses a code the codebook does not define.
func TestCoversCodebook(t *testing.T) {
	listed, known := cameoCodes(t)
	if len(listed) < 280 {
		t.Fatalf("read only %d codes from CAMEO.eventcodes.txt", len(listed))
	}
	have := map[string]int{}
	for _, e := range mustRead(t) {
		have[e.code]++
		if !known[e.code] {
			t.Errorf("%s:%d %s: code %s is not in the codebook", e.file, e.line, e.id, e.code)
		}
	}
	for _, c := range listed {
		// A two-digit root is a cue category, not an event code: its events are coded with
		// the residual x0 code ("14" -> "140"), so the root counts as covered by that.
		if len(c) == 2 && have[c+"0"] > 0 {
			continue
		}
		if have[c] == 0 {
			t.Errorf("CAMEO %s has no entry", c)
		}
	}
}

// TestSize reports the lexicon's size and checks it has the breadth asked for.
func TestSize(t *testing.T) {
	es := mustRead(t)
	verbs, nouns, multi := map[string]bool{}, map[string]bool{}, map[string]bool{}
	phrases := 0
	codes := map[string]bool{}
	for _, e := range es {
		codes[e.code] = true
		phrases += len(e.verbs) + len(e.nouns)
		for _, v := range e.verbs {
			verbs[norm(v)] = true
			if strings.Contains(v, " ") {
				multi[norm(v)] = true
			}
		}
		for _, n := range e.nouns {
			nouns[norm(n)] = true
			if strings.Contains(n, " ") {
				multi[norm(n)] = true
			}
		}
	}
	t.Logf("%d entries, %d codes; %d trigger phrases in entries; distinct: %d verbs, %d nouns, %d multi-word",
		len(es), len(codes), phrases, len(verbs), len(nouns), len(multi))
	if phrases < 1500 {
		t.Errorf("only %d trigger phrases, want at least 1500", phrases)
	}
}

// lookup codes a trigger and the words of its object phrase the way the format says:
// among the entries listing the trigger, the one whose object restriction is the longest
// phrase found in the object text wins; an entry without restriction is the default.
func lookup(es []*entry, kind, trig, object string) *entry {
	trig, object = norm(trig), " "+norm(object)+" "
	var (
		best    *entry
		bestLen = -1
	)
	for _, e := range es {
		list := e.verbs
		if kind == "noun" {
			list = e.nouns
		}
		if !slices.ContainsFunc(list, func(p string) bool { return norm(p) == trig }) {
			continue
		}
		if len(e.objects) == 0 {
			if bestLen < 0 {
				best, bestLen = e, 0
			}
			continue
		}
		for _, o := range e.objects {
			if o = norm(o); strings.Contains(object, " "+o+" ") && len(o) > bestLen {
				best, bestLen = e, len(o)
			}
		}
	}
	return best
}

// TestSpotChecks codes phrases whose CAMEO code the codebook and the seed article settle.
func TestSpotChecks(t *testing.T) {
	es := mustRead(t)
	cases := []struct {
		kind, trigger, object string
		codes                 []string // any of
		plover, mode          string   // "" = not checked
	}{
		// Seed article: expelling diplomats is 161 (usage note of 174), PLOVER SANCTION expel.
		{"verb", "expel", "two Russian diplomats", []string{"161"}, "SANCTION", "expel"},
		{"noun", "expulsion", "of the Colombian ambassador", []string{"161"}, "SANCTION", "expel"},
		{"verb", "declare persona non grata", "", []string{"161"}, "SANCTION", "expel"},
		{"verb", "declare personae non gratae", "two staff members of the mission", []string{"161"}, "SANCTION", "expel"},
		{"verb", "order the departure", "of two Russian diplomatic officials", []string{"161"}, "SANCTION", "expel"},
		{"verb", "request", "the withdrawal of two Russian diplomatic officials", []string{"161"}, "SANCTION", ""},
		{"noun", "involvement", "in espionage activities", []string{"1125", "112"}, "ACCUSE", ""},
		{"verb", "expel", "settlers", []string{"174"}, "COERCE", "deport"},
		{"verb", "deport", "168 Liberians", []string{"174"}, "COERCE", "deport"},
		{"verb", "expel", "UN weapons inspectors", []string{"1662"}, "SANCTION", "expel"},
		{"verb", "expel", "peacekeepers", []string{"1661"}, "SANCTION", "expel"},
		{"verb", "summon", "the Colombian ambassador", []string{"114", "111", "110"}, "ACCUSE", ""},
		{"verb", "accuse", "the Russian officials of espionage", []string{"1125"}, "ACCUSE", "allege"},
		{"verb", "accuse", "Israel of war crimes", []string{"1124"}, "ACCUSE", ""},
		{"verb", "accuse", "the United States", []string{"112"}, "ACCUSE", ""},
		{"verb", "decry", "the decision", []string{"111"}, "ACCUSE", "disapprove"},
		{"verb", "denounce", "the expulsions as groundless", []string{"111"}, "ACCUSE", "disapprove"},
		{"verb", "condemn", "the attack", []string{"111"}, "ACCUSE", "disapprove"},
		{"verb", "attack", "the government's policy", []string{"111"}, "ACCUSE", ""},
		{"verb", "attack", "an army base", []string{"190"}, "ASSAULT", ""},
		{"noun", "airstrike", "", []string{"195"}, "ASSAULT", "aerial"},
		{"verb", "withdraw", "its ambassador", []string{"161"}, "SANCTION", "withdraw"},
		{"verb", "withdraw", "troops", []string{"0874"}, "RETREAT", "withdraw"},
		{"verb", "meet", "", []string{"040"}, "CONSULT", ""},
		{"verb", "visit", "Moscow", []string{"042"}, "CONSULT", "visit"},
		{"verb", "host", "the Japanese prime minister", []string{"043"}, "CONSULT", "visit"},
		{"verb", "hold talks", "", []string{"046"}, "CONSULT", ""},
		{"verb", "sign", "a treaty of friendship", []string{"057"}, "SUPPORT", ""},
		{"verb", "arrest", "more than 100 Palestinians", []string{"173"}, "COERCE", "arrest"},
		{"verb", "take to the streets", "", []string{"141"}, "PROTEST", "demo"},
		{"verb", "open fire", "", []string{"190", "193"}, "ASSAULT", ""},
		{"verb", "cut ties", "", []string{"161"}, "SANCTION", ""},
		{"verb", "break off relations", "", []string{"161"}, "SANCTION", ""},
		{"verb", "impose", "sanctions on Iran", []string{"163"}, "", ""},
		{"verb", "threaten", "sanctions", []string{"1312"}, "THREATEN", ""},
		{"verb", "call for", "the release of the hostages", []string{"0253"}, "REQUEST", "yield"},
		{"verb", "demand", "the release of the hostages", []string{"1053"}, "REQUEST", "yield"},
		{"verb", "reject", "the peace plan", []string{"127"}, "REJECT", ""},
		{"verb", "pledge", "$50 million in economic aid", []string{"0331"}, "AGREE", ""},
		{"verb", "investigate", "corruption", []string{"091"}, "ACCUSE", "investigate"},
		{"verb", "kidnap", "16 Soviet advisers", []string{"181"}, "ASSAULT", "abduct"},
		{"verb", "assassinate", "the deputy chief", []string{"186"}, "ASSAULT", ""},
		{"noun", "ceasefire", "", []string{"0871"}, "RETREAT", "ceasefire"},
		{"verb", "say", "", []string{"010"}, "", ""},
		{"verb", "call for", "the withdrawal of foreign forces", []string{"0256"}, "REQUEST", "yield"},
		{"verb", "call for", "sanctions against Nigeria", []string{"113"}, "ACCUSE", ""},
		{"verb", "agree", "a ceasefire", []string{"0356", "0871"}, "", ""},
		{"verb", "offer to mediate", "", []string{"039"}, "AGREE", ""},
		{"verb", "telephone", "his Russian counterpart", []string{"041"}, "CONSULT", "phone"},
		{"verb", "lift", "the curfew", []string{"0813"}, "RETREAT", ""},
		{"verb", "impose", "a curfew", []string{"1723"}, "COERCE", "curfew"},
		{"verb", "release", "the hostages", []string{"0841"}, "RETREAT", "release"},
		{"verb", "threaten", "to impose sanctions", []string{"1312"}, "THREATEN", ""},
		{"verb", "warn", "of military action", []string{"138"}, "THREATEN", "violence"},
		{"verb", "refuse", "to lift the curfew", []string{"1241"}, "REJECT", ""},
		{"verb", "kill", "three soldiers", []string{"190"}, "ASSAULT", ""},
		{"verb", "shell", "the town", []string{"194"}, "ASSAULT", "heavy-weapons"},
		{"noun", "drone strike", "", []string{"1952"}, "ASSAULT", "drone"},
		{"noun", "suicide bombing", "", []string{"1831"}, "ASSAULT", "suicide-attack"},
		{"noun", "car bomb", "", []string{"1832"}, "ASSAULT", ""},
		{"verb", "seize", "the town", []string{"192"}, "", ""},
		{"verb", "seize", "a tanker", []string{"1711"}, "COERCE", "seize"},
		{"verb", "capture", "soldiers", []string{"181"}, "ASSAULT", "abduct"},
		{"verb", "protest", "against the government", []string{"141"}, "PROTEST", "demo"},
		{"verb", "go on strike", "", []string{"143"}, "PROTEST", "strike"},
		{"noun", "hunger strike", "", []string{"142"}, "PROTEST", "hunger"},
		{"verb", "resign", "", []string{"0831"}, "", ""},
		{"verb", "extradite", "the suspect to Britain", []string{"063"}, "COOPERATE", ""},
		{"verb", "grant asylum", "", []string{"075"}, "AID", ""},
		{"verb", "apologize", "", []string{"055"}, "SUPPORT", ""},
		{"verb", "sue", "the United States", []string{"115"}, "ACCUSE", ""},
		{"verb", "veto", "a Security Council resolution", []string{"129"}, "REJECT", ""},
		{"verb", "give an ultimatum", "", []string{"139"}, "THREATEN", ""},
		{"verb", "mobilize", "army reservists", []string{"154"}, "MOBILIZE", ""},
		{"noun", "ethnic cleansing", "", []string{"203"}, "ASSAULT", ""},
		{"noun", "chemical attack", "", []string{"2041"}, "ASSAULT", "unconventional"},
	}
	for _, c := range cases {
		e := lookup(es, c.kind, c.trigger, c.object)
		name := fmt.Sprintf("%s %q + %q", c.kind, c.trigger, c.object)
		if e == nil {
			t.Errorf("%s: no entry", name)
			continue
		}
		if !slices.Contains(c.codes, e.code) {
			t.Errorf("%s: %s (%s), want %v", name, e.code, e.id, c.codes)
		}
		if c.plover != "" && e.ploverType != c.plover {
			t.Errorf("%s: PLOVER %s (%s), want %s", name, e.ploverType, e.id, c.plover)
		}
		if c.mode != "" && e.mode != c.mode {
			t.Errorf("%s: PLOVER mode %q (%s), want %q", name, e.mode, e.id, c.mode)
		}
	}
	if e := lookup(es, "verb", "say", ""); e != nil && !e.weak {
		t.Errorf("\"say\" (%s) should be marked weak", e.id)
	}
}
