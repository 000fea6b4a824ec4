package notify

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzClassify feeds services' answers (status, Retry-After, body) to the
// classifier: it must never panic, never ask to wait more than a day, and
// keep the error short, valid UTF-8 text.
func FuzzClassify(f *testing.F) {
	f.Add(429, "120", "rate_limited")
	f.Add(429, "Wed, 21 Oct 2026 07:28:00 GMT", "")
	f.Add(503, "-5", "<html>\x00\xff</html>")
	f.Add(400, "99999999999999999999", strings.Repeat("長い", 500))
	f.Fuzz(func(t *testing.T, status int, retry, body string) {
		if status < 100 || status > 999 {
			return
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{"Retry-After": {retry}}}
		err := classify(resp, []byte(body), fixedNow)
		if status >= 200 && status < 300 {
			if err != nil {
				t.Fatalf("%d: %v", status, err)
			}
			return
		}
		fl, ok := err.(*Failure)
		if !ok {
			t.Fatalf("%d: %v is not a *Failure", status, err)
		}
		if fl.RetryAfter < 0 || fl.RetryAfter > 24*time.Hour {
			t.Errorf("Retry-After %q gave %v", retry, fl.RetryAfter)
		}
		if !utf8.ValidString(fl.Msg) || utf8.RuneCountInString(fl.Msg) > 220 {
			t.Errorf("message %q", fl.Msg)
		}
	})
}
