package monitor

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"hitori"
)

func httpMonitor(url string, o *hitori.HTTPOptions) *hitori.Monitor {
	return &hitori.Monitor{ID: 1, Type: hitori.MonitorHTTP, Target: url, Interval: 10 * time.Second, Timeout: 2 * time.Second,
		Options: hitori.MonitorOptions{HTTP: o}}
}

func TestHTTPCheck(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Probe") != "" {
			w.Header().Set("X-Seen", r.Header.Get("X-Probe"))
		}
		fmt.Fprint(w, "<title>ログイン</title>")
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"status":{"db":"ok","checks":[{"n":3}]}}`)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { time.Sleep(150 * time.Millisecond) })
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/fail", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 503) })
	mux.HandleFunc("/needs-header", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			http.Error(w, "no", 401)
		}
	})
	mux.Handle("/moved", http.RedirectHandler("/ok", http.StatusFound))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := &Checkers{}
	for _, tc := range []struct {
		name, path string
		o          *hitori.HTTPOptions
		ok         bool
		msg        string
	}{
		{"status ok", "/ok", nil, true, "200"},
		{"server error", "/fail", nil, false, "status 503"},
		{"expected status", "/fail", &hitori.HTTPOptions{ExpectStatus: 503}, true, "503"},
		{"keyword found", "/ok", &hitori.HTTPOptions{Keyword: "ログイン"}, true, ""},
		{"keyword missing", "/ok", &hitori.HTTPOptions{Keyword: "メンテナンス中"}, false, "not found"},
		{"json value", "/json", &hitori.HTTPOptions{JSONPath: "status.db", JSONValue: "ok"}, true, ""},
		{"json array number", "/json", &hitori.HTTPOptions{JSONPath: "status.checks.0.n", JSONValue: "3"}, true, ""},
		{"json wrong value", "/json", &hitori.HTTPOptions{JSONPath: "status.db", JSONValue: "down"}, false, `expected "down"`},
		{"json missing", "/json", &hitori.HTTPOptions{JSONPath: "status.cache", JSONValue: "ok"}, false, `no "cache"`},
		{"json not json", "/ok", &hitori.HTTPOptions{JSONPath: "a", JSONValue: "b"}, false, "not JSON"},
		{"latency over threshold", "/slow", &hitori.HTTPOptions{MaxLatencyMS: 50}, false, "slow"},
		{"latency under threshold", "/slow", &hitori.HTTPOptions{MaxLatencyMS: 1500}, true, ""},
		{"timeout", "/hang", nil, false, "timeout"},
		{"redirect followed", "/moved", &hitori.HTTPOptions{Keyword: "ログイン"}, true, ""},
		{"redirect not followed", "/moved", &hitori.HTTPOptions{NoRedirects: true}, false, "302"},
		{"redirect expected", "/moved", &hitori.HTTPOptions{NoRedirects: true, ExpectStatus: 302}, true, ""},
		{"custom header", "/needs-header", &hitori.HTTPOptions{Headers: map[string]string{"Authorization": "Bearer s3cret"}}, true, ""},
		{"missing header", "/needs-header", nil, false, "401"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := httpMonitor(srv.URL+tc.path, tc.o)
			if tc.path == "/hang" {
				m.Timeout = 200 * time.Millisecond
			}
			r := c.Check(context.Background(), m)
			if r.OK != tc.ok || !strings.Contains(r.Message, tc.msg) {
				t.Fatalf("ok=%v message=%q, want ok=%v containing %q", r.OK, r.Message, tc.ok, tc.msg)
			}
			if r.Latency <= 0 {
				t.Fatalf("no latency: %v", r.Latency)
			}
		})
	}
}

func TestTCPCheckDrops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	m := &hitori.Monitor{ID: 2, Type: hitori.MonitorTCP, Target: ln.Addr().String(), Timeout: time.Second}
	c := &Checkers{}
	if r := c.Check(context.Background(), m); !r.OK {
		t.Fatalf("listening: %+v", r)
	}
	ln.Close() // the service drops
	if r := c.Check(context.Background(), m); r.OK || !strings.Contains(r.Message, "refused") {
		t.Fatalf("after close: %+v", r)
	}
}

// testCA makes a certificate authority and a server certificate for
// 127.0.0.1 that expires after validFor.
func testCA(t *testing.T, validFor time.Duration) (*x509.CertPool, tls.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hitori test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(validFor),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	return pool, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func TestTLSCheckExpiringSoon(t *testing.T) {
	pool, cert := testCA(t, 3*24*time.Hour+time.Hour)
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	direct, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	go serveTLS(direct, func(c net.Conn) net.Conn { return c })
	smtp, _ := net.Listen("tcp", "127.0.0.1:0")
	defer smtp.Close()
	go serveTLS(smtp, func(c net.Conn) net.Conn { return smtpStartTLS(c, cfg) })
	imap, _ := net.Listen("tcp", "127.0.0.1:0")
	defer imap.Close()
	go serveTLS(imap, func(c net.Conn) net.Conn { return imapStartTLS(c, cfg) })

	c := &Checkers{RootCAs: pool}
	for _, tc := range []struct {
		name, addr, starttls string
		warn                 int
		ok                   bool
		msg                  string
	}{
		{"https expiring", direct.Addr().String(), "", 14, false, "expires in 3 days"},
		{"https fine", direct.Addr().String(), "", 2, true, "3 days left"},
		{"smtp starttls expiring", smtp.Addr().String(), "smtp", 0, false, "expires in 3 days"},
		{"imap starttls fine", imap.Addr().String(), "imap", 1, true, "3 days left"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &hitori.Monitor{ID: 3, Type: hitori.MonitorTLS, Target: tc.addr, Timeout: 2 * time.Second,
				Options: hitori.MonitorOptions{TLS: &hitori.TLSOptions{StartTLS: tc.starttls, WarnDays: tc.warn}}}
			r := c.Check(context.Background(), m)
			if r.OK != tc.ok || !strings.Contains(r.Message, tc.msg) {
				t.Fatalf("ok=%v %q, want %v %q", r.OK, r.Message, tc.ok, tc.msg)
			}
		})
	}
	// Without the test CA the certificate is not trusted.
	m := &hitori.Monitor{ID: 3, Type: hitori.MonitorTLS, Target: direct.Addr().String(), Timeout: 2 * time.Second}
	if r := (&Checkers{}).Check(context.Background(), m); r.OK || !strings.Contains(r.Message, "certificate") {
		t.Fatalf("untrusted: %+v", r)
	}
}

func serveTLS(ln net.Listener, upgrade func(net.Conn) net.Conn) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(5 * time.Second))
			if tc, ok := upgrade(conn).(*tls.Conn); ok {
				tc.Handshake()
			}
		}()
	}
}

func readLine(c net.Conn) string {
	var b []byte
	one := make([]byte, 1)
	for {
		if _, err := c.Read(one); err != nil || one[0] == '\n' {
			return string(b)
		}
		b = append(b, one[0])
	}
}

func smtpStartTLS(c net.Conn, cfg *tls.Config) net.Conn {
	fmt.Fprint(c, "220-mail.example.jp ESMTP\r\n220 ready\r\n")
	if !strings.HasPrefix(readLine(c), "EHLO") {
		return c
	}
	fmt.Fprint(c, "250-mail.example.jp\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
	if !strings.HasPrefix(readLine(c), "STARTTLS") {
		return c
	}
	fmt.Fprint(c, "220 go ahead\r\n")
	return tls.Server(c, cfg)
}

func imapStartTLS(c net.Conn, cfg *tls.Config) net.Conn {
	fmt.Fprint(c, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")
	if readLine(c) != "a1 STARTTLS\r" {
		return c
	}
	fmt.Fprint(c, "a1 OK begin TLS\r\n")
	return tls.Server(c, cfg)
}

func TestHeartbeatStops(t *testing.T) {
	created := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	clock := created.Add(time.Hour)
	var beat time.Time
	c := &Checkers{Now: func() time.Time { return clock },
		Beats: func(context.Context, int64) (time.Time, error) { return beat, nil }}
	m := &hitori.Monitor{ID: 4, Type: hitori.MonitorHeartbeat, Timeout: time.Second, CreatedAt: created,
		Options: hitori.MonitorOptions{Heartbeat: &hitori.HeartbeatOptions{PeriodS: 86400, GraceS: 1800}}}
	steps := []struct {
		advance time.Duration
		beat    bool
		ok      bool
		msg     string
	}{
		{0, false, true, "waiting"},
		{24*time.Hour + 31*time.Minute, false, false, "never called"}, // the first backup never ran
		{0, true, true, "last call"},                                  // it ran
		{24 * time.Hour, true, true, "last call"},                     // and the next night
		{24*time.Hour + 29*time.Minute, false, true, "last call"},     // late, within grace
		{2 * time.Minute, false, false, "no call since"},              // it stopped
	}
	for i, s := range steps {
		clock = clock.Add(s.advance)
		if s.beat {
			beat = clock
		}
		r := c.Check(context.Background(), m)
		if r.OK != s.ok || !strings.Contains(r.Message, s.msg) {
			t.Fatalf("step %d: ok=%v %q, want %v %q", i, r.OK, r.Message, s.ok, s.msg)
		}
	}
}

func TestPingLoopback(t *testing.T) {
	m := &hitori.Monitor{ID: 5, Type: hitori.MonitorPing, Target: "127.0.0.1", Timeout: 2 * time.Second}
	r := (&Checkers{}).Check(context.Background(), m)
	// Either the OS allows ping sockets to this group, or the check says clearly that it does not.
	if !r.OK && !strings.Contains(r.Message, "not permitted") {
		t.Fatalf("ping: %+v", r)
	}
	t.Logf("ping 127.0.0.1: ok=%v %q %v", r.OK, r.Message, r.Latency)
}
