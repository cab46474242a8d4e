package article

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// collect reads paths and returns the articles and the problems as "path:line: msg".
func collect(t *testing.T, paths []string, opt Options) ([]Article, []string) {
	t.Helper()
	var arts []Article
	var probs []string
	for a, err := range Read(paths, opt) {
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("error is not a *Problem: %v", err)
			}
			probs = append(probs, err.Error())
			continue
		}
		arts = append(arts, a)
	}
	return arts, probs
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadPlainText(t *testing.T) {
	dir := t.TempDir()
	titled := write(t, dir, "a.txt", []byte("Russia expels diplomats\n\nRussia expelled two Colombian diplomats.\n"))
	untitled := write(t, dir, "b.txt", []byte("Russia expelled two Colombian diplomats.\nColombia had expelled two Russians.\n"))
	arts, probs := collect(t, []string{titled, untitled}, Options{Published: "2020-12-24"})
	if len(probs) != 0 || len(arts) != 2 {
		t.Fatalf("got %d articles, problems %v", len(arts), probs)
	}
	if arts[0].Title != "Russia expels diplomats" || !strings.HasPrefix(arts[0].Text, "Russia expelled") {
		t.Errorf("titled: title %q text %q", arts[0].Title, arts[0].Text)
	}
	if arts[1].Title != "" || !strings.HasPrefix(arts[1].Text, "Russia expelled") {
		t.Errorf("untitled: title %q", arts[1].Title)
	}
	if arts[0].Published != "2020-12-24" || arts[0].ID == "" || arts[0].ID == arts[1].ID {
		t.Errorf("published %q ids %q %q", arts[0].Published, arts[0].ID, arts[1].ID)
	}
	// Stable: the same text gives the same id on another read.
	again, _ := collect(t, []string{titled}, Options{})
	if again[0].ID != arts[0].ID {
		t.Errorf("id changed between reads: %q vs %q", again[0].ID, arts[0].ID)
	}
}

func TestReadJSONL(t *testing.T) {
	dir := t.TempDir()
	lines := strings.Join([]string{
		`{"id":"a1","title":"T","text":"Russia expelled diplomats.","url":"http://x/1","publisher":"Reuters","published":"2020-12-24T10:00:00Z","language":"en","topic":"politics"}`,
		``,
		`{"text":"No id here.","url":"http://x/2"}`,
		`{"id": 42, "text":"Numeric id."}`,
		`{"id":"bad","text":"truncated`,
		`{"id":"nt"}`,
		`not json at all`,
		`{"id":"d","text":"x","published":"yesterday"}`,
		`{"id":"last","text":"Still read after the bad lines."}`,
	}, "\n")
	p := write(t, dir, "news.jsonl", []byte(lines))
	arts, probs := collect(t, []string{p}, Options{})
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); !strings.HasPrefix(got, "a1,u") || !strings.HasSuffix(got, ",42,last") {
		t.Errorf("ids = %s", got)
	}
	if arts[0].Published != "2020-12-24" || arts[0].Publisher != "Reuters" || string(arts[0].Extra["topic"]) != `"politics"` {
		t.Errorf("first record = %+v", arts[0])
	}
	want := []string{":5: truncated JSON", `:6: record has no "text"`, ":7: invalid JSON", `:8: cannot read published date "yesterday"`}
	if len(probs) != len(want) {
		t.Fatalf("problems = %q", probs)
	}
	for i, w := range want {
		if !strings.Contains(probs[i], p+w) {
			t.Errorf("problem %d = %q, want it to contain %q", i, probs[i], p+w)
		}
	}
}

func TestReadBadInput(t *testing.T) {
	dir := t.TempDir()
	binary := write(t, dir, "img.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	empty := write(t, dir, "empty.txt", nil)
	blank := write(t, dir, "blank.txt", []byte("  \n\n\t\n"))
	invalid := write(t, dir, "latin1.txt", []byte("Bogot\xe1 said \xff\xfe no.\n"))
	huge := bytes.Repeat([]byte("x"), 3<<20)
	hugeLine := write(t, dir, "huge.jsonl", append(append([]byte(`{"id":"h","text":"`), huge...), []byte("\"}\n{\"id\":\"after\",\"text\":\"ok\"}\n")...))
	missing := filepath.Join(dir, "nope.txt")
	arts, probs := collect(t, []string{binary, empty, blank, invalid, hugeLine, missing}, Options{MaxBytes: 1 << 20})
	if len(arts) != 2 || arts[0].Text != "Bogot\uFFFD said \uFFFD no.\n" || arts[1].ID != "after" {
		t.Errorf("articles = %+v", arts)
	}
	want := []string{
		binary + ": binary file",
		empty + ": empty file",
		blank + ": empty file",
		hugeLine + ":1: line of 3.0 MB is over the 1.0 MB limit",
		missing + ": no such file",
	}
	if len(probs) != len(want) {
		t.Fatalf("problems = %q", probs)
	}
	for i, w := range want {
		if !strings.HasPrefix(probs[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, probs[i], w)
		}
	}
}

func TestReadDirectoryAndGzip(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.txt", []byte("Second."))
	write(t, dir, "a.txt", []byte("First."))
	write(t, dir, ".hidden.txt", []byte("Hidden."))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"id":"z","text":"Zipped."}` + "\n"))
	zw.Close()
	write(t, dir, "c.jsonl.gz", gz.Bytes())
	arts, probs := collect(t, []string{dir}, Options{})
	var texts []string
	for _, a := range arts {
		texts = append(texts, a.Text)
	}
	if got := strings.Join(texts, " "); got != "First. Second. Zipped." || len(probs) != 0 {
		t.Errorf("texts = %q, problems %v", got, probs)
	}
}

func TestReadStdinSniffsJSONL(t *testing.T) {
	arts, _ := collect(t, []string{"-"}, Options{Stdin: strings.NewReader("\n {\"id\":\"s\",\"text\":\"From stdin.\"}\n")})
	if len(arts) != 1 || arts[0].ID != "s" {
		t.Errorf("jsonl stdin = %+v", arts)
	}
	arts, _ = collect(t, []string{"-"}, Options{Stdin: strings.NewReader("Plain text from stdin.")})
	if len(arts) != 1 || arts[0].Text != "Plain text from stdin." {
		t.Errorf("text stdin = %+v", arts)
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2020-12-24": "2020-12-24", "2020-12-24T10:31:00Z": "2020-12-24", "2020-12-24 10:31:00": "2020-12-24",
		"Thu, 24 Dec 2020 10:31:00 GMT": "2020-12-24", "December 24, 2020": "2020-12-24", "2020-12-24T10:31:00.123+05:00": "2020-12-24",
		"7/23/17": "2017-07-23", "12/24/2020": "2020-12-24",
		"yesterday": "", "": "", "2020-13-45": "",
	} {
		got, ok := NormalizeDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// FuzzReadJSONL checks that no input crashes the JSONL reader, that every line is
// either an article or a problem, and that articles hold valid UTF-8.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Russia expelled diplomats."}` + "\n" + `{"text":"x"`))
	f.Add([]byte("{\"text\":\"\xff\xfe\"}\n\n\x00"))
	f.Add([]byte(`{"id":null,"text":"a","published":"2020-01-01T00:00:00Z","extra":[1,2]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		for a, err := range Read([]string{"-"}, Options{Stdin: bytes.NewReader(data), MaxBytes: 4096}) {
			n++
			if err != nil {
				var p *Problem
				if !errors.As(err, &p) || p.Path != "-" {
					t.Fatalf("bad problem %v", err)
				}
				continue
			}
			if a.ID == "" || strings.TrimSpace(a.Text) == "" {
				t.Fatalf("article without id or text: %+v", a)
			}
			if !isValidUTF8(a.Text) {
				t.Fatalf("invalid UTF-8 in text %q", a.Text)
			}
		}
		if n > bytes.Count(data, []byte("\n"))+1 {
			t.Fatalf("%d results from %d lines", n, bytes.Count(data, []byte("\n"))+1)
		}
	})
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }

func TestReadJSONLFieldAliases(t *testing.T) {
	line := `{"ID":"004G","date":"2016-09-20","source":"New York Times - News","title":"T","content_original":"Body text.","content":"body text .","topic":"terrorism"}`
	arts, probs := collect(t, []string{"-"}, Options{Stdin: strings.NewReader(line)})
	if len(probs) != 0 || len(arts) != 1 {
		t.Fatalf("arts %v problems %v", arts, probs)
	}
	a := arts[0]
	if a.ID != "004G" || a.Published != "2016-09-20" || a.Publisher != "New York Times - News" || a.Text != "Body text." {
		t.Errorf("aliases not read: %+v", a)
	}
	if _, kept := a.Extra["content"]; !kept || a.Extra["topic"] == nil {
		t.Errorf("unused fields not kept: %v", a.Extra)
	}
}
