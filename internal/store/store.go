// Package store keeps coded articles and their events in a database and answers the
// questions the API and UI ask of them: filtered event lists with cursor pagination,
// dyadic time series, top actors and dyads, counts.
//
// There is one interface, Store, and two back ends behind one constructor, Open:
// SQLite (embedded, pure Go, the default, one file) and PostgreSQL (for teams). Both
// run the same plain, parameterised SQL; the few dialect differences (placeholders,
// column types, LIKE versus ILIKE) live in dialect.go. The schema is created and
// upgraded by numbered migrations in migrate.go.
//
// Writing is idempotent: PutArticle replaces an article's events, mentions and links
// in one transaction, so coding the same article again never duplicates rows, and a
// crash in the middle of an ingest leaves every article either fully old or fully new.
//
// The store does not code articles, fetch feeds or serve HTTP; it does not
// de-duplicate events across articles.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"dyad/internal/article"
	"dyad/internal/event"
)

// DefaultPath is the SQLite database used when no URL is given.
const DefaultPath = "./dyad.db"

// ErrNotFound is returned by Article and Event when there is no such id.
var ErrNotFound = errors.New("not found")

// ErrBadFilter wraps every error caused by a bad Filter, SeriesQuery or TopQuery value
// (a malformed date, cursor or interval), so that an HTTP layer can answer 400.
var ErrBadFilter = errors.New("bad filter")

// Store is a database of coded articles and events. Implementations are safe for
// concurrent use.
type Store interface {
	// PutArticle stores the article (text kept) and replaces all of its events,
	// mentions and links by evs, in one transaction. An event whose ArticleID is empty
	// is taken to belong to a; one that names another article is an error.
	PutArticle(ctx context.Context, a article.Article, evs []event.Event) error
	// PutArticles puts several articles as PutArticle does, all in one transaction:
	// much faster for a bulk ingest (one commit instead of many), and as safe, since
	// a crash keeps either the whole batch or none of it. One bad article fails the
	// batch.
	PutArticles(ctx context.Context, batch []Coded) error
	// HasArticle reports whether the article id is stored with this content hash
	// (see ContentHash) and was coded by the store's coder version (see
	// WithCoderVersion), so that a re-run can skip it.
	HasArticle(ctx context.Context, id, contentHash string) (bool, error)
	// Article returns a stored article, or ErrNotFound.
	Article(ctx context.Context, id string) (article.Article, error)
	// Event returns one event with its article, or ErrNotFound.
	Event(ctx context.Context, id string) (event.Event, article.Article, error)
	// Events returns one page of the events matching f, ordered by (date, id), and
	// the cursor of the next page ("" after the last page).
	Events(ctx context.Context, f Filter) (page []event.Event, next Cursor, err error)
	// Series buckets the events matching q.Filter by day, week or month.
	Series(ctx context.Context, q SeriesQuery) ([]Point, error)
	// TopActors counts events per actor code (or country).
	TopActors(ctx context.Context, q TopQuery) ([]ActorCount, error)
	// TopDyads counts events per (source, target) pair.
	TopDyads(ctx context.Context, q TopQuery) ([]DyadCount, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the database.
	Close() error
}

// Coded is an article with its events, for PutArticles.
type Coded struct {
	Article article.Article
	Events  []event.Event
}

// Option configures Open.
type Option func(*options)

type options struct {
	coderVersion string
}

// WithCoderVersion records which coder produced the events put through this Store.
// HasArticle answers false for articles coded by another version, so that a new
// coder re-codes everything.
func WithCoderVersion(v string) Option {
	return func(o *options) { o.coderVersion = v }
}

// Open opens (creating and migrating if needed) the database named by url:
//
//	""                                  SQLite at ./dyad.db
//	path/to/file.db, sqlite:///abs/path SQLite
//	postgres://…, postgresql://…        PostgreSQL (any libpq-style URL pgx accepts)
func Open(ctx context.Context, url string, opts ...Option) (Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return openPostgres(ctx, url, o)
	case url == "":
		return openSQLite(ctx, DefaultPath, o)
	case strings.HasPrefix(url, "sqlite://"):
		path := strings.TrimPrefix(url, "sqlite://")
		if path == "" {
			return nil, fmt.Errorf("store: %q names no file", url)
		}
		return openSQLite(ctx, path, o)
	case strings.Contains(url, "://"):
		return nil, fmt.Errorf("store: unknown database URL scheme in %q (want a path, sqlite://, postgres://)", url)
	default:
		return openSQLite(ctx, url, o)
	}
}

// ContentHash is the hash PutArticle stores with an article: it changes when anything
// the coder reads changes (text, title, url, publisher, publication date, language).
func ContentHash(a article.Article) string {
	h := sha256.New()
	for _, s := range []string{a.Text, a.Title, a.URL, a.Publisher, a.Published, a.Language} {
		fmt.Fprintf(h, "%d:%s\x00", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}
