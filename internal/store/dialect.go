package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// dialect holds everything that differs between SQLite and PostgreSQL. The rest of
// the package writes one SQL text for both, with ? placeholders.
type dialect struct {
	name string
	// dollar placeholders ($1, $2, …) instead of ?.
	dollar bool
	// like is the case-insensitive LIKE operator.
	like string
	// types substituted into the DDL of migrate.go.
	keyType  string // identifiers, codes and dates that are compared and sorted bytewise
	realType string
}

var (
	sqliteDialect = dialect{
		name:     "sqlite",
		like:     "LIKE", // case-insensitive for ASCII in SQLite
		keyType:  "TEXT",
		realType: "REAL",
	}
	postgresDialect = dialect{
		name:   "postgres",
		dollar: true,
		like:   "ILIKE",
		// "C" collation makes PostgreSQL sort and compare keys bytewise, as SQLite
		// does, so that prefix ranges and cursor order are the same on both.
		keyType:  `TEXT COLLATE "C"`,
		realType: "DOUBLE PRECISION",
	}
)

// rebind turns ? placeholders into the dialect's. The package's SQL never has a ?
// inside a string literal, which keeps this a plain scan.
func (d dialect) rebind(query string) string {
	if !d.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// ddl fills the type names of a migration statement.
func (d dialect) ddl(stmt string) string {
	return strings.NewReplacer("{key}", d.keyType, "{real}", d.realType).Replace(stmt)
}

// openSQLite opens a SQLite file with two pools: one connection for writing (SQLite
// has one writer at a time; BEGIN IMMEDIATE takes the write lock up front so that
// concurrent writers queue instead of failing) and a few for reading, which WAL mode
// lets run beside the writer.
func openSQLite(ctx context.Context, path string, o options) (Store, error) {
	// A plain name (not a file: URI) reaches SQLite as it is, once the driver has
	// taken off the query; so the path itself must not have one.
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("store: sqlite %q: a path with '?' is not supported", path)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
		}
	}
	// synchronous=NORMAL in WAL mode survives a crash of the process (committed
	// transactions stay); only a power loss can drop the last few.
	// mmap and a larger page cache: a series or a page of events reads rows all over
	// the file, and without them every page is a read system call.
	pragmas := url.Values{"_pragma": {
		"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)",
		"mmap_size(1073741824)", "cache_size(-16384)",
	}}
	name := path + "?"
	writeDSN := name + pragmas.Encode() + "&_txlock=immediate"
	pragmas["_pragma"] = append(pragmas["_pragma"], "query_only(1)")
	readDSN := name + pragmas.Encode()

	w, err := sql.Open("sqlite", writeDSN)
	if err != nil {
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", readDSN)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	s := &sqlStore{d: sqliteDialect, w: w, r: r, coderVersion: o.coderVersion}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	if err := s.refreshStats(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: sqlite %s: %w", path, err)
	}
	return s, nil
}

// openPostgres opens a PostgreSQL database through pgx's database/sql driver. Options
// in the URL (sslmode, search_path, …) are passed to pgx as they are.
func openPostgres(ctx context.Context, dsn string, o options) (Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: postgres %s: %w", redact(dsn), err)
	}
	s := &sqlStore{d: postgresDialect, w: db, r: db, coderVersion: o.coderVersion}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: postgres %s: %w", redact(dsn), err)
	}
	return s, nil
}

// redact hides a password in a database URL for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// refreshStats runs ANALYZE on SQLite when the events table has grown or shrunk by
// half since the last one. Without statistics (or with stale ones) the planner answers
// a filter on a common actor by fetching every matching row and sorting, instead of
// walking the date index, which is a hundred times slower; with them (SQLite's STAT4
// samples) it picks per value. A full ANALYZE takes seconds on a large database, so
// it runs only when the counts moved: once after a big ingest.
func (s *sqlStore) refreshStats(ctx context.Context) error {
	var n int64
	if err := s.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	if n < 1000 {
		return nil // small enough for any plan
	}
	var stat string
	err := s.w.QueryRowContext(ctx, `SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' AND idx = 'events_article'`).Scan(&stat)
	if err != nil && !errors.Is(err, sql.ErrNoRows) && !strings.Contains(err.Error(), "no such table") {
		return fmt.Errorf("statistics: %w", err)
	}
	var analysed int64
	fmt.Sscan(stat, &analysed) // "rows rows-per-article"; 0 when never analysed
	if analysed > 0 && n < 2*analysed && 2*n > analysed {
		return nil
	}
	if _, err := s.w.ExecContext(ctx, `PRAGMA analysis_limit = 0`); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("statistics: %w", err)
	}
	return nil
}
