package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// migrations are the schema's numbered steps. Step i (1-based) brings the schema from
// version i-1 to i. Never edit a released step: add a new one. {key} and {real} are
// replaced by the dialect's column types.
//
// Actors are columns on events (source_*, target_*) rather than a table of their own:
// an event has at most one source and one target, the filters and the dyad queries
// read both on every row, and columns make those single-table index lookups instead
// of joins. The full actor (and everything else) is also kept in events.record.
var migrations = [][]string{
	1: {
		`CREATE TABLE articles (
			id            {key} PRIMARY KEY,
			url           TEXT NOT NULL DEFAULT '',
			title         TEXT NOT NULL DEFAULT '',
			publisher     TEXT NOT NULL DEFAULT '',
			published     {key} NOT NULL DEFAULT '',
			language      TEXT NOT NULL DEFAULT '',
			text          TEXT NOT NULL DEFAULT '',
			extra         TEXT NOT NULL DEFAULT '',
			content_hash  TEXT NOT NULL,
			coder_version TEXT NOT NULL DEFAULT '',
			coded_at      TEXT NOT NULL
		)`,
		`CREATE TABLE events (
			id                 {key} PRIMARY KEY,
			article_id         {key} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
			sentence           INTEGER NOT NULL,
			trigger_text       TEXT NOT NULL DEFAULT '',
			trigger_start      INTEGER NOT NULL,
			trigger_end        INTEGER NOT NULL,
			source_text        TEXT NOT NULL DEFAULT '',
			source_start       INTEGER,
			source_end         INTEGER,
			source_name        TEXT NOT NULL DEFAULT '',
			source_code        {key} NOT NULL DEFAULT '',
			source_country     {key} NOT NULL DEFAULT '',
			source_sectors     TEXT NOT NULL DEFAULT '',
			source_lexicon_id  TEXT NOT NULL DEFAULT '',
			target_text        TEXT NOT NULL DEFAULT '',
			target_start       INTEGER,
			target_end         INTEGER,
			target_name        TEXT NOT NULL DEFAULT '',
			target_code        {key} NOT NULL DEFAULT '',
			target_country     {key} NOT NULL DEFAULT '',
			target_sectors     TEXT NOT NULL DEFAULT '',
			target_lexicon_id  TEXT NOT NULL DEFAULT '',
			cameo              {key} NOT NULL DEFAULT '',
			quad_class         INTEGER NOT NULL DEFAULT 0,
			goldstein          {real},
			plover_event       {key} NOT NULL DEFAULT '',
			plover_mode        TEXT NOT NULL DEFAULT '',
			plover_context     TEXT NOT NULL DEFAULT '',
			plover_intensity   {real},
			date_value         TEXT NOT NULL DEFAULT '',
			date_precision     TEXT NOT NULL DEFAULT '',
			date_text          TEXT NOT NULL DEFAULT '',
			event_date         {key} NOT NULL DEFAULT '',
			date_grain         TEXT NOT NULL DEFAULT '',
			location_name      TEXT NOT NULL DEFAULT '',
			location_country   {key} NOT NULL DEFAULT '',
			location_lat       {real},
			location_lon       {real},
			location_geonameid INTEGER,
			location_precision TEXT NOT NULL DEFAULT '',
			negated            INTEGER NOT NULL DEFAULT 0,
			tense              TEXT NOT NULL DEFAULT '',
			mood               {key} NOT NULL DEFAULT '',
			attribution_text   TEXT NOT NULL DEFAULT '',
			attribution_start  INTEGER,
			attribution_end    INTEGER,
			confidence         {real} NOT NULL DEFAULT 0,
			rule               TEXT NOT NULL DEFAULT '',
			evidence           TEXT NOT NULL DEFAULT '',
			record             TEXT NOT NULL
		)`,
		`CREATE TABLE mentions (
			event_id   {key} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
			ord        INTEGER NOT NULL,
			sentence   INTEGER NOT NULL,
			start_byte INTEGER NOT NULL,
			end_byte   INTEGER NOT NULL,
			PRIMARY KEY (event_id, ord)
		)`,
		`CREATE TABLE links (
			event_id       {key} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
			ord            INTEGER NOT NULL,
			type           TEXT NOT NULL,
			other_event_id {key} NOT NULL,
			text           TEXT NOT NULL DEFAULT '',
			PRIMARY KEY (event_id, ord)
		)`,
		`CREATE INDEX events_article ON events (article_id)`,
		`CREATE INDEX events_date ON events (event_date, id)`,
		`CREATE INDEX events_source_code ON events (source_code, event_date)`,
		`CREATE INDEX events_target_code ON events (target_code, event_date)`,
		`CREATE INDEX events_source_country ON events (source_country, event_date)`,
		`CREATE INDEX events_target_country ON events (target_country, event_date)`,
		`CREATE INDEX events_cameo ON events (cameo)`,
		`CREATE INDEX events_plover ON events (plover_event)`,
		`CREATE INDEX events_location_country ON events (location_country)`,
		`CREATE INDEX links_other ON links (other_event_id)`,
	},
	2: {
		// Covers the series and dyad queries: for a common actor (three quarters
		// of AllSides' events involve USA) they read this narrow index instead
		// of the wide event rows with their JSON records.
		`CREATE INDEX events_series ON events (event_date, quad_class, date_grain, goldstein, plover_intensity,
			source_code, source_country, target_code, target_country)`,
	},
}

// schemaVersion is the version a migrated database has.
var schemaVersion = len(migrations) - 1

// migrate brings the schema up to date in one transaction: either every pending step
// is applied or none. Opening an up-to-date database changes nothing.
func (s *sqlStore) migrate(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if s.d.name == "postgres" {
		// Serialise concurrent openers of the same schema; the lock ends with the
		// transaction.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('dyad_migrate:' || current_schema()))`); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	err = tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&current)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	case err != nil:
		return fmt.Errorf("migrate: read version: %w", err)
	}
	if current > schemaVersion {
		return fmt.Errorf("migrate: database schema version %d is newer than this dyad's %d", current, schemaVersion)
	}
	for v := current + 1; v <= schemaVersion; v++ {
		for i, stmt := range migrations[v] {
			if _, err := tx.ExecContext(ctx, s.d.ddl(stmt)); err != nil {
				return fmt.Errorf("migrate: step %d, statement %d: %w", v, i+1, err)
			}
		}
	}
	if current != schemaVersion {
		if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE schema_version SET version = ?`), schemaVersion); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	return tx.Commit()
}
