package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	netmail "net/mail"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"hitori"
	"hitori/app"
	"hitori/changes"
	"hitori/intake"
	"hitori/jobs"
	"hitori/mail"
	"hitori/monitor"
	"hitori/sqlstore"
	"hitori/web"
	"hitori/work"
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
	var mf mailFlags
	mf.register(fs)
	monWorkers := fs.Int("monitor-workers", envInt("HITORI_MONITOR_WORKERS", 256), "concurrent monitor checks in this process; 0: run no monitors here [HITORI_MONITOR_WORKERS]")
	monKeep := fs.Duration("monitor-keep", envDuration("HITORI_MONITOR_KEEP", monitor.DefaultKeep), "how long raw monitor results are kept before only hourly and daily roll-ups remain (at least 26h) [HITORI_MONITOR_KEEP]")
	if err := parse(fs, args, 0); err != nil {
		return helpOK(err)
	}
	mf.secrets()
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
	// Start-up phases, at debug level: where the cold start goes (bench/system measures it).
	phase, phases := time.Now(), []any{}
	lap := func(name string) {
		phases = append(phases, name, time.Since(phase).Round(10*time.Microsecond).String())
		phase = time.Now()
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	lap("open database and migrations")
	cfg.DataDir, cfg.Database = d.data, db.Dialect
	warnOpenSetup(ctx, log, cfg.Addr, db.Users().CountUsers)
	if cfg.Mailer, err = mf.mailer(db, cfg.BaseURL, log); err != nil {
		return err
	}
	// One watcher per process tells the web's in-memory copies (search
	// index, synonyms, settings) about edits made by any process.
	hub := changes.New(sqlstore.NewChanges(db, log), log)
	cfg.Changes = hub
	// One job engine per process runs all background work; processes
	// sharing a database share its queue.
	engine := jobs.New(db.Jobs(), jobs.Config{Logger: log.With("component", "jobs")})
	lap("setup check, mailer, watcher, job engine")
	svc, err := app.Build(ctx, db.Stores(), app.Options{Mailer: cfg.Mailer, Engine: engine, Log: log,
		LoadIndexInBackground: true, VaultKeys: db.Sealer, MonitorKeep: *monKeep, BaseURL: cfg.BaseURL})
	if err != nil {
		return err
	}
	lap("services (the search index loads in the background)")
	srv, err := web.New(cfg, svc, log)
	if err != nil {
		return err
	}
	lap("web (templates, catalogues)")
	log.Debug("startup", phases...)
	poller, err := mf.poller(db, svc.Work, d.data, log)
	if err != nil {
		return err
	}
	if poller != nil {
		// Mail about a known outage is linked to its incident and answered.
		poller.Pipeline.AfterCreated(func(ctx context.Context, itemID int64) {
			if err := svc.Status.OnCreated(ctx, itemID); err != nil {
				log.Warn("status: deflect mail", "item", itemID, "err", err)
			}
		})
		if err := schedulePolls(ctx, engine, poller); err != nil {
			return err
		}
		log.Info("mail: polling IMAP", "addr", mf.imapAddr, "user", mf.imapUser, "mailbox", mf.imapMailbox,
			"processed", mf.imapProcessed, "interval", poller.Interval)
	}
	var wg sync.WaitGroup
	defer wg.Wait() // jobs finish or go back to the queue before the database closes
	wg.Go(func() { hub.Run(ctx) })
	wg.Go(func() {
		if err := engine.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("jobs: engine stopped", "err", err)
		}
	})
	if *monWorkers > 0 {
		// Monitors run beside the job engine (docs/monitors.md): processes
		// sharing a database split them by shard leases.
		mons := db.Monitors()
		sched := &monitor.Scheduler{Store: mons, Holder: engine.Owner(), Workers: *monWorkers,
			Checkers: &monitor.Checkers{Beats: mons.LastBeat}, Log: log.With("component", "monitors")}
		wg.Go(func() {
			if err := sched.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				log.Error("monitors: scheduler stopped", "err", err)
			}
		})
	}
	defer stop() // on a listen error, stop the poller too
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

// mailFlags configure outgoing (SMTP) and incoming (IMAP) mail for serve.
// Secrets come preferably from the environment, so they stay out of the
// process list; none of them is ever logged.
type mailFlags struct {
	from, tag, templates, signature         string
	smtpAddr, smtpTLS, smtpUser, smtpPass   string
	imapAddr, imapTLS, imapUser, imapPass   string
	imapMailbox, imapProcessed              string
	imapInterval                            time.Duration
	oauthTokenURL, oauthClientID            string
	oauthClientSecret, oauthRefresh, scopes string
	oauthSMTPScopes                         string
}

func (m *mailFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&m.from, "mail-from", env("HITORI_MAIL_FROM", ""), "the helpdesk's address, e.g. \"ITヘルプデスク <helpdesk@example.co.jp>\" [HITORI_MAIL_FROM]")
	fs.StringVar(&m.tag, "mail-tag", env("HITORI_MAIL_TAG", "HD"), "ticket tag prefix in subjects, as in [HD-1029] [HITORI_MAIL_TAG]")
	fs.StringVar(&m.templates, "mail-templates", env("HITORI_MAIL_TEMPLATES", ""), "folder of edited mail templates, LANG/KIND.tmpl [HITORI_MAIL_TEMPLATES]")
	fs.StringVar(&m.signature, "mail-signature", env("HITORI_MAIL_SIGNATURE", ""), "signature under every mail [HITORI_MAIL_SIGNATURE]")
	fs.StringVar(&m.smtpAddr, "smtp-addr", env("HITORI_SMTP_ADDR", ""), "SMTP server host:port; empty: no mail is sent [HITORI_SMTP_ADDR]")
	fs.StringVar(&m.smtpTLS, "smtp-tls", env("HITORI_SMTP_TLS", "starttls"), "SMTP protection: starttls, tls or none [HITORI_SMTP_TLS]")
	fs.StringVar(&m.smtpUser, "smtp-user", env("HITORI_SMTP_USER", ""), "SMTP login; empty: none (a trusted relay) [HITORI_SMTP_USER]")
	fs.StringVar(&m.smtpPass, "smtp-password", "", "SMTP password (prefer the environment) [HITORI_SMTP_PASSWORD]")
	fs.StringVar(&m.imapAddr, "imap-addr", env("HITORI_IMAP_ADDR", ""), "IMAP server host:port; empty: no mailbox is polled [HITORI_IMAP_ADDR]")
	fs.StringVar(&m.imapTLS, "imap-tls", env("HITORI_IMAP_TLS", "tls"), "IMAP protection: tls, starttls or none [HITORI_IMAP_TLS]")
	fs.StringVar(&m.imapUser, "imap-user", env("HITORI_IMAP_USER", ""), "IMAP login [HITORI_IMAP_USER]")
	fs.StringVar(&m.imapPass, "imap-password", "", "IMAP password (prefer the environment) [HITORI_IMAP_PASSWORD]")
	fs.StringVar(&m.imapMailbox, "imap-mailbox", env("HITORI_IMAP_MAILBOX", "INBOX"), "folder to read [HITORI_IMAP_MAILBOX]")
	fs.StringVar(&m.imapProcessed, "imap-processed", env("HITORI_IMAP_PROCESSED", ""), "folder to move processed mail to; empty: flag it \\Seen [HITORI_IMAP_PROCESSED]")
	fs.DurationVar(&m.imapInterval, "imap-interval", envDuration("HITORI_IMAP_INTERVAL", time.Minute), "time between polls [HITORI_IMAP_INTERVAL]")
	fs.StringVar(&m.oauthTokenURL, "oauth-token-url", env("HITORI_OAUTH_TOKEN_URL", ""), "XOAUTH2 instead of passwords: the token endpoint, e.g. https://login.microsoftonline.com/TENANT/oauth2/v2.0/token [HITORI_OAUTH_TOKEN_URL]; the refresh token and client secret come from HITORI_OAUTH_REFRESH_TOKEN and HITORI_OAUTH_CLIENT_SECRET only")
	fs.StringVar(&m.oauthClientID, "oauth-client-id", env("HITORI_OAUTH_CLIENT_ID", ""), "XOAUTH2 client (application) id [HITORI_OAUTH_CLIENT_ID]")
	fs.StringVar(&m.scopes, "oauth-imap-scopes", env("HITORI_OAUTH_IMAP_SCOPES", ""), "XOAUTH2 scopes for IMAP, space-separated (Microsoft 365: https://outlook.office365.com/IMAP.AccessAsUser.All offline_access; Google: https://mail.google.com/) [HITORI_OAUTH_IMAP_SCOPES]")
	fs.StringVar(&m.oauthSMTPScopes, "oauth-smtp-scopes", env("HITORI_OAUTH_SMTP_SCOPES", ""), "XOAUTH2 scopes for SMTP, space-separated (Microsoft 365: https://outlook.office365.com/SMTP.Send offline_access) [HITORI_OAUTH_SMTP_SCOPES]")
	// The client secret and the refresh token are read from the environment only.
}

// secrets reads what must not be given on the command line unless the
// operator insists.
func (m *mailFlags) secrets() {
	if m.smtpPass == "" {
		m.smtpPass = os.Getenv("HITORI_SMTP_PASSWORD")
	}
	if m.imapPass == "" {
		m.imapPass = os.Getenv("HITORI_IMAP_PASSWORD")
	}
	m.oauthClientSecret = os.Getenv("HITORI_OAUTH_CLIENT_SECRET")
	m.oauthRefresh = os.Getenv("HITORI_OAUTH_REFRESH_TOKEN")
}

// token returns an XOAUTH2 token source for scopes, or nil when OAuth2 is
// not configured. IMAP and SMTP get separate sources: Microsoft issues a
// token per resource.
func (m *mailFlags) token(scopes string, log *slog.Logger) (mail.TokenSource, error) {
	if m.oauthTokenURL == "" {
		return nil, nil
	}
	if m.oauthClientID == "" || m.oauthRefresh == "" {
		return nil, fmt.Errorf("--oauth-token-url needs --oauth-client-id and HITORI_OAUTH_REFRESH_TOKEN")
	}
	return &mail.RefreshToken{TokenURL: m.oauthTokenURL, ClientID: m.oauthClientID, ClientSecret: m.oauthClientSecret,
		Refresh: m.oauthRefresh, Scopes: strings.Fields(scopes),
		OnRotate: func(string) {
			log.Debug("mail oauth2: the server issued a new refresh token; it is kept in memory for this process")
		}}, nil
}

// fromAddress parses --mail-from.
func (m *mailFlags) fromAddress() (mail.Address, error) {
	a, err := netmail.ParseAddress(m.from)
	if err != nil {
		return mail.Address{}, fmt.Errorf("--mail-from %q: %w", m.from, err)
	}
	return mail.Address{Name: a.Name, Email: a.Address}, nil
}

// mailer builds the SMTP side, or returns nil when --smtp-addr is empty.
func (m *mailFlags) mailer(db *sqlstore.DB, baseURL string, log *slog.Logger) (*intake.Mailer, error) {
	if m.smtpAddr == "" {
		log.Debug("mail: no --smtp-addr; notifications are off")
		return nil, nil
	}
	if m.from == "" {
		return nil, fmt.Errorf("--smtp-addr needs --mail-from")
	}
	from, err := m.fromAddress()
	if err != nil {
		return nil, err
	}
	mode, err := mail.ParseTLSMode(m.smtpTLS)
	if err != nil {
		return nil, fmt.Errorf("--smtp-tls: %w", err)
	}
	tok, err := m.token(m.oauthSMTPScopes, log)
	if err != nil {
		return nil, err
	}
	if tok != nil && m.smtpUser == "" {
		return nil, fmt.Errorf("XOAUTH2 for SMTP needs --smtp-user")
	}
	tmpl, err := intake.LoadTemplates(m.templates)
	if err != nil {
		return nil, err
	}
	s := &mail.Sender{Addr: m.smtpAddr, TLS: mode, Username: m.smtpUser, Password: m.smtpPass, Token: tok}
	if tok != nil {
		s.Password = ""
	}
	if baseURL == "" {
		log.Warn("mail: no --base-url, so mails carry no links and sign-in by e-mail is off")
	}
	log.Info("mail: sending through SMTP", "addr", m.smtpAddr, "tls", string(mode), "user", m.smtpUser, "from", from.Email)
	return &intake.Mailer{Sender: s, Outbox: db.MailLog(), Templates: tmpl, From: from, BaseURL: baseURL, Signature: m.signature}, nil
}

// poller builds the IMAP side, or returns nil when --imap-addr is empty.
func (m *mailFlags) poller(db *sqlstore.DB, wk *work.Service, dataDir string, log *slog.Logger) (*intake.Poller, error) {
	if m.imapAddr == "" {
		log.Debug("mail: no --imap-addr; no mailbox is polled")
		return nil, nil
	}
	mode, err := mail.ParseTLSMode(m.imapTLS)
	if err != nil {
		return nil, fmt.Errorf("--imap-tls: %w", err)
	}
	if m.imapUser == "" {
		return nil, fmt.Errorf("--imap-addr needs --imap-user")
	}
	tok, err := m.token(m.scopes, log)
	if err != nil {
		return nil, err
	}
	if tok == nil && m.imapPass == "" {
		return nil, fmt.Errorf("--imap-addr needs HITORI_IMAP_PASSWORD (or --oauth-token-url)")
	}
	var own []string
	if m.from != "" {
		from, err := m.fromAddress()
		if err != nil {
			return nil, err
		}
		own = []string{from.Email}
	}
	p := intake.New(intakeStore(db), intake.Options{DataDir: dataDir, TagPrefix: m.tag, OwnAddresses: own, XLoop: first(own), Work: wk})
	cfg := mail.IMAPConfig{Addr: m.imapAddr, TLS: mode, Username: m.imapUser, Password: m.imapPass, Token: tok, Mailbox: m.imapMailbox}
	if tok != nil {
		cfg.Password = ""
	}
	return &intake.Poller{Pipeline: p, Leases: db.MailLog(), IMAP: cfg, ProcessedMailbox: m.imapProcessed,
		Interval: m.imapInterval, Logger: log.With("component", "imap")}, nil
}

// schedulePolls runs the mailbox poll every --imap-interval and the sweep
// of orphaned files daily, on the job engine: whichever process sharing
// the database is free takes the next poll.
func schedulePolls(ctx context.Context, engine *jobs.Engine, p *intake.Poller) error {
	engine.Register(intake.JobPoll, p.PollJob)
	engine.Register(intake.JobSweep, p.SweepJob)
	every := max(p.Interval.Round(time.Second), time.Second)
	mailbox := strings.ToLower(p.IMAP.Username + "@" + p.IMAP.Addr + "/" + cmpDefault(p.IMAP.Mailbox, "INBOX"))
	for _, sc := range []hitori.Schedule{
		{Name: intake.JobPoll + ":" + mailbox, Kind: intake.JobPoll, Spec: "every " + every.String()},
		{Name: intake.JobSweep, Kind: intake.JobSweep, Spec: "daily 03:30"},
	} {
		if err := engine.Declare(ctx, sc); err != nil {
			return fmt.Errorf("mail: schedule %s: %w", sc.Name, err)
		}
	}
	return nil
}

func cmpDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func envDuration(name string, def time.Duration) time.Duration {
	if v := os.Getenv(name); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}

func envInt(name string, def int) int {
	if v := os.Getenv(name); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}
