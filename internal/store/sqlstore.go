package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"dyad/internal/article"
	"dyad/internal/event"
)

// sqlStore is the Store on SQLite and on PostgreSQL; d says which.
type sqlStore struct {
	d dialect
	w *sql.DB // writes (one connection on SQLite)
	r *sql.DB // reads (the same pool as w on PostgreSQL)

	coderVersion string

	// beforeCommit, when set by a test, runs inside the put transaction after each
	// article's rows are written; an error aborts the transaction as a crash would.
	beforeCommit func(articleID string) error
}

func (s *sqlStore) Close() error {
	if s.d.name == "sqlite" {
		// After an ingest, so that the next reader finds fresh statistics; a
		// failure here costs only speed.
		s.refreshStats(context.Background())
	}
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// eventColumns are the columns of events in the order eventValues gives them.
var eventColumns = []string{
	"id", "article_id", "sentence", "trigger_text", "trigger_start", "trigger_end",
	"source_text", "source_start", "source_end", "source_name", "source_code", "source_country", "source_sectors", "source_lexicon_id",
	"target_text", "target_start", "target_end", "target_name", "target_code", "target_country", "target_sectors", "target_lexicon_id",
	"cameo", "quad_class", "goldstein", "plover_event", "plover_mode", "plover_context", "plover_intensity",
	"date_value", "date_precision", "date_text", "event_date", "date_grain",
	"location_name", "location_country", "location_lat", "location_lon", "location_geonameid", "location_precision",
	"negated", "tense", "mood", "attribution_text", "attribution_start", "attribution_end",
	"confidence", "rule", "evidence", "record",
}

// eventValues flattens ev into the values of eventColumns. published is the article's
// publication date, the event date of last resort.
func eventValues(ev *event.Event, published string, record []byte) []any {
	actor := func(a *event.Actor) []any {
		if a == nil {
			return []any{"", nil, nil, "", "", "", "", ""}
		}
		return []any{a.Text, a.Start, a.End, a.Name, a.Code, a.Country, strings.Join(a.Sectors, " "), a.ID}
	}
	var dateValue, datePrecision, dateText, key, grain string
	if ev.Date != nil {
		dateValue, datePrecision, dateText = ev.Date.Value, ev.Date.Precision, ev.Date.Text
		key, grain = dateKey(ev.Date.Value)
	}
	if key == "" {
		if p, ok := article.NormalizeDate(ev.Published); ok {
			published = p
		}
		key, grain = dateKey(published)
	}
	var plEvent, plMode, plContext string
	var plIntensity *float64
	if p := ev.Plover; p != nil {
		plEvent, plMode, plContext, plIntensity = p.Event, p.Mode, strings.Join(p.Context, " "), p.Intensity
	}
	var locName, locCountry, locPrecision string
	var lat, lon *float64
	var geonameID *int
	if l := ev.Location; l != nil {
		locName, locCountry, locPrecision, lat, lon = l.Name, l.Country, l.Precision, l.Lat, l.Lon
		if l.GeonameID != 0 {
			geonameID = &l.GeonameID
		}
	}
	var attrText string
	var attrStart, attrEnd *int
	if a := ev.Attribution; a != nil {
		attrText, attrStart, attrEnd = a.Text, &a.Start, &a.End
	}
	v := []any{ev.ID, ev.ArticleID, ev.Sentence, ev.Trigger.Text, ev.Trigger.Start, ev.Trigger.End}
	v = append(v, actor(ev.Source)...)
	v = append(v, actor(ev.Target)...)
	v = append(v, ev.CAMEO, ev.QuadClass, ev.Goldstein, plEvent, plMode, plContext, plIntensity,
		dateValue, datePrecision, dateText, key, grain,
		locName, locCountry, lat, lon, geonameID, locPrecision,
		boolInt(ev.Modality.Negated), ev.Modality.Tense, ev.Modality.Mood, attrText, attrStart, attrEnd,
		ev.Confidence, ev.Rule, ev.Evidence, string(record))
	return v
}

var (
	mentionColumns = []string{"event_id", "ord", "sentence", "start_byte", "end_byte"}
	linkColumns    = []string{"event_id", "ord", "type", "other_event_id", "text"}
	upsertArticle  = `INSERT INTO articles (id, url, title, publisher, published, language, text, extra, content_hash, coder_version, coded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, publisher = excluded.publisher,
			published = excluded.published, language = excluded.language, text = excluded.text, extra = excluded.extra,
			content_hash = excluded.content_hash, coder_version = excluded.coder_version, coded_at = excluded.coded_at`
)

// prepared is an article checked and encoded for writing.
type prepared struct {
	a     article.Article
	extra []byte
	evs   []event.Event
	rows  [][]any // values of eventColumns, one row per event
}

// prepare checks c and encodes it, before any write lock is taken.
func prepare(c Coded) (prepared, error) {
	a := c.Article
	p := prepared{a: a}
	if a.ID == "" {
		return p, errors.New("empty article id")
	}
	if len(a.Extra) > 0 {
		var err error
		if p.extra, err = json.Marshal(a.Extra); err != nil {
			return p, fmt.Errorf("article %s: extra fields: %w", a.ID, err)
		}
	}
	for _, f := range []string{a.ID, a.Title, a.Text, a.URL, a.Publisher, a.Published, a.Language} {
		if err := storable(f); err != nil {
			return p, fmt.Errorf("article %s: %w", a.ID, err)
		}
	}
	published, _ := article.NormalizeDate(a.Published)
	p.evs = append([]event.Event(nil), c.Events...) // ArticleID is filled in below
	p.rows = make([][]any, len(p.evs))
	seen := make(map[string]bool, len(p.evs))
	for i := range p.evs {
		ev := &p.evs[i]
		switch {
		case ev.ID == "":
			return p, fmt.Errorf("article %s: event %d has no id", a.ID, i)
		case seen[ev.ID]:
			return p, fmt.Errorf("article %s: event id %s appears twice", a.ID, ev.ID)
		case ev.ArticleID == "":
			ev.ArticleID = a.ID
		case ev.ArticleID != a.ID:
			return p, fmt.Errorf("article %s: event %s belongs to article %s", a.ID, ev.ID, ev.ArticleID)
		}
		seen[ev.ID] = true
		record, err := json.Marshal(ev)
		if err != nil {
			return p, fmt.Errorf("article %s: event %s: %w", a.ID, ev.ID, err)
		}
		p.rows[i] = eventValues(ev, published, record)
		values := p.rows[i]
		for _, l := range ev.Links {
			values = append(values[:len(values):len(values)], l.Type, l.Event, l.Text)
		}
		for _, v := range values {
			if f, ok := v.(string); ok {
				if err := storable(f); err != nil {
					return p, fmt.Errorf("article %s: event %s: %w", a.ID, ev.ID, err)
				}
			}
		}
	}
	return p, nil
}

// storable refuses text that one back end would store and the other refuse:
// PostgreSQL takes neither invalid UTF-8 nor NUL bytes.
func storable(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("text %.40q is not valid UTF-8", s)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("text %.40q has a NUL byte", s)
	}
	return nil
}

func (s *sqlStore) PutArticle(ctx context.Context, a article.Article, evs []event.Event) error {
	return s.PutArticles(ctx, []Coded{{Article: a, Events: evs}})
}

func (s *sqlStore) PutArticles(ctx context.Context, batch []Coded) error {
	ps := make([]prepared, len(batch))
	seen := make(map[string]bool, len(batch))
	for i, c := range batch {
		var err error
		if ps[i], err = prepare(c); err != nil {
			return fmt.Errorf("store: put: %w", err)
		}
		if seen[c.Article.ID] {
			return fmt.Errorf("store: put: article %s appears twice in one batch", c.Article.ID)
		}
		seen[c.Article.ID] = true
	}
	if len(ps) == 0 {
		return nil
	}
	// One order for every writer, so that two batches sharing articles cannot
	// deadlock on PostgreSQL's row locks.
	sort.Slice(ps, func(i, j int) bool { return ps[i].a.ID < ps[j].a.ID })
	if err := s.put(ctx, ps); err != nil {
		if len(ps) == 1 {
			return fmt.Errorf("store: put article %s: %w", ps[0].a.ID, err)
		}
		return fmt.Errorf("store: put %d articles: %w", len(ps), err)
	}
	return nil
}

// put writes the articles in one transaction. Rows go in with multi-row INSERTs:
// one statement per table and chunk instead of one per row, which matters most on
// PostgreSQL, where each statement is a round trip.
func (s *sqlStore) put(ctx context.Context, ps []prepared) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit, a no-op

	codedAt := time.Now().UTC().Format(time.RFC3339)
	var events, mentions, links [][]any
	for _, p := range ps {
		a := p.a
		// The article row first: on PostgreSQL its row lock also serialises
		// concurrent puts of the same article.
		if _, err := tx.ExecContext(ctx, s.d.rebind(upsertArticle),
			a.ID, a.URL, a.Title, a.Publisher, a.Published, a.Language, a.Text, string(p.extra),
			ContentHash(a), s.coderVersion, codedAt); err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
		// Mentions and links go with their events (ON DELETE CASCADE).
		if _, err := tx.ExecContext(ctx, s.d.rebind(`DELETE FROM events WHERE article_id = ?`), a.ID); err != nil {
			return fmt.Errorf("article %s: old events: %w", a.ID, err)
		}
		events = append(events, p.rows...)
		for i := range p.evs {
			ev := &p.evs[i]
			for j, m := range ev.Mentions {
				mentions = append(mentions, []any{ev.ID, j, m.Sentence, m.Start, m.End})
			}
			for j, l := range ev.Links {
				links = append(links, []any{ev.ID, j, l.Type, l.Event, l.Text})
			}
		}
	}
	for _, t := range []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"events", eventColumns, events},
		{"mentions", mentionColumns, mentions},
		{"links", linkColumns, links},
	} {
		if err := s.insertRows(ctx, tx, t.table, t.columns, t.rows); err != nil {
			return err
		}
	}
	if s.beforeCommit != nil {
		for _, p := range ps {
			if err := s.beforeCommit(p.a.ID); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// maxParams keeps a statement under both back ends' limits on bound parameters
// (SQLite 32766, PostgreSQL 65535).
const maxParams = 30000

// insertRows inserts rows into table, as many per statement as maxParams allows.
func (s *sqlStore) insertRows(ctx context.Context, tx *sql.Tx, table string, columns []string, rows [][]any) error {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES "
	per := maxParams / len(columns)
	for len(rows) > 0 {
		n := min(per, len(rows))
		args := make([]any, 0, n*len(columns))
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		query := head + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
		if _, err := tx.ExecContext(ctx, s.d.rebind(query), args...); err != nil {
			return fmt.Errorf("insert %d %s: %w", n, table, err)
		}
		rows = rows[n:]
	}
	return nil
}

func (s *sqlStore) HasArticle(ctx context.Context, id, contentHash string) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, s.d.rebind(`SELECT COUNT(*) FROM articles WHERE id = ? AND content_hash = ? AND coder_version = ?`),
		id, contentHash, s.coderVersion).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: has article %s: %w", id, err)
	}
	return n > 0, nil
}

func (s *sqlStore) Article(ctx context.Context, id string) (article.Article, error) {
	var a article.Article
	var extra string
	err := s.r.QueryRowContext(ctx, s.d.rebind(`SELECT id, url, title, publisher, published, language, text, extra FROM articles WHERE id = ?`), id).
		Scan(&a.ID, &a.URL, &a.Title, &a.Publisher, &a.Published, &a.Language, &a.Text, &extra)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("store: article %s: %w", id, err)
	}
	if extra != "" {
		if err := json.Unmarshal([]byte(extra), &a.Extra); err != nil {
			return a, fmt.Errorf("store: article %s: extra fields: %w", id, err)
		}
	}
	return a, nil
}

func (s *sqlStore) Event(ctx context.Context, id string) (event.Event, article.Article, error) {
	var ev event.Event
	var record string
	err := s.r.QueryRowContext(ctx, s.d.rebind(`SELECT record FROM events WHERE id = ?`), id).Scan(&record)
	if errors.Is(err, sql.ErrNoRows) {
		return ev, article.Article{}, fmt.Errorf("store: event %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return ev, article.Article{}, fmt.Errorf("store: event %s: %w", id, err)
	}
	if err := json.Unmarshal([]byte(record), &ev); err != nil {
		return ev, article.Article{}, fmt.Errorf("store: event %s: record: %w", id, err)
	}
	a, err := s.Article(ctx, ev.ArticleID)
	return ev, a, err
}

func (s *sqlStore) Events(ctx context.Context, f Filter) ([]event.Event, Cursor, error) {
	switch {
	case f.Limit < 0 || f.Limit > MaxLimit:
		return nil, "", fmt.Errorf("store: events: %w: limit %d is not 1-%d", ErrBadFilter, f.Limit, MaxLimit)
	case f.Limit == 0:
		f.Limit = DefaultLimit
	}
	w, err := filterWhere(f, s.d.like)
	if err != nil {
		return nil, "", fmt.Errorf("store: events: %w", err)
	}
	order, cmp := "ASC", ">"
	if f.Desc {
		order, cmp = "DESC", "<"
	}
	if f.After != "" {
		date, id, err := decodeCursor(f.After, f.Desc)
		if err != nil {
			return nil, "", fmt.Errorf("store: events: %w", err)
		}
		w.add("(event_date, id) "+cmp+" (?, ?)", date, id)
	}
	q := fmt.Sprintf(`SELECT event_date, id, record FROM events %s ORDER BY event_date %s, id %s LIMIT ?`, w.sql(), order, order)
	rows, err := s.r.QueryContext(ctx, s.d.rebind(q), append(w.args, f.Limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var page []event.Event
	var next Cursor
	var lastDate, lastID string
	for rows.Next() {
		if len(page) == f.Limit {
			// One more row exists: there is a next page.
			next = encodeCursor(f.Desc, lastDate, lastID)
			break
		}
		var record string
		if err := rows.Scan(&lastDate, &lastID, &record); err != nil {
			return nil, "", fmt.Errorf("store: events: %w", err)
		}
		var ev event.Event
		if err := json.Unmarshal([]byte(record), &ev); err != nil {
			return nil, "", fmt.Errorf("store: events: record of %s: %w", lastID, err)
		}
		page = append(page, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("store: events: %w", err)
	}
	return page, next, nil
}

func (s *sqlStore) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Backend: s.d.name}
	counts := []struct {
		dst *int64
		sql string
	}{
		{&st.Articles, `SELECT COUNT(*) FROM articles`},
		{&st.Events, `SELECT COUNT(*) FROM events`},
		{&st.Mentions, `SELECT COUNT(*) FROM mentions`},
		{&st.Links, `SELECT COUNT(*) FROM links`},
		{&st.Actors, `SELECT COUNT(*) FROM (SELECT source_code FROM events WHERE source_code <> ''
			UNION SELECT target_code FROM events WHERE target_code <> '') a`},
	}
	for _, c := range counts {
		if err := s.r.QueryRowContext(ctx, c.sql).Scan(c.dst); err != nil {
			return st, fmt.Errorf("store: stats: %w", err)
		}
	}
	var first, last sql.NullString
	if err := s.r.QueryRowContext(ctx, `SELECT MIN(event_date), MAX(event_date) FROM events WHERE event_date <> ''`).Scan(&first, &last); err != nil {
		return st, fmt.Errorf("store: stats: %w", err)
	}
	st.FirstDate, st.LastDate = first.String, last.String
	if err := s.r.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&st.SchemaVersion); err != nil {
		return st, fmt.Errorf("store: stats: %w", err)
	}
	return st, nil
}
