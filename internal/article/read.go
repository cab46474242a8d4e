package article

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Options control how articles are read.
type Options struct {
	// Published is the publication date (YYYY-MM-DD) given to articles that have none.
	Published string
	// MaxBytes is the largest article (or JSONL line) accepted; larger ones are
	// skipped with a Problem. Zero means DefaultMaxBytes.
	MaxBytes int
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
}

// DefaultMaxBytes is far above any real news article (the longest in the AllSides
// corpus is under 1 MB) and keeps a runaway input from exhausting memory.
const DefaultMaxBytes = 16 << 20

// Read yields the articles found at paths: plain text files (one article each),
// .jsonl files (one article per line; .jsonl.gz too), directories (walked, in name
// order) and "-" for standard input (JSONL if its first byte is "{", else one plain
// text article). Records that cannot be read are yielded as a *Problem error and
// reading goes on.
func Read(paths []string, opt Options) iter.Seq2[Article, error] {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Stdin == nil {
		opt.Stdin = os.Stdin
	}
	return func(yield func(Article, error) bool) {
		for _, p := range paths {
			if !readPath(p, opt, yield) {
				return
			}
		}
	}
}

func readPath(path string, opt Options, yield func(Article, error) bool) bool {
	if path == "-" {
		return readStream("-", opt.Stdin, kindSniff, opt, yield)
	}
	info, err := os.Stat(path)
	if err != nil {
		return yield(Article{}, &Problem{Path: path, Err: unwrapPathError(err)})
	}
	if !info.IsDir() {
		return readFile(path, opt, yield)
	}
	var files []string
	walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !yield(Article{}, &Problem{Path: p, Err: unwrapPathError(err)}) {
				return fs.SkipAll
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != path && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !d.Type().IsRegular() {
			return nil
		}
		files = append(files, p)
		return nil
	})
	if walkErr != nil {
		return false
	}
	sort.Strings(files)
	for _, f := range files {
		if !readFile(f, opt, yield) {
			return false
		}
	}
	return true
}

type streamKind int

const (
	kindText streamKind = iota
	kindJSONL
	kindSniff // decide from the first non-space byte
)

func readFile(path string, opt Options, yield func(Article, error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(Article{}, &Problem{Path: path, Err: unwrapPathError(err)})
	}
	defer f.Close()
	var r io.Reader = f
	name := strings.ToLower(path)
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return yield(Article{}, &Problem{Path: path, Err: fmt.Errorf("not a readable gzip file: %w", err)})
		}
		defer gz.Close()
		r = gz
		name = strings.TrimSuffix(name, ".gz")
	}
	kind := kindText
	if strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".ndjson") {
		kind = kindJSONL
	}
	return readStream(path, r, kind, opt, yield)
}

func readStream(path string, r io.Reader, kind streamKind, opt Options, yield func(Article, error) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	if kind == kindSniff {
		kind = kindText
		for {
			b, err := br.Peek(1)
			if err != nil {
				break
			}
			if b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t' {
				br.ReadByte()
				continue
			}
			if b[0] == '{' {
				kind = kindJSONL
			}
			break
		}
	}
	if kind == kindJSONL {
		return readJSONL(path, br, opt, yield)
	}
	return readText(path, br, opt, yield)
}

// readText reads one plain-text article. The first line is its title when a blank
// line follows it.
func readText(path string, r io.Reader, opt Options, yield func(Article, error) bool) bool {
	data, err := io.ReadAll(io.LimitReader(r, int64(opt.MaxBytes)+1))
	if err != nil {
		return yield(Article{}, &Problem{Path: path, Err: fmt.Errorf("read: %w", err)})
	}
	if len(data) > opt.MaxBytes {
		return yield(Article{}, &Problem{Path: path, Err: fmt.Errorf("article is larger than the %s limit (--max-bytes)", byteSize(opt.MaxBytes))})
	}
	if looksBinary(data) {
		return yield(Article{}, &Problem{Path: path, Err: errors.New("binary file, not text (it has NUL bytes)")})
	}
	body, _ := repairUTF8(string(data))
	if strings.TrimSpace(body) == "" {
		return yield(Article{}, &Problem{Path: path, Err: errors.New("empty file")})
	}
	a := Article{Origin: path, Published: opt.Published}
	a.Title, a.Text = splitTitle(body)
	a.ID = StableID("", "", a.Text)
	return yield(a, nil)
}

// splitTitle separates a first line that stands alone (a blank line follows) from
// the body.
func splitTitle(s string) (title, body string) {
	trimmed := strings.TrimLeft(s, " \t\r\n")
	nl := strings.IndexByte(trimmed, '\n')
	if nl < 0 {
		return "", s
	}
	rest := trimmed[nl+1:]
	restTrim := strings.TrimLeft(rest, " \t\r")
	if !strings.HasPrefix(restTrim, "\n") {
		return "", s
	}
	title = strings.TrimSpace(trimmed[:nl])
	body = strings.TrimLeft(restTrim, " \t\r\n")
	if title == "" || strings.TrimSpace(body) == "" || len(title) > 300 {
		return "", s
	}
	return title, body
}

// Field names that news JSONL exports use for the same thing, in order of preference:
// dyad's own first, then those of common corpora and scrapers (AllSides uses "ID",
// "content_original", "date" and "source"; newspaper3k and news-please use others).
var fieldAliases = map[string][]string{
	"id":        {"id", "ID", "_id", "guid", "article_id"},
	"title":     {"title", "headline"},
	"text":      {"text", "content_original", "content", "body", "maintext", "article", "full_text"},
	"url":       {"url", "link", "URL"},
	"publisher": {"publisher", "source", "source_name", "outlet", "source_domain"},
	"published": {"published", "date", "publish_date", "published_at", "date_publish", "pubDate", "datePublished"},
	"language":  {"language", "lang"},
}

func readJSONL(path string, br *bufio.Reader, opt Options, yield func(Article, error) bool) bool {
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := readLine(br, opt.MaxBytes)
		if err != nil && err != io.EOF {
			return yield(Article{}, &Problem{Path: path, Line: lineNo, Err: fmt.Errorf("read: %w", err)})
		}
		atEOF := err == io.EOF
		if tooLong > 0 {
			p := &Problem{Path: path, Line: lineNo, Err: fmt.Errorf("line of %s is over the %s limit (--max-bytes)", byteSize(tooLong), byteSize(opt.MaxBytes))}
			if !yield(Article{}, p) {
				return false
			}
		} else if len(bytes.TrimSpace(line)) > 0 {
			a, perr := decodeJSONL(line, opt)
			if perr != nil {
				if !yield(Article{}, &Problem{Path: path, Line: lineNo, Err: perr}) {
					return false
				}
			} else {
				a.Origin = fmt.Sprintf("%s:%d", path, lineNo)
				if !yield(a, nil) {
					return false
				}
			}
		}
		if atEOF {
			return true
		}
	}
}

func decodeJSONL(line []byte, opt Options) (Article, error) {
	if bytes.IndexByte(line, 0) >= 0 {
		return Article{}, errors.New("binary data, not a JSON line (it has NUL bytes)")
	}
	// Invalid UTF-8 inside strings is repaired rather than rejected.
	if s, repaired := repairUTF8(string(line)); repaired {
		line = []byte(s)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(line, &all); err != nil {
		return Article{}, describeJSONError(line, err)
	}
	used := map[string]bool{}
	get := func(field string) (string, error) {
		for _, k := range fieldAliases[field] {
			raw, ok := all[k]
			if !ok || string(raw) == "null" {
				continue
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				if field == "id" {
					used[k] = true
					return rawID(raw), nil
				}
				if k == field {
					return "", fmt.Errorf("field %q is not a string", k)
				}
				continue // an alias holding something else (e.g. "source" as an object)
			}
			used[k] = true
			return s, nil
		}
		return "", nil
	}
	var a Article
	var fields [7]string
	for i, name := range []string{"id", "title", "text", "url", "publisher", "published", "language"} {
		v, err := get(name)
		if err != nil {
			return Article{}, err
		}
		fields[i] = v
	}
	id := fields[0]
	a.Title, a.Text, a.URL, a.Publisher, a.Language = fields[1], fields[2], fields[3], fields[4], fields[6]
	if strings.TrimSpace(a.Text) == "" {
		return Article{}, errors.New(`record has no "text"`)
	}
	if fields[5] != "" {
		d, ok := NormalizeDate(fields[5])
		if !ok {
			return Article{}, fmt.Errorf("cannot read published date %q (want YYYY-MM-DD or an RFC 3339 time)", fields[5])
		}
		a.Published = d
	} else {
		a.Published = opt.Published
	}
	a.ID = StableID(id, a.URL, a.Text)
	for k, v := range all {
		if !used[k] {
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[k] = v
		}
	}
	return a, nil
}

// rawID accepts ids given as strings or numbers.
func rawID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

func describeJSONError(line []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		if syn.Offset >= int64(len(bytes.TrimSpace(line))) {
			return fmt.Errorf("truncated JSON record (%v)", err)
		}
		return fmt.Errorf("invalid JSON at byte %d: %v", syn.Offset, err)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("field %q has a %s, want a %s", typ.Field, typ.Value, typ.Type)
	}
	if strings.Contains(err.Error(), "unexpected end") {
		return fmt.Errorf("truncated JSON record (%v)", err)
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

// readLine reads one line of any length up to max bytes. A longer line is consumed
// and dropped, and its length returned in tooLong. err is io.EOF at the end.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong int, err error) {
	var buf []byte
	n := 0
	for {
		chunk, e := br.ReadSlice('\n')
		n += len(chunk)
		if n <= max+1 { // +1: the newline itself
			buf = append(buf, chunk...)
		} else {
			buf = nil
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		if n > max+1 {
			return nil, n, e
		}
		return bytes.TrimRight(buf, "\r\n"), 0, e
	}
}

func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	return bytes.IndexByte(head, 0) >= 0
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
