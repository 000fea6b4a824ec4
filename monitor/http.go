package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hitori"
)

var errTooManyRedirects = errors.New("redirected; following redirects is off")

// checkHTTP requests the URL and checks the status, the body (keyword or
// JSON value) and the latency.
func (c *Checkers) checkHTTP(ctx context.Context, m *hitori.Monitor) (string, error) {
	o := m.Options.HTTP
	if o == nil {
		o = &hitori.HTTPOptions{}
	}
	c.Init()
	tr := c.transports[0]
	if o.SkipTLSVerify {
		tr = c.transports[1]
	}
	client := &http.Client{Transport: tr}
	if o.NoRedirects {
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	method := o.Method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequestWithContext(ctx, method, m.Target, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("User-Agent", "hitori-monitor/"+hitori.Version)
	for k, v := range o.Headers {
		req.Header.Set(k, v)
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	needBody := o.Keyword != "" || o.JSONPath != ""
	var body []byte
	if needBody {
		body, err = io.ReadAll(io.LimitReader(resp.Body, hitori.MonitorBodyMax))
	} else {
		_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, hitori.MonitorBodyMax)) // lets the connection be reused
	}
	latency := time.Since(start)
	if err != nil {
		return "", measured{latency, err}
	}
	status := strconv.Itoa(resp.StatusCode)
	switch {
	case o.ExpectStatus != 0 && resp.StatusCode != o.ExpectStatus:
		return "", measured{latency, fmt.Errorf("status %d, expected %d", resp.StatusCode, o.ExpectStatus)}
	case o.ExpectStatus == 0 && resp.StatusCode >= 300 && o.NoRedirects && resp.StatusCode < 400:
		return "", measured{latency, fmt.Errorf("status %d: %w", resp.StatusCode, errTooManyRedirects)}
	case o.ExpectStatus == 0 && resp.StatusCode >= 400:
		return "", measured{latency, fmt.Errorf("status %d", resp.StatusCode)}
	case o.Keyword != "" && !strings.Contains(string(body), o.Keyword):
		return "", measured{latency, fmt.Errorf("status %s, keyword %q not found", status, o.Keyword)}
	case o.MaxLatencyMS > 0 && latency > time.Duration(o.MaxLatencyMS)*time.Millisecond:
		return "", measured{latency, fmt.Errorf("status %s, slow: %d ms > %d ms", status, latency.Milliseconds(), o.MaxLatencyMS)}
	}
	if o.JSONPath != "" {
		got, err := jsonValue(body, o.JSONPath)
		if err != nil {
			return "", measured{latency, err}
		}
		if got != o.JSONValue {
			return "", measured{latency, fmt.Errorf("%s = %q, expected %q", o.JSONPath, got, o.JSONValue)}
		}
	}
	return status, measured{latency, nil}
}

// jsonValue finds a dotted path ("checks.0.status") in a JSON document and
// returns the value as text: a string as is, anything else as JSON.
func jsonValue(body []byte, path string) (string, error) {
	var v any
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "", fmt.Errorf("body is not JSON: %w", err)
	}
	for _, key := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[key]; !ok {
				return "", fmt.Errorf("%s: no %q", path, key)
			}
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(x) {
				return "", fmt.Errorf("%s: no index %q", path, key)
			}
			v = x[i]
		default:
			return "", fmt.Errorf("%s: %q is not an object", path, key)
		}
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, _ := json.Marshal(v)
	return string(b), nil
}
