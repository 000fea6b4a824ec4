package monitor

import "context"

// checkTCP succeeds when the port accepts a connection.
func (c *Checkers) checkTCP(ctx context.Context, target string) error {
	conn, err := c.dialer().DialContext(ctx, "tcp", target)
	if err != nil {
		return err
	}
	return conn.Close()
}
