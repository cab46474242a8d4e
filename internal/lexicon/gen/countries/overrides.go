package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// override is one entry of overrides.txt. The file uses the lexicon format (a header
// line KIND ID [name], indented "key value" fields, " | " lists) with three keys of its
// own that never reach the output: `drop` (phrases the facts get wrong), `noregion`
// (region codes the default mapping gives but that do not apply), `independent`, and
// `admin1` (the forms in which the country's GeoNames first-level divisions become
// cities, "*" standing for the name: "* | * State") with `skip` (division names to leave
// out).
type override struct {
	kind, id, name string
	line           int
	fields         []overrideField
}

type overrideField struct {
	key, value string
	line       int
}

func (o *override) values(key string) []string {
	var out []string
	for _, f := range o.fields {
		if f.key == key {
			out = append(out, splitList(f.value)...)
		}
	}
	return out
}

func (o *override) value(key string) string {
	for _, f := range o.fields {
		if f.key == key {
			return f.value
		}
	}
	return ""
}

// overrideKeys are the fields an override entry may have, by kind.
var overrideKeys = map[string]map[string]bool{
	"country": set("names", "adj", "capital", "cities", "seats", "region", "noregion", "iso3", "note", "drop", "independent", "admin1", "skip"),
	"group":   set("names", "code", "country", "sectors", "plover", "role", "note"),
	"region":  set("names", "adj", "note"),
	"drop":    set("names"),
}

func set(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// parseOverrides reads overrides.txt, reporting the first malformed line with its place.
func parseOverrides(name string, r io.Reader) ([]*override, error) {
	var (
		out []*override
		cur *override
	)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := stripComment(sc.Text())
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Fields(line)
		if line[0] != ' ' && line[0] != '\t' {
			if len(fields) < 2 {
				return nil, fmt.Errorf("%s:%d: entry header needs a kind and an id", name, n)
			}
			if overrideKeys[fields[0]] == nil {
				return nil, fmt.Errorf("%s:%d: unknown kind %q", name, n, fields[0])
			}
			rest := strings.TrimSpace(strings.TrimSpace(line)[len(fields[0]):])
			rest = strings.TrimSpace(rest[len(fields[1]):])
			cur = &override{kind: fields[0], id: fields[1], name: rest, line: n}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("%s:%d: field outside any entry", name, n)
		}
		if !overrideKeys[cur.kind][fields[0]] {
			return nil, fmt.Errorf("%s:%d: field %q not allowed in a %s entry", name, n, fields[0], cur.kind)
		}
		value := strings.TrimSpace(strings.TrimSpace(line)[len(fields[0]):])
		cur.fields = append(cur.fields, overrideField{key: fields[0], value: value, line: n})
	}
	return out, sc.Err()
}

// stripComment removes a "#" comment that starts a line or follows white space, as the
// lexicon loader does.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
