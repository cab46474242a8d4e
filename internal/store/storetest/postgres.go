// Package storetest gives tests a PostgreSQL database of their own: an empty schema
// on the test server, dropped when the test ends. It is for tests only.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// DefaultPostgres is the server tests use when DYAD_TEST_POSTGRES is not set.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgresSchemas returns a function that creates an empty schema on the test server
// (DYAD_TEST_POSTGRES, by default the local one) and gives the URL that uses it; the
// schema is dropped when the test that asked for it ends. It skips tb when no server
// answers.
func PostgresSchemas(tb testing.TB) func(testing.TB) string {
	tb.Helper()
	base := os.Getenv("DYAD_TEST_POSTGRES")
	if base == "" {
		base = DefaultPostgres
	}
	shown := "(unparsable URL)"
	if u, err := url.Parse(base); err == nil {
		shown = u.Redacted()
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("DYAD_TEST_POSTGRES=%s: %v", shown, err)
	}
	tb.Cleanup(func() { admin.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		tb.Skipf("skipped: no PostgreSQL reachable at %s (%v); set DYAD_TEST_POSTGRES to a server's URL to run these tests", shown, err)
	}
	return func(tb testing.TB) string {
		tb.Helper()
		schema := fmt.Sprintf("dyad_test_%d_%08x", os.Getpid(), rand.Uint32())
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			tb.Fatalf("create schema: %v", err)
		}
		tb.Cleanup(func() {
			if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
				tb.Errorf("drop schema %s: %v", schema, err)
			}
		})
		u, err := url.Parse(base)
		if err != nil {
			tb.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
}
