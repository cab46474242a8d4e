package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzAPIQuery: no query string makes an API endpoint fail with a 5xx or answer
// anything but JSON.
func FuzzAPIQuery(f *testing.F) {
	h := newTestServer(f, testStore(f), Options{})
	for _, q := range []string{
		"source=RUS&target=COL", "from=2020-13&to=x", "limit=99999999999999999999", "cursor=%00%ff",
		"q=%27%20OR%201%3D1%20--", "min_confidence=1e309", "quad=-0", "either=%E2%80%AE", "a=RUS&b=COL&within=0",
	} {
		f.Add("/api/events", q)
		f.Add("/api/series", q+"&both=1")
		f.Add("/api/reciprocity", q)
	}
	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		switch path {
		case "/api/events", "/api/series", "/api/reciprocity", "/api/stats":
		default:
			path = "/api/events"
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path, req.URL.RawQuery = path, rawQuery
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 || (rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest) {
			t.Fatalf("%s?%s: status %d: %s", path, rawQuery, rec.Code, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Fatalf("%s?%s: Content-Type %q", path, rawQuery, ct)
		}
	})
}
