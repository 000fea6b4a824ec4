// Package monitor runs hitori's monitors: one small checker per type, the
// state rules (pending, down after retries, maintenance), and a scheduler
// that spreads the checks over their intervals and writes results in
// batches. See docs/monitors.md.
package monitor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"hitori"
)

// Checkers run checks. The zero value works; tests set RootCAs (their own
// certificate authority) and Now (a fake clock for heartbeats).
type Checkers struct {
	// RootCAs verifies certificates; nil: the system's.
	RootCAs *x509.CertPool
	// Beats tells when a heartbeat monitor was last called.
	Beats func(ctx context.Context, id int64) (time.Time, error)
	// Now is the clock for heartbeats and certificate expiry.
	Now func() time.Time
	// Dialer for tcp, tls and http; nil: a default one.
	Dialer *net.Dialer

	transports [2]*http.Transport // verifying, not verifying
}

func (c *Checkers) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Checkers) dialer() *net.Dialer {
	if c.Dialer != nil {
		return c.Dialer
	}
	return &net.Dialer{KeepAlive: 30 * time.Second}
}

// Init builds the shared HTTP transports; call it once before checks run
// concurrently (Check calls it lazily otherwise).
func (c *Checkers) Init() {
	for i := range c.transports {
		if c.transports[i] != nil {
			continue
		}
		c.transports[i] = &http.Transport{
			Proxy:               nil, // a monitor checks the target itself, not a proxy's view of it
			DialContext:         c.dialer().DialContext,
			TLSClientConfig:     &tls.Config{RootCAs: c.RootCAs, InsecureSkipVerify: i == 1},
			MaxIdleConnsPerHost: 16,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: 10 * time.Second,
			ForceAttemptHTTP2:   true,
		}
	}
}

// Check runs m's check once, bounded by its timeout.
func (c *Checkers) Check(ctx context.Context, m *hitori.Monitor) hitori.CheckResult {
	ctx, cancel := context.WithTimeout(ctx, m.Timeout)
	defer cancel()
	start := time.Now()
	r := hitori.CheckResult{MonitorID: m.ID, At: c.now()}
	var err error
	var detail string
	switch m.Type {
	case hitori.MonitorHTTP:
		detail, err = c.checkHTTP(ctx, m)
	case hitori.MonitorTCP:
		err = c.checkTCP(ctx, m.Target)
	case hitori.MonitorPing:
		detail, err = c.checkPing(ctx, m.Target)
	case hitori.MonitorDNS:
		detail, err = c.checkDNS(ctx, m)
	case hitori.MonitorTLS:
		detail, err = c.checkTLS(ctx, m)
	case hitori.MonitorHeartbeat:
		detail, err = c.checkHeartbeat(ctx, m)
	default:
		err = fmt.Errorf("unknown monitor type %q", m.Type)
	}
	r.Latency = time.Since(start)
	if rtt, ok := err.(measured); ok { // a checker that timed only the network part
		r.Latency, err = rtt.d, rtt.err
	}
	r.OK, r.Message = err == nil, detail
	if err != nil {
		r.Message = describe(ctx, err)
	}
	return r
}

// measured carries a latency a checker measured itself.
type measured struct {
	d   time.Duration
	err error
}

func (m measured) Error() string { return fmt.Sprint(m.err) }

// describe turns a check's error into a short message for the state.
func describe(ctx context.Context, err error) string {
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		return "timeout"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return err.Error()
}
