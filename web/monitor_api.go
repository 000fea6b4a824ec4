package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// monitorInJSON is the body of POST /api/v1/monitors. "url" is the target
// of an http monitor; "target" that of the others (host:port, host, name).
type monitorInJSON struct {
	Name      string                   `json:"name"`
	Type      string                   `json:"type"`
	URL       string                   `json:"url"`
	Target    string                   `json:"target"`
	IntervalS int                      `json:"interval_s"`
	TimeoutS  int                      `json:"timeout_s"`
	Retries   int                      `json:"retries"`
	HTTP      *hitori.HTTPOptions      `json:"http"`
	DNS       *hitori.DNSOptions       `json:"dns"`
	TLS       *hitori.TLSOptions       `json:"tls"`
	Heartbeat *hitori.HeartbeatOptions `json:"heartbeat"`
	SystemID  *int64                   `json:"system_id"`
	RunbookID *int64                   `json:"runbook_id"`
}

// resultJSON is a check's result; times are RFC 3339 UTC.
type resultJSON struct {
	At        string  `json:"at"`
	OK        bool    `json:"ok"`
	LatencyMS float64 `json:"latency_ms"`
	Message   string  `json:"message"`
}

// monitorOutJSON is one monitor with its current state.
type monitorOutJSON struct {
	ID         int64       `json:"id"`
	Name       string      `json:"name"`
	Type       string      `json:"type"`
	Target     string      `json:"target"`
	IntervalS  int         `json:"interval_s"`
	TimeoutS   int         `json:"timeout_s"`
	Retries    int         `json:"retries"`
	Paused     bool        `json:"paused"`
	Status     string      `json:"status"`
	Since      string      `json:"since"`
	Failures   int         `json:"failures"`
	LastResult *resultJSON `json:"last_result"`
	Uptime24h  *float64    `json:"uptime_24h,omitempty"`
}

func apiTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func toResultJSON(r *hitori.CheckResult) *resultJSON {
	if r == nil {
		return nil
	}
	return &resultJSON{At: apiTime(r.At), OK: r.OK, LatencyMS: float64(r.Latency.Microseconds()) / 1000, Message: r.Message}
}

func toMonitorJSON(m *hitori.Monitor, st *hitori.MonitorState) monitorOutJSON {
	return monitorOutJSON{ID: m.ID, Name: m.Name, Type: string(m.Type), Target: m.Target,
		IntervalS: int(m.Interval / time.Second), TimeoutS: int(m.Timeout / time.Second), Retries: m.Retries, Paused: m.Paused,
		Status: string(st.Status), Since: apiTime(st.Since), Failures: st.Failures, LastResult: toResultJSON(st.Last)}
}

// apiMonitorCreate is POST /api/v1/monitors → 201 {"id"} (and "heartbeat_url" for a heartbeat).
func (s *Server) apiMonitorCreate(w http.ResponseWriter, r *http.Request) error {
	var in monitorInJSON
	if err := decodeItemJSON(w, r, &in); err != nil {
		return err
	}
	target := in.Target
	if in.URL != "" {
		target = in.URL
	}
	m := &hitori.Monitor{Name: in.Name, Type: hitori.MonitorType(in.Type), Target: target,
		Interval: time.Duration(in.IntervalS) * time.Second, Timeout: time.Duration(in.TimeoutS) * time.Second,
		Retries: in.Retries, SystemID: in.SystemID, RunbookID: in.RunbookID,
		Options: hitori.MonitorOptions{HTTP: in.HTTP, DNS: in.DNS, TLS: in.TLS, Heartbeat: in.Heartbeat}}
	if err := s.stores.Monitors.CreateMonitor(r.Context(), m); err != nil {
		return apiMonitorFields(err)
	}
	out := map[string]any{"id": m.ID}
	if m.Token != "" {
		out["heartbeat_url"] = s.heartbeatURL(m.Token)
	}
	w.Header().Set("Location", "/api/v1/monitors/"+strconv.FormatInt(m.ID, 10))
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// apiMonitorFields names the API's fields in a validation error: "url"
// for an http monitor's target.
func apiMonitorFields(err error) error {
	if e, ok := hitori.AsError(err); ok && e.Fields != nil {
		if k, ok := e.Fields["target"]; ok {
			e.Fields["url"] = k
		}
	}
	return err
}

// heartbeatURL is where a job reports it ran.
func (s *Server) heartbeatURL(token string) string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + "/hb/" + token
}

// apiMonitor is GET /api/v1/monitors/{id}: the monitor, its state and last result.
func (s *Server) apiMonitor(w http.ResponseWriter, r *http.Request) error {
	id, err := monitorID(r)
	if err != nil {
		return err
	}
	m, st, err := s.stores.Monitors.FindMonitor(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toMonitorJSON(m, st))
	return nil
}

// apiMonitors is GET /api/v1/monitors?q=&offset=&limit= (limit ≤ 500, default 100).
func (s *Server) apiMonitors(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := hitori.MonitorFilter{Query: q.Get("q"), Limit: 100}
	for name, dst := range map[string]*int{"offset": &f.Offset, "limit": &f.Limit} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 10_000_000 || (name == "limit" && (n < 1 || n > 500)) {
				return hitori.FieldError(name, "error.invalid")
			}
			*dst = n
		}
	}
	list, total, err := s.stores.Monitors.FindMonitors(r.Context(), f)
	if err != nil {
		return err
	}
	out := struct {
		Monitors []monitorOutJSON `json:"monitors"`
		Total    int              `json:"total"`
	}{Monitors: make([]monitorOutJSON, 0, len(list)), Total: total}
	for _, sum := range list {
		j := toMonitorJSON(sum.Monitor, &sum.State)
		if sum.Uptime >= 0 {
			u := sum.Uptime
			j.Uptime24h = &u
		}
		out.Monitors = append(out.Monitors, j)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// heartbeat is GET|POST /hb/{token}: a backup job or scheduled task says
// it ran. Public: the token is the secret; an unknown one is 404.
func (s *Server) heartbeat(w http.ResponseWriter, r *http.Request) error {
	if err := s.stores.Monitors.Heartbeat(r.Context(), r.PathValue("token")); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, "OK\n")
	return nil
}

// skipForHeartbeats sends /hb/ calls straight to the mux: scripts keep no
// cookies (no CSRF token, no session) and the token is their credential.
func skipForHeartbeats(next, mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/hb/") {
			mux.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// monitorID reads {id}; anything but a positive number is 404.
func monitorID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return id, nil
}
