package monitor

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strings"
	"time"

	"hitori"
)

// checkTLS connects (speaking SMTP or IMAP STARTTLS first when asked),
// verifies the certificate and fails when fewer than WarnDays remain.
func (c *Checkers) checkTLS(ctx context.Context, m *hitori.Monitor) (string, error) {
	o := m.Options.TLS
	if o == nil {
		o = &hitori.TLSOptions{}
	}
	warn := o.WarnDays
	if warn == 0 {
		warn = 14
	}
	host, _, err := net.SplitHostPort(m.Target)
	if err != nil {
		return "", err
	}
	conn, err := c.dialer().DialContext(ctx, "tcp", m.Target)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	switch o.StartTLS {
	case hitori.TLSStartTLSSMTP:
		err = startSMTP(conn)
	case hitori.TLSStartTLSIMAP:
		err = startIMAP(conn)
	}
	if err != nil {
		return "", fmt.Errorf("starttls: %w", err)
	}
	tc := tls.Client(conn, &tls.Config{ServerName: host, RootCAs: c.RootCAs, Time: c.now})
	if err := tc.HandshakeContext(ctx); err != nil {
		return "", err
	}
	cert := tc.ConnectionState().PeerCertificates[0]
	left := cert.NotAfter.Sub(c.now())
	days := int(left / (24 * time.Hour))
	if days < warn {
		return "", fmt.Errorf("certificate expires in %d days (%s)", days, cert.NotAfter.UTC().Format("2006-01-02"))
	}
	return fmt.Sprintf("%d days left", days), nil
}

// startSMTP reads the greeting, says EHLO and asks for STARTTLS (RFC 3207).
func startSMTP(conn net.Conn) error {
	br := bufio.NewReader(conn)
	if err := smtpReply(br, "220"); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(conn, "EHLO hitori-monitor\r\n"); err != nil {
		return err
	}
	if err := smtpReply(br, "250"); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(conn, "STARTTLS\r\n"); err != nil {
		return err
	}
	return smtpReply(br, "220")
}

// smtpReply reads one (possibly multi-line) reply and checks its code.
func smtpReply(br *bufio.Reader, code string) error {
	for range 100 {
		line, err := br.ReadString('\n')
		if err != nil {
			return err
		}
		if len(line) < 4 || line[:3] != code {
			return fmt.Errorf("server said %q", strings.TrimSpace(line))
		}
		if line[3] == ' ' {
			return nil
		}
	}
	return fmt.Errorf("reply too long")
}

// startIMAP reads the greeting and asks for STARTTLS (RFC 3501 6.2.1).
func startIMAP(conn net.Conn) error {
	br := bufio.NewReader(conn)
	line, err := br.ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "* OK") {
		return fmt.Errorf("server said %q", strings.TrimSpace(line))
	}
	if _, err := fmt.Fprintf(conn, "a1 STARTTLS\r\n"); err != nil {
		return err
	}
	for range 100 {
		if line, err = br.ReadString('\n'); err != nil {
			return err
		}
		if strings.HasPrefix(line, "a1 ") {
			if strings.HasPrefix(line, "a1 OK") {
				return nil
			}
			return fmt.Errorf("server said %q", strings.TrimSpace(line))
		}
	}
	return fmt.Errorf("no answer to STARTTLS")
}
