package monitor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"hitori"
)

// The alert messages, in the installation's language. They go to chat and
// mail through notify, so they are plain text, short, and say what to do.

type alertText struct {
	subject  map[hitori.IncidentEntryKind]string // %[1]s name, %[2]d step, %[3]s duration
	since    string                              // %s time
	reason   string
	ack      string
	step     string
	itemBody string // %[1]s base URL, %[2]d incident
	entry    map[hitori.IncidentEntryKind]string
}

var alertTexts = map[string]alertText{
	"ja": {
		subject: map[hitori.IncidentEntryKind]string{
			hitori.EntryAlert:      "【障害】%[1]s が停止しています",
			hitori.EntryEscalation: "【エスカレーション・段階%[2]d】%[1]s が停止したまま、%[3]s 応答がありません",
			hitori.EntryReminder:   "【継続中】%[1]s は停止したままです（%[3]s 経過）",
			hitori.EntryRecovery:   "【復旧】%[1]s が復旧しました（停止時間 %[3]s）",
		},
		since:    "停止の開始: %s",
		reason:   "最後の結果: %s",
		ack:      "対応する方は確認リンクを押してください（エスカレーションが止まります）。",
		step:     "段階",
		itemBody: "監視で検知した障害です。経過と確認（ack）は障害のページで: %[1]s/incidents/%[2]d\n復旧すると経過がこの案件に記録され、解決になります。",
		entry: map[hitori.IncidentEntryKind]string{
			hitori.EntryDown: "停止を検知", hitori.EntryDownAgain: "復旧前に再び停止", hitori.EntryAlert: "通知",
			hitori.EntryEscalation: "エスカレーション", hitori.EntryReminder: "継続中の再通知", hitori.EntryHeld: "通知を保留（通知しない時間帯）",
			hitori.EntrySkipped: "通知先なし", hitori.EntryAck: "確認済み", hitori.EntryMaintenance: "メンテナンス開始",
			hitori.EntryUp: "応答を確認", hitori.EntryRecovery: "復旧を通知", hitori.EntryResolved: "解決", hitori.EntryItem: "案件を作成",
		},
	},
	"en": {
		subject: map[hitori.IncidentEntryKind]string{
			hitori.EntryAlert:      "[DOWN] %[1]s is down",
			hitori.EntryEscalation: "[ESCALATION step %[2]d] %[1]s is still down, unacknowledged for %[3]s",
			hitori.EntryReminder:   "[STILL DOWN] %[1]s has been down for %[3]s",
			hitori.EntryRecovery:   "[RECOVERED] %[1]s is back (down for %[3]s)",
		},
		since:    "Down since: %s",
		reason:   "Last result: %s",
		ack:      "Whoever takes it, press the acknowledge link (it stops the escalation).",
		step:     "step",
		itemBody: "An outage found by monitoring. Its course and acknowledgement: %[1]s/incidents/%[2]d\nWhen it is over, its timeline is added here and the item is resolved.",
		entry: map[hitori.IncidentEntryKind]string{
			hitori.EntryDown: "went down", hitori.EntryDownAgain: "down again before the recovery held", hitori.EntryAlert: "alert sent",
			hitori.EntryEscalation: "escalated", hitori.EntryReminder: "still-down reminder", hitori.EntryHeld: "alerts held (quiet hours)",
			hitori.EntrySkipped: "nobody to tell", hitori.EntryAck: "acknowledged", hitori.EntryMaintenance: "maintenance began",
			hitori.EntryUp: "answering again", hitori.EntryRecovery: "recovery sent", hitori.EntryResolved: "resolved", hitori.EntryItem: "item opened",
		},
	},
}

var severities = map[hitori.IncidentEntryKind]string{
	hitori.EntryAlert: "down", hitori.EntryEscalation: "escalation", hitori.EntryReminder: "reminder", hitori.EntryRecovery: "up",
}

// message writes one send's message; alerts about an unacknowledged
// outage carry a signed ack link.
func (a *Alerts) message(ctx context.Context, in *hitori.Incident, st *hitori.MonitorState, s send) (hitori.NotifyMessage, error) {
	lang := a.lang()
	t := alertTexts[lang]
	now := a.now()
	var span time.Duration
	switch s.kind {
	case hitori.EntryEscalation:
		if in.StepAt != nil {
			span = now.Sub(in.OpenedAt)
		}
	case hitori.EntryRecovery:
		span = in.ResolvedAt.Sub(in.OpenedAt)
	default:
		span = now.Sub(in.OpenedAt)
	}
	m := hitori.NotifyMessage{
		Subject:    fmt.Sprintf(t.subject[s.kind], in.Title, s.step, humanSpan(span, lang)),
		Severity:   severities[s.kind],
		Lang:       lang,
		IncidentID: in.ID,
		Link:       strings.TrimRight(a.BaseURL, "/") + fmt.Sprintf("/incidents/%d", in.ID),
	}
	lines := []string{fmt.Sprintf(t.since, in.OpenedAt.In(hitori.Tokyo).Format("2006-01-02 15:04 MST"))}
	if st != nil && st.Last != nil && st.Last.Message != "" && s.kind != hitori.EntryRecovery {
		lines = append(lines, fmt.Sprintf(t.reason, st.Last.Message))
	}
	if s.kind != hitori.EntryRecovery && in.Status == hitori.IncidentOpen {
		tok, err := a.AckToken(ctx, in.ID, s.channel)
		if err != nil {
			return m, err
		}
		m.AckLink = strings.TrimRight(a.BaseURL, "/") + "/ack/" + tok
		lines = append(lines, t.ack)
	}
	m.Text = strings.Join(lines, "\n")
	return m, nil
}

// humanSpan says a duration in minutes, hours and days.
func humanSpan(d time.Duration, lang string) string {
	m := int(d.Round(time.Minute) / time.Minute)
	units := []string{"日", "時間", "分"}
	if lang == "en" {
		units = []string{" d", " h", " min"}
	}
	var parts []string
	for i, n := range []int{m / 1440, m % 1440 / 60, m % 60} {
		if n > 0 || i == 2 && len(parts) == 0 {
			parts = append(parts, fmt.Sprintf("%d%s", n, units[i]))
		}
	}
	return strings.Join(parts, " ")
}
