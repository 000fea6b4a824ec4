package monitor

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"

	"hitori"
)

// Ack links: whoever gets an alert in chat may acknowledge it without
// signing in. The token names the incident and the channel it went to and
// expires; an HMAC with the installation's secret (kept in the database,
// so every process agrees) makes it unforgeable.

// AckLinkTTL is how long an ack link works.
const AckLinkTTL = 72 * time.Hour

const ackTokenLen = 8 + 8 + 8 + 16

// AckToken signs an ack link for incident id sent to channel.
func (a *Alerts) AckToken(ctx context.Context, id, channel int64) (string, error) {
	key, err := a.Store.AckKey(ctx)
	if err != nil {
		return "", err
	}
	b := make([]byte, 24, ackTokenLen)
	binary.BigEndian.PutUint64(b, uint64(id))
	binary.BigEndian.PutUint64(b[8:], uint64(channel))
	binary.BigEndian.PutUint64(b[16:], uint64(a.now().Add(AckLinkTTL).Unix()))
	return base64.RawURLEncoding.EncodeToString(append(b, ackMAC(key, b)...)), nil
}

func ackMAC(key, b []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte("hitori-ack\x00"))
	h.Write(b)
	return h.Sum(nil)[:16]
}

// CheckAckToken returns the incident and channel a valid, unexpired
// token names; anything else is ENOTFOUND (an expired link says so).
func (a *Alerts) CheckAckToken(ctx context.Context, tok string) (id, channel int64, err error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != ackTokenLen {
		return 0, 0, hitori.KeyError(hitori.ENOTFOUND, "incident.ack_invalid")
	}
	key, err := a.Store.AckKey(ctx)
	if err != nil {
		return 0, 0, err
	}
	if !hmac.Equal(ackMAC(key, b[:24]), b[24:]) {
		return 0, 0, hitori.KeyError(hitori.ENOTFOUND, "incident.ack_invalid")
	}
	if a.now().Unix() > int64(binary.BigEndian.Uint64(b[16:])) {
		return 0, 0, hitori.KeyError(hitori.ENOTFOUND, "incident.ack_expired")
	}
	return int64(binary.BigEndian.Uint64(b)), int64(binary.BigEndian.Uint64(b[8:])), nil
}

// AckByToken acknowledges the incident a valid link names, as the
// channel's holder (the system acts: no user signed in).
func (a *Alerts) AckByToken(ctx context.Context, tok, who string) (int64, error) {
	id, _, err := a.CheckAckToken(ctx, tok)
	if err != nil {
		return 0, err
	}
	return id, a.Store.AcknowledgeIncident(hitori.NewContextWithUser(ctx, nil), id, who)
}
