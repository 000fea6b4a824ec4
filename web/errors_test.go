package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"hitori"
)

// TestCancelledRequestIsNotAnInternalError: a client that went away while
// its request ran (context.Canceled from the store) is logged at debug
// level, not as ERROR internal error (issue 14); a real failure still is.
func TestCancelledRequestIsNotAnInternalError(t *testing.T) {
	e := newSQLiteEnv(t)
	tests := []struct {
		name      string
		cancelled bool
		err       error
		want      string // the log line's level and message
	}{
		{"client gone", true, fmt.Errorf("sqlstore: find items: %w", context.Canceled), "level=DEBUG msg=\"request cancelled\""},
		{"canceled, client still there", false, fmt.Errorf("sqlstore: find items: %w", context.Canceled), "level=ERROR msg=\"internal error\""},
		{"real failure, client gone", true, errors.New("sqlstore: disk I/O error"), "level=ERROR msg=\"internal error\""},
		{"domain error", true, hitori.KeyError(hitori.ENOTFOUND, "error.not_found"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			e.srv.log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			ctx, cancel := context.WithCancel(context.Background())
			if tc.cancelled {
				cancel()
			} else {
				defer cancel()
			}
			r := httptest.NewRequest("GET", "/work/items", nil).WithContext(ctx)
			e.srv.handleError(httptest.NewRecorder(), r, true, tc.err)
			got := buf.String()
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) || strings.Count(got, "\n") > 1 {
				t.Fatalf("logged %q, want one line with %q", got, tc.want)
			}
		})
	}
}
