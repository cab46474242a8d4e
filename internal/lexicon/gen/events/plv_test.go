package events

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/internal/lexicon"
	"dyad/internal/ontology"
	"dyad/internal/shareddata"
	"dyad/internal/text"
)

// loadEvents loads only the events-NN.txt files with the project's own loader, so that
// a format drift between these files and package lexicon shows here.
func loadEvents(t *testing.T) *lexicon.Lexicon {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dataDir(t), "events-*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no events files: %v", err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[filepath.Base(f)] = &fstest.MapFile{Data: b}
	}
	lex, err := lexicon.Load(fsys)
	if err != nil {
		t.Fatalf("package lexicon cannot load the events files: %v", err)
	}
	return lex
}

// TestLoadsWithLexiconLoader loads the files with package lexicon and checks, on the
// inflected and plural forms it indexes, that no surface phrase names two unrestricted
// entries with different codes ("blasts" as a verb of 111 and a noun of 183).
func TestLoadsWithLexiconLoader(t *testing.T) {
	lex := loadEvents(t)
	if n := len(lex.Predicates); n != len(mustRead(t)) {
		t.Errorf("loader read %d predicates, checker %d", n, len(mustRead(t)))
	}
	lex.EachPhrase(func(words []string, refs []lexicon.Ref) {
		codes := map[string][]string{}
		for _, r := range refs {
			if r.Pred != nil && len(r.Pred.Object) == 0 {
				codes[r.Pred.CAMEO] = append(codes[r.Pred.CAMEO], r.Pred.ID)
			}
		}
		if len(codes) > 1 {
			t.Errorf("phrase %q names unrestricted entries with different codes: %v", strings.Join(words, " "), codes)
		}
	})
}

// TestPLVTypeRecall measures, on the PLV train sentences, how often the gold PLOVER type
// is among the types of the predicate entries the matcher finds in the sentence (PLV's
// YIELD covers CONCEDE and RETREAT). It bounds what a coder can reach from this lexicon
// with contiguous matching; choosing among the candidates is the coder's work.
func TestPLVTypeRecall(t *testing.T) {
	path := shareddata.Path(t, "data/gold/plv/plv-train.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	lex := loadEvents(t)
	var n, matched, recalled, candidates int
	for _, r := range rows[1:] {
		sentence, gold := r[0], r[1]
		n++
		types := map[string]bool{}
		for _, m := range lex.Match(text.Tokenize(sentence, 0)).Predicates {
			for _, ref := range m.Refs {
				if ref.Pred.Weak {
					continue
				}
				ty := ref.Pred.PloverEvent
				if ty == "CONCEDE" || ty == "RETREAT" {
					ty = "YIELD"
				}
				types[ty] = true
			}
		}
		candidates += len(types)
		if len(types) > 0 {
			matched++
		}
		if types[strings.ToUpper(gold)] {
			recalled++
		}
	}
	share := float64(recalled) / float64(n)
	t.Logf("PLV train: %d sentences, %d with a predicate match, gold type among matches in %d (%.1f%%), %.2f candidate types a sentence",
		n, matched, recalled, 100*share, float64(candidates)/float64(n))
	if share < 0.80 {
		t.Errorf("gold PLOVER type among lexicon matches in only %.1f%% of sentences, want >= 80%%", 100*share)
	}
}

// TestConfliBERTPentaRecall measures, on the ConfliBERT train sentences, how often the
// gold CAMEO "penta" class (0 statement, 1 verbal cooperation, 2 material cooperation,
// 3 verbal conflict, 4 material conflict) is among the classes of the matched entries.
func TestConfliBERTPentaRecall(t *testing.T) {
	path := shareddata.Path(t, "data/gold/conflibert/cameo_class_train.tsv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lex := loadEvents(t)
	var n, recalled, candidates int
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		sentence, gold, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s:%d: want sentence TAB class", path, i+1)
		}
		n++
		// Weak triggers ("say") count only when nothing else matched, as the coder uses them.
		classes, weak := map[string]bool{}, map[string]bool{}
		for _, m := range lex.Match(text.Tokenize(sentence, 0)).Predicates {
			for _, ref := range m.Refs {
				c := strconv.Itoa(ontology.PentaClass(ref.Pred.CAMEO))
				if ref.Pred.Weak {
					weak[c] = true
				} else {
					classes[c] = true
				}
			}
		}
		if len(classes) == 0 {
			classes = weak
		}
		candidates += len(classes)
		if classes[strings.TrimSpace(gold)] {
			recalled++
		}
	}
	share := float64(recalled) / float64(n)
	t.Logf("ConfliBERT train: %d sentences, gold class among matches in %d (%.1f%%), %.2f candidate classes a sentence",
		n, recalled, 100*share, float64(candidates)/float64(n))
	if share < 0.85 {
		t.Errorf("gold penta class among lexicon matches in only %.1f%% of sentences, want >= 85%%", 100*share)
	}
}
