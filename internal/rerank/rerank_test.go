package rerank

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dyad/internal/eval"
	"dyad/internal/event"
	"dyad/internal/text"
)

// literalEvent builds an event whose trigger is the first occurrence of trig in s.
func literalEvent(s, trig, plover, cameo string, src, tgt *event.Actor) event.Event {
	i := strings.Index(s, trig)
	ev := event.Event{
		Trigger:    event.Span{Text: trig, Start: i, End: i + len(trig)},
		CAMEO:      cameo,
		Source:     src,
		Target:     tgt,
		Modality:   event.Modality{Mood: event.MoodReported, Tense: "past"},
		Confidence: 0.7,
		Rule:       "lexicon:" + strings.ToLower(plover) + "/surface+intent",
	}
	if plover != "" {
		ev.Plover = &event.Plover{Event: plover}
	}
	return ev
}

func TestFeaturesOfALiteralCandidate(t *testing.T) {
	s := "Officials said Russian troops attacked the village near the border."
	sents := text.Split(s)
	gov := &event.Actor{Text: "Russian troops", Country: "RUS", Sectors: []string{"MIL"}, Code: "RUSMIL"}
	evs := []event.Event{
		literalEvent(s, "attacked", "ASSAULT", "190", gov, nil),
		literalEvent(s, "said", "", "010", gov, nil),
	}
	feats := Features(candidates(s, sents, evs)[0])
	for _, tc := range []struct {
		feature string
		want    bool
	}{
		{"type=ASSAULT", true},
		{"cameo2=19", true},
		{"pred=assault", true},
		{"rule+intent", true},
		{"trig=attacked", true},
		{"TASSAULT|trigstem=attack", true},
		{"src.kind=country+sector", true},
		{"src.sector=MIL", true},
		{"tgt=none", true},
		{"TASSAULT|said=before", true},
		{"TASSAULT|w+2=village", true},
		{"TASSAULT|w-1=troops", true},
		{"TASSAULT|other=none", true},  // the "said" event has CAMEO 01, no PLOVER type
		{"TASSAULT|bow=villag", false}, // stem cuts only -ing, -ed, -es and -s
		{"TASSAULT|bow=village", true},
		{"TASSAULT|bow=the", false}, // stop word
		{"mood=reported", true},
		{"first", false}, // "said" comes before "attacked"
		{"TASSAULT|first", false},
		{"TASSAULT|negated", false},
	} {
		if got := slices.Contains(feats, tc.feature); got != tc.want {
			t.Errorf("feature %q present = %v, want %v\nfeatures: %v", tc.feature, got, tc.want, feats)
		}
	}
	for _, f := range feats {
		if strings.Contains(f, "Officials said") || strings.Contains(f, "sentence") {
			t.Errorf("feature %q names the sentence", f)
		}
	}
}

func TestStem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"attacked", "attack"}, {"attacks", "attack"}, {"attacking", "attack"},
		{"uses", "uses"}, {"accuses", "accus"}, {"was", "was"}, {"talks", "talk"}, {"red", "red"},
	} {
		if got := stem(tc.in); got != tc.want {
			t.Errorf("stem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// synthetic builds a problem the hand-set confidences cannot solve: every text has an
// ASSAULT and an ACCUSE event with equal confidence, the ASSAULT first, and the gold
// type is the one whose trigger is followed by "hard". A model that reads the words
// after the trigger solves it; the coder's pick (the first of equals) is right half the
// time.
func synthetic(n int) []Coded {
	var out []Coded
	for i := range n {
		hardAssault := i%2 == 0
		a, b := "soft", "hard"
		gold := "ACCUSE"
		if hardAssault {
			a, b, gold = "hard", "soft", "ASSAULT"
		}
		s := fmt.Sprintf("Alpha%d struck %s at Beta and blamed %s the Gamma%d.", i%7, a, b, i%5)
		sents := text.Split(s)
		src := &event.Actor{Text: "Alpha", Country: "AAA"}
		evs := []event.Event{
			literalEvent(s, "struck", "ASSAULT", "190", src, nil),
			literalEvent(s, "blamed", "ACCUSE", "112", src, nil),
		}
		var toks []text.Token
		for _, st := range sents {
			toks = append(toks, st.Tokens...)
		}
		out = append(out, Coded{
			Example:   Example{Set: SetPLV, Line: i + 1, Text: s, Plover: gold, Penta: pentaOf(gold)},
			Sentences: sents, Events: evs, Tokens: toks,
		})
	}
	return out
}

func TestRerankerLearnsASyntheticProblem(t *testing.T) {
	rep, err := CrossValidate(synthetic(200), CVOptions{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	coder, learned := rep.Scores[SystemCoder], rep.Scores[SystemRerank]
	if coder.TypeAccuracy() != 0.5 {
		t.Errorf("coder accuracy %.3f, want 0.5 (the first of two equal events)", coder.TypeAccuracy())
	}
	if learned.TypeAccuracy() < 0.95 {
		t.Errorf("re-ranked accuracy %.3f on held-out folds, want ≥ 0.95\n%s", learned.TypeAccuracy(), rep)
	}
	// The fallback classifier sees the same words: "hard" after "struck" vs "blamed".
	if c := rep.Scores[SystemClassifier]; c.TypeAccuracy() < 0.9 {
		t.Errorf("classifier accuracy %.3f, want ≥ 0.9", c.TypeAccuracy())
	}
}

func TestTrainingIsDeterministic(t *testing.T) {
	items := synthetic(60)
	var files [2][]byte
	for i := range files {
		m, err := Train(items, TrainOptions{Bits: 14, FallbackBits: 12})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		files[i] = buf.Bytes()
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatal("two trainings with the same seed wrote different model files")
	}
	other, err := Train(items, TrainOptions{Bits: 14, FallbackBits: 12, Learn: LearnOptions{Epochs: 12, Rate: 0.1, L2: 1e-4, Seed: 99}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	other.Save(&buf)
	if bytes.Equal(files[0], buf.Bytes()) {
		t.Error("another seed wrote the same model file: the seed is not used")
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	items := synthetic(40)
	m, err := Train(items, TrainOptions{Bits: 14, FallbackBits: 12, Sets: []string{"synthetic"}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items[:10] {
		for _, c := range candidates(it.Text, it.Sentences, it.Events) {
			if a, b := m.Score(c), got.Score(c); a != b {
				t.Fatalf("score %v before saving, %v after loading", a, b)
			}
		}
		ta, pa := m.Fallback(it.Tokens, it.Preds)
		tb, pb := got.Fallback(it.Tokens, it.Preds)
		if ta != tb || pa != pb {
			t.Fatalf("fallback %s %.4f before saving, %s %.4f after loading", ta, pa, tb, pb)
		}
	}
	if !slices.Equal(got.Info().Sets, []string{"synthetic"}) || got.Info().Examples != 40 {
		t.Errorf("info after loading: %+v", got.Info())
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello")},
		{"truncated", func() []byte {
			m, _ := Train(synthetic(10), TrainOptions{Bits: 10, FallbackBits: 8})
			var buf bytes.Buffer
			m.Save(&buf)
			return buf.Bytes()[:buf.Len()/2]
		}()},
	} {
		if _, err := Load(bytes.NewReader(tc.data)); err == nil {
			t.Errorf("%s: Load gave no error", tc.name)
		}
	}
}

func TestRerankSetsConfidenceAndKeepsOrder(t *testing.T) {
	items := synthetic(100)
	m, err := Train(items, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := synthetic(3)[1] // "struck soft … blamed hard": ACCUSE
	evs := append([]event.Event(nil), it.Events...)
	m.Rerank(it.Text, it.Sentences, evs)
	if evs[0].Trigger.Text != "struck" || evs[1].Trigger.Text != "blamed" {
		t.Fatalf("order changed: %q, %q", evs[0].Trigger.Text, evs[1].Trigger.Text)
	}
	if best := eval.MostConfident(evs); EventPlover(best) != "ACCUSE" {
		t.Errorf("picked %s (confidences %.3f, %.3f), want ACCUSE", EventPlover(best), evs[0].Confidence, evs[1].Confidence)
	}
	for _, ev := range evs {
		if ev.Confidence < 0 || ev.Confidence > 1 {
			t.Errorf("confidence %v outside [0, 1]", ev.Confidence)
		}
	}
}

func TestLoadGold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		set, file, content string
		want               []Example
		skipped            int
	}{
		{SetPLV, "p.csv", "text,label,source\n\"Russia expelled, they said.\",SANCTION,Russia\nNo label here,WHATEVER,x\nOld name,DEMAND,y\n",
			[]Example{{Set: SetPLV, Line: 2, Text: "Russia expelled, they said.", Plover: "SANCTION", Penta: 4, Source: "Russia"},
				{Set: SetPLV, Line: 4, Text: "Old name", Plover: "REQUEST", Penta: 3, Source: "y"}}, 1},
		{SetConfliBERT, "c.tsv", "A said B.\t0\nbad line\n\nC hit D.\t4\nE\t9\n",
			[]Example{{Set: SetConfliBERT, Line: 1, Text: "A said B.", Penta: 0}, {Set: SetConfliBERT, Line: 4, Text: "C hit D.", Penta: 4}}, 2},
		{SetPloverGSR, "g.json", `[{"event":"DOCUMENT","eventText":"doc"},{"event":"FIGHT","text":"X fought Y."},{"event":"NOPE","text":"Z."}]`,
			[]Example{{Set: SetPloverGSR, Line: 2, Text: "X fought Y.", Plover: "ASSAULT", Penta: 4}}, 1},
	} {
		got, skipped, err := LoadGold(tc.set, write(tc.file, tc.content))
		if err != nil {
			t.Fatalf("%s: %v", tc.set, err)
		}
		if !slices.Equal(got, tc.want) || skipped != tc.skipped {
			t.Errorf("%s: got %+v (%d skipped), want %+v (%d skipped)", tc.set, got, skipped, tc.want, tc.skipped)
		}
	}
	if _, _, err := LoadGold("nope", write("x", "")); err == nil {
		t.Error("unknown set: no error")
	}
	if _, _, err := LoadGold(SetPLV, write("h.csv", "a,b\n1,2\n")); err == nil {
		t.Error("PLV file without text and label columns: no error")
	}
}

func TestDefaultModelLoads(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if info.Examples == 0 || info.Events == 0 {
		t.Errorf("embedded model info %+v: trained on nothing?", info)
	}
	for _, s := range info.Sets {
		if strings.HasPrefix(s, SetConfliBERT) {
			t.Errorf("the shipped model was trained on %s (GPL-3.0 data): retrain without --with-conflibert", s)
		}
	}
}

// Source and target match count as dyad eval counts them: over the examples whose
// gold names the actor, by word overlap, a missing event or actor a miss.
func TestScoreActorMatch(t *testing.T) {
	items := []Coded{
		{Example: Example{Source: "Russia", Target: "two Colombian diplomats"}},
		{Example: Example{Source: "Colombia", Target: "Russian officials"}},
		{Example: Example{Source: "", Target: "Venezuela"}},
	}
	picks := []*event.Event{
		{Source: &event.Actor{Text: "Russia"}, Target: &event.Actor{Text: "Colombian diplomats"}},
		{Source: &event.Actor{Text: "Moscow"}},
		nil,
	}
	s := score(items, picks)
	if s.SourceN != 2 || s.SourceOK != 1 || s.TargetN != 3 || s.TargetOK != 1 {
		t.Errorf("source %d/%d, target %d/%d; want 1/2, 1/3", s.SourceOK, s.SourceN, s.TargetOK, s.TargetN)
	}
}
