package syntax

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"dyad/internal/conllu"

	"github.com/klauspost/compress/zstd"
)

// find returns the word with the given form (the first one), or fails.
func find(t *testing.T, words []Word, form string) Word {
	t.Helper()
	for _, w := range words {
		if w.Form == form {
			return w
		}
	}
	t.Fatalf("no word %q in %v", form, words)
	return Word{}
}

func embeddedModel(t *testing.T) *Model {
	t.Helper()
	m, err := Default()
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("skipped: %v", err)
	}
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return m
}

// TestParseFacts checks a handful of relations the coder relies on, on real news
// sentences: who acts, on whom, in the active and the passive, in reported speech
// and in a relative clause.
func TestParseFacts(t *testing.T) {
	m := embeddedModel(t)
	type fact struct{ dep, rel, head string }
	tests := []struct {
		name     string
		sentence string
		facts    []fact
	}{
		{"active", "Russia expelled two Colombian diplomats Wednesday after the Latin American state made a similar move against two Russian officials at the embassy in Bogotá , Reuters reported .",
			[]fact{{"Russia", "nsubj", "expelled"}, {"diplomats", "obj", "expelled"}, {"state", "nsubj", "made"}, {"move", "obj", "made"}, {"Reuters", "nsubj", "reported"}}},
		{"passive", "Two Russian diplomats were expelled by Colombia .",
			[]fact{{"diplomats", "nsubj:pass", "expelled"}, {"were", "aux:pass", "expelled"}, {"Colombia", "obl", "expelled"}, {"by", "case", "Colombia"}}},
		{"reported speech", "The minister said that Moscow would respond to the decision .",
			[]fact{{"minister", "nsubj", "said"}, {"respond", "ccomp", "said"}, {"Moscow", "nsubj", "respond"}, {"decision", "obl", "respond"}}},
		{"a sentence needs a finite verb", "The Islamic State group released at least 19 Christians on Sunday .",
			[]fact{{"group", "nsubj", "released"}, {"Christians", "obj", "released"}}},
		{"relative clause", "The soldiers who attacked the village were arrested on Monday .",
			[]fact{{"attacked", "acl:relcl", "soldiers"}, {"village", "obj", "attacked"}, {"soldiers", "nsubj:pass", "arrested"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			words := m.Parse(strings.Fields(tc.sentence))
			for _, f := range tc.facts {
				d, h := find(t, words, f.dep), find(t, words, f.head)
				rel := d.Rel
				if f.rel == "obl" || f.rel == "nsubj" { // obl:agent, nsubj:outer count too
					rel, _, _ = strings.Cut(rel, ":")
				}
				if d.Head != h.ID || rel != f.rel {
					t.Errorf("%s: head %d rel %s, want %s of %s (%d)", f.dep, d.Head, d.Rel, f.rel, f.head, h.ID)
				}
			}
		})
	}
}

func TestParseTagsAndLemmas(t *testing.T) {
	m := embeddedModel(t)
	words := m.Parse(strings.Fields("Two Russian diplomats were expelled by Colombia ."))
	tests := []struct{ form, upos, xpos, lemma, feat string }{
		{"diplomats", "NOUN", "NNS", "diplomat", "Number=Plur"},
		{"were", "AUX", "VBD", "be", "Tense=Past"},
		{"expelled", "VERB", "VBN", "expel", "Voice=Pass"},
		{"Colombia", "PROPN", "NNP", "Colombia", ""},
	}
	for _, tc := range tests {
		w := find(t, words, tc.form)
		if w.UPOS != tc.upos || w.XPOS != tc.xpos || w.Lemma != tc.lemma || !strings.Contains(w.Feats, tc.feat) {
			t.Errorf("%s: got %s %s %s %s, want %s %s %s with %s", tc.form, w.UPOS, w.XPOS, w.Lemma, w.Feats, tc.upos, tc.xpos, tc.lemma, tc.feat)
		}
	}
}

// checkTree asserts Parse's output is a well-formed tree over the input.
func checkTree(t *testing.T, forms []string, words []Word) {
	t.Helper()
	if len(words) != len(forms) {
		t.Fatalf("%d words for %d forms", len(words), len(forms))
	}
	roots := 0
	for i, w := range words {
		if w.ID != i+1 || w.Form != forms[i] || w.Head < 0 || w.Head > len(words) || w.Head == w.ID || w.Rel == "" {
			t.Fatalf("bad word %d: %+v", i, w)
		}
		if w.Head == 0 {
			roots++
			if w.Rel != "root" {
				t.Errorf("root word %d has relation %s", w.ID, w.Rel)
			}
		}
		// The head chain must reach the root.
		h, steps := w.Head, 0
		for h != 0 && steps <= len(words) {
			h = words[h-1].Head
			steps++
		}
		if h != 0 {
			t.Fatalf("word %d is on a cycle", w.ID)
		}
	}
	if roots != 1 {
		t.Errorf("%d roots, want 1", roots)
	}
}

// TestParseTagged: given tags reach the parser and the output, "_" leaves a word to the
// tagger, a pair the model never saw falls back to its XPOS, and tags the model does
// not know are an error.
func TestParseTagged(t *testing.T) {
	m := embeddedModel(t)
	forms := strings.Fields("Police fire tear gas at protesters .")
	xpos := []string{"NNS", "VBP", "NN", "NN", "_", "NNS", "."}
	upos := []string{"NOUN", "VERB", "NOUN", "NOUN", "_", "NOUN", "PUNCT"}
	words, err := m.ParseTagged(forms, xpos, upos)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, forms, words)
	for i, w := range words {
		if xpos[i] != "_" && (w.XPOS != xpos[i] || w.UPOS != upos[i]) {
			t.Errorf("%s: got %s/%s, want the given %s/%s", w.Form, w.XPOS, w.UPOS, xpos[i], upos[i])
		}
	}
	if at, tagged := find(t, words, "at"), find(t, m.Parse(forms), "at"); at.XPOS != tagged.XPOS || at.UPOS != tagged.UPOS {
		t.Errorf("untagged word: got %s/%s, want the tagger's %s/%s", at.XPOS, at.UPOS, tagged.XPOS, tagged.UPOS)
	}
	fire := find(t, words, "fire")
	if p := find(t, words, "Police"); p.Rel != "nsubj" || p.Head != fire.ID {
		t.Errorf("Police: %s of word %d, want nsubj of fire (%d)", p.Rel, p.Head, fire.ID)
	}
	if g := find(t, words, "gas"); g.Rel != "obj" || g.Head != fire.ID {
		t.Errorf("gas: %s of word %d, want obj of fire (%d)", g.Rel, g.Head, fire.ID)
	}

	// An unseen pair keeps the given tags and parses with its XPOS's class.
	odd := slices.Clone(upos)
	odd[4], xpos[4] = "X", "IN"
	if words, err := m.ParseTagged(forms, xpos, odd); err != nil || words[4].XPOS != "IN" || words[4].UPOS != "X" {
		t.Errorf("IN/X: got %+v, %v; want the given tags kept", words[4], err)
	}

	bad := slices.Clone(xpos)
	bad[2] = "NOTATAG"
	if _, err := m.ParseTagged(forms, bad, make([]string, len(forms))); err == nil || !strings.Contains(err.Error(), `"tear"`) {
		t.Errorf("unknown tag: err = %v, want one naming the word", err)
	}
	if _, err := m.ParseTagged(forms, xpos[:2], upos); err == nil {
		t.Error("tags for 2 of 7 words: no error")
	}
}

func TestParseOddInputs(t *testing.T) {
	m := embeddedModel(t)
	long := make([]string, 1000)
	for i := range long {
		long[i] = []string{"the", "cat", ",", "sat", "on", "mats", "and", "1,000", "dogs"}[i%9]
	}
	tests := map[string][]string{
		"one word":        {"Hello"},
		"empty strings":   {"", "", ""},
		"odd unicode":     {"\xff\xfe", "🙂", "Ѳ", "\u200b", "a\tb", "ﬁ"},
		"all punctuation": {".", ",", "!", "?"},
		"1000 tokens":     long,
	}
	for name, forms := range tests {
		t.Run(name, func(t *testing.T) { checkTree(t, forms, m.Parse(forms)) })
	}
	if got := m.Parse(nil); len(got) != 0 {
		t.Errorf("Parse(nil) = %v, want nothing", got)
	}
}

func FuzzParse(f *testing.F) {
	m, err := Default()
	if err != nil {
		f.Skipf("skipped: %v", err)
	}
	f.Add("Russia expelled two diplomats .")
	f.Add("\xff a  b\x00 🙂")
	f.Fuzz(func(t *testing.T, s string) {
		forms := strings.Split(s, " ")
		checkTree(t, forms, m.Parse(forms))
	})
}

// FuzzParseLSTM is FuzzParse for a model with the BiLSTM supertagger, trained on the
// tiny treebank (the committed model has none).
func FuzzParseLSTM(f *testing.F) {
	data, err := Train(TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 2, ParseEpochs: 2, Seed: 7, Supertags: true, LSTMSupertagger: 8, LSTMEpochs: 1,
	})
	if err != nil {
		f.Fatal(err)
	}
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Russia expelled two diplomats .")
	f.Add("\xff a  b\x00 🙂")
	f.Add(strings.Repeat("the council approved the plan , ", 60))
	f.Fuzz(func(t *testing.T, s string) {
		forms := strings.Split(s, " ")
		checkTree(t, forms, m.Parse(forms))
	})
}

// TestDecoderHugeCounts: a damaged count in a model file is an error, and costs no
// more memory than the file could hold.
func TestDecoderHugeCounts(t *testing.T) {
	huge := binary.AppendUvarint(nil, 1<<27)
	for name, read := range map[string]func(d *decoder){
		"rows":    func(d *decoder) { d.uint(); d.rows() },
		"strs":    func(d *decoder) { d.strs() },
		"map":     func(d *decoder) { readStringMap(d, func(_ string, v uint64) (uint64, error) { return v, nil }) },
		"lemmas":  func(d *decoder) { d.wordTagMap() },
		"network": func(d *decoder) { d.lstm("LSTM supertagger", true, func(int, int) bool { return true }) },
	} {
		buf := append(binary.AppendUvarint(nil, 5), huge...) // rows: 5 classes, then the row count
		if name != "rows" {
			buf = slices.Clone(huge)
		}
		buf = append(buf, 1, 2, 3)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d := &decoder{buf: buf}
		read(d)
		runtime.ReadMemStats(&after)
		if d.err == nil {
			t.Errorf("%s: a count of 2^27 with 3 bytes left read without error", name)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
			t.Errorf("%s: a count of 2^27 allocated %d bytes", name, grew)
		}
	}
}

// TestTrainSmoke trains on a few hand-written sentences: training runs end to end,
// the model loads and parses its own training data, and the same seed gives the
// same bytes.
func TestTrainSmoke(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 5, ParseEpochs: 10, Seed: 7, Supertags: true,
		PunctFolds: 2, PunctParseEpochs: 5, PunctEpochs: 5,
	}
	a := trainTwice(t, opt)
	m, err := Load(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if m.punct == nil {
		t.Error("no punctuation re-attacher in the model")
	}
	forms := strings.Fields("The council approved the plan .")
	words := m.Parse(forms)
	checkTree(t, forms, words)
	if w := find(t, words, "council"); w.Rel != "nsubj" || w.Head != 3 || w.XPOS != "NN" {
		t.Errorf("council: %+v, want NN nsubj of 3", w)
	}
	pruned, err := Prune(a, 1<<15)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bytes.NewReader(pruned)); err != nil || len(pruned) >= len(a) {
		t.Errorf("pruning everything: %v, %d bytes from %d", err, len(pruned), len(a))
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := Train(TrainOptions{Files: []string{filepath.Join("testdata", "tiny.conllu")}, TagEpochs: 1, ParseEpochs: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(good, zstdMagic) {
		t.Errorf("Train wrote a file starting %x, want a Zstandard frame", good[:4])
	}
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{
		"empty": nil, "not compressed": data,
		"Zstandard magic, then junk": append(slices.Clone(zstdMagic), data...),
		"cut short":                  good[:len(good)/2],
		"Zstandard, not a model":     enc.EncodeAll(data, nil),
	} {
		if _, err := Load(bytes.NewReader(in)); err == nil {
			t.Errorf("%s: Load accepted it", name)
		}
		if _, err := Load(io.MultiReader(bytes.NewReader(in))); err == nil {
			t.Errorf("%s, from a stream: Load accepted it", name)
		}
	}
	// Read from a stream (a file), not only from memory.
	if _, err := Load(io.MultiReader(bytes.NewReader(good))); err != nil {
		t.Errorf("a model read from a stream: %v", err)
	}
	// From memory, read from where the reader stands, not from its start.
	br := bytes.NewReader(append([]byte{'x'}, good...))
	br.ReadByte()
	if _, err := Load(br); err != nil {
		t.Errorf("a model after a byte already read: %v", err)
	}
}

func TestLemmaRules(t *testing.T) {
	tests := []struct{ form, lemma string }{
		{"parties", "party"}, {"expelled", "expel"}, {"went", "go"}, {"cats", "cat"}, {"Bogotá", "Bogotá"},
	}
	for _, tc := range tests {
		r := ruleFor(tc.form, tc.lemma)
		if got, ok := r.apply(tc.form); !ok || got != tc.lemma {
			t.Errorf("rule %+v on %q = %q, want %q", r, tc.form, got, tc.lemma)
		}
	}
}

// Nationality adjectives are lower-cased for the rules and their lemmas capitalised:
// an unseen one takes its own capitalised form, not the lemma of the words the rule
// was learnt from ("Sudanese" once came out "Japanese"). Whole-word rules that are no
// capitalisation ("me" → "I") and all-capital lemmas ("II") keep their old meaning.
func TestLemmaCapitalisingRules(t *testing.T) {
	var samples []lemmaSample
	for _, w := range []string{"Japanese", "japanese", "Chinese", "Lebanese", "Vietnamese"} {
		samples = append(samples, lemmaSample{w, "JJ", strings.ToUpper(w[:1]) + w[1:]})
	}
	for _, w := range []string{"me", "Me", "ME"} {
		samples = append(samples, lemmaSample{w, "PRP", "I"})
	}
	lm := trainLemmatizer(samples, nil)
	for _, tc := range []struct{ form, xpos, want string }{
		{"Sudanese", "JJ", "Sudanese"}, {"sudanese", "JJ", "Sudanese"}, {"Japanese", "JJ", "Japanese"},
		{"me", "PRP", "I"},
	} {
		if got := lm.lemma(tc.form, tc.xpos); got != tc.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", tc.form, tc.xpos, got, tc.want)
		}
	}
}

func TestProjectivizeLiftsCrossingArcs(t *testing.T) {
	// 1 <- 3 crosses 2 -> 4 (2's head is 5 = root): words 1..4, root 5.
	heads := []int32{0, 3, 5, 2, 2, 0}
	heads[1], heads[2], heads[3], heads[4] = 3, 5, 2, 2
	// Arc 3 -> 1 spans 2, which 3 does not dominate: lift 1 to 3's head, 2.
	if !projectivize(heads, 4) {
		t.Fatal("projectivize changed nothing")
	}
	if heads[1] != 2 {
		t.Errorf("head of 1 = %d, want 2", heads[1])
	}
}

// A version 2 or 3 model's weights belong to features the parser no longer computes: it is
// refused with a message that says what to do, not read into garbage.
func TestLoadRefusesOldVersions(t *testing.T) {
	for _, magic := range []string{modelMagicV2, modelMagicV3} {
		testLoadRefuses(t, magic)
	}
}

func testLoadRefuses(t *testing.T, magic string) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(magic))
	zw.Close()
	_, err := Load(&buf)
	if err == nil || !strings.Contains(err.Error(), "retrain") {
		t.Fatalf("Load of %q: %v, want an error that says to retrain", magic, err)
	}
}

// The shipped model reads back and writes out to the very same bytes: the writer and
// the reader agree on every section, and the file is deterministic.
func TestModelFileRoundTrip(t *testing.T) {
	raw, d := shippedModelData(t)
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), raw) {
		t.Fatalf("model written again: %d bytes, the file has %d (or different ones)", buf.Len(), len(raw))
	}
}

// The news tags and the second tagging pass train reproducibly: the same bytes twice,
// and the same again when the news tag table is given instead of made, so that a
// cached table changes nothing. The table holds the clustered words the news shows.
func TestTrainNewsTagsAndRetag(t *testing.T) {
	news := func(add func(forms []string)) error {
		for _, s := range []string{"The council approved the plan .", "Police arrested the council ."} {
			add(strings.Fields(s))
		}
		return nil
	}
	var made map[string]uint32
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 5, ParseEpochs: 5, Seed: 7, Folds: 2, Retag: true,
		Clusters: map[string]WordClass{"council": {Cluster: 1}, "plan": {Cluster: 2}, "arrested": {Cluster: 3}, "unseen": {Cluster: 4}},
		News:     news,
		SaveNewsTags: func(m map[string]uint32) error {
			made = m
			return nil
		},
	}
	a := trainTwice(t, opt)
	if made["council"] == 0 || made["plan"] == 0 || made["arrested"] == 0 {
		t.Errorf("news tags %v: want council, plan and arrested tagged", made)
	}
	if _, ok := made["unseen"]; ok {
		t.Error("a word the news does not show has news tags")
	}
	opt.News, opt.NewsTags = nil, made
	c, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, c) {
		t.Error("a given news tag table gave another model than the one made")
	}
	m, err := Load(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if m.retagger == nil || m.lex["council"].news == 0 {
		t.Errorf("loaded model: retagger %v, news tag of council %d; want both", m.retagger != nil, m.lex["council"].news)
	}
	forms := strings.Fields("The council approved the plan .")
	checkTree(t, forms, m.Parse(forms))
}

// trainTwice trains with opt twice and returns the model file, failing the test when
// the two runs differ.
func trainTwice(t *testing.T, opt TrainOptions) []byte {
	t.Helper()
	a, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same seed gave different model files")
	}
	return a
}

// shippedModelData reads the committed model file, raw and decoded.
func shippedModelData(t *testing.T) ([]byte, *modelData) {
	t.Helper()
	raw, err := os.ReadFile("model/syntax.model.zst")
	if err != nil {
		t.Fatal(err)
	}
	d, err := readModelData(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return raw, d
}

// Averaging classifiers' rows scores every input as the mean of their scores (up to
// the quantisation): a feature one of them lacks counts 0 there.
func TestAverageRows(t *testing.T) {
	a := []featureRow{{key: 1, cls: []uint8{0, 2}, vals: []int16{32000, -16000}}, {key: 5, cls: []uint8{1}, vals: []int16{8000}}}
	b := []featureRow{{key: 1, cls: []uint8{2}, vals: []int16{16000}}, {key: 3, cls: []uint8{0}, vals: []int16{-32000}}}
	got := averageRows([][]featureRow{a, b})
	want := map[[2]uint64]float64{{1, 0}: 16000, {1, 2}: 0, {3, 0}: -16000, {5, 1}: 4000}
	// The largest mean (16000) is quantised to 32000 again: every mean doubles.
	seen := 0
	for i, r := range got {
		if i > 0 && got[i-1].key >= r.key {
			t.Errorf("rows out of key order: %d after %d", r.key, got[i-1].key)
		}
		for j, c := range r.cls {
			w, ok := want[[2]uint64{r.key, uint64(c)}]
			if !ok || float64(r.vals[j]) != 2*w {
				t.Errorf("feature %d class %d: %d, want %v", r.key, c, r.vals[j], 2*w)
			}
			seen++
		}
	}
	if seen != 3 { // the zero mean is dropped
		t.Errorf("%d weights, want 3", seen)
	}
}

// TestTrainEnsembles: several taggers and parsers averaged train reproducibly, and
// one of each is the model trained without the options.
func TestTrainEnsembles(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 5, ParseEpochs: 5, Seed: 7, Folds: 2,
	}
	single, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Parsers, opt.Taggers = 1, 1
	if one, err := Train(opt); err != nil || !bytes.Equal(single, one) {
		t.Errorf("one tagger and one parser gave another model (%v)", err)
	}
	opt.Parsers, opt.Taggers = 3, 2
	ens := trainTwice(t, opt)
	if bytes.Equal(single, ens) {
		t.Error("the ensemble is the single model")
	}
	// The members train side by side and log from there (go test -race checks the log).
	var log bytes.Buffer
	opt.Log = &log
	if logged, err := Train(opt); err != nil || !bytes.Equal(logged, ens) {
		t.Errorf("with a log: %v, same model %v", err, bytes.Equal(logged, ens))
	}
	for k := 1; k <= 3; k++ {
		if want := fmt.Sprintf("parser %d/3: ", k); !strings.Contains(log.String(), want) {
			t.Errorf("log has no %q:\n%s", want, log.String())
		}
	}
	m, err := Load(bytes.NewReader(ens))
	if err != nil {
		t.Fatal(err)
	}
	forms := strings.Fields("The council approved the plan .")
	checkTree(t, forms, m.Parse(forms))
}

// TestTrainReverseTagger: the right-to-left tagger leaves the left-to-right one and
// the parser as they were, gives the same bytes twice, survives the model file, and a model without it
// keeps the version 4 file format.
func TestTrainReverseTagger(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 5, ParseEpochs: 5, Seed: 7, Folds: 2, Taggers: 2,
	}
	plain, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.ReverseTagger = true
	both := trainTwice(t, opt)
	dp, db := mustReadData(t, plain), mustReadData(t, both)
	if len(dp.rtagRows) != 0 || len(db.rtagRows) == 0 {
		t.Fatalf("right-to-left tagger rows: %d without the option, %d with it", len(dp.rtagRows), len(db.rtagRows))
	}
	if !reflect.DeepEqual(dp.tagRows, db.tagRows) || !reflect.DeepEqual(dp.parseRows, db.parseRows) {
		t.Error("the right-to-left tagger changed the left-to-right one or the parser (which trains on the first tagger's tags)")
	}
	m, err := Load(bytes.NewReader(both))
	if err != nil || m.rtagger == nil {
		t.Fatalf("loading: %v (right-to-left tagger %v)", err, m != nil && m.rtagger != nil)
	}
	forms := strings.Fields("The council approved the plan .")
	checkTree(t, forms, m.Parse(forms))
	for name, data := range map[string][]byte{"without": plain, "with": both} {
		head := inflated(t, data)[:len(modelMagic)]
		if string(head) != modelMagic {
			t.Errorf("model %s the right-to-left tagger starts %q, want %q", name, head, modelMagic)
		}
	}
}

// TestTrainBeam: a beam-trained parser gives the same bytes twice, the model file
// keeps its beam width (version 6, with or without the right-to-left tagger), and
// it parses with the beam.
func TestTrainBeam(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 5, ParseEpochs: 5, Seed: 7, Folds: 2, Parsers: 2,
	}
	greedy, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Beam = 4
	for _, reverse := range []bool{false, true} {
		opt.ReverseTagger = reverse
		data := trainTwice(t, opt)
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		// The labeller is the greedy parsers', byte for byte; the transitions are not.
		dg, db := mustReadData(t, greedy), mustReadData(t, data)
		if !reflect.DeepEqual(dg.labelRows, db.labelRows) || reflect.DeepEqual(dg.parseRows, db.parseRows) {
			t.Error("beam model: want the greedy model's labeller and transitions of its own")
		}
		if m.beam != 4 || (m.rtagger != nil) != reverse {
			t.Errorf("loaded beam %d (want 4), right-to-left tagger %v (want %v)", m.beam, m.rtagger != nil, reverse)
		}
		forms := strings.Fields("The council approved the plan .")
		checkTree(t, forms, m.Parse(forms))
		checkConcurrent(t, m)
		// Past beamMaxWords the parse is greedy; it must still be a tree.
		long := strings.Fields(strings.Repeat("the council approved the plan , ", beamMaxWords/6+1))
		checkTree(t, long, m.Parse(long))
		head := inflated(t, data)[:len(modelMagic)]
		if string(head) != modelMagic {
			t.Errorf("beam model starts %q, want %q", head, modelMagic)
		}
	}
}

// TestTrainLSTMSupertagger: a model with the BiLSTM supertagger gives the same bytes
// twice, is written as version 7 with the network the training ended with, and
// parses with it.
func TestTrainLSTMSupertagger(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 3, ParseEpochs: 3, Seed: 7, Folds: 2, Supertags: true,
		LSTMSupertagger: 8, LSTMEpochs: 2, LSTMFolds: 2,
	}
	data := trainTwice(t, opt)
	d := mustReadData(t, data)
	if d.lstm == nil || d.lstm.hidden != 8 || len(d.superRows) != 0 || len(d.lstmWords) == 0 {
		t.Fatalf("model data: LSTM %v, %d perceptron supertagger rows, %d words; want an 8-unit LSTM only", d.lstm != nil, len(d.superRows), len(d.lstmWords))
	}
	// What is saved is what was trained: the weights are rounded before use.
	rounded := d.lstm.params()
	for _, v := range rounded {
		for _, x := range v {
			if fromBF16(toBF16(x)) != x {
				t.Fatalf("weight %v is not a 16-bit float", x)
			}
		}
	}
	if head := inflated(t, data)[:len(modelMagic)]; string(head) != modelMagic {
		t.Errorf("LSTM model starts %q, want %q", head, modelMagic)
	}
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if m.lstmSuper == nil || m.super != nil {
		t.Fatalf("loaded: LSTM supertagger %v, perceptron %v; want the LSTM only", m.lstmSuper != nil, m.super != nil)
	}
	forms := strings.Fields("The council approved the plan .")
	toks := newTokens(forms)
	tags := m.tag(toks)
	in := m.input(toks, tags)
	for i := 1; i <= len(forms); i++ {
		if in.super[i] == 0 || in.super[i] > uint64(2*len(m.labels)) {
			t.Errorf("word %d: supertag %d out of range", i, in.super[i])
		}
	}
	checkTree(t, forms, m.Parse(forms))
	checkConcurrent(t, m)
	// A fresh model's rows are multiplied out on first use, here by four goroutines
	// at once (go test -race watches this).
	fresh, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Fields("Unheard-of words , said the council , arrested 12 people and approved the plan .")
	want := m.Parse(long)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := fresh.Parse(long); !reflect.DeepEqual(got, want) {
				t.Error("a fresh model parsed differently side by side")
			}
		}()
	}
	wg.Wait()
	// Summing a known word's rows once (lstmFast.keyedSum) chooses as adding them
	// one by one does.
	plain := m.lstmSuper.net.fast()
	for _, forms := range [][]string{forms, strings.Fields("Unheard-of words , said the council , arrested 12 people .")} {
		toks := newTokens(forms)
		m.setLex(toks)
		in := superInput(toks, m.tag(toks), m.lstmSuper.vocab)
		if got, want := m.lstmSuper.fast.predict(in), plain.predict(in); !slices.Equal(got, want) {
			t.Errorf("%v: keyed %v, plain %v", forms, got, want)
		}
	}
	// With the perceptron beside it, the parser reads pairs of guesses.
	both := opt
	both.BothSupertaggers = true
	bm, err := Load(bytes.NewReader(trainTwice(t, both)))
	if err != nil {
		t.Fatal(err)
	}
	if bm.lstmSuper == nil || bm.super == nil {
		t.Fatalf("both supertaggers: loaded LSTM %v, perceptron %v", bm.lstmSuper != nil, bm.super != nil)
	}
	btoks := newTokens(forms)
	bin := bm.input(btoks, bm.tag(btoks))
	for i := 1; i <= len(forms); i++ {
		if l, p := bin.super[i]&0xffff, bin.super[i]>>16; l == 0 || p == 0 || l > uint64(2*len(bm.labels)) || p > uint64(2*len(bm.labels)) {
			t.Errorf("word %d: supertag pair %d/%d out of range", i, l, p)
		}
	}
	checkTree(t, forms, bm.Parse(forms))
	checkSuperDoubts(t, opt, forms)
	// A truncated network is an error, not a panic.
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		t.Fatal(err)
	}
	checkCutRefused(t, inflated(t, buf.Bytes()))
}

// checkSuperDoubts: with SuperDoubt the model is a file whose parser reads
// the network's doubts, the same ones its training saw (packSupers, setSupers), and
// unknown parser options are refused.
func checkSuperDoubts(t *testing.T, opt TrainOptions, forms []string) {
	t.Helper()
	opt.SuperDoubt = true
	data := trainTwice(t, opt)
	raw := inflated(t, data)
	if !bytes.HasPrefix(raw, []byte(modelMagic)) {
		t.Errorf("doubt model starts %q, want %q", raw[:20], modelMagic)
	}
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !m.superDoubt || (m.lstmSuper != nil) != (opt.LSTMSupertagger > 0) {
		t.Fatal("loaded doubt model: its parser does not read the doubts")
	}
	toks := newTokens(forms)
	in := m.input(toks, m.tag(toks))
	if len(in.superDoubt) != len(in.super) {
		t.Fatalf("%d doubts for %d supertags", len(in.superDoubt), len(in.super))
	}
	var back parseInput
	back.setSupers(packSupers(&in))
	if !slices.Equal(back.super, in.super) || !slices.Equal(back.superDoubt, in.superDoubt) {
		t.Errorf("packed and unpacked: %v %v, want %v %v", back.super, back.superDoubt, in.super, in.superDoubt)
	}
	var plain parseInput
	plain.setSupers([]uint64{0, 3, 4})
	if plain.superDoubt != nil || !slices.Equal(plain.super, []uint64{0, 3, 4}) {
		t.Errorf("supertags without doubts unpacked to %v %v", plain.super, plain.superDoubt)
	}
	checkTree(t, forms, m.Parse(forms))
	// The options are the file's last number: an unknown bit is refused.
	bad := slices.Clone(raw)
	bad[len(bad)-1] |= 2
	if _, err := Load(bytes.NewReader(gzipBytes(t, bad))); err == nil || !strings.Contains(err.Error(), "parser options") {
		t.Errorf("unknown parser option: %v", err)
	}
	opt.LSTMJoint = true
	if _, err := Train(opt); err == nil {
		t.Error("SuperDoubt with LSTMJoint trained")
	}
}

// TestTrainSuperDoubt: the perceptron supertagger's doubts, as checkSuperDoubts
// checks the BiLSTM's (in TestTrainLSTMSupertagger).
func TestTrainSuperDoubt(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 3, ParseEpochs: 3, Seed: 7, Folds: 2, Supertags: true,
	}
	checkSuperDoubts(t, opt, strings.Fields("The council approved the plan ."))
	for _, tc := range []struct {
		second int
		margin int32
		want   uint64
	}{{2, 5000, 3<<1 | 1}, {2, 20000, 3 << 1}, {2, 26000, 0}, {-1, 0, 0}} {
		if got := marginDoubt(tc.second, tc.margin); got != tc.want {
			t.Errorf("runner-up %d by %d: doubt %d, want %d", tc.second, tc.margin, got, tc.want)
		}
	}
	for _, tc := range []struct {
		scores []float32
		want   uint64
	}{{[]float32{0, 5, 4.5}, 3<<1 | 1}, {[]float32{0, 5, 3}, 3 << 1}, {[]float32{0, 5, 1}, 0}, {[]float32{5}, 0}} {
		best, second := topTwo(tc.scores)
		if got := superDoubtOf(tc.scores, best, second); got != tc.want {
			t.Errorf("BiLSTM scores %v: doubt %d, want %d", tc.scores, got, tc.want)
		}
	}
}

// checkCutRefused checks that a model file (uncompressed) cut short in its last
// section does not load.
func checkCutRefused(t *testing.T, raw []byte) {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	// gzip is inflated while it is decoded, Zstandard first: two ways through the
	// decoder.
	for _, cut := range []int{len(raw) - 1, len(raw) - 1000, len(raw) / 2, len(raw) / 3} {
		if _, err := Load(bytes.NewReader(gzipBytes(t, raw[:cut]))); err == nil {
			t.Errorf("model cut at %d of %d bytes loaded (gzip)", cut, len(raw))
		}
		if _, err := Load(bytes.NewReader(enc.EncodeAll(raw[:cut], nil))); err == nil {
			t.Errorf("model cut at %d of %d bytes loaded (Zstandard)", cut, len(raw))
		}
	}
}

// TestTrainLSTMTagger: the BiLSTM tagger trains reproducibly into a version 8
// model (with and without the BiLSTM supertagger), has the last word on the tags
// of the words the tag dictionary does not fix, and a damaged section is an error.
func TestTrainLSTMTagger(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 3, ParseEpochs: 3, Seed: 7, Folds: 2, Supertags: true,
		LSTMTagger: 8, LSTMEpochs: 2,
	}
	for _, withSuper := range []bool{false, true} {
		o := opt
		if withSuper {
			o.LSTMSupertagger, o.LSTMFolds = 8, 2
		}
		data := trainTwice(t, o)
		if raw := inflated(t, data); !bytes.HasPrefix(raw, []byte(modelMagic)) {
			t.Fatalf("model starts %q, want %q", raw[:min(len(raw), 20)], modelMagic)
		}
		d := mustReadData(t, data)
		if d.lstmTag == nil || d.lstmTag.nclass != d.tagClasses || (d.lstm != nil) != withSuper {
			t.Fatalf("supertagger %v: model data has LSTM tagger %v, LSTM supertagger %v", withSuper, d.lstmTag != nil, d.lstm != nil)
		}
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if m.lstmTagger == nil || (m.lstmSuper != nil) != withSuper {
			t.Fatalf("loaded: LSTM tagger %v, LSTM supertagger %v", m.lstmTagger != nil, m.lstmSuper != nil)
		}
		forms := strings.Fields("Unheard-of words , said the council , arrested 12 people and approved the plan .")
		toks := newTokens(forms)
		m.setLex(toks)
		perc := *m
		perc.lstmTagger = nil
		before := perc.tag(toks)
		after := slices.Clone(before)
		m.lstmTagger.retag(toks, after, m.tagDict)
		net := m.lstmTagger.fast.predict(superInput(toks, before, m.lstmTagger.vocab))
		for i, f := range forms {
			if c, fixed := m.tagDict[f]; fixed {
				if after[i] != c {
					t.Errorf("%q: in the tag dictionary as %d, retagged %d", f, c, after[i])
				}
			} else if after[i] != net[i] {
				t.Errorf("%q: tagged %d, the network says %d", f, after[i], net[i])
			}
		}
		if got := m.tag(newTokens(forms)); !slices.Equal(got, after) {
			t.Errorf("Model.tag %v, want the network's %v", got, after)
		}
		checkTree(t, forms, m.Parse(forms))
		checkConcurrent(t, m)
		checkCutRefused(t, inflated(t, data))
	}
	opt.Folds = 0
	if _, err := Train(opt); err == nil || !strings.Contains(err.Error(), "needs Folds >= 2") {
		t.Errorf("LSTMTagger without jackknife folds: error %v", err)
	}
}

// TestLSTMJoint: a two-headed BiLSTM supertagger (LSTMJoint) trains reproducibly
// into a version 8 model; tagging runs it once, its tags replace the perceptron's
// (but for the tag dictionary's words), and the parser reads the supertags of that
// same run.
func TestLSTMJoint(t *testing.T) {
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 3, ParseEpochs: 3, Seed: 7, Folds: 2, Supertags: true,
		LSTMSupertagger: 8, LSTMEpochs: 2, LSTMFolds: 2, LSTMJoint: true,
	}
	data := trainTwice(t, opt)
	if raw := inflated(t, data); !bytes.HasPrefix(raw, []byte(modelMagic)) {
		t.Fatalf("model starts %q, want %q", raw[:min(len(raw), 20)], modelMagic)
	}
	m, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if m.lstmSuper == nil || m.lstmTagger != nil || m.lstmSuper.net.split != 2*len(m.labels) || m.lstmSuper.net.nclass != 2*len(m.labels)+len(m.xpos) {
		t.Fatalf("loaded: LSTM supertagger %v, tagger %v", m.lstmSuper != nil, m.lstmTagger != nil)
	}
	forms := strings.Fields("Unheard-of words , said the council , arrested 12 people and approved the plan .")
	toks := newTokens(forms)
	m.setLex(toks)
	perc := *m
	perc.lstmSuper = nil
	before := perc.tag(toks)
	net := m.lstmSuper.fast.predict(superInput(toks, before, m.lstmSuper.vocab))
	toks = newTokens(forms)
	tags := m.tag(toks)
	in := m.input(toks, tags)
	for i, f := range forms {
		st, tag := unpairClass(net[i])
		if c, fixed := m.tagDict[f]; fixed {
			tag = c
		}
		if tags[i] != tag || in.super[i+1] != uint64(st)+1 {
			t.Errorf("%q: tag %d supertag %d, want the network's %d and %d", f, tags[i], in.super[i+1], tag, st+1)
		}
	}
	checkTree(t, forms, m.Parse(forms))
	checkConcurrent(t, m)
	opt.LSTMTagger = 8
	if _, err := Train(opt); err == nil {
		t.Error("LSTMJoint with LSTMTagger trained")
	}
}

// TestLSTMWordVectors: words with a pretrained vector join the BiLSTM's word table,
// starting from their vectors (a word the treebank never shows keeps its vector,
// scaled), and vectors of the wrong width are refused.
func TestLSTMWordVectors(t *testing.T) {
	vec := make([]float32, lstmSuperDims[lsWord])
	for i := range vec {
		vec[i] = float32(i%5) - 2
	}
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 2, ParseEpochs: 2, Seed: 7, Folds: 2,
		LSTMTagger: 8, LSTMEpochs: 1,
		WordVectors: map[string][]float32{"zyzzyva": vec},
	}
	d := mustReadData(t, trainTwice(t, opt))
	row := slices.Index(d.lstmTagWords, "zyzzyva") + 1
	if row == 0 {
		t.Fatalf("zyzzyva is not in the word table (%d words)", len(d.lstmTagWords))
	}
	var norm float64
	for _, x := range vec {
		norm += float64(x) * float64(x)
	}
	dims := lstmSuperDims[lsWord]
	got := d.lstmTag.emb[lsWord][row*dims : (row+1)*dims]
	for i, x := range vec {
		if want := fromBF16(toBF16(x * float32(pretrainedNorm/math.Sqrt(norm)))); got[i] != want {
			t.Fatalf("zyzzyva's row[%d] = %v, want %v", i, got[i], want)
		}
	}
	opt.WordVectors = map[string][]float32{"short": {1, 2}}
	if _, err := Train(opt); err == nil || !strings.Contains(err.Error(), `"short" has 2 numbers`) {
		t.Errorf("a 2-number vector: error %v", err)
	}
}

// TestBeamOfOne: a beam of one parse is the greedy parser, tree for tree.
func TestBeamOfOne(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := conllu.ReadAll(f, "tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	for _, sent := range gold {
		var forms []string
		for _, w := range sent.Words {
			forms = append(forms, w.Form)
		}
		toks := newTokens(forms)
		tags := m.tag(toks)
		in := m.input(toks, tags)
		greedy := m.parseTree(&in, tags)
		beam := m.parseBeam(&in, tags, 1)
		if !slices.Equal(greedy.heads, beam.heads) || !slices.Equal(greedy.labels, beam.labels) {
			t.Errorf("%v: greedy heads %v labels %v, beam of one %v %v", forms, greedy.heads, greedy.labels, beam.heads, beam.labels)
		}
	}
}

// checkConcurrent parses sentences of several lengths from several goroutines at once
// (the beam keeps its memory in a pool between sentences) and wants the trees parsed
// one at a time.
func checkConcurrent(t *testing.T, m *Model) {
	t.Helper()
	var sents [][]string
	for k := 1; k <= 12; k++ {
		sents = append(sents, strings.Fields(strings.Repeat("the council approved the plan , ", k)+"."))
	}
	want := make([][]Word, len(sents))
	for i, s := range sents {
		want[i] = m.Parse(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(sents))
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range 3 * len(sents) {
				i := (r + g) % len(sents)
				if got := m.Parse(sents[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("sentence %d parsed differently side by side", i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func mustReadData(t *testing.T, data []byte) *modelData {
	t.Helper()
	d, err := readModelData(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestTrainSilver(t *testing.T) {
	// A silver tree that disagrees with the treebank's ("plan" an obl, not an obj),
	// given many times: the parser must learn it, the tagger must not change.
	const tree = "# sent_id = silver-%d\n" +
		"1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n" +
		"2\tcouncil\tcouncil\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n" +
		"3\tapproved\tapprove\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
		"4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n" +
		"5\tplan\tplan\tNOUN\tNN\t_\t3\t%s\t_\t_\n" +
		"6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
	silver := func(rel string) []*conllu.Sentence {
		var b strings.Builder
		for i := range 30 {
			fmt.Fprintf(&b, tree, i, rel)
		}
		ss, err := conllu.ReadAll(strings.NewReader(b.String()), "silver")
		if err != nil {
			t.Fatal(err)
		}
		return ss
	}
	opt := TrainOptions{
		Files:     []string{filepath.Join("testdata", "tiny.conllu")},
		TagEpochs: 5, ParseEpochs: 10, Seed: 7, Folds: 2, Supertags: true,
	}
	parse := func(opt TrainOptions) []Word {
		data, err := Train(opt)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return m.Parse(strings.Fields("The council approved the plan ."))
	}
	without := parse(opt)
	opt.Silver = silver("obl")
	with := parse(opt)
	if w := find(t, without, "plan"); w.Rel != "obj" {
		t.Fatalf("without silver, plan: %+v, want obj", w)
	}
	if w := find(t, with, "plan"); w.Rel != "obl" {
		t.Errorf("with silver, plan: %+v, want the silver trees' obl", w)
	}
	for i := range with {
		if with[i].XPOS != without[i].XPOS {
			t.Errorf("word %d: tag %s with silver, %s without: the tagger must not train on silver", i+1, with[i].XPOS, without[i].XPOS)
		}
	}
	opt.Silver = silver("no-such-relation")
	if _, err := Train(opt); err == nil || !strings.Contains(err.Error(), "silver-0") || !strings.Contains(err.Error(), "no-such-relation") {
		t.Errorf("unknown relation in silver: error %v, want one naming the sentence and the relation", err)
	}
}

// TestTagCost: only mistakes across UPOS, other than NOUN for PROPN and back, count
// more than once.
func TestTagCost(t *testing.T) {
	upos := []string{"NOUN", "PROPN", "VERB", "VERB", "ADJ"}
	c := newTagCost(upos, 3)
	for _, tc := range []struct{ truth, guess, want int }{
		{0, 1, 0}, {1, 0, 0}, // NOUN <-> PROPN
		{0, 2, 2}, {2, 0, 2}, {4, 1, 2}, // across UPOS
		{2, 3, 0}, // same UPOS, other XPOS
		{4, 4, 0}, // right
	} {
		if got := c.extra(tc.truth, tc.guess); got != tc.want {
			t.Errorf("%s for %s: %d extra updates, want %d", upos[tc.guess], upos[tc.truth], got, tc.want)
		}
	}
	if c := newTagCost(upos, 1); c != nil || c.extra(0, 2) != 0 {
		t.Error("a cost of 1 should be the plain perceptron")
	}
}

// inflated returns a model file's bytes before compression: Zstandard as Train
// writes them, or gzip as before session 20.
func inflated(t *testing.T, data []byte) []byte {
	t.Helper()
	if bytes.HasPrefix(data, zstdMagic) {
		zr, err := zstd.NewReader(nil)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		raw, err := zr.DecodeAll(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func gzipBytes(t *testing.T, raw []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCompactKeys: a version 4 file (testdata/tiny-v4.model.gz, trained on tiny.conllu
// by the code of session 16, with whole 64-bit keys) written again as version 10 keeps
// only the key bits the tables read, and every feature of the old file scores the
// same in both, so that both parse alike.
func TestCompactKeys(t *testing.T) {
	old, err := os.ReadFile(filepath.Join("testdata", "tiny-v4.model.gz"))
	if err != nil {
		t.Fatal(err)
	}
	d := mustReadData(t, old)
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		t.Fatal(err)
	}
	if raw := inflated(t, buf.Bytes()); !bytes.HasPrefix(raw, []byte(modelMagic)) {
		t.Fatalf("written again, the model starts %q", raw[:20])
	}
	m4, err := Load(bytes.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	m10, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		rows     []featureRow
		old, new *weights
	}{
		{"tagger", d.tagRows, m4.tagger, m10.tagger},
		{"parser", d.parseRows, m4.parser, m10.parser},
		{"labeller", d.labelRows, m4.labeler, m10.labeler},
		{"supertagger", d.superRows, m4.super, m10.super},
	} {
		if len(c.rows) == 0 {
			t.Fatalf("%s: no rows in the test model", c.name)
		}
		a, b := make([]int32, c.old.nclass), make([]int32, c.new.nclass)
		for _, r := range c.rows {
			c.old.score([]uint64{r.key}, a)
			c.new.score([]uint64{r.key}, b)
			if !slices.Equal(a, b) {
				t.Fatalf("%s: feature %#x scores %v in version 4, %v in version 10", c.name, r.key, a, b)
			}
		}
	}
	for _, s := range []string{"The council approved the plan .", "Police arrested two men in Paris ."} {
		forms := strings.Fields(s)
		if w4, w10 := m4.Parse(forms), m10.Parse(forms); !slices.Equal(w4, w10) {
			t.Errorf("%q: version 4 parses %v, version 10 %v", s, w4, w10)
		}
	}
	for _, nclass := range []int{1, 3, 4, 96} {
		for _, n := range []int{1, 1000, 900000} {
			slotBits, fpShift := keyBits(nclass, n)
			for _, key := range []uint64{0, 1<<64 - 1, 0x9E3779B97F4A7C15} {
				packed := packKey(key, slotBits, fpShift)
				if again := packKey(unpackKey(packed, slotBits, fpShift), slotBits, fpShift); again != packed {
					t.Errorf("key %#x (%d classes, %d rows) packs to %#x, unpacked and packed again to %#x", key, nclass, n, packed, again)
				}
			}
		}
	}
}

// TestLoadGzip: a model file from before session 20 (gzip) loads the same from
// memory and from a stream, and a gzip trailer that lies about the size or the
// checksum is an error.
func TestLoadGzip(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "tiny-v4.model.gz"))
	if err != nil {
		t.Fatal(err)
	}
	inMemory, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	streamed, err := Load(io.MultiReader(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	forms := strings.Fields("Police arrested two men in Paris .")
	if a, b := inMemory.Parse(forms), streamed.Parse(forms); !slices.Equal(a, b) {
		t.Errorf("from memory %v, from a stream %v", a, b)
	}
	size := binary.LittleEndian.Uint32(data[len(data)-4:])
	for name, edit := range map[string]func(b []byte){
		"size one short": func(b []byte) { binary.LittleEndian.PutUint32(b[len(b)-4:], size-1) },
		"size one over":  func(b []byte) { binary.LittleEndian.PutUint32(b[len(b)-4:], size+1) },
		"checksum":       func(b []byte) { b[len(b)-8] ^= 1 },
	} {
		bad := slices.Clone(data)
		edit(bad)
		if _, err := Load(bytes.NewReader(bad)); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

// A damaged model file is an error or a model, never a panic: bytes changed all
// through a small model, which the decoder reads from memory.
func TestLoadDamagedModel(t *testing.T) {
	good, err := Train(TrainOptions{Files: []string{filepath.Join("testdata", "tiny.conllu")}, TagEpochs: 1, ParseEpochs: 1, Seed: 1, Supertags: true})
	if err != nil {
		t.Fatal(err)
	}
	raw := inflated(t, good)
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	forms := strings.Fields("The council approved the plan .")
	for pos := len(modelMagic); pos < len(raw); pos += max(1, len(raw)/300) {
		for _, b := range []byte{0x00, 0x7f, 0x80, 0xff} {
			bad := slices.Clone(raw)
			bad[pos] = b
			m, err := Load(bytes.NewReader(enc.EncodeAll(bad, nil)))
			if err == nil {
				m.Parse(forms) // must not panic either
			}
		}
	}
}

// A rule whose lemma is no known word gives way to a shorter ending's that makes one
// ("provoked": "-oked" says "provok", "-ed" "provoke"), and training keeps as
// exceptions the words the rules, read so, get wrong.
func TestLemmaRuleMakesAKnownWord(t *testing.T) {
	var samples []lemmaSample
	for _, p := range [][2]string{
		{"looked", "look"}, {"booked", "book"}, {"cooked", "cook"}, // -oked: drop "ed"
		{"hoped", "hope"}, {"baked", "bake"}, {"joked", "joke"}, {"used", "use"}, {"raised", "raise"}, {"moved", "move"}, // -ed: drop "d"
	} {
		samples = append(samples, lemmaSample{p[0], "VBD", p[1]})
	}
	known := map[string]bool{"provoke": true, "look": true, "book": true, "hope": true, "use": true}
	lm := trainLemmatizer(samples, func(w string) bool { return known[w] })
	for form, want := range map[string]string{
		"provoked": "provoke", // the longest ending's "provok" is no word
		"cooked":   "cook",    // no ending makes a known word: the longest ending's
		"joked":    "joke",    // the rules say "jok" (no word) then "joke" (unknown): an exception
		"hooked":   "hook",
	} {
		if got := lm.lemma(form, "VBD"); got != want {
			t.Errorf("lemma(%q) = %q, want %q", form, got, want)
		}
	}
	if got := trainLemmatizer(samples, nil).lemma("provoked", "VBD"); got != "provok" {
		t.Errorf("without a vocabulary: lemma(provoked) = %q, want the longest ending's provok", got)
	}
}

// A row whose entry count is absurd (here 2^63, which doubled wraps to 0) is an
// error, not a loop over entries that are not there.
func TestRowsRefuseAbsurdCount(t *testing.T) {
	var buf []byte
	for _, v := range []uint64{3, 1, 5, 1 << 63, 1, 2} { // classes, rows, key, entries, class, weight
		buf = binary.AppendUvarint(buf, v)
	}
	d := &decoder{buf: buf}
	if _, rows := d.rows(); d.err == nil || len(rows) != 0 {
		t.Errorf("rows read: %v, error %v", rows, d.err)
	}
}
