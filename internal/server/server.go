// Package server is dyad's HTTP face: a JSON API over the event store (events with
// filters and cursor paging, one event with its article and evidence spans, dyadic
// time series, reciprocity, counts, an OpenAPI description, and, when a token is
// configured, coding and storing posted articles) and a server-rendered web UI (an
// event browser, an article view with the evidence highlighted, a dyad page with a
// conflict–cooperation chart and the reciprocity table, a map of event places).
//
// Handlers are grouped per resource in their own files (events_handlers.go,
// analysis_handlers.go, articles_handlers.go, ui_handlers.go). The UI is plain HTML
// from embedded html/template files with an embedded style sheet; charts and the map
// are inline SVG drawn on the server. There is no JavaScript.
//
// Every value from a request reaches the store as a Filter field, which the store
// passes to SQL as a parameter. Article text is untrusted: html/template escapes it,
// and the one piece of HTML built here (the highlighted article) escapes every piece
// of text it joins.
//
// The package does not listen or own timeouts (cmd/dyad's serve command sets up the
// http.Server), and does not code articles itself (it calls the pipeline).
package server

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"dyad/internal/pipeline"
	"dyad/internal/store"
)

// DefaultMaxBody bounds the body of POST /api/articles when Options.MaxBody is 0.
const DefaultMaxBody = 1 << 20

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPI []byte

// Options configure the server.
type Options struct {
	// Token enables POST /api/articles, which then needs "Authorization: Bearer
	// <Token>". Empty: writing is off.
	Token string
	// Pipeline codes posted articles; needed when Token is set.
	Pipeline *pipeline.Pipeline
	// MaxBody bounds a posted article's request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Logger receives request errors and recovered panics; nil means slog.Default().
	Logger *slog.Logger
}

// server holds what the handlers share.
type server struct {
	store store.Store
	opt   Options
	log   *slog.Logger
	pages *pages
	// coding holds a slot per article being coded: posts beyond one per CPU wait, so
	// that a burst of posts cannot starve the readers.
	coding chan struct{}
}

// New returns the handler serving the API and the UI from s.
func New(s store.Store, opt Options) http.Handler {
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	srv := &server{store: s, opt: opt, log: opt.Logger, pages: mustParsePages(),
		coding: make(chan struct{}, runtime.GOMAXPROCS(0))}
	mux := http.NewServeMux()

	mux.HandleFunc("GET /api/events", srv.listEvents)
	mux.HandleFunc("GET /api/events/{id}", srv.getEvent)
	mux.HandleFunc("GET /api/series", srv.getSeries)
	mux.HandleFunc("GET /api/reciprocity", srv.getReciprocity)
	mux.HandleFunc("GET /api/stats", srv.getStats)
	mux.HandleFunc("GET /api/openapi.json", srv.getOpenAPI)
	mux.HandleFunc("POST /api/articles", srv.postArticle)
	mux.HandleFunc("/api/", apiNotFound)

	mux.HandleFunc("GET /{$}", srv.browsePage)
	mux.HandleFunc("GET /events/{id}", srv.eventPage)
	mux.HandleFunc("GET /dyads/{a}/{b}", srv.dyadPage)
	mux.HandleFunc("GET /map", srv.mapPage)
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))

	return srv.logRequests(srv.recoverPanics(secureHeaders(mux)))
}

// statusRecorder remembers the status a handler wrote, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// logRequests logs every request at debug level (dyad serve --verbose shows them).
func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.log.Enabled(r.Context(), slog.LevelDebug) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	})
}

// apiMethods is the method each API path takes, for telling a wrong method (405)
// from a wrong path (404).
var apiMethods = map[string]string{
	"/api/events": "GET", "/api/series": "GET", "/api/reciprocity": "GET", "/api/stats": "GET",
	"/api/openapi.json": "GET", "/api/articles": "POST",
}

// apiNotFound answers API requests no handler took, in JSON.
func apiNotFound(w http.ResponseWriter, r *http.Request) {
	method, ok := apiMethods[r.URL.Path]
	if !ok && strings.HasPrefix(r.URL.Path, "/api/events/") && !strings.Contains(r.URL.Path[len("/api/events/"):], "/") {
		method, ok = "GET", true
	}
	if ok {
		w.Header().Set("Allow", method)
		writeError(w, http.StatusMethodNotAllowed, "%s %s: use %s", r.Method, r.URL.Path, method)
		return
	}
	writeError(w, http.StatusNotFound, "no such API endpoint: %s %s (GET /api/openapi.json lists them)", r.Method, r.URL.Path)
}

// secureHeaders sets the headers every response carries. HTML pages load nothing but
// their own style sheet; there are no scripts at all.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic in a handler into a logged 500 instead of a dropped
// connection.
func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// apiError is the body of every API error response.
type apiError struct {
	Error string `json:"error"`
	// Parameters names the query parameters at fault, when there are some.
	Parameters []string `json:"parameters,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // a JSON body viewed as HTML by a careless client stays inert
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, apiError{Error: fmt.Sprintf(format, args...)})
}

// writeParamError answers 400 naming the parameters at fault.
func writeParamError(w http.ResponseWriter, err error) {
	var pe *paramError
	if errors.As(err, &pe) {
		writeJSON(w, http.StatusBadRequest, apiError{Error: pe.Error(), Parameters: pe.Params})
		return
	}
	writeError(w, http.StatusBadRequest, "%v", err)
}

// storeError answers an error from the store or the analysis: 400 for a bad filter
// value, 404 for an unknown id, 500 (logged, not shown) for anything else.
func (s *server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrBadFilter):
		writeError(w, http.StatusBadRequest, "%v", err)
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case r.Context().Err() != nil:
		// The client went away; nobody reads the answer.
	default:
		s.log.Error("store error", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

func (s *server) getOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPI)
}
