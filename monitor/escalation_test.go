package monitor_test

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/monitor"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// clock is a fake clock shared by the store and alerting.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// alertFixture is a database with one staff user, one monitor and alerting
// on a fake clock.
type alertFixture struct {
	db    *sqlstore.DB
	staff context.Context
	clk   *clock
	mon   *hitori.Monitor
	a     *monitor.Alerts
	seen  map[int64]bool // notify jobs already counted
}

func newAlertFixture(t *testing.T, db *sqlstore.DB, rule *hitori.AlertRule, t0 time.Time) *alertFixture {
	t.Helper()
	clk := &clock{t: t0}
	db.Now = clk.Now
	ctx := context.Background()
	u := &hitori.User{Email: "it@example.jp", Name: "情シス 佐藤", Role: hitori.RoleAdmin, Lang: "ja"}
	if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
		t.Fatal(err)
	}
	staff := hitori.NewContextWithUser(ctx, u)
	m := &hitori.Monitor{Name: "基幹システム", Type: hitori.MonitorHTTP, Target: "https://erp.example.jp/", Interval: time.Minute}
	if err := db.Monitors().CreateMonitor(staff, m); err != nil {
		t.Fatal(err)
	}
	if rule != nil {
		rule.MonitorID = m.ID
		if err := db.Incidents().SaveAlertRule(staff, rule); err != nil {
			t.Fatal(err)
		}
	}
	a := &monitor.Alerts{Store: db.Incidents(), BaseURL: "https://hd.example.jp", Now: clk.Now}
	return &alertFixture{db: db, staff: staff, clk: clk, mon: m, a: a, seen: map[int64]bool{}}
}

// down stores the monitor going down at the clock's time and lets the
// act job run; it returns the incident.
func (f *alertFixture) down(t *testing.T, failures int) int64 {
	t.Helper()
	at := f.clk.Now()
	r := &hitori.CheckResult{MonitorID: f.mon.ID, At: at, Message: "HTTP 503"}
	st := []*hitori.MonitorState{{MonitorID: f.mon.ID, Status: hitori.MonitorDown, Since: at, Failures: failures, Last: r}}
	ev := []*hitori.MonitorEvent{{MonitorID: f.mon.ID, At: at, From: hitori.MonitorUp, To: hitori.MonitorDown, Message: r.Message}}
	if err := f.db.Monitors().SaveResults(context.Background(), []*hitori.CheckResult{r}, st, ev); err != nil {
		t.Fatal(err)
	}
	open, err := f.db.Incidents().OpenIncidents(context.Background())
	if err != nil || len(open) == 0 {
		t.Fatalf("no incident: %v", err)
	}
	f.act(t, open[0].ID)
	return open[0].ID
}

func (f *alertFixture) act(t *testing.T, id int64) {
	t.Helper()
	if err := f.a.Act(context.Background(), id); err != nil {
		t.Fatal(err)
	}
}

// at moves the clock and runs the sweep.
func (f *alertFixture) at(t *testing.T, d time.Duration, t0 time.Time) {
	t.Helper()
	f.clk.Set(t0.Add(d))
	if _, err := f.a.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// sent returns the channels of notify.send jobs queued since the last
// call, sorted, with their severities.
func (f *alertFixture) sent(t *testing.T) (channels []int64, severities []string) {
	t.Helper()
	js, err := f.db.Jobs().List(context.Background(), hitori.JobFilter{State: hitori.JobQueued, Kind: hitori.JobNotifySend, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(js, func(i, j int) bool { return js[i].ID < js[j].ID })
	for _, j := range js {
		if f.seen[j.ID] {
			continue
		}
		f.seen[j.ID] = true
		var p hitori.NotifyPayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			t.Fatal(err)
		}
		channels, severities = append(channels, p.ChannelID), append(severities, p.Message.Severity)
	}
	return channels, severities
}

type channelNames map[int64]string

func (c channelNames) AlertChannelNames(context.Context) (map[int64]string, error) { return c, nil }

func sameInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestEscalationChainWithFakeClock(t *testing.T) {
	rule := func() *hitori.AlertRule {
		return &hitori.AlertRule{AfterFailures: 1, Steps: []hitori.EscalationStep{
			{ChannelIDs: []int64{11}},
			{AfterMinutes: 10, ChannelIDs: []int64{22}}, // the vendor's support desk
			{AfterMinutes: 20, ChannelIDs: []int64{33}},
		}}
	}
	t0 := time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC) // 10:00 JST, a Tuesday
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		t.Run("unacknowledged", func(t *testing.T) {
			f := newAlertFixture(t, db, rule(), t0)
			id := f.down(t, 1)
			if ch, sev := f.sent(t); !sameInts(ch, []int64{11}) || sev[0] != "down" {
				t.Fatalf("step 1: %v %v", ch, sev)
			}
			f.at(t, 10*time.Minute-time.Second, t0)
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("step 2 before its time: %v", ch)
			}
			f.at(t, 10*time.Minute, t0)
			if ch, sev := f.sent(t); !sameInts(ch, []int64{22}) || sev[0] != "escalation" {
				t.Fatalf("step 2 at its time: %v %v", ch, sev)
			}
			f.at(t, 30*time.Minute-time.Second, t0)
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("step 3 early: %v", ch)
			}
			f.at(t, 30*time.Minute, t0)
			if ch, _ := f.sent(t); !sameInts(ch, []int64{33}) {
				t.Fatalf("step 3: %v", ch)
			}
			f.at(t, 5*time.Hour, t0)
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("after the last step (no reminders set): %v", ch)
			}
			in, _, _ := f.db.Incidents().FindIncident(f.staff, id)
			if in.Step != 3 || in.Status != hitori.IncidentOpen {
				t.Fatalf("after the chain: %+v", in)
			}
		})
		t.Run("acknowledged in time", func(t *testing.T) {
			f := newAlertFixture(t, storetest.Open(t, db.Dialect), rule(), t0)
			id := f.down(t, 1)
			f.sent(t)
			f.clk.Set(t0.Add(9 * time.Minute))
			if err := f.a.Acknowledge(f.staff, id); err != nil {
				t.Fatal(err)
			}
			for _, d := range []time.Duration{10 * time.Minute, 30 * time.Minute, 3 * time.Hour} {
				f.at(t, d, t0)
				if ch, _ := f.sent(t); len(ch) != 0 {
					t.Fatalf("escalated after the acknowledgement, at +%v: %v", d, ch)
				}
			}
			in, entries, err := f.db.Incidents().FindIncident(f.staff, id)
			if err != nil || in.Status != hitori.IncidentAcknowledged || in.AckedBy != "情シス 佐藤" {
				t.Fatalf("incident %+v %v", in, err)
			}
			kinds := map[hitori.IncidentEntryKind]int{}
			for _, e := range entries {
				kinds[e.Kind]++
			}
			if kinds[hitori.EntryDown] != 1 || kinds[hitori.EntryAlert] != 1 || kinds[hitori.EntryAck] != 1 || kinds[hitori.EntryEscalation] != 0 {
				t.Fatalf("timeline %v", kinds)
			}
		})
		t.Run("a deleted channel is skipped, on the timeline", func(t *testing.T) {
			f := newAlertFixture(t, storetest.Open(t, db.Dialect), rule(), t0)
			f.a.Channels = channelNames{11: "Slack #infra"} // 22 and 33 were deleted
			id := f.down(t, 1)
			f.at(t, 10*time.Minute, t0)
			if ch, _ := f.sent(t); !sameInts(ch, []int64{11}) {
				t.Fatalf("sent %v", ch)
			}
			_, entries, _ := f.db.Incidents().FindIncident(f.staff, id)
			last := entries[len(entries)-1]
			if last.Kind != hitori.EntrySkipped || last.ChannelID != 22 || last.Step != 2 {
				t.Fatalf("last entry %+v", last)
			}
		})
		t.Run("ack link", func(t *testing.T) {
			f := newAlertFixture(t, storetest.Open(t, db.Dialect), rule(), t0)
			id := f.down(t, 1)
			tok, err := f.a.AckToken(context.Background(), id, 11)
			if err != nil {
				t.Fatal(err)
			}
			bad := []byte(tok)
			bad[3] ^= 1
			if _, err := f.a.AckByToken(context.Background(), string(bad), "link"); hitori.ErrorCode(err) != hitori.ENOTFOUND {
				t.Fatalf("forged token: %v", err)
			}
			f.clk.Set(t0.Add(monitor.AckLinkTTL + time.Second))
			if _, err := f.a.AckByToken(context.Background(), tok, "link"); hitori.ErrorCode(err) != hitori.ENOTFOUND {
				t.Fatalf("expired token: %v", err)
			}
			f.clk.Set(t0.Add(5 * time.Minute))
			if got, err := f.a.AckByToken(context.Background(), tok, "リンクから"); err != nil || got != id {
				t.Fatalf("ack by link: %v %v", got, err)
			}
			f.at(t, 10*time.Minute, t0)
			f.sent(t)
			f.at(t, 11*time.Minute, t0)
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("escalated after the link: %v", ch)
			}
		})
	})
}

func TestRemindersQuietHoursAndRecovery(t *testing.T) {
	// Quiet 22:00–07:00 JST; the outage starts at 23:00 JST.
	t0 := time.Date(2026, 12, 8, 14, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		t.Run("non-critical held until morning", func(t *testing.T) {
			f := newAlertFixture(t, db, &hitori.AlertRule{RemindMinutes: 60, ResolveMinutes: 5, NotifyRecovery: true,
				QuietStart: "22:00", QuietEnd: "07:00", Steps: []hitori.EscalationStep{{ChannelIDs: []int64{5}}}}, t0)
			id := f.down(t, 1)
			f.at(t, 7*time.Hour, t0) // 06:00 JST
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("alerted in quiet hours: %v", ch)
			}
			f.at(t, 8*time.Hour, t0) // 07:00 JST
			if ch, sev := f.sent(t); !sameInts(ch, []int64{5}) || sev[0] != "down" {
				t.Fatalf("held alert at 07:00: %v %v", ch, sev)
			}
			f.at(t, 9*time.Hour-time.Second, t0)
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("reminder early: %v", ch)
			}
			f.at(t, 9*time.Hour, t0)
			if ch, sev := f.sent(t); !sameInts(ch, []int64{5}) || sev[0] != "reminder" {
				t.Fatalf("reminder: %v %v", ch, sev)
			}
			// Recovery, flapping once, then holding.
			up := func(d time.Duration, to hitori.MonitorStatus) {
				at := t0.Add(d)
				f.clk.Set(at)
				from := hitori.MonitorDown
				if to == hitori.MonitorDown {
					from = hitori.MonitorUp
				}
				ev := []*hitori.MonitorEvent{{MonitorID: f.mon.ID, At: at, From: from, To: to}}
				st := []*hitori.MonitorState{{MonitorID: f.mon.ID, Status: to, Since: at, Failures: 1}}
				if err := f.db.Monitors().SaveResults(context.Background(), nil, st, ev); err != nil {
					t.Fatal(err)
				}
				f.act(t, id)
			}
			up(9*time.Hour+time.Minute, hitori.MonitorUp)
			up(9*time.Hour+3*time.Minute, hitori.MonitorDown)
			up(9*time.Hour+4*time.Minute, hitori.MonitorUp)
			f.at(t, 9*time.Hour+8*time.Minute, t0)
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("recovered before it held: %v", ch)
			}
			f.at(t, 9*time.Hour+9*time.Minute, t0)
			if ch, sev := f.sent(t); !sameInts(ch, []int64{5}) || sev[0] != "up" {
				t.Fatalf("recovery: %v %v", ch, sev)
			}
			in, _, _ := f.db.Incidents().FindIncident(f.staff, id)
			if in.Status != hitori.IncidentResolved || in.ResolvedAt == nil || !in.ResolvedAt.Equal(t0.Add(9*time.Hour+4*time.Minute)) {
				t.Fatalf("resolved %+v", in)
			}
			if _, n, _ := f.db.Incidents().FindIncidents(f.staff, hitori.IncidentFilter{}); n != 1 {
				t.Fatalf("flapping made %d incidents", n)
			}
		})
		t.Run("waits for failures, then held once", func(t *testing.T) {
			f := newAlertFixture(t, storetest.Open(t, db.Dialect), &hitori.AlertRule{AfterFailures: 3, QuietStart: "22:00", QuietEnd: "07:00",
				Steps: []hitori.EscalationStep{{ChannelIDs: []int64{5}}}}, t0)
			id := f.down(t, 1)
			for _, n := range []int{2, 3, 4} {
				f.clk.Set(t0.Add(time.Duration(n) * time.Minute))
				st := []*hitori.MonitorState{{MonitorID: f.mon.ID, Status: hitori.MonitorDown, Since: t0, Failures: n}}
				if err := f.db.Monitors().SaveResults(context.Background(), nil, st, nil); err != nil {
					t.Fatal(err)
				}
				f.act(t, id)
			}
			if ch, _ := f.sent(t); len(ch) != 0 {
				t.Fatalf("alerted in quiet hours: %v", ch)
			}
			_, entries, _ := f.db.Incidents().FindIncident(f.staff, id)
			held := 0
			for _, e := range entries {
				if e.Kind == hitori.EntryHeld {
					held++
				}
			}
			if held != 1 {
				t.Fatalf("%d held entries, want 1", held)
			}
			f.at(t, 8*time.Hour, t0)
			if ch, _ := f.sent(t); !sameInts(ch, []int64{5}) {
				t.Fatalf("at 07:00: %v", ch)
			}
		})
		t.Run("critical ignores quiet hours, on call by rotation", func(t *testing.T) {
			f := newAlertFixture(t, storetest.Open(t, db.Dialect), &hitori.AlertRule{Critical: true, QuietStart: "22:00", QuietEnd: "07:00",
				Steps: []hitori.EscalationStep{{OnCall: true}}}, t0)
			start := time.Date(2026, 11, 30, 9, 0, 0, 0, hitori.Tokyo) // a Monday 09:00
			cal := &hitori.OnCallCalendar{Start: start,
				Rotation:  []hitori.OnCallMember{{Name: "佐藤", ChannelID: 1}, {Name: "鈴木", ChannelID: 2}},
				Overrides: []hitori.OnCallOverride{{Starts: time.Date(2026, 12, 8, 20, 0, 0, 0, hitori.Tokyo), Ends: time.Date(2026, 12, 9, 0, 0, 0, 0, hitori.Tokyo), Member: hitori.OnCallMember{Name: "ベンダー", ChannelID: 9}}}}
			if err := f.db.Incidents().SaveOnCall(f.staff, cal); err != nil {
				t.Fatal(err)
			}
			f.down(t, 1) // 23:00 JST Dec 8: the override
			if ch, _ := f.sent(t); !sameInts(ch, []int64{9}) {
				t.Fatalf("override on call: %v", ch)
			}
		})
	})
}
