package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"hitori"
	"hitori/sqlstore"
	"hitori/web"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "hitori serve [--addr HOST:PORT] [--data DIR] [--db URL] [flags]", stdout)
	var d dataFlags
	d.register(fs)
	var cfg web.Config
	fs.StringVar(&cfg.Addr, "addr", env("HITORI_ADDR", "127.0.0.1:8080"), "listen address [HITORI_ADDR]")
	fs.StringVar(&cfg.BaseURL, "base-url", env("HITORI_BASE_URL", ""), "public URL, e.g. https://hitori.example.co.jp [HITORI_BASE_URL]")
	fs.StringVar(&cfg.TLSCert, "tls-cert", env("HITORI_TLS_CERT", ""), "TLS certificate file (PEM) [HITORI_TLS_CERT]")
	fs.StringVar(&cfg.TLSKey, "tls-key", env("HITORI_TLS_KEY", ""), "TLS private key file (PEM) [HITORI_TLS_KEY]")
	logFormat := fs.String("log-format", env("HITORI_LOG_FORMAT", "text"), "log format: text or json [HITORI_LOG_FORMAT]")
	logLevel := fs.String("log-level", env("HITORI_LOG_LEVEL", "info"), "log level: debug, info, warn, error [HITORI_LOG_LEVEL]")
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if (cfg.TLSCert == "") != (cfg.TLSKey == "") {
		return fmt.Errorf("--tls-cert and --tls-key must be given together")
	}
	log, err := newLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	cfg.DataDir, cfg.Database = d.data, db.Dialect
	srv, err := web.New(cfg, db, log)
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx, func(addr string) {
		scheme := "http"
		if cfg.TLSCert != "" {
			scheme = "https"
		}
		log.Info("hitori is serving", "url", scheme+"://"+addr+"/", "database", db.Dialect, "dsn", sqlstore.Redact(d.dsn()), "version", hitori.Version)
	})
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format must be text or json, not %q", format)
}
