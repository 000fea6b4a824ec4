package monitor

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync/atomic"
	"time"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"
)

var pingSeq atomic.Uint32

// checkPing sends one ICMP echo through an unprivileged "ping socket"
// (Linux: net.ipv4.ping_group_range must include the process's group).
// Where the OS does not allow it the check fails with "not permitted"
// rather than needing root.
func (c *Checkers) checkPing(ctx context.Context, host string) (string, error) {
	ips, err := net.DefaultResolver.LookupIP(ctx, "ip4", host)
	if err != nil {
		return "", err
	}
	conn, err := icmp.ListenPacket("udp4", "0.0.0.0")
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return "", fmt.Errorf("ping not permitted on this system (allow it with sysctl net.ipv4.ping_group_range)")
		}
		return "", fmt.Errorf("ping socket: %w", err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	seq := int(pingSeq.Add(1) & 0xffff)
	msg := icmp.Message{Type: ipv4.ICMPTypeEcho, Body: &icmp.Echo{ID: os.Getpid() & 0xffff, Seq: seq, Data: []byte("hitori")}}
	b, err := msg.Marshal(nil)
	if err != nil {
		return "", err
	}
	start := time.Now()
	if _, err := conn.WriteTo(b, &net.UDPAddr{IP: ips[0]}); err != nil {
		return "", err
	}
	buf := make([]byte, 1500)
	for {
		n, _, err := conn.ReadFrom(buf)
		if err != nil {
			return "", err
		}
		rtt := time.Since(start)
		reply, err := icmp.ParseMessage(1, buf[:n]) // 1: ICMP for IPv4
		if err != nil {
			continue
		}
		if echo, ok := reply.Body.(*icmp.Echo); ok && reply.Type == ipv4.ICMPTypeEchoReply && echo.Seq == seq {
			return ips[0].String(), measured{rtt, nil}
		}
	}
}
