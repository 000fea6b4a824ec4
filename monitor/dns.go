package monitor

import (
	"context"
	"fmt"
	"net"
	"strings"

	"hitori"
)

// checkDNS resolves the target's record, through the given server when
// one is set, and checks an expected answer.
func (c *Checkers) checkDNS(ctx context.Context, m *hitori.Monitor) (string, error) {
	o := m.Options.DNS
	if o == nil {
		o = &hitori.DNSOptions{}
	}
	r := net.DefaultResolver
	if o.Server != "" {
		d := c.dialer()
		r = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, o.Server) // the monitor's server, not resolv.conf's
		}}
	}
	answers, err := lookup(ctx, r, o.RecordType, m.Target)
	if err != nil {
		return "", err
	}
	if len(answers) == 0 {
		return "", fmt.Errorf("no %s record", o.RecordType)
	}
	if o.Expect == "" {
		return strings.Join(answers, " "), nil
	}
	want := normalName(o.Expect)
	for _, a := range answers {
		if normalName(a) == want {
			return a, nil
		}
	}
	return "", fmt.Errorf("answer %s, expected %s", strings.Join(answers, " "), o.Expect)
}

func normalName(s string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
}

func lookup(ctx context.Context, r *net.Resolver, typ, name string) ([]string, error) {
	var out []string
	switch typ {
	case "", "A", "AAAA":
		network := "ip4"
		if typ == "AAAA" {
			network = "ip6"
		}
		ips, err := r.LookupIP(ctx, network, name)
		for _, ip := range ips {
			out = append(out, ip.String())
		}
		return out, err
	case "CNAME":
		c, err := r.LookupCNAME(ctx, name)
		return []string{c}, err
	case "MX":
		mxs, err := r.LookupMX(ctx, name)
		for _, mx := range mxs {
			out = append(out, mx.Host)
		}
		return out, err
	case "NS":
		nss, err := r.LookupNS(ctx, name)
		for _, ns := range nss {
			out = append(out, ns.Host)
		}
		return out, err
	case "TXT":
		return r.LookupTXT(ctx, name)
	}
	return nil, fmt.Errorf("record type %q", typ)
}
