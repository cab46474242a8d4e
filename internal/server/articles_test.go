package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

const testToken = "s3cret-token"

func TestPostArticleIsOffWithoutToken(t *testing.T) {
	s := testStore(t)
	h := newTestServer(t, s, Options{})
	rec := do(h, "POST", "/api/articles", strings.NewReader(`{"text":"Russia expelled two Colombian diplomats."}`),
		map[string]string{"Content-Type": "application/json", "Authorization": "Bearer anything"})
	if rec.Code != http.StatusForbidden {
		t.Fatalf("status %d, want 403: %s", rec.Code, rec.Body)
	}
	if e := decode[apiError](t, rec.Body.String()); !strings.Contains(e.Error, "--token") {
		t.Errorf("error %q does not say how to turn writing on", e.Error)
	}
}

// TestPostArticleCodesAndStores posts the expulsion story and finds its events in the
// store; the script tag in the text is stored as text and escaped on the page.
func TestPostArticleCodesAndStores(t *testing.T) {
	s := testStore(t)
	h := newTestServer(t, s, Options{Token: testToken, Pipeline: testPipeline(t)})
	body := `{"id":"posted-1","title":"Expulsions","publisher":"Wire","published":"2020-12-24T10:00:00Z",
		"text":"<script>alert(1)</script> Russia expelled two Colombian diplomats on Wednesday after Colombia had expelled two Russian officials for spying, Reuters reported."}`
	rec := do(h, "POST", "/api/articles", strings.NewReader(body),
		map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + testToken})
	if rec.Code != http.StatusCreated {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	got := decode[storedArticle](t, rec.Body.String())
	if got.ArticleID != "posted-1" || len(got.Events) == 0 {
		t.Fatalf("stored %s with %d events", got.ArticleID, len(got.Events))
	}
	var expel string
	for _, ev := range got.Events {
		if ev.Source != nil && ev.Source.Country == "RUS" && ev.Target != nil && ev.Target.Country == "COL" && ev.CAMEO == "161" {
			expel = ev.ID
		}
	}
	if expel == "" {
		t.Fatalf("no RUS→COL 161 among %+v", got.Events)
	}
	a, err := s.Article(context.Background(), "posted-1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "<script>alert(1)</script>") || a.Published != "2020-12-24" {
		t.Errorf("stored text %.40q published %q", a.Text, a.Published)
	}
	page := do(h, "GET", "/events/"+expel, nil, nil)
	if page.Code != 200 {
		t.Fatalf("event page: status %d", page.Code)
	}
	html := page.Body.String()
	if strings.Contains(html, "<script>alert(1)") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the script tag is not escaped on the event page")
	}
	// JSON output escapes it too, so that a client rendering it carelessly is safe.
	api := do(h, "GET", "/api/events/"+expel, nil, nil)
	if strings.Contains(api.Body.String(), "<script>") {
		t.Errorf("API output carries a raw <script>")
	}
	// Posting it again replaces, not duplicates.
	before, _ := s.Stats(context.Background())
	rec = do(h, "POST", "/api/articles", strings.NewReader(body),
		map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + testToken})
	after, _ := s.Stats(context.Background())
	if rec.Code != http.StatusCreated || before != after {
		t.Errorf("second post: status %d, stats %+v then %+v", rec.Code, before, after)
	}
}

// TestPostArticleRefusesBadRequests: each bad request gets its status and a JSON
// error, and the store is unchanged.
func TestPostArticleRefusesBadRequests(t *testing.T) {
	s := testStore(t)
	h := newTestServer(t, s, Options{Token: testToken, Pipeline: testPipeline(t), MaxBody: 4096})
	json := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + testToken}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range json {
			m[a] = b
		}
		if v == "" {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	good := `{"text":"Russia expelled two Colombian diplomats."}`
	tests := []struct {
		name    string
		body    string
		header  map[string]string
		status  int
		mention string
	}{
		{"no token", good, with("Authorization", ""), 401, "token"},
		{"wrong token", good, with("Authorization", "Bearer s3cret-tokeN"), 401, "token"},
		{"token as basic auth", good, with("Authorization", "Basic czNjcmV0LXRva2Vu"), 401, "token"},
		{"not JSON content type", good, with("Content-Type", "text/plain"), 415, "application/json"},
		{"form post", "text=hello", with("Content-Type", "application/x-www-form-urlencoded"), 415, "application/json"},
		{"bad JSON", `{"text": "Russia`, json, 400, "JSON"},
		{"not an object", `["Russia"]`, json, 400, "JSON"},
		{"two values", good + good, json, 400, "more than one"},
		{"unknown field", `{"text":"Russia expelled them.","body":"x"}`, json, 400, "body"},
		{"missing text", `{"title":"No text"}`, json, 400, "text"},
		{"blank text", `{"text":"   "}`, json, 400, "text"},
		{"bad date", `{"text":"Russia expelled them.","published":"last Tuesday"}`, json, 400, "published"},
		{"NUL byte", `{"text":"Russia\u0000expelled them."}`, json, 400, "text"},
		{"oversized body", `{"text":"` + strings.Repeat("Russia expelled diplomats. ", 400) + `"}`, json, 413, "larger"},
	}
	before, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, "POST", "/api/articles", strings.NewReader(tt.body), tt.header)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			e := decode[apiError](t, rec.Body.String())
			if !strings.Contains(e.Error, tt.mention) {
				t.Errorf("error %q does not mention %q", e.Error, tt.mention)
			}
		})
	}
	after, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("the store changed: %+v, then %+v", before, after)
	}
}
