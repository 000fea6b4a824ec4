package main

import (
	"context"
	"log/slog"
	"net"
)

// reachableBeyondLoopback reports whether a listen address accepts
// connections from other machines: an empty or wildcard host, a host name
// (it may resolve to any interface), or an address that is not loopback.
func reachableBeyondLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true
	}
	if host == "localhost" {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return !ip.IsLoopback()
	}
	return true
}

// warnOpenSetup warns when first-run setup is served to the network: until
// an account exists, whoever reaches /setup first becomes administrator.
func warnOpenSetup(ctx context.Context, log *slog.Logger, addr string, countUsers func(context.Context) (int, error)) {
	if !reachableBeyondLoopback(addr) {
		return
	}
	n, err := countUsers(ctx)
	if err != nil || n > 0 {
		return
	}
	log.Warn("first-run setup is open to the network: anyone who reaches /setup first becomes the administrator. "+
		"Finish setup now, or create the administrator with hitori user create --role admin, or listen on 127.0.0.1 until then",
		"addr", addr)
}
