package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// userAgent names hitori to the services (their logs, their support).
const userAgent = "hitori-notify/1"

// post sends body to target and classifies the answer: 2xx is success,
// 408, 429 and 5xx are worth retrying (429 after its Retry-After), every
// other status is permanent. At most ResponseMax bytes of the answer are
// read. Errors never contain target: a webhook URL is itself a secret.
func (n *Notifier) post(ctx context.Context, target, contentType string, body []byte, hdr http.Header) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, nil, permanentf("the address is not a valid URL")
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", userAgent)
	resp, err := n.HTTP.Do(req)
	if err != nil {
		return 0, nil, transportFailure(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, ResponseMax))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, ResponseMax)) // let the connection be reused
	return resp.StatusCode, answer, classify(resp, answer, n.now())
}

// transportFailure describes a request that got no answer, without the
// URL *url.Error carries.
func transportFailure(err error) *Failure {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) || (ue != nil && ue.Timeout()) {
		return retryablef("no answer within %s", Timeout)
	}
	return retryablef("no answer: %v", err)
}

// classify turns an HTTP answer into nil or a *Failure.
func classify(resp *http.Response, body []byte, now time.Time) error {
	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return nil
	}
	f := &Failure{Status: code, Msg: fmt.Sprintf("HTTP %d", code)}
	if s := snippet(body); s != "" {
		f.Msg += ": " + s
	}
	switch {
	case code == http.StatusTooManyRequests:
		f.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), now)
	case code == http.StatusRequestTimeout || code >= 500:
	default:
		f.Permanent = true // 3xx (not followed) and 4xx: the request or settings are wrong
	}
	return f
}

// retryAfter reads Retry-After as seconds or as an HTTP date (RFC 9110
// section 10.2.3); 0 when absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), 24*time.Hour)
	}
	return 0
}

// snippet is the start of an answer, on one line, for the attempt's error.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "")), " ")
	return cut(s, 200)
}

// cut shortens s to at most n runes, marking the cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
