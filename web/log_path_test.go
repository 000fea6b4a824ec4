package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAccessLogHidesPathTokens: the access log must not carry the secrets
// some paths hold (a sign-in link's token, a heartbeat token), or anyone
// who reads the logs could sign in or fake a backup's heartbeat.
func TestAccessLogHidesPathTokens(t *testing.T) {
	var buf bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&buf, nil))}
	h := s.logRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	for _, tt := range []struct{ path, secret, want string }{
		{"/login/link/tok-ABCDEFGHIJKLMNOP", "tok-ABCDEFGHIJKLMNOP", "path=/login/link/…"},
		{"/hb/hb-SECRETSECRETSECRET", "hb-SECRETSECRETSECRET", "path=/hb/…"},
		{"/work/items/12", "", "path=/work/items/12"},
		{"/login/link", "", "path=/login/link "},
	} {
		buf.Reset()
		req := httptest.NewRequest(http.MethodGet, tt.path, nil).WithContext(context.Background())
		h.ServeHTTP(httptest.NewRecorder(), req)
		line := buf.String()
		if tt.secret != "" && strings.Contains(line, tt.secret) {
			t.Errorf("%s: the access log shows the token: %s", tt.path, line)
		}
		if !strings.Contains(line, tt.want) {
			t.Errorf("%s: log line %q lacks %q", tt.path, line, tt.want)
		}
	}
}
