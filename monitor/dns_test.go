package monitor

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/dns/dnsmessage"

	"hitori"
)

// dnsServer answers A, MX and TXT questions for app.example.jp. from a
// fixed table over UDP; any other name is NXDOMAIN.
func dnsServer(t *testing.T) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	name := dnsmessage.MustNewName("app.example.jp.")
	go func() {
		buf := make([]byte, 1500)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			var p dnsmessage.Parser
			h, err := p.Start(buf[:n])
			if err != nil {
				continue
			}
			q, err := p.Question()
			if err != nil {
				continue
			}
			rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired}
			if q.Name.String() != name.String() {
				rh.RCode = dnsmessage.RCodeNameError
			}
			b := dnsmessage.NewBuilder(nil, rh)
			b.EnableCompression()
			b.StartQuestions()
			b.Question(q)
			b.StartAnswers()
			if rh.RCode == dnsmessage.RCodeSuccess {
				res := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}
				switch q.Type {
				case dnsmessage.TypeA:
					b.AResource(res, dnsmessage.AResource{A: [4]byte{192, 0, 2, 7}})
				case dnsmessage.TypeMX:
					b.MXResource(res, dnsmessage.MXResource{Pref: 10, MX: dnsmessage.MustNewName("mx.example.jp.")})
				case dnsmessage.TypeTXT:
					b.TXTResource(res, dnsmessage.TXTResource{TXT: []string{"v=spf1 -all"}})
				}
			}
			out, err := b.Finish()
			if err == nil {
				pc.WriteTo(out, addr)
			}
		}
	}()
	return pc.LocalAddr().String()
}

func TestDNSCheck(t *testing.T) {
	server := dnsServer(t)
	c := &Checkers{}
	for _, tc := range []struct {
		name, host, typ, expect string
		ok                      bool
		msg                     string
	}{
		{"A any", "app.example.jp", "", "", true, "192.0.2.7"},
		{"A expected", "app.example.jp", "A", "192.0.2.7", true, "192.0.2.7"},
		{"A changed", "app.example.jp", "A", "192.0.2.8", false, "expected 192.0.2.8"},
		{"MX", "app.example.jp", "MX", "MX.example.jp", true, "mx.example.jp."},
		{"TXT", "app.example.jp", "TXT", "v=spf1 -all", true, "spf1"},
		{"no such name", "gone.example.jp", "A", "", false, "no such host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &hitori.Monitor{ID: 6, Type: hitori.MonitorDNS, Target: tc.host, Timeout: 2 * time.Second,
				Options: hitori.MonitorOptions{DNS: &hitori.DNSOptions{Server: server, RecordType: tc.typ, Expect: tc.expect}}}
			r := c.Check(context.Background(), m)
			if r.OK != tc.ok || !strings.Contains(r.Message, tc.msg) {
				t.Fatalf("ok=%v %q, want %v %q", r.OK, r.Message, tc.ok, tc.msg)
			}
		})
	}
}
