package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"dyad/internal/article"
	"dyad/internal/event"
)

// postedArticle is the body of POST /api/articles.
type postedArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	Language  string `json:"language"`
}

// storedArticle is the answer to POST /api/articles.
type storedArticle struct {
	ArticleID string        `json:"article_id"`
	Events    []event.Event `json:"events"`
}

// authorized checks the bearer token in constant time.
func (s *server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opt.Token)) == 1
}

func (s *server) postArticle(w http.ResponseWriter, r *http.Request) {
	if s.opt.Token == "" {
		writeError(w, http.StatusForbidden, "writing is off: start dyad serve with --token (or DYAD_TOKEN) to accept POST /api/articles")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong token: send Authorization: Bearer <token>")
		return
	}
	if s.opt.Pipeline == nil {
		writeError(w, http.StatusServiceUnavailable, "no coding pipeline is loaded")
		return
	}
	if err := checkParams(r.URL.Query()); err != nil {
		writeParamError(w, err)
		return
	}
	// Only JSON: an HTML form on another site cannot send it without a preflight.
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "send the article as Content-Type: application/json")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	var in postedArticle
	if err := dec.Decode(&in); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "body is larger than %d bytes", s.opt.MaxBody)
			return
		}
		writeError(w, http.StatusBadRequest, "body is not a JSON article: %v", err)
		return
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "body is larger than %d bytes", s.opt.MaxBody)
			return
		}
		writeError(w, http.StatusBadRequest, "body holds more than one JSON value")
		return
	}
	a, err := in.article()
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	evs, ok := s.code(r.Context(), a)
	if !ok {
		return // the client gave up waiting
	}
	if err := s.store.PutArticle(r.Context(), a, evs); err != nil {
		s.storeError(w, r, err)
		return
	}
	if evs == nil {
		evs = []event.Event{}
	}
	s.log.Info("article stored", "id", a.ID, "events", len(evs))
	writeJSON(w, http.StatusCreated, storedArticle{ArticleID: a.ID, Events: evs})
}

// code codes a with the pipeline once a coding slot is free; false when ctx ends
// first.
func (s *server) code(ctx context.Context, a article.Article) ([]event.Event, bool) {
	select {
	case s.coding <- struct{}{}:
	case <-ctx.Done():
		return nil, false
	}
	defer func() { <-s.coding }() // also when the pipeline panics
	return s.opt.Pipeline.Code(a), true
}

// article checks a posted article and turns it into the pipeline's input.
func (p postedArticle) article() (article.Article, error) {
	for _, f := range []struct{ name, v string }{
		{"id", p.ID}, {"title", p.Title}, {"text", p.Text}, {"url", p.URL},
		{"publisher", p.Publisher}, {"published", p.Published}, {"language", p.Language},
	} {
		if strings.ContainsRune(f.v, 0) || !utf8.ValidString(f.v) {
			return article.Article{}, errors.New(f.name + ": not valid text (NUL byte or bad UTF-8)")
		}
		if f.name != "text" && len(f.v) > 2000 {
			return article.Article{}, errors.New(f.name + ": longer than 2000 bytes")
		}
	}
	if strings.TrimSpace(p.Text) == "" {
		return article.Article{}, errors.New("text: missing or empty")
	}
	published := ""
	if p.Published != "" {
		var ok bool
		if published, ok = article.NormalizeDate(p.Published); !ok {
			return article.Article{}, errors.New("published: " + quote(p.Published) + " is not a date (YYYY-MM-DD or an RFC 3339 timestamp)")
		}
	}
	lang := p.Language
	if lang == "" {
		lang = "en"
	}
	return article.Article{
		ID: article.StableID(p.ID, p.URL, p.Text), Title: p.Title, Text: p.Text, URL: p.URL,
		Publisher: p.Publisher, Published: published, Language: lang, Origin: "api",
	}, nil
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
