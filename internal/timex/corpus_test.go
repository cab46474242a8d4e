package timex

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"dyad/internal/shareddata"
	"dyad/internal/text"
)

// allSidesArticle is one article of the AllSides corpus with its publication date.
type allSidesArticle struct {
	Date string `json:"date"`
	Text string `json:"content_original"`
}

// readAllSides returns the first n dated articles of the AllSides corpus.
func readAllSides(tb testing.TB, n int) []allSidesArticle {
	tb.Helper()
	path := shareddata.Path(tb, "data/news/allsides/allsides_articles.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out []allSidesArticle
	for line := 1; sc.Scan() && len(out) < n; line++ {
		var a allSidesArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatalf("%s:%d: %v", path, line, err)
		}
		if a.Text != "" {
			out = append(out, a)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return out
}

// TestSurveyAllSides is a measurement, not a check: with TIMEX_SURVEY=N it runs Find
// over N AllSides articles, prints how often it fires by kind, and prints a sample of
// 100 random finds with their context and resolved value for reading by eye
// (TIMEX_SEED picks the sample, TIMEX_KIND restricts it to one kind).
func TestSurveyAllSides(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TIMEX_SURVEY"))
	if n <= 0 {
		t.Skip("set TIMEX_SURVEY=N to survey N AllSides articles")
	}
	arts := readAllSides(t, n)
	type find struct {
		e       Expr
		context string
		value   string
	}
	var finds []find
	byKind := map[Kind]int{}
	words, sentences, bytes := 0, 0, 0
	for _, a := range arts {
		pub, err := time.Parse(time.DateOnly, a.Date)
		if err != nil {
			continue
		}
		sents := text.Split(a.Text)
		sentences += len(sents)
		bytes += len(a.Text)
		for _, s := range sents {
			words += len(s.Tokens)
		}
		for _, e := range Find(a.Text, sents) {
			byKind[e.Kind]++
			if k := os.Getenv("TIMEX_KIND"); k != "" && string(e.Kind) != k {
				continue // sample only this kind
			}
			lo, hi := max(0, e.Start-70), min(len(a.Text), e.End+50)
			ctx := strings.ReplaceAll(a.Text[lo:e.Start]+"[["+e.Text+"]]"+a.Text[e.End:hi], "\n", " ")
			val := "-"
			if v, ok := e.Resolve(pub, false); ok {
				val = v.Value + " " + string(v.Precision)
			}
			finds = append(finds, find{e, ctx, a.Date + " → " + val})
		}
	}
	total := 0
	for _, n := range byKind {
		total += n
	}
	fmt.Printf("%d articles, %d sentences, %d words, %.1f MB: %d expressions (%.2f per sentence, %.1f per 1000 words)\n",
		len(arts), sentences, words, float64(bytes)/1e6, total,
		float64(total)/float64(sentences), 1000*float64(total)/float64(words))
	var kinds []Kind
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return byKind[kinds[i]] > byKind[kinds[j]] })
	for _, k := range kinds {
		fmt.Printf("  %-10s %6d\n", k, byKind[k])
	}
	seed, _ := strconv.ParseInt(os.Getenv("TIMEX_SEED"), 10, 64)
	r := rand.New(rand.NewSource(seed))
	r.Shuffle(len(finds), func(i, j int) { finds[i], finds[j] = finds[j], finds[i] })
	for i, f := range finds[:min(100, len(finds))] {
		fmt.Printf("%3d %-9s %-28s %s\n", i+1, f.e.Kind, f.value, f.context)
	}
}
