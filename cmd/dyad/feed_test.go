package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dyad/internal/article"
	"dyad/internal/store"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>World News</title>
  <atom:link href="https://news.example/rss" rel="self"/>
  <link>https://news.example/</link>
  <image><title>logo</title></image>
  <item>
    <title>Russia expels Colombian diplomats</title>
    <link>https://news.example/rus-col</link>
    <description><![CDATA[<p>Russia expelled two Colombian diplomats on Wednesday.</p><p>Bogot&aacute; called it &quot;unfounded&quot;.</p><script>track()</script>]]></description>
    <pubDate>Thu, 24 Dec 2020 10:31:00 GMT</pubDate>
    <guid isPermaLink="false">x-1</guid>
  </item>
  <item>
    <title>Colombia answers</title>
    <link>https://news.example/col-rus</link>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<div>Colombia expelled two Russian diplomats.<br/>The ministry confirmed it.</div>]]></content:encoded>
    <pubDate>Fri, 1 Jan 2021 08:00:00 +0100</pubDate>
  </item>
  <item>
    <title></title>
    <description></description>
  </item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <entry>
    <title type="html">France &amp;amp; Japan sign a pact</title>
    <link rel="self" href="https://wire.example/api/1"/>
    <link rel="alternate" href="https://wire.example/france-japan"/>
    <id>urn:uuid:1</id>
    <published>2021-03-05T09:00:00Z</published>
    <updated>2021-03-06T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>France signed an agreement with <b>Japan</b>.</p></div></content>
  </entry>
  <entry>
    <title>No link</title>
    <id>urn:uuid:2</id>
    <updated>2021-03-07</updated>
    <summary type="text">Iran criticized Ukraine.</summary>
  </entry>
</feed>`

const rdfFeed = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel><title>RDF News</title></channel>
  <item>
    <title>China praised Iran</title>
    <link>https://rdf.example/1</link>
    <description>China praised Iran on Monday.</description>
    <dc:date>2019-06-03T12:00:00+02:00</dc:date>
  </item>
</rdf:RDF>`

// latin1Feed is an RSS feed in ISO-8859-1: "Bogotá" with á as the byte 0xE1.
const latin1Feed = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>Latin</title><item><title>Bogot\xe1</title><link>https://l.example/1</link><description>Colombia praised Peru.</description></item></channel></rss>"

func parseAll(name, doc string) (arts []article.Article, problems []string) {
	parseFeed(name, strings.NewReader(doc), article.Options{Published: "2000-01-01", MaxBytes: article.DefaultMaxBytes}, func(a article.Article, err error) bool {
		if err != nil {
			problems = append(problems, err.Error())
		} else {
			arts = append(arts, a)
		}
		return true
	})
	return arts, problems
}

func TestParseFeed(t *testing.T) {
	type want struct {
		title, text, url, publisher, published string
	}
	for _, tc := range []struct {
		name     string
		doc      string
		want     []want
		problems []string
	}{
		{
			name: "rss", doc: rssFeed,
			want: []want{
				{"Russia expels Colombian diplomats", "Russia expels Colombian diplomats\n\nRussia expelled two Colombian diplomats on Wednesday.\n\nBogotá called it \"unfounded\".", "https://news.example/rus-col", "World News", "2020-12-24"},
				{"Colombia answers", "Colombia answers\n\nColombia expelled two Russian diplomats.\n\nThe ministry confirmed it.", "https://news.example/col-rus", "World News", "2021-01-01"},
			},
			problems: []string{"rss:22: item has no title and no text"},
		},
		{
			name: "atom", doc: atomFeed,
			want: []want{
				{"France & Japan sign a pact", "France & Japan sign a pact\n\nFrance signed an agreement with Japan.", "https://wire.example/france-japan", "Atom Wire", "2021-03-05"},
				{"No link", "No link\n\nIran criticized Ukraine.", "", "Atom Wire", "2021-03-07"},
			},
		},
		{
			name: "rdf", doc: rdfFeed,
			// The body starts with the title: the text is not repeated.
			want: []want{{"China praised Iran", "China praised Iran on Monday.", "https://rdf.example/1", "RDF News", "2019-06-03"}},
		},
		{
			name: "latin1", doc: latin1Feed,
			want: []want{{"Bogotá", "Bogotá\n\nColombia praised Peru.", "https://l.example/1", "Latin", "2000-01-01"}},
		},
		{name: "html", doc: "<html><body>not a feed</body></html>", problems: []string{"html: not an RSS or Atom feed (the document is <html>)"}},
		{name: "truncated", doc: "<rss><channel><item><title>cut", problems: []string{"truncated:1: item: XML syntax error on line 1: unexpected EOF"}},
		{name: "empty", doc: "", problems: []string{"empty: not an RSS or Atom feed (no XML elements)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, problems := parseAll(tc.name, tc.doc)
			if strings.Join(problems, "\n") != strings.Join(tc.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(tc.problems, "\n"))
			}
			if len(arts) != len(tc.want) {
				t.Fatalf("%d articles, want %d: %+v", len(arts), len(tc.want), arts)
			}
			for i, w := range tc.want {
				a := arts[i]
				got := want{a.Title, a.Text, a.URL, a.Publisher, a.Published}
				if got != w {
					t.Errorf("item %d:\n got %q\nwant %q", i, got, w)
				}
				if a.ID == "" || !strings.HasPrefix(a.Origin, tc.name+":") {
					t.Errorf("item %d: id %q origin %q", i, a.ID, a.Origin)
				}
			}
		})
	}
}

func TestFeedIDsAreStable(t *testing.T) {
	a1, _ := parseAll("rss", rssFeed)
	a2, _ := parseAll("other-name", rssFeed)
	if a1[0].ID != a2[0].ID || a1[0].ID == a1[1].ID {
		t.Errorf("ids %s %s / %s: want the same id for the same link, different ids for different links", a1[0].ID, a1[1].ID, a2[0].ID)
	}
}

func TestFetchFeed(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	mux := http.NewServeMux()
	var gotAgent string
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		gotAgent = r.UserAgent()
		w.Write([]byte(rssFeed))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "5000")
		w.Write([]byte(strings.Repeat("x", 5000)))
	})
	mux.HandleFunc("/big-streamed", func(w http.ResponseWriter, r *http.Request) {
		for range 10 {
			w.Write([]byte(strings.Repeat("x", 1000)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		// Never answers: the client's timeout must end the wait.
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := newFeedFetcher(200*time.Millisecond, 4096)

	for _, tc := range []struct {
		path, wantErr string
	}{
		{"/ok", ""},
		{"/moved", ""},
		{"/loop", "more than 5 redirects"},
		{"/missing", "HTTP 404 Not Found"},
		{"/big", "feed of 5000 bytes is over the 4096-byte limit"},
		{"/big-streamed", "feed is over the 4096-byte limit"},
		{"/slow", "Client.Timeout exceeded"},
	} {
		data, err := f.fetch(context.Background(), srv.URL+tc.path)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.path, err)
		case tc.wantErr == "" && string(data) != rssFeed:
			t.Errorf("%s: body of %d bytes, want the feed", tc.path, len(data))
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: err = %v, want %q", tc.path, err, tc.wantErr)
		}
	}
	if !strings.HasPrefix(gotAgent, "dyad/") {
		t.Errorf("User-Agent = %q, want dyad/…", gotAgent)
	}
}

func TestIngestFeedsFromURLsAndFiles(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(rssFeed)) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	atomPath := filepath.Join(dir, "wire.xml")
	writeFile(t, atomPath, atomFeed)
	db := filepath.Join(dir, "feeds.db")

	_, stderr, err := runDyad(t, "", "ingest", "--db", db, srv.URL+"/rss", srv.URL+"/gone", atomPath)
	if !errors.Is(err, errSkipped) {
		t.Errorf("err = %v, want the skipped-input status (the 404 and the empty item)", err)
	}
	for _, want := range []string{"4 articles read", "4 stored", "2 skipped", srv.URL + "/gone: HTTP 404 Not Found", "/rss:22: item has no title and no text"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	arts, _ := parseAll("x", rssFeed)
	a, err := s.Article(context.Background(), arts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://news.example/rus-col" || a.Publisher != "World News" || a.Published != "2020-12-24" {
		t.Errorf("stored feed item: %+v", a)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIngestReadsFeedFilesInsideDirectories(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeFile := func(name, content string) {
		p := filepath.Join(in, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFile("a-feed.xml", atomFeed) // 2 items
	writeFile("b.txt", "Russia expelled two Colombian diplomats on Wednesday.")
	writeFile("sub/c.jsonl", `{"id":"c1","text":"France praised Japan."}`+"\n")
	writeFile(".hidden.rss", rssFeed)
	writeFile(".git/d.txt", "not read")
	db := filepath.Join(dir, "dir.db")
	_, stderr, err := runDyad(t, "", "ingest", "--db", db, in)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "4 articles read") || !strings.Contains(stderr, "4 stored") {
		t.Errorf("want the 2 feed items, the text file and the JSONL line:\n%s", stderr)
	}
	if n, ok := countRecords(context.Background(), []string{in}); ok {
		t.Errorf("countRecords over a directory with a feed = %d, true; want false (feeds are not counted)", n)
	}
}
