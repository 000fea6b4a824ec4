package monitor

import (
	"context"
	"fmt"
	"time"

	"hitori"
)

// checkHeartbeat fails when /hb/{token} was not called within the period
// plus grace; a monitor never called counts from its creation.
func (c *Checkers) checkHeartbeat(ctx context.Context, m *hitori.Monitor) (string, error) {
	if c.Beats == nil {
		return "", fmt.Errorf("heartbeats are not wired")
	}
	last, err := c.Beats(ctx, m.ID)
	if err != nil {
		return "", err
	}
	o := m.Options.Heartbeat
	if o == nil {
		o = &hitori.HeartbeatOptions{PeriodS: int(m.Interval / time.Second)}
	}
	ref := last
	if ref.IsZero() {
		ref = m.CreatedAt
	}
	due := ref.Add(time.Duration(o.PeriodS+o.GraceS) * time.Second)
	if c.now().After(due) {
		if last.IsZero() {
			return "", fmt.Errorf("never called")
		}
		return "", fmt.Errorf("no call since %s", last.UTC().Format(time.RFC3339))
	}
	if last.IsZero() {
		return "waiting for the first call", nil
	}
	return "last call " + last.UTC().Format(time.RFC3339), nil
}
