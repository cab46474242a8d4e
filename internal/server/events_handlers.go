package server

import (
	"net/http"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/store"
)

// eventsPage is the body of GET /api/events.
type eventsPage struct {
	Events []event.Event `json:"events"`
	// Next is the cursor of the next page; "" after the last page.
	Next string `json:"next"`
}

func (s *server) listEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams, []string{"limit", "cursor", "desc"}); err != nil {
		writeParamError(w, err)
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		writeParamError(w, err)
		return
	}
	if f.Limit, err = intParam(q, "limit", defaultLimit, 1, maxLimit); err != nil {
		writeParamError(w, err)
		return
	}
	if f.Desc, err = boolParam(q, "desc"); err != nil {
		writeParamError(w, err)
		return
	}
	f.After = store.Cursor(q.Get("cursor"))
	evs, next, err := s.store.Events(r.Context(), f)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if evs == nil {
		evs = []event.Event{}
	}
	writeJSON(w, http.StatusOK, eventsPage{Events: evs, Next: string(next)})
}

// eventDetail is the body of GET /api/events/{id}.
type eventDetail struct {
	Event   event.Event     `json:"event"`
	Article article.Article `json:"article"`
	// Spans are the evidence in the article text, as byte offsets into Article.Text.
	Spans []span `json:"spans"`
}

func (s *server) getEvent(w http.ResponseWriter, r *http.Request) {
	if err := checkParams(r.URL.Query()); err != nil {
		writeParamError(w, err)
		return
	}
	id := r.PathValue("id")
	if len(id) > maxValueLen {
		writeError(w, http.StatusNotFound, "no event %.40q…", id)
		return
	}
	ev, a, err := s.store.Event(r.Context(), id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, eventDetail{Event: ev, Article: a, Spans: evidenceSpans(ev, a.Text)})
}
