package web

import (
	"context"
	"net/http"
	"time"

	"hitori"
)

// healthz reports whether the process and its database answer and the
// data folder takes writes.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	body := map[string]any{"status": "ok", "database": s.cfg.Database, "version": hitori.Version,
		"uptime_seconds": int(time.Since(s.started).Seconds())}
	status := http.StatusOK
	if err := s.stores.Health.Ping(ctx); err != nil {
		s.log.Error("healthz: database", "err", err)
		body["status"], body["error"] = "unavailable", "database unreachable"
		status = http.StatusServiceUnavailable
	} else if err := probeDataDir(s.cfg.DataDir); err != nil {
		s.log.Error("healthz: data folder", "err", err)
		body["status"], body["error"] = "unavailable", "data folder not writable"
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, body)
	return nil
}
