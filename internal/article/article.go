// Package article reads news articles from files, directories and standard input, and
// gives each a stable id. It is the first stage of the pipeline: it knows about file
// formats and bad input, not about sentences or events.
//
// Bad input never stops a run: a record that cannot be read comes out of Read as a
// *Problem naming the file, line and reason, and reading goes on with the next one.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one news article. Text is the article body exactly as dyad codes it (after
// invalid UTF-8 is repaired); every byte offset dyad reports is an offset into Text.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	URL       string `json:"url,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD when known
	Language  string `json:"language,omitempty"`

	// Extra keeps the fields of a JSONL record that dyad does not know, so that they
	// can be passed through.
	Extra map[string]json.RawMessage `json:"-"`

	// Origin is where the article came from: "path" or "path:line".
	Origin string `json:"-"`
}

// Problem is a record that could not be read, with where and why.
type Problem struct {
	Path string // file path, or "-" for standard input
	Line int    // 1-based line, 0 when the problem is with the whole file
	Err  error
}

func (p *Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", p.Path, p.Line, p.Err)
	}
	return fmt.Sprintf("%s: %v", p.Path, p.Err)
}

func (p *Problem) Unwrap() error { return p.Err }

// StableID derives an id that stays the same across runs: the given id, else one
// derived from the URL, else from the text.
func StableID(id, url, text string) string {
	if id = strings.TrimSpace(id); id != "" {
		return id
	}
	if url = strings.TrimSpace(url); url != "" {
		return "u" + shortHash(url)
	}
	return "t" + shortHash(text)
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// repairUTF8 replaces each invalid byte sequence with U+FFFD and reports whether it
// had to.
func repairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

// NormalizeDate turns the dates found in news metadata ("2020-12-24",
// "2020-12-24T10:31:00Z", "2020-12-24 10:31:00", "Thu, 24 Dec 2020 10:31:00 GMT") into
// YYYY-MM-DD. It returns "" and false when it cannot read the date.
func NormalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	layouts := []string{
		"2006-01-02", time.RFC3339, time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05.999999", time.RFC1123, time.RFC1123Z,
		time.RFC822, time.RFC822Z, "January 2, 2006", "Jan 2, 2006", "2 January 2006", "2006/01/02",
		"1/2/2006", "1/2/06", // US order, as news exports write it

	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	// A longer timestamp that starts with a date.
	if len(s) > 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}
