package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"dyad/internal/article"
	"dyad/internal/event"
	"dyad/internal/store"
)

func TestServeAnswersAndShutsDown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	text := "Russia expelled two Colombian diplomats."
	err = s.PutArticle(context.Background(), article.Article{ID: "a1", Text: text, Published: "2020-12-24"}, []event.Event{{
		ID: "e1", Trigger: event.Span{Text: "expelled", Start: 7, End: 15}, CAMEO: "161", QuadClass: 4,
		Source:   &event.Actor{Text: "Russia", Start: 0, End: 6, Code: "RUS", Country: "RUS"},
		Modality: event.Modality{Mood: event.MoodAsserted}, Evidence: text,
	}})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	cfg := serveConfig{DB: db, Addr: "127.0.0.1:0", MaxBody: 1 << 20, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	go func() { done <- serve(ctx, cfg, func(addr string) { addrc <- addr }) }()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("serve ended before listening: %v", err)
	}
	resp, err := http.Get("http://" + addr + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Events []event.Event `json:"events"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(page.Events) != 1 || page.Events[0].ID != "e1" {
		t.Fatalf("GET /api/events: status %d, err %v, events %+v", resp.StatusCode, err, page.Events)
	}
	// Writing is off without a token.
	resp, err = http.Post("http://"+addr+"/api/articles", "application/json", strings.NewReader(`{"text":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without a token: status %d, want 403", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel: %v", err)
	}
}

func TestServeRefusesBadConfig(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		cfg  serveConfig
		want string
	}{
		{"no database", serveConfig{DB: filepath.Join(dir, "missing.db"), Addr: "127.0.0.1:0", MaxBody: 1}, "no database"},
		{"short token", serveConfig{DB: filepath.Join(dir, "x.db"), Addr: "127.0.0.1:0", MaxBody: 1, Token: "abc"}, "--token"},
		{"bad max body", serveConfig{DB: filepath.Join(dir, "x.db"), Addr: "127.0.0.1:0", MaxBody: 0}, "--max-body"},
		{"bad address", serveConfig{DB: filepath.Join(dir, "x.db"), Addr: "256.0.0.1:http", MaxBody: 1, Token: "long-enough-token"}, "--addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
			err := serve(context.Background(), tt.cfg, func(string) { t.Error("listening despite a bad configuration") })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
