package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"dyad/internal/pipeline"
	"dyad/internal/server"
	"dyad/internal/store"
)

// Limits of the HTTP server: a slow or hostile client cannot hold a connection or
// send unbounded headers.
const (
	serveReadHeaderTimeout = 5 * time.Second
	serveReadTimeout       = 30 * time.Second
	serveWriteTimeout      = 60 * time.Second
	serveIdleTimeout       = 120 * time.Second
	serveMaxHeaderBytes    = 64 << 10
	serveShutdownTimeout   = 10 * time.Second
	minTokenLength         = 12
)

// serveConfig is what dyad serve needs, flags resolved.
type serveConfig struct {
	DB       string
	Addr     string
	Token    string
	MaxBody  int64
	NoSyntax bool
	Verbose  bool
	Logger   *slog.Logger
}

func init() {
	var cfg serveConfig
	cmd := &cobra.Command{
		Use:   "serve [--db URL] [--addr 127.0.0.1:8080] [--token TOKEN]",
		Short: "Serve the events over an HTTP JSON API and a web UI",
		Long: `Serve the stored events: a JSON API under /api/ (docs/api.md; the OpenAPI description
is at /api/openapi.json) and a web UI at / (an event browser, the article behind each
event with the evidence highlighted, dyad pages with a conflict–cooperation chart and
reciprocity, a map of event places; docs/ui.md).

It listens on 127.0.0.1:8080 unless told otherwise, logs to standard error, and stops
cleanly on SIGINT or SIGTERM. POST /api/articles (code an article and store it) is off
unless a token is given with --token or, better (it stays out of the process list),
the DYAD_TOKEN environment variable; clients then send "Authorization: Bearer TOKEN".
There is no TLS: put a reverse proxy in front before listening beyond this machine.

--db is a SQLite path (default ` + store.DefaultPath + `), sqlite:///path, or a postgres:// URL.`,
		Example: "  dyad serve\n  dyad serve --db events.db --addr 127.0.0.1:9000\n  DYAD_TOKEN=$(openssl rand -hex 16) dyad serve",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cfg.Token == "" {
				cfg.Token = os.Getenv("DYAD_TOKEN")
			}
			level := slog.LevelInfo
			if cfg.Verbose {
				level = slog.LevelDebug
			}
			cfg.Logger = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level}))
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serve(ctx, cfg, nil)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&cfg.DB, "db", "", "database: a SQLite path (default "+store.DefaultPath+"), sqlite:///path or postgres://…")
	fl.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	fl.StringVar(&cfg.Token, "token", "", "enable POST /api/articles with this bearer token (or set DYAD_TOKEN)")
	fl.Int64Var(&cfg.MaxBody, "max-body", server.DefaultMaxBody, "largest accepted POST body, in bytes")
	fl.BoolVar(&cfg.NoSyntax, "no-syntax", false, "code posted articles without the dependency parse (faster, less accurate)")
	fl.BoolVar(&cfg.Verbose, "verbose", false, "log every request")
	root.AddCommand(cmd)
}

// serve runs the server until ctx ends, then shuts it down gracefully. ready, if not
// nil, is told the address listened on (useful with port 0).
func serve(ctx context.Context, cfg serveConfig, ready func(addr string)) error {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if cfg.Token != "" && len(cfg.Token) < minTokenLength {
		return fmt.Errorf("--token: at least %d characters, please (openssl rand -hex 16 makes one)", minTokenLength)
	}
	if cfg.MaxBody <= 0 {
		return fmt.Errorf("--max-body %d: want a positive number of bytes", cfg.MaxBody)
	}
	var (
		s   store.Store
		err error
	)
	if cfg.Token == "" {
		s, err = openExisting(ctx, cfg.DB) // read only: no point in serving a new empty file
	} else {
		s, err = store.Open(ctx, cfg.DB)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	// Listen first: a bad or busy address is told before the pipeline loads.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w", cfg.Addr, err)
	}
	opt := server.Options{Token: cfg.Token, MaxBody: cfg.MaxBody, Logger: log}
	if cfg.Token != "" {
		log.Info("loading the coding pipeline for POST /api/articles")
		if opt.Pipeline, err = pipeline.New(pipeline.Options{NoSyntax: cfg.NoSyntax, MinConfidence: pipeline.DefaultMinConfidence}); err != nil {
			ln.Close()
			return err
		}
	}
	srv := &http.Server{
		Handler:           server.New(s, opt),
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    serveMaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	addr := ln.Addr().String()
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			log.Warn("listening beyond this machine without TLS", "addr", addr)
		}
	}
	log.Info("serving", "url", "http://"+addr+"/", "db", dbLabel(cfg.DB), "writing", cfg.Token != "")
	if ready != nil {
		ready(addr)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}

// dbLabel names the database for the log without a password a URL may carry.
func dbLabel(dbURL string) string {
	if path := sqlitePath(dbURL); path != "" {
		return path
	}
	return "postgres"
}
