package storetest

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// Dump returns every stored row of an event database except the coding time, in a
// fixed order: two databases with the same dump hold the same articles and events.
func Dump(tb testing.TB, db *sql.DB) string {
	tb.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, url, title, publisher, published, language, text, extra, content_hash, coder_version FROM articles ORDER BY id`,
		`SELECT * FROM events ORDER BY id`,
		`SELECT * FROM mentions ORDER BY event_id, ord`,
		`SELECT * FROM links ORDER BY event_id, ord`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			tb.Fatal(err)
		}
		cols, err := rows.Columns()
		if err != nil {
			tb.Fatal(err)
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					vals[i] = string(bs)
				}
			}
			fmt.Fprintln(&b, vals...)
		}
		if err := rows.Err(); err != nil {
			tb.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}
