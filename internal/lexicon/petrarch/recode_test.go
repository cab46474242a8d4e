package petrarch

import (
	"strings"
	"testing"

	"dyad/internal/event"
	"dyad/internal/lexicon"
)

// TestMatchBlock checks that whole patterns pick the code, PETRARCH-1 style: words
// before the verb count, "_" keeps words together, other words may stand between.
func TestMatchBlock(t *testing.T) {
	const dict = `&NEGAUX
+DID N'T
+WO N'T

--- CLASH [223] ---
CLASH
- &NEGAUX * OVER EFFORTS [904]
- MOST_CERTAINLY_&NEGAUX_EVER * OVER EFFORTS [907]
- * OVER EFFORTS [121]
- * OVER SPILT MILK [---]
`
	v, probs, err := ReadVerbs("v.txt", strings.NewReader(dict))
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	b := blockOf{block: v.Blocks[0], dict: v, p1: true}
	tests := []struct {
		sentence string
		code     string
		matched  bool
	}{
		{"Bree clashed over the efforts of Eriador.", "121", true},
		{"Bree didn't clash over the efforts of Eriador.", "904", true},
		{"Bree most certainly won't ever clash over the efforts of Eriador.", "907", true},
		{"Bree most certainly won't even ever clash over the efforts of Eriador.", "904", true},
		{"Bree clashed over spilt milk.", "---", true},
		{"Bree clashed with Eriador.", "", false},
	}
	for _, tt := range tests {
		verb := "clash"
		if !strings.Contains(tt.sentence, "clash ") {
			verb = "clashed"
		}
		i := strings.Index(tt.sentence, verb)
		ev := event.Event{Evidence: tt.sentence, Trigger: event.Span{Text: verb, Start: i, End: i + len(verb)}}
		code, matched := matchBlock(b, tt.sentence, ev)
		if code != tt.code || matched != tt.matched {
			t.Errorf("%q: got %q %v, want %q %v", tt.sentence, code, matched, tt.code, tt.matched)
		}
	}
}

func TestPatternWords(t *testing.T) {
	got := strings.Join(patternWords("Gondor's army won't, he said."), " ")
	if want := "gondor 's army wo n't he said"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestOntologyNegate checks that a negated code is read back from its value minus
// 0xFFFF, through a code's other values too.
func TestOntologyNegate(t *testing.T) {
	const pico = `# PICO header -->
010:0x1000#Make Public Statement
011:0x1000-0xFFFF
050:0x0080#DiplomaticCoop
057:0x0087
110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove
170:0x10086#0x0087+0xFFFF#0x9000#Coerce
---:0
bad line
`
	o, probs, err := ReadOntology("pico.txt", strings.NewReader(pico))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].Line != 9 || !probs[0].Skipped {
		t.Errorf("problems %v, want line 9 skipped", probs)
	}
	tests := []struct{ code, want string }{
		{"110", "050"}, {"170", "057"}, {"010", "011"}, {"050", ""}, {"999", ""},
	}
	for _, tt := range tests {
		got, ok := o.Negate(tt.code)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Negate(%s) = %q, %v; want %q", tt.code, got, ok, tt.want)
		}
	}
}

// TestRecodeConventions checks the Recoder's PETRARCH conventions on coded events:
// exact verb forms, reciprocal codes, and agents written before the actor's code.
func TestRecodeConventions(t *testing.T) {
	const verbs = `--- LEAVE [012] ---
LEAVE

--- LEFT [032:033] ---
LEFT
`
	v, probs, err := ReadVerbs("v.txt", strings.NewReader(verbs))
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	leave := &lexicon.Predicate{ID: "leave-012", CAMEO: "012"}
	c := &Converted{
		blocks: map[*lexicon.Predicate]blockOf{leave: {block: v.Blocks[0], dict: v}, {ID: "left"}: {block: v.Blocks[1], dict: v}},
		Agents: []lexicon.ActorEntry{{Actor: &lexicon.Actor{Kind: lexicon.KindAgent, Name: "NGO~", Sectors: []string{"NGO"}},
			Phrases: []lexicon.Phrase{{Text: "MSF"}}}},
	}
	r := c.Recoder(&lexicon.Lexicon{Predicates: []*lexicon.Predicate{leave}})
	text := "An MSF Arnor diplomat left for Gondor."
	i := strings.Index(text, "left")
	ev := event.Event{ID: "e", Rule: "lexicon:leave-012/tree", CAMEO: "012", Evidence: text,
		Trigger: event.Span{Text: "left", Start: i, End: i + 4},
		Source:  &event.Actor{Text: "An MSF Arnor diplomat", Code: "ARNGOV", Country: "ARN", Sectors: []string{"GOV"}},
		Target:  &event.Actor{Text: "Gondor", Code: "GON", Country: "GON"}}
	var got []string
	for _, e := range r.Recode(text, []event.Event{ev}) {
		got = append(got, e.Source.Code+"→"+e.Target.Code+" "+e.CAMEO)
	}
	if want := "NGOARNGOV→GON 032; GON→NGOARNGOV 033"; strings.Join(got, "; ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "; "), want)
	}
}

func TestNoObject(t *testing.T) {
	tests := []struct {
		target *event.Actor
		want   bool
	}{
		{nil, true},
		{&event.Actor{Text: "on Thursday"}, true},
		{&event.Actor{Text: "today"}, true},
		{&event.Actor{Text: "its embassy"}, false},
		{&event.Actor{Text: "Gondor", Code: "GON"}, false},
	}
	for _, tt := range tests {
		if got := noObject(tt.target); got != tt.want {
			t.Errorf("noObject(%+v) = %v, want %v", tt.target, got, tt.want)
		}
	}
}

// TestCompoundPattern: "%" before the verb matches only events coded from a compound
// subject ("The Philippines and France agree", rule "+compound").
func TestCompoundPattern(t *testing.T) {
	const dict = `--- AGREE [081] ---
AGREE
- * WITH % [031]
- % * [030:030]
`
	v, probs, err := ReadVerbs("v.txt", strings.NewReader(dict))
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	b := blockOf{block: v.Blocks[0], dict: v, p1: true}
	s := "The Philippines and France agree that disputes should be resolved."
	i := strings.Index(s, "agree")
	ev := event.Event{Evidence: s, Trigger: event.Span{Text: "agree", Start: i, End: i + 5}, Rule: "lexicon:agree-081/tree+compound"}
	if code, ok := matchBlock(b, s, ev); code != "030" || !ok {
		t.Errorf("compound subject: got %q %v, want 030", code, ok)
	}
	ev.Rule = "lexicon:agree-081/tree"
	if code, ok := matchBlock(b, s, ev); ok {
		t.Errorf("single subject: got %q, want no pattern", code)
	}
}
