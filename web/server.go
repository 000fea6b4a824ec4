// Package web serves hitori's pages and JSON API: routes, middleware,
// handlers, templates and static assets, all embedded in the binary.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"time"

	"hitori"
	"hitori/app"
	"hitori/asset"
	"hitori/binder"
	"hitori/duty"
	"hitori/intake"
	"hitori/kb"
	"hitori/memo"
	"hitori/monitor"
	"hitori/report"
	"hitori/standin"
	"hitori/status"
	"hitori/vault"
	"hitori/work"
)

// Config holds what the web layer needs to know about its deployment.
type Config struct {
	Addr     string
	BaseURL  string // public URL, e.g. https://hitori.example.co.jp
	TLSCert  string
	TLSKey   string
	DataDir  string
	Database string // "sqlite" or "postgres", shown on /healthz
	// Mailer sends requesters their notifications; nil: no mail (notices
	// are skipped, and the e-mail sign-in link is off).
	Mailer *intake.Mailer
	// Changes reports edits made by any process sharing the database, so
	// the search index, synonyms and settings follow them; nil: none.
	Changes hitori.ChangeFeed
	// JobStats is the engine's counters; nil: none on /metrics.
	JobStats JobStats
}

// secureCookies reports whether cookies must carry the Secure attribute.
func (c Config) secureCookies() bool {
	if c.TLSCert != "" {
		return true
	}
	u, err := url.Parse(c.BaseURL)
	return err == nil && u.Scheme == "https"
}

// Server is the HTTP application.
type Server struct {
	cfg      Config
	stores   hitori.Stores
	log      *slog.Logger
	now      func() time.Time
	tmpl     *templates
	locales  map[string]*locale
	metrics  *metrics
	throttle *throttle
	started  time.Time
	handler  http.Handler
	nav      []navItem // menu entries of the areas whose routes exist
	jobs     hitori.JobQueue
	kb       *kb.Service
	work     *work.Service
	asset    *asset.Service
	vault    *vault.Service
	duty     *duty.Service
	// incidents, maintenance and deflector feed the status page, the
	// portal banner and the "we know" reply.
	incidents   hitori.IncidentReader
	maintenance hitori.MaintenanceReader
	deflector   *status.Deflector
	standin     *standin.Service
	alerts      *monitor.Alerts // nil in servers built without it (some tests)
	// binderSources gathers the handover binder (app.Services.BinderSources).
	binderSources func(vault.Actor) binder.Sources

	workBoards *memo.Cache[workBoardKey, *workBoardBody] // the board's content, written once per board and second (newWorkBoardCache)
	report     *report.Service

	synMu   sync.Mutex
	synText string // the synonym list this process last applied

	// agentDecoding bounds how many agent reports are decompressed and
	// parsed at once (inventory_agent.go).
	agentDecoding chan struct{}
}

// New builds a server on services built once by app.Build; catalogues and
// the layout are parsed here so a broken one fails at start (pages on first
// use: see templates).
func New(cfg Config, svc *app.Services, log *slog.Logger) (*Server, error) {
	s := &Server{cfg: cfg, stores: svc.Stores, log: log, now: time.Now, metrics: newMetrics(), started: time.Now(),
		work: svc.Work, kb: svc.KB, asset: svc.Asset, jobs: svc.Stores.Jobs, vault: svc.Vault, standin: svc.Standin, binderSources: svc.BinderSources, report: svc.Report}
	s.duty = svc.Duty
	s.deflector = svc.Status
	s.workBoards = newWorkBoardCache(func() time.Time { return s.now() })
	s.agentDecoding = make(chan struct{}, runtime.GOMAXPROCS(0))
	if svc.Stores.Incidents != nil {
		s.incidents, s.maintenance = svc.Stores.Incidents, svc.Stores.Incidents
	}
	s.alerts = svc.Incidents
	s.throttle = newThrottle(20, 15*time.Minute, s.now)
	if svc.Engine != nil {
		if cfg.Mailer != nil && cfg.Mailer.Sender != nil {
			svc.Engine.Register(jobLoginLink, s.loginLinkJob)
		}
		if s.cfg.JobStats == nil {
			s.cfg.JobStats = svc.Engine
		}
	}
	if svc.Engine != nil && svc.Report != nil {
		if err := s.registerReportJobs(svc.Engine); err != nil {
			return nil, err
		}
	}
	var err error
	if s.locales, err = loadLocales(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	if text, err := s.stores.Settings.GetSetting(context.Background(), synonymsKey); err == nil {
		if err := s.applySynonyms(text); err != nil {
			return nil, fmt.Errorf("web: stored synonym list: %w", err)
		}
	}
	s.handler = s.buildHandler()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// ListenAndServe serves until ctx is cancelled, then drains requests for up to 10 s.
func (s *Server) ListenAndServe(ctx context.Context, ready func(addr string)) error {
	srv := &http.Server{Addr: s.cfg.Addr, Handler: s, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second, WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second,
		MaxHeaderBytes: 64 << 10, ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	ln, err := listen(s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("web: listen on %s: %w", s.cfg.Addr, err)
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	// Other processes sharing the database may edit articles and settings.
	s.followChanges(ctx)
	errc := make(chan error, 1)
	go func() {
		if s.cfg.TLSCert != "" {
			errc <- srv.ServeTLS(ln, s.cfg.TLSCert, s.cfg.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: draining requests")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
