package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
)

// ProcessedKeyword marks messages hitori has committed, on servers that
// keep custom keywords, when no processed folder is configured.
const ProcessedKeyword = "$HitoriProcessed"

// IMAPConfig names a mailbox and how to log in to it.
type IMAPConfig struct {
	Addr      string      // host:port, e.g. outlook.office365.com:993
	TLS       TLSMode     // "" means TLSImplicit
	TLSConfig *tls.Config // nil: system roots, server name from Addr
	Username  string
	Password  string
	Token     TokenSource // XOAUTH2 access tokens instead of Password
	Mailbox   string      // folder to read; "" means INBOX
	Timeout   time.Duration
	Debug     io.Writer // the raw protocol, credentials included: for troubleshooting only
}

// IMAPMailbox is a logged-in IMAP connection with one folder selected.
// go-imap speaks the protocol (literals, untagged data, MOVE fallbacks);
// this type keeps to the few commands intake needs and adds deadlines.
type IMAPMailbox struct {
	c        *imapclient.Client
	conn     net.Conn
	timeout  time.Duration
	keywords bool // the server stores custom keywords (PERMANENTFLAGS has \*)
	stop     func() bool
}

// DialIMAP connects, logs in and selects cfg.Mailbox. Credentials never
// cross an unencrypted link except to this machine.
func DialIMAP(ctx context.Context, cfg IMAPConfig) (*IMAPMailbox, error) {
	mode := cfg.TLS
	if mode == "" {
		mode = TLSImplicit
	}
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("mail: imap address %q: %w", cfg.Addr, err)
	}
	if mode == TLSNone && !isLoopback(host) {
		return nil, fmt.Errorf("mail: imap %s: refusing to log in without TLS", cfg.Addr)
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	tc := tlsConfig(cfg.TLSConfig, host)
	conn, err := dialMail(ctx, cfg.Addr, mode == TLSImplicit, tc, timeout)
	if err != nil {
		return nil, fmt.Errorf("mail: imap connect %s: %w", cfg.Addr, err)
	}
	opts := &imapclient.Options{
		TLSConfig: tc,
		// Real servers pass ISO-2022-JP words through as sent; without a
		// charset reader the standard decoder would leave them encoded.
		WordDecoder: &mime.WordDecoder{CharsetReader: charset.Reader},
		DebugWriter: cfg.Debug,
	}
	m := &IMAPMailbox{conn: conn, timeout: timeout}
	m.stop = context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	if mode == TLSStartTLS {
		m.c, err = imapclient.NewStartTLS(conn, opts)
	} else {
		m.c = imapclient.New(conn, opts)
		err = m.c.WaitGreeting()
	}
	if err == nil {
		err = m.login(ctx, cfg)
	}
	if err == nil {
		err = m.selectFolder(cmp(cfg.Mailbox, "INBOX"))
	}
	if err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

func (m *IMAPMailbox) login(ctx context.Context, cfg IMAPConfig) error {
	m.deadline()
	if cfg.Token != nil {
		tok, err := cfg.Token.Token(ctx)
		if err != nil {
			return err
		}
		if err := m.c.Authenticate(&imapXOAUTH2{ir: xoauth2(cfg.Username, tok)}); err != nil {
			return fmt.Errorf("mail: imap login as %s (XOAUTH2): %w", cfg.Username, err)
		}
		return nil
	}
	if err := m.c.Login(cfg.Username, cfg.Password).Wait(); err != nil {
		return fmt.Errorf("mail: imap login as %s: %w", cfg.Username, err)
	}
	return nil
}

func (m *IMAPMailbox) selectFolder(name string) error {
	m.deadline()
	data, err := m.c.Select(name, nil).Wait()
	if err != nil {
		return fmt.Errorf("mail: imap select %s: %w", name, err)
	}
	m.keywords = slices.Contains(data.PermanentFlags, imap.FlagWildcard)
	return nil
}

// Pending lists the UIDs still to process, oldest first, at most limit:
// with a processed folder everything left in the mailbox; without one the
// messages not yet marked (see MarkProcessed).
func (m *IMAPMailbox) Pending(withFolder bool, limit int) ([]imap.UID, error) {
	m.deadline()
	crit := &imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagDeleted}}
	switch {
	case withFolder:
	case m.keywords:
		crit.NotFlag = append(crit.NotFlag, ProcessedKeyword)
	default:
		crit.NotFlag = append(crit.NotFlag, imap.FlagSeen) // no keywords (e.g. Exchange): unread means unprocessed
	}
	data, err := m.c.UIDSearch(crit, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("mail: imap search: %w", err)
	}
	uids := data.AllUIDs()
	slices.Sort(uids)
	if limit > 0 && len(uids) > limit {
		uids = uids[:limit]
	}
	return uids, nil
}

// Fetch returns a message as stored, without marking it read.
func (m *IMAPMailbox) Fetch(uid imap.UID) ([]byte, error) {
	m.deadline()
	msgs, err := m.c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil {
		return nil, fmt.Errorf("mail: imap fetch %d: %w", uid, err)
	}
	for _, msg := range msgs {
		if msg.UID == uid && len(msg.BodySection) > 0 {
			return msg.BodySection[0].Bytes, nil
		}
	}
	return nil, fmt.Errorf("mail: imap fetch %d: %w", uid, ErrGone)
}

// ErrGone means the message left the mailbox (another client moved or
// deleted it) between listing and fetching.
var ErrGone = errors.New("message no longer in the mailbox")

// Move moves a message to folder (MOVE, or COPY, delete and expunge on old servers).
func (m *IMAPMailbox) Move(uid imap.UID, folder string) error {
	m.deadline()
	if _, err := m.c.Move(imap.UIDSetNum(uid), folder).Wait(); err != nil {
		return fmt.Errorf("mail: imap move %d to %s: %w", uid, folder, err)
	}
	return nil
}

// MarkProcessed marks a message read and, where the server keeps custom
// keywords, with ProcessedKeyword, so a person reading the mailbox in a
// mail client does not hide mail from hitori.
func (m *IMAPMailbox) MarkProcessed(uid imap.UID) error {
	m.deadline()
	flags := []imap.Flag{imap.FlagSeen}
	if m.keywords {
		flags = append(flags, ProcessedKeyword)
	}
	err := m.c.Store(imap.UIDSetNum(uid), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: flags}, nil).Close()
	if err != nil {
		return fmt.Errorf("mail: imap mark %d: %w", uid, err)
	}
	return nil
}

// EnsureFolder creates a folder unless it exists.
func (m *IMAPMailbox) EnsureFolder(name string) error {
	m.deadline()
	list, err := m.c.List("", name, nil).Collect()
	if err != nil {
		return fmt.Errorf("mail: imap list %s: %w", name, err)
	}
	if len(list) > 0 {
		return nil
	}
	if err := m.c.Create(name, nil).Wait(); err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) && ie.Code == imap.ResponseCodeAlreadyExists {
			return nil
		}
		return fmt.Errorf("mail: imap create %s: %w", name, err)
	}
	return nil
}

// Append stores raw in folder (tests deliver samples this way).
func (m *IMAPMailbox) Append(folder string, raw []byte) error {
	m.deadline()
	cmd := m.c.Append(folder, int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		return fmt.Errorf("mail: imap append: %w", err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("mail: imap append: %w", err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("mail: imap append: %w", err)
	}
	return nil
}

// Close logs out and closes the connection.
func (m *IMAPMailbox) Close() error {
	if m.stop != nil {
		m.stop()
	}
	if m.c == nil {
		return m.conn.Close()
	}
	m.conn.SetDeadline(time.Now().Add(5 * time.Second))
	_ = m.c.Logout().Wait()
	return m.c.Close()
}

// deadline gives the next command its time.
func (m *IMAPMailbox) deadline() { m.conn.SetDeadline(time.Now().Add(m.timeout)) }

// imapXOAUTH2 is the XOAUTH2 SASL client (go-imap's sasl.Client shape).
type imapXOAUTH2 struct{ ir []byte }

func (x *imapXOAUTH2) Start() (string, []byte, error) { return "XOAUTH2", x.ir, nil }

// Next answers the server's error challenge with an empty response, after
// which the server fails the command with its reason.
func (x *imapXOAUTH2) Next([]byte) ([]byte, error) { return []byte{}, nil }

// cmp returns s, or def when s is empty.
func cmp(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
