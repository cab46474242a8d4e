package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"dyad/internal/event"
	"dyad/internal/ontology"
)

// pages holds one template set per page, each with the shared layout.
type pages struct {
	sets map[string]*template.Template
}

var pageNames = []string{"browse", "event", "dyad", "map", "error"}

var pageFuncs = template.FuncMap{
	"cameoName": func(code string) string {
		if c, ok := ontology.CAMEO(code); ok {
			return c.Name
		}
		return ""
	},
	"quadName": ontology.QuadClassName,
	"actor":    actorLabel,
	"eventDay": eventDay,
	"f2":       func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) },
	"f1ptr": func(x *float64) string {
		if x == nil {
			return "–"
		}
		return strconv.FormatFloat(*x, 'f', 1, 64)
	},
	"add": func(a, b any) float64 { return num(a) + num(b) },
	"sub": func(a, b any) float64 { return num(a) - num(b) },
	"div": func(a, b any) float64 { return num(a) / num(b) },
	// dict passes several values to a shared template: dict "Key" value ….
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"plover": func(p *event.Plover) string {
		if p == nil {
			return ""
		}
		return p.Event
	},
}

func mustParsePages() *pages {
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		t := template.Must(template.New(name).Funcs(pageFuncs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
		p.sets[name] = t
	}
	return p
}

// render writes a page; the template runs into a buffer first, so that a template
// error becomes a clean 500 rather than half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.sets[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("rendering page", "page", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// errorPage shows a message on an HTML page.
type errorPage struct {
	Title   string
	Message string
}

func (s *server) renderError(w http.ResponseWriter, r *http.Request, status int, format string, args ...any) {
	s.render(w, r, status, "error", errorPage{Title: http.StatusText(status), Message: fmt.Sprintf(format, args...)})
}

func actorLabel(a *event.Actor) string {
	switch {
	case a == nil:
		return "–"
	case a.Code != "":
		return a.Code
	case a.Country != "":
		return a.Country
	}
	return a.Text
}

// eventDay is the date the store files an event under: resolved, else published.
func eventDay(ev event.Event) string {
	if ev.Date != nil && ev.Date.Value != "" {
		return ev.Date.Value
	}
	if ev.Published != "" {
		return ev.Published
	}
	return "–"
}

// dyadCode is the code an actor's dyad page goes by: its country (so that the page
// gathers the whole state: RUS matches RUSGOV, RUSMIL…), else its code.
func dyadCode(a *event.Actor) string {
	if a == nil {
		return ""
	}
	if a.Country != "" {
		return a.Country
	}
	return a.Code
}

// num reads the numbers templates do arithmetic on (chart coordinates).
func num(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	return 0
}
