package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Series sums per day in SQL (the same GROUP BY on both back ends) and rolls the days
// up into weeks or months in Go, which keeps date functions out of the SQL.
func (s *sqlStore) Series(ctx context.Context, q SeriesQuery) ([]Point, error) {
	var grains []any
	switch q.Interval {
	case Day, Week, "":
		grains = []any{"day"}
	case Month:
		grains = []any{"day", "month"}
	default:
		return nil, fmt.Errorf("store: series: %w: interval %q is not day, week or month", ErrBadFilter, q.Interval)
	}
	bucket := bucketFunc(q.Interval)
	w, err := filterWhere(q.Filter, s.d.like)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	w.add("event_date <> ''")
	w.add("date_grain IN (?"+strings.Repeat(", ?", len(grains)-1)+")", grains...)
	query := `SELECT event_date, quad_class, COUNT(*), SUM(goldstein), COUNT(goldstein), SUM(plover_intensity), COUNT(plover_intensity)
		FROM events ` + w.sql() + ` GROUP BY event_date, quad_class ORDER BY event_date`
	rows, err := s.r.QueryContext(ctx, s.d.rebind(query), w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	defer rows.Close()
	var points []Point
	for rows.Next() {
		var day string
		var quad, n, gN, iN int
		var gSum, iSum sql.NullFloat64
		if err := rows.Scan(&day, &quad, &n, &gSum, &gN, &iSum, &iN); err != nil {
			return nil, fmt.Errorf("store: series: %w", err)
		}
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			return nil, fmt.Errorf("store: series: stored date %q: %w", day, err)
		}
		start := bucket(t).Format("2006-01-02")
		if len(points) == 0 || points[len(points)-1].Start != start {
			points = append(points, Point{Start: start})
		}
		p := &points[len(points)-1]
		p.Events += n
		switch quad {
		case 1:
			p.VerbalCoop += n
		case 2:
			p.MaterialCoop += n
		case 3:
			p.VerbalConflict += n
		case 4:
			p.MaterialConflict += n
		}
		p.GoldsteinSum += gSum.Float64
		p.goldsteinN += gN
		p.IntensitySum += iSum.Float64
		p.intensityN += iN
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	for i := range points {
		p := &points[i]
		if p.goldsteinN > 0 {
			m := p.GoldsteinSum / float64(p.goldsteinN)
			p.GoldsteinMean = &m
		}
		if p.intensityN > 0 {
			m := p.IntensitySum / float64(p.intensityN)
			p.IntensityMean = &m
		}
	}
	return fillSeries(points, q, bucket)
}

// bucketFunc returns the function mapping a day to the first day of its bucket.
func bucketFunc(iv Interval) func(time.Time) time.Time {
	switch iv {
	case Week:
		return func(t time.Time) time.Time {
			// Monday is the first day of the week.
			return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
		}
	case Month:
		return func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
	default:
		return func(t time.Time) time.Time { return t }
	}
}

// fillSeries inserts empty buckets so that the series runs without gaps from From (or
// the first point) to To (or the last point), unless that makes more than maxPoints.
func fillSeries(points []Point, q SeriesQuery, bucket func(time.Time) time.Time) ([]Point, error) {
	var first, last time.Time
	if len(points) > 0 {
		first, _ = time.Parse("2006-01-02", points[0].Start)
		last, _ = time.Parse("2006-01-02", points[len(points)-1].Start)
	}
	if q.Filter.From != "" {
		d, _, _ := dateBounds(q.Filter.From) // already checked by filterWhere
		first, _ = time.Parse("2006-01-02", d)
	}
	if q.Filter.To != "" {
		_, next, _ := dateBounds(q.Filter.To)
		end, _ := time.Parse("2006-01-02", next)
		last = end.AddDate(0, 0, -1)
	}
	if first.IsZero() || last.Before(first) {
		return points, nil
	}
	step := func(t time.Time) time.Time {
		switch q.Interval {
		case Week:
			return t.AddDate(0, 0, 7)
		case Month:
			return t.AddDate(0, 1, 0)
		default:
			return t.AddDate(0, 0, 1)
		}
	}
	var out []Point
	i := 0
	for t := bucket(first); !t.After(last); t = step(t) {
		if len(out) == maxPoints {
			if q.Filter.From != "" && q.Filter.To != "" {
				return nil, fmt.Errorf("store: series: %w: more than %d buckets; use a coarser interval or a shorter date range", ErrBadFilter, maxPoints)
			}
			// The data's own dates span too far (a stray year 1 or 2050): give the
			// buckets that have events rather than fail.
			return points, nil
		}
		start := t.Format("2006-01-02")
		for i < len(points) && points[i].Start < start {
			i++ // only possible for points outside [From, To], which the filter excludes
		}
		if i < len(points) && points[i].Start == start {
			out = append(out, points[i])
			i++
			continue
		}
		out = append(out, Point{Start: start})
	}
	return out, nil
}

func (s *sqlStore) TopActors(ctx context.Context, q TopQuery) ([]ActorCount, error) {
	limit, err := topLimit(q.Limit)
	if err != nil {
		return nil, fmt.Errorf("store: top actors: %w", err)
	}
	w, err := filterWhere(q.Filter, s.d.like)
	if err != nil {
		return nil, fmt.Errorf("store: top actors: %w", err)
	}
	col, name := "_code", "_name"
	if q.ByCountry {
		col, name = "_country", "_country"
	}
	side := func(role string) string {
		cond := w.sql()
		if cond == "" {
			cond = "WHERE "
		} else {
			cond += " AND "
		}
		return fmt.Sprintf("SELECT %[1]s%[2]s AS actor, %[1]s%[3]s AS name FROM events %[4]s%[1]s%[2]s <> ''", role, col, name, cond)
	}
	var inner string
	var args []any
	switch q.Role {
	case AsSource:
		inner, args = side("source"), w.args
	case AsTarget:
		inner, args = side("target"), w.args
	case AsEither, "":
		inner = side("source") + " UNION ALL " + side("target")
		args = append(append([]any{}, w.args...), w.args...)
	default:
		return nil, fmt.Errorf("store: top actors: %w: role %q is not source, target or either", ErrBadFilter, q.Role)
	}
	query := `SELECT actor, MAX(name), COUNT(*) FROM (` + inner + `) a GROUP BY actor ORDER BY COUNT(*) DESC, actor LIMIT ?`
	rows, err := s.r.QueryContext(ctx, s.d.rebind(query), append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: top actors: %w", err)
	}
	defer rows.Close()
	var out []ActorCount
	for rows.Next() {
		var c ActorCount
		if err := rows.Scan(&c.Actor, &c.Name, &c.Events); err != nil {
			return nil, fmt.Errorf("store: top actors: %w", err)
		}
		if q.ByCountry {
			c.Name = ""
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: top actors: %w", err)
	}
	return out, nil
}

func (s *sqlStore) TopDyads(ctx context.Context, q TopQuery) ([]DyadCount, error) {
	limit, err := topLimit(q.Limit)
	if err != nil {
		return nil, fmt.Errorf("store: top dyads: %w", err)
	}
	w, err := filterWhere(q.Filter, s.d.like)
	if err != nil {
		return nil, fmt.Errorf("store: top dyads: %w", err)
	}
	src, tgt := "source_code", "target_code"
	if q.ByCountry {
		src, tgt = "source_country", "target_country"
	}
	w.add(src + " <> ''")
	w.add(tgt + " <> ''")
	query := fmt.Sprintf(`SELECT %s, %s, COUNT(*), AVG(goldstein) FROM events %s GROUP BY %[1]s, %[2]s
		ORDER BY COUNT(*) DESC, %[1]s, %[2]s LIMIT ?`, src, tgt, w.sql())
	rows, err := s.r.QueryContext(ctx, s.d.rebind(query), append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: top dyads: %w", err)
	}
	defer rows.Close()
	var out []DyadCount
	for rows.Next() {
		var c DyadCount
		var mean sql.NullFloat64
		if err := rows.Scan(&c.Source, &c.Target, &c.Events, &mean); err != nil {
			return nil, fmt.Errorf("store: top dyads: %w", err)
		}
		if mean.Valid {
			c.GoldsteinMean = &mean.Float64
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: top dyads: %w", err)
	}
	return out, nil
}

func topLimit(n int) (int, error) {
	switch {
	case n == 0:
		return 10, nil
	case n < 0 || n > MaxLimit:
		return 0, fmt.Errorf("%w: limit %d is not 1-%d", ErrBadFilter, n, MaxLimit)
	}
	return n, nil
}
