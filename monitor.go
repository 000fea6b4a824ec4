package hitori

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// MonitorType is what a monitor checks.
type MonitorType string

// Monitor types.
const (
	MonitorHTTP      MonitorType = "http"      // an HTTP(S) URL: status, keyword or JSON value, latency
	MonitorTCP       MonitorType = "tcp"       // a TCP port accepts connections
	MonitorPing      MonitorType = "ping"      // ICMP echo (unprivileged ping socket)
	MonitorDNS       MonitorType = "dns"       // a DNS record resolves (to an expected value)
	MonitorTLS       MonitorType = "tls"       // a certificate's days left (HTTPS or STARTTLS)
	MonitorHeartbeat MonitorType = "heartbeat" // something calls /hb/{token} at least every period
)

// MonitorTypes lists every type in display order.
var MonitorTypes = []MonitorType{MonitorHTTP, MonitorTCP, MonitorPing, MonitorDNS, MonitorTLS, MonitorHeartbeat}

// Valid reports whether t is a known type.
func (t MonitorType) Valid() bool {
	for _, k := range MonitorTypes {
		if t == k {
			return true
		}
	}
	return false
}

// MonitorStatus is a monitor's current state.
type MonitorStatus string

// Monitor states. Pending: not checked yet, or failing but not yet for
// more than Retries checks in a row.
const (
	MonitorUp          MonitorStatus = "up"
	MonitorDown        MonitorStatus = "down"
	MonitorPending     MonitorStatus = "pending"
	MonitorPaused      MonitorStatus = "paused"
	MonitorMaintenance MonitorStatus = "maintenance"
)

// Limits on a monitor's fields.
const (
	MonitorNameMax     = 200
	MonitorTargetMax   = 2000
	MonitorIntervalMin = 10 * time.Second
	MonitorIntervalMax = 24 * time.Hour
	MonitorTimeoutMax  = 60 * time.Second
	MonitorRetriesMax  = 10
	MonitorHeadersMax  = 20
	MonitorKeywordMax  = 500
	MonitorMessageMax  = 300 // a result's message as stored
	MonitorBodyMax     = 1 << 20
)

// HTTPOptions refine an http monitor. ExpectStatus 0 accepts any 2xx/3xx.
type HTTPOptions struct {
	Method        string            `json:"method,omitempty"`
	ExpectStatus  int               `json:"expect_status,omitempty"`
	Keyword       string            `json:"keyword,omitempty"`        // the body must contain it
	JSONPath      string            `json:"json_path,omitempty"`      // dotted path into a JSON body, e.g. "status.db"
	JSONValue     string            `json:"json_value,omitempty"`     // expected value at JSONPath, as text
	MaxLatencyMS  int               `json:"max_latency_ms,omitempty"` // slower counts as down; 0: no limit
	NoRedirects   bool              `json:"no_redirects,omitempty"`
	Headers       map[string]string `json:"headers,omitempty"`
	SkipTLSVerify bool              `json:"skip_tls_verify,omitempty"`
}

// DNSOptions refine a dns monitor: the target is the name to resolve.
type DNSOptions struct {
	Server     string `json:"server,omitempty"`      // host:port; empty: the system resolver
	RecordType string `json:"record_type,omitempty"` // A, AAAA, CNAME, MX, TXT, NS; default A
	Expect     string `json:"expect,omitempty"`      // one answer must equal it; empty: any answer
}

// TLS protocols a tls monitor speaks before the handshake.
const (
	TLSDirect       = ""     // TLS from the first byte (HTTPS, IMAPS, SMTPS)
	TLSStartTLSSMTP = "smtp" // SMTP STARTTLS (port 25/587)
	TLSStartTLSIMAP = "imap" // IMAP STARTTLS (port 143)
)

// TLSOptions refine a tls monitor: the target is host:port.
type TLSOptions struct {
	StartTLS string `json:"starttls,omitempty"`
	WarnDays int    `json:"warn_days,omitempty"` // down when fewer days are left; default 14
}

// HeartbeatOptions refine a heartbeat monitor: down when no call came for
// PeriodS+GraceS seconds.
type HeartbeatOptions struct {
	PeriodS int `json:"period_s,omitempty"`
	GraceS  int `json:"grace_s,omitempty"`
}

// MonitorOptions are the type-specific settings, stored as one JSON text.
type MonitorOptions struct {
	HTTP      *HTTPOptions      `json:"http,omitempty"`
	DNS       *DNSOptions       `json:"dns,omitempty"`
	TLS       *TLSOptions       `json:"tls,omitempty"`
	Heartbeat *HeartbeatOptions `json:"heartbeat,omitempty"`
}

// MaintenanceWindow is a one-off time span in which a monitor's failures
// do not count (state maintenance). Recurring windows hang on later.
type MaintenanceWindow struct {
	ID     int64
	Starts time.Time
	Ends   time.Time
	Note   string
}

// Monitor is one thing watched.
type Monitor struct {
	ID        int64
	Name      string
	Type      MonitorType
	Target    string // URL (http), host:port (tcp, tls), host (ping), name (dns); empty for heartbeat
	Interval  time.Duration
	Timeout   time.Duration
	Retries   int // failures in a row tolerated before down
	Options   MonitorOptions
	Token     string // heartbeat: the secret of /hb/{token}; set by the store
	SystemID  *int64 // linked system (asset), optional
	RunbookID *int64 // linked runbook (article), optional
	Paused    bool
	Windows   []MaintenanceWindow
	Recurring []RecurringWindow // recurring maintenance (kept by the incidents store)
	CreatedAt time.Time
	UpdatedAt time.Time
}

// CheckResult is one run of a check.
type CheckResult struct {
	MonitorID int64
	At        time.Time // when the check started
	OK        bool
	Latency   time.Duration
	Message   string // why it failed, or a detail (status code, days left)
}

// MonitorState is what the scheduler knows of a monitor now.
type MonitorState struct {
	MonitorID int64
	Status    MonitorStatus
	Since     time.Time // when Status began
	Failures  int       // failed checks in a row
	Last      *CheckResult
}

// MonitorEvent is a change of state, kept for alerting to consume.
type MonitorEvent struct {
	ID        int64
	MonitorID int64
	At        time.Time
	From      MonitorStatus
	To        MonitorStatus
	Message   string
}

// MonitorRollup is an hour's or a day's summary of a monitor's results.
type MonitorRollup struct {
	MonitorID int64
	Period    string // "hour" or "day"
	Start     time.Time
	Checks    int
	Up        int
	P50       time.Duration
	P95       time.Duration
}

// Uptime is the share of checks that succeeded, 0..100.
func (r MonitorRollup) Uptime() float64 {
	if r.Checks == 0 {
		return 0
	}
	return 100 * float64(r.Up) / float64(r.Checks)
}

// InWindow reports whether t falls in one of the monitor's maintenance
// windows, one-off or recurring.
func (m *Monitor) InWindow(t time.Time) bool {
	for _, w := range m.Windows {
		if !t.Before(w.Starts) && t.Before(w.Ends) {
			return true
		}
	}
	for i := range m.Recurring {
		if m.Recurring[i].Contains(t) {
			return true
		}
	}
	return false
}

// Validate trims, fills defaults and checks a monitor; every problem comes
// back at once as field errors (catalogue keys "monitor.error.*").
func (m *Monitor) Validate() error {
	m.Name, m.Target = strings.TrimSpace(m.Name), strings.TrimSpace(m.Target)
	f := map[string]string{}
	text := func(field, v string, limit int) {
		switch {
		case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
			f[field] = "monitor.error.invalid"
		case utf8.RuneCountInString(v) > limit:
			f[field] = "monitor.error.too_long"
		}
	}
	if m.Name == "" {
		f["name"] = "monitor.error.name_required"
	}
	text("name", m.Name, MonitorNameMax)
	text("target", m.Target, MonitorTargetMax)
	if !m.Type.Valid() {
		f["type"] = "monitor.error.type"
	}
	if m.Interval == 0 {
		m.Interval = 60 * time.Second
	}
	if m.Interval < MonitorIntervalMin || m.Interval > MonitorIntervalMax || m.Interval%time.Second != 0 {
		f["interval_s"] = "monitor.error.interval"
	}
	if m.Timeout == 0 {
		m.Timeout = min(10*time.Second, m.Interval/2)
	}
	if m.Timeout < time.Second || m.Timeout > MonitorTimeoutMax || m.Timeout >= m.Interval {
		f["timeout_s"] = "monitor.error.timeout"
	}
	if m.Retries < 0 || m.Retries > MonitorRetriesMax {
		f["retries"] = "monitor.error.retries"
	}
	if _, bad := f["target"]; !bad && m.Type.Valid() {
		if key := m.validTarget(); key != "" {
			f["target"] = key
		}
	}
	m.validOptions(f)
	for i, w := range m.Windows {
		if !w.Ends.After(w.Starts) {
			f["windows"] = "monitor.error.window"
		}
		m.Windows[i].Note = strings.TrimSpace(w.Note)
		text("windows", m.Windows[i].Note, MonitorNameMax)
	}
	if len(f) > 0 {
		return &Error{Code: EINVALID, Message: "invalid monitor", Key: "monitor.error.form", Fields: f}
	}
	return nil
}

// validTarget checks the target's shape for the type; "" when fine.
func (m *Monitor) validTarget() string {
	switch m.Type {
	case MonitorHeartbeat:
		m.Target = ""
		return ""
	case MonitorHTTP:
		u, err := url.Parse(m.Target)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "monitor.error.url"
		}
	case MonitorTCP, MonitorTLS:
		i := strings.LastIndexByte(m.Target, ':')
		if i <= 0 || i == len(m.Target)-1 || strings.ContainsAny(m.Target, " /") {
			return "monitor.error.hostport"
		}
	case MonitorPing, MonitorDNS:
		if m.Target == "" || strings.ContainsAny(m.Target, " /:") && m.Type == MonitorDNS {
			return "monitor.error.host"
		}
	}
	if m.Target == "" {
		return "monitor.error.target_required"
	}
	return ""
}

func (m *Monitor) validOptions(f map[string]string) {
	o := &m.Options
	if m.Type != MonitorHTTP {
		o.HTTP = nil
	} else if h := o.HTTP; h != nil {
		if h.ExpectStatus != 0 && (h.ExpectStatus < 100 || h.ExpectStatus > 599) {
			f["expect_status"] = "monitor.error.status"
		}
		if h.MaxLatencyMS < 0 || h.MaxLatencyMS > int(MonitorTimeoutMax/time.Millisecond) {
			f["max_latency_ms"] = "monitor.error.latency"
		}
		if len(h.Keyword) > MonitorKeywordMax || len(h.JSONPath) > MonitorKeywordMax || len(h.JSONValue) > MonitorKeywordMax {
			f["keyword"] = "monitor.error.too_long"
		}
		if len(h.Headers) > MonitorHeadersMax {
			f["headers"] = "monitor.error.headers"
		}
		for k, v := range h.Headers {
			if k == "" || strings.ContainsAny(k, " :\r\n") || strings.ContainsAny(v, "\r\n") {
				f["headers"] = "monitor.error.headers"
			}
		}
		switch h.Method {
		case "", "GET", "HEAD", "POST":
		default:
			f["method"] = "monitor.error.method"
		}
	}
	if m.Type != MonitorDNS {
		o.DNS = nil
	} else if d := o.DNS; d != nil {
		d.RecordType = strings.ToUpper(strings.TrimSpace(d.RecordType))
		switch d.RecordType {
		case "", "A", "AAAA", "CNAME", "MX", "TXT", "NS":
		default:
			f["record_type"] = "monitor.error.record_type"
		}
		if d.Server != "" && !strings.Contains(d.Server, ":") {
			d.Server += ":53"
		}
	}
	if m.Type != MonitorTLS {
		o.TLS = nil
	} else if t := o.TLS; t != nil {
		if t.StartTLS != TLSDirect && t.StartTLS != TLSStartTLSSMTP && t.StartTLS != TLSStartTLSIMAP {
			f["starttls"] = "monitor.error.starttls"
		}
		if t.WarnDays < 0 || t.WarnDays > 365 {
			f["warn_days"] = "monitor.error.warn_days"
		}
	}
	if m.Type != MonitorHeartbeat {
		o.Heartbeat = nil
	} else {
		if o.Heartbeat == nil {
			o.Heartbeat = &HeartbeatOptions{}
		}
		hb := o.Heartbeat
		if hb.PeriodS == 0 {
			hb.PeriodS = int(m.Interval / time.Second)
		}
		if hb.PeriodS < 10 || hb.PeriodS > 40*86400 || hb.GraceS < 0 || hb.GraceS > 86400 {
			f["period_s"] = "monitor.error.period"
		}
	}
}

// MonitorFilter selects a page of monitors.
type MonitorFilter struct {
	Query  string
	Offset int
	Limit  int
}

// MonitorSummary is a monitor as the list shows it.
type MonitorSummary struct {
	Monitor *Monitor
	State   MonitorState
	Uptime  float64       // last 24 h, percent; -1 when no checks
	P50     time.Duration // last 24 h
}

// MonitorService is the monitors area as users see it (staff only).
type MonitorService interface {
	CreateMonitor(ctx context.Context, m *Monitor) error
	UpdateMonitor(ctx context.Context, m *Monitor) error
	DeleteMonitor(ctx context.Context, id int64) error
	SetMonitorPaused(ctx context.Context, id int64, paused bool) error
	FindMonitor(ctx context.Context, id int64) (*Monitor, *MonitorState, error)
	FindMonitors(ctx context.Context, f MonitorFilter) ([]*MonitorSummary, int, error)
	RecentResults(ctx context.Context, id int64, limit int) ([]*CheckResult, error)
	Rollups(ctx context.Context, id int64, period string, since time.Time) ([]*MonitorRollup, error)
	MonitorEvents(ctx context.Context, id int64, limit int) ([]*MonitorEvent, error)
	// Heartbeat records a call of /hb/{token} (anonymous); an unknown
	// token is ENOTFOUND.
	Heartbeat(ctx context.Context, token string) error
}

// MonitorRun is what the scheduler needs of storage: no user in the
// context, it acts for the installation.
type MonitorRun interface {
	// ClaimShards takes free or expired shard leases (and renews holder's
	// own) until now+ttl, up to fair share among live holders; it returns
	// the shards holder owns now.
	ClaimShards(ctx context.Context, holder string, shards int, ttl time.Duration) ([]int, error)
	ReleaseShards(ctx context.Context, holder string) error
	// LoadMonitors returns the monitors, with their states, whose id %
	// shards is one of shardsOf.
	LoadMonitors(ctx context.Context, shardsOf []int, shards int) ([]*Monitor, []*MonitorState, error)
	// SaveResults stores a batch of results, the states they lead to and
	// the state changes, in one transaction.
	SaveResults(ctx context.Context, results []*CheckResult, states []*MonitorState, events []*MonitorEvent) error
	LastBeat(ctx context.Context, id int64) (time.Time, error)
	// Rollup summarises finished hours and days before now and purges raw
	// results older than keep.
	Rollup(ctx context.Context, now time.Time, keep time.Duration) error
	// MonitorsVersion changes whenever any monitor is created, edited,
	// paused or deleted, so the scheduler reloads only then.
	MonitorsVersion(ctx context.Context) (string, error)
}

// MonitorStore is the monitors area's storage.
type MonitorStore interface {
	MonitorService
	MonitorRun
}
