package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"strings"
	"time"
)

// TLSMode says how a mail server connection is protected.
type TLSMode string

// TLS modes for IMAP and SMTP.
const (
	TLSImplicit TLSMode = "tls"      // TLS from the first byte: IMAPS 993, SMTPS 465
	TLSStartTLS TLSMode = "starttls" // STARTTLS before login, never falling back: IMAP 143, submission 587
	TLSNone     TLSMode = "none"     // no encryption: a relay on this machine only
)

// ParseTLSMode reads a setting; "" means TLSImplicit.
func ParseTLSMode(s string) (TLSMode, error) {
	switch m := TLSMode(strings.ToLower(strings.TrimSpace(s))); m {
	case "":
		return TLSImplicit, nil
	case TLSImplicit, TLSStartTLS, TLSNone:
		return m, nil
	}
	return "", fmt.Errorf("mail: TLS mode %q: use tls, starttls or none", s)
}

// Sender sends mail through an SMTP server (a submission port with
// authentication, or a local relay). The standard library's net/smtp
// speaks the protocol; Sender adds TLS modes, LOGIN and XOAUTH2 logins
// (Microsoft 365 offers no PLAIN), and a context.
type Sender struct {
	Addr      string      // host:port, e.g. smtp.office365.com:587
	TLS       TLSMode     // "" means TLSImplicit
	TLSConfig *tls.Config // nil: system roots, server name from Addr
	Username  string      // empty: no login (a relay that trusts this host)
	Password  string
	Token     TokenSource // XOAUTH2 access tokens instead of Password
	HelloName string      // EHLO name; empty: this host's name
	Timeout   time.Duration
}

// Send renders m and delivers it to its To and Cc recipients.
func (s *Sender) Send(ctx context.Context, m *OutgoingMessage) error {
	raw, err := m.Bytes()
	if err != nil {
		return err
	}
	return s.SendRaw(ctx, m.From.Email, m.Recipients(), raw)
}

// SendRaw delivers an already rendered message.
func (s *Sender) SendRaw(ctx context.Context, from string, to []string, raw []byte) error {
	mode := s.TLS
	if mode == "" {
		mode = TLSImplicit
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("mail: smtp address %q: %w", s.Addr, err)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	conn, err := dialMail(ctx, s.Addr, mode == TLSImplicit, tlsConfig(s.TLSConfig, host), timeout)
	if err != nil {
		return fmt.Errorf("mail: smtp connect %s: %w", s.Addr, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return fmt.Errorf("mail: smtp %s: %w", s.Addr, err)
	}
	defer c.Close()
	if err := c.Hello(s.helloName()); err != nil {
		return fmt.Errorf("mail: smtp hello: %w", err)
	}
	if mode == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("mail: smtp %s offers no STARTTLS; refusing to send in clear", s.Addr)
		}
		if err := c.StartTLS(tlsConfig(s.TLSConfig, host)); err != nil {
			return fmt.Errorf("mail: smtp starttls: %w", err)
		}
	}
	if s.Username != "" {
		auth, err := s.auth(ctx, c, host, mode != TLSNone)
		if err != nil {
			return err
		}
		if err := c.Auth(auth); err != nil {
			return fmt.Errorf("mail: smtp login as %s: %w", s.Username, err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("mail: smtp sender %s: %w", from, err)
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return fmt.Errorf("mail: smtp recipient %s: %w", rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail: smtp data: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("mail: smtp data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: smtp data: %w", err)
	}
	_ = c.Quit() // the message was accepted at the end of DATA; a failed QUIT loses nothing
	return nil
}

// auth picks the login the server offers: XOAUTH2 with a token source,
// else PLAIN, else LOGIN. Credentials never cross an unencrypted link
// except to this machine.
func (s *Sender) auth(ctx context.Context, c *smtp.Client, host string, encrypted bool) (smtp.Auth, error) {
	if !encrypted && !isLoopback(host) {
		return nil, fmt.Errorf("mail: smtp %s: refusing to send a password without TLS", s.Addr)
	}
	_, mechs := c.Extension("AUTH")
	offered := map[string]bool{}
	for _, m := range strings.Fields(strings.ToUpper(mechs)) {
		offered[m] = true
	}
	switch {
	case s.Token != nil:
		tok, err := s.Token.Token(ctx)
		if err != nil {
			return nil, err
		}
		return &saslAuth{mech: "XOAUTH2", first: xoauth2(s.Username, tok)}, nil
	case offered["PLAIN"]:
		return &saslAuth{mech: "PLAIN", first: []byte("\x00" + s.Username + "\x00" + s.Password)}, nil
	case offered["LOGIN"]:
		return &saslAuth{mech: "LOGIN", login: []string{s.Username, s.Password}}, nil
	}
	return nil, fmt.Errorf("mail: smtp %s offers no login we know (AUTH %s)", s.Addr, mechs)
}

func (s *Sender) helloName() string {
	if s.HelloName != "" {
		return s.HelloName
	}
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") {
		return h
	}
	return "localhost"
}

// saslAuth is an smtp.Auth for PLAIN, LOGIN and XOAUTH2. net/smtp's own
// PlainAuth is not used because it refuses a loopback address that is not
// spelt "localhost" or 127.0.0.1 on a different port; the TLS check is ours.
type saslAuth struct {
	mech  string
	first []byte   // initial response
	login []string // LOGIN: the answers to "Username:" and "Password:"
}

func (a *saslAuth) Start(*smtp.ServerInfo) (string, []byte, error) { return a.mech, a.first, nil }

func (a *saslAuth) Next(challenge []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch a.mech {
	case "LOGIN":
		if len(a.login) == 0 {
			return nil, errors.New("mail: unexpected LOGIN challenge")
		}
		next := a.login[0]
		a.login = a.login[1:]
		return []byte(next), nil
	case "XOAUTH2":
		return []byte{}, nil // the challenge is the error; an empty answer ends the exchange with it
	}
	return nil, fmt.Errorf("mail: unexpected %s challenge %q", a.mech, challenge)
}

// dialMail connects, with TLS from the start when implicit.
func dialMail(ctx context.Context, addr string, implicit bool, cfg *tls.Config, timeout time.Duration) (net.Conn, error) {
	d := &net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	conn.SetDeadline(deadline)
	if !implicit {
		return conn, nil
	}
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return tc, nil
}

// tlsConfig returns a copy of cfg (or a new one) naming the server.
func tlsConfig(cfg *tls.Config, host string) *tls.Config {
	if cfg == nil {
		cfg = &tls.Config{MinVersion: tls.VersionTLS12}
	} else {
		cfg = cfg.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	return cfg
}

// isLoopback reports whether host is this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
