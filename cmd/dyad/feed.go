package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"

	"dyad/internal/article"
)

// Feeds: RSS 2.0 (and RSS 1.0/RDF) and Atom, read from a URL or a local file. Each
// item becomes one article: its title and description (or content) are the text, its
// link the URL, its publication date the date. Items that cannot be read are
// reported as *article.Problem with the feed's name and the item's line.

// feedFetcher fetches feeds over HTTP with a timeout and a size limit.
type feedFetcher struct {
	client   *http.Client
	maxBytes int64
}

// Defaults for fetching feeds.
const (
	defaultFeedTimeout  = 30 * time.Second
	defaultFeedMaxBytes = 16 << 20
)

func newFeedFetcher(timeout time.Duration, maxBytes int64) *feedFetcher {
	return &feedFetcher{
		client: &http.Client{
			Timeout: timeout,
			// A redirect loop or a long chain is a broken feed, not a reason to wait.
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 5 {
					return errors.New("more than 5 redirects")
				}
				return nil
			},
		},
		maxBytes: maxBytes,
	}
}

// isURL reports whether an argument names a feed on the web rather than a file.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// fetch reads the feed at url into memory, refusing bodies over the size limit.
func (f *feedFetcher) fetch(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "dyad/"+versionString()+" (news event coder; feed reader)")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > f.maxBytes {
		return nil, fmt.Errorf("feed of %d bytes is over the %d-byte limit", resp.ContentLength, f.maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > f.maxBytes {
		return nil, fmt.Errorf("feed is over the %d-byte limit", f.maxBytes)
	}
	return data, nil
}

// looksLikeFeedFile reports whether a local file is a feed: by its extension, or by
// an XML start naming rss, feed or rdf:RDF.
func looksLikeFeedFile(path string) bool {
	lower := strings.ToLower(path)
	for _, ext := range []string{".rss", ".atom"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.IsDir() {
		return false
	}
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return isFeedStart(head[:n])
}

// isFeedStart reports whether data begins like an RSS or Atom document.
func isFeedStart(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(data, []byte("<")) {
		return false
	}
	lower := bytes.ToLower(data)
	for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if bytes.Contains(lower, []byte(tag)) {
			return true
		}
	}
	return false
}

// feedSource yields the articles of the feeds (URLs or files) in args, in order.
func feedSource(ctx context.Context, f *feedFetcher, name string, opt article.Options) func(yield func(article.Article, error) bool) bool {
	return func(yield func(article.Article, error) bool) bool {
		var data []byte
		var err error
		if isURL(name) {
			data, err = f.fetch(ctx, name)
		} else {
			data, err = readFileLimited(name, f.maxBytes)
		}
		if err != nil {
			return yield(article.Article{}, &article.Problem{Path: name, Err: err})
		}
		return parseFeed(name, bytes.NewReader(data), opt, yield)
	}
}

func readFileLimited(path string, limit int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(fh), limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("feed is over the %d-byte limit", limit)
	}
	return data, nil
}

// feedItem is an RSS item or an Atom entry; encoding/xml matches local names, so
// one struct reads both (and content:encoded, dc:date).
type feedItem struct {
	Title       feedText   `xml:"title"`
	Links       []feedLink `xml:"link"`
	GUID        string     `xml:"guid"`
	ID          string     `xml:"id"`
	Description feedText   `xml:"description"`
	Encoded     feedText   `xml:"encoded"`
	Content     feedText   `xml:"content"`
	Summary     feedText   `xml:"summary"`
	PubDate     string     `xml:"pubDate"`
	Published   string     `xml:"published"`
	Updated     string     `xml:"updated"`
	Date        string     `xml:"date"`
	Language    string     `xml:"language"`
}

// feedText is text that may hold HTML: escaped or CDATA (RSS, Atom type="html") or
// inline XHTML (Atom type="xhtml").
type feedText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

func (t feedText) plain() string {
	if t.Type == "xhtml" {
		return htmlToText(t.Inner)
	}
	if t.Type == "text" {
		return strings.TrimSpace(t.Text)
	}
	return htmlToText(t.Text)
}

type feedLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Text string `xml:",chardata"`
}

// link picks the item's web page: Atom's alternate link, else RSS's link text.
func (it *feedItem) link() string {
	for _, l := range it.Links {
		if l.Href != "" && (l.Rel == "" || l.Rel == "alternate") {
			return strings.TrimSpace(l.Href)
		}
	}
	for _, l := range it.Links {
		if s := strings.TrimSpace(l.Text); s != "" {
			return s
		}
	}
	if g := strings.TrimSpace(it.GUID); isURL(g) {
		return g
	}
	return ""
}

// parseFeed yields the items of one RSS or Atom document as articles. name is the
// feed's URL or path, for Origin and problems.
func parseFeed(name string, r io.Reader, opt article.Options, yield func(article.Article, error) bool) bool {
	dec := xml.NewDecoder(r)
	// Feeds in the wild use HTML entities and charsets other than UTF-8.
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unknown charset %q", label)
		}
		return enc.NewDecoder().Reader(input), nil
	}
	var (
		stack     []string
		publisher string
		sawRoot   bool
		items     int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return yield(article.Article{}, &article.Problem{Path: name, Line: line, Err: fmt.Errorf("not a readable feed: %v", err)})
		}
		switch t := tok.(type) {
		case xml.StartElement:
			local := strings.ToLower(t.Name.Local)
			if len(stack) == 0 {
				if local != "rss" && local != "feed" && local != "rdf" {
					return yield(article.Article{}, &article.Problem{Path: name, Err: fmt.Errorf("not an RSS or Atom feed (the document is <%s>)", t.Name.Local)})
				}
				sawRoot = true
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			switch {
			case local == "item" || local == "entry":
				line, _ := dec.InputPos()
				var it feedItem
				if err := dec.DecodeElement(&it, &t); err != nil {
					return yield(article.Article{}, &article.Problem{Path: name, Line: line, Err: fmt.Errorf("item: %v", err)})
				}
				items++
				a, err := itemArticle(&it, publisher, opt)
				if err != nil {
					if !yield(article.Article{}, &article.Problem{Path: name, Line: line, Err: err}) {
						return false
					}
					continue
				}
				a.Origin = fmt.Sprintf("%s:%d", name, line)
				if !yield(a, nil) {
					return false
				}
				continue
			case local == "title" && (parent == "channel" || parent == "feed"):
				var title string
				if err := dec.DecodeElement(&title, &t); err == nil {
					publisher = strings.TrimSpace(title)
				}
				continue
			}
			stack = append(stack, local)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if !sawRoot {
		return yield(article.Article{}, &article.Problem{Path: name, Err: errors.New("not an RSS or Atom feed (no XML elements)")})
	}
	return true
}

// itemArticle makes an article of a feed item: title and body are the text, the
// link is the URL (and the source of the stable id).
func itemArticle(it *feedItem, publisher string, opt article.Options) (article.Article, error) {
	title := it.Title.plain()
	body := ""
	for _, t := range []feedText{it.Encoded, it.Content, it.Description, it.Summary} {
		if s := t.plain(); len(s) > len(body) {
			body = s
		}
	}
	text := body
	if title != "" && !strings.HasPrefix(body, title) {
		text = strings.TrimSpace(title + "\n\n" + body)
	}
	if text == "" {
		return article.Article{}, errors.New("item has no title and no text")
	}
	if len(text) > opt.MaxBytes && opt.MaxBytes > 0 {
		return article.Article{}, fmt.Errorf("item of %d bytes is over the %d-byte limit (--max-bytes)", len(text), opt.MaxBytes)
	}
	link := it.link()
	key := link
	if key == "" {
		key = strings.TrimSpace(it.GUID)
		if key == "" {
			key = strings.TrimSpace(it.ID)
		}
	}
	a := article.Article{
		Title:     title,
		Text:      strings.ToValidUTF8(text, "\uFFFD"),
		URL:       link,
		Publisher: publisher,
		Published: opt.Published,
		Language:  strings.TrimSpace(it.Language),
	}
	for _, d := range []string{it.PubDate, it.Published, it.Date, it.Updated} {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		if v, ok := feedDate(d); ok {
			a.Published = v
			break
		}
	}
	a.ID = article.StableID("", key, a.Text)
	return a, nil
}

// feedDate reads the dates feeds carry: RFC 822 and its many variants in RSS, RFC
// 3339 in Atom and Dublin Core.
func feedDate(s string) (string, bool) {
	if d, ok := article.NormalizeDate(s); ok {
		return d, true
	}
	for _, layout := range []string{
		"Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04 MST",
		"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700",
		"Mon, 02 Jan 2006 15:04:05", "Mon, 2 Jan 2006", "Mon, 02 Jan 2006", "Monday, 2 January 2006 15:04:05 MST",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// htmlToText turns the HTML of a feed description into plain text: tags go, block
// elements become paragraph breaks, entities are decoded, script and style dropped.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	skip := "" // inside <script> or <style>: the closing tag we wait for
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			if skip == "" {
				b.WriteString(s)
			}
			break
		}
		if skip == "" {
			b.WriteString(s[:lt])
		}
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			break // an unclosed tag: drop the rest of it
		}
		tag := strings.ToLower(strings.TrimSpace(s[lt+1 : lt+gt]))
		s = s[lt+gt+1:]
		name := strings.TrimPrefix(tag, "/")
		if i := strings.IndexAny(name, " \t\r\n/"); i >= 0 {
			name = name[:i]
		}
		if skip != "" {
			if strings.HasPrefix(tag, "/") && name == skip {
				skip = ""
			}
			continue
		}
		switch name {
		case "script", "style":
			if !strings.HasPrefix(tag, "/") && !strings.HasSuffix(tag, "/") {
				skip = name
			}
		case "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table", "section", "article":
			b.WriteString("\n\n")
		}
	}
	text := html.UnescapeString(b.String())
	// Tidy: one space inside paragraphs, one blank line between them.
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
