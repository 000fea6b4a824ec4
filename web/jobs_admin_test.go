package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/jobs"
)

// TestJobsPage lists a failed job with its last error, retries it, cancels
// a queued one, and records both in the audit log.
func TestJobsPage(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	ctx := context.Background()
	jobs := e.db.Jobs()
	failed := &hitori.Job{Kind: "mail.send", Payload: `{"item":1}`, MaxAttempts: 1}
	queued := &hitori.Job{Kind: "mail.send", Payload: `{"item":2}`, RunAt: e.clock.Now().Add(time.Hour)}
	for _, j := range []*hitori.Job{failed, queued} {
		if err := jobs.Enqueue(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	claimed, err := jobs.Claim(ctx, "test", []string{"mail.send"}, 1, time.Minute)
	if err != nil || len(claimed) != 1 || claimed[0].ID != failed.ID {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	if err := jobs.Fail(ctx, failed.ID, "test", "smtp: 550 メールボックスがありません"); err != nil {
		t.Fatal(err)
	}

	c := e.client()
	c.login("admin@example.com", "password123")
	page := c.mustGet("/admin/jobs")
	if !strings.Contains(page, "550 メールボックスがありません") || !strings.Contains(page, "mail.send") {
		t.Errorf("failed tab lacks the job and its error:\n%.2000s", section(page, "job-table", "</table>"))
	}
	if page := c.mustGet("/admin/jobs?state=queued"); !strings.Contains(page, `action="/admin/jobs/`+strconv.FormatInt(queued.ID, 10)+`/cancel"`) {
		t.Errorf("queued tab lacks the cancel button:\n%.2000s", section(page, "job-table", "</table>"))
	}
	if status, _, _ := c.get("/admin/jobs?state=bogus"); status != http.StatusUnprocessableEntity && status != http.StatusBadRequest {
		t.Errorf("unknown tab: status %d", status)
	}

	status, loc, _ := c.post("/admin/jobs/"+strconv.FormatInt(failed.ID, 10)+"/retry", url.Values{"state": {"failed"}})
	if status != http.StatusSeeOther || !strings.Contains(loc, "flash=jobs.flash.retry") {
		t.Fatalf("retry: status %d location %q", status, loc)
	}
	if j, err := jobs.Get(ctx, failed.ID); err != nil || j.State != hitori.JobQueued {
		t.Errorf("after retry: %+v, %v", j, err)
	}
	if page := c.mustGet(loc); !strings.Contains(page, "再実行の待ち行列に入れました") {
		t.Error("retry flash missing")
	}
	status, _, _ = c.post("/admin/jobs/"+strconv.FormatInt(queued.ID, 10)+"/cancel", url.Values{"state": {"queued\r\nX: y"}})
	if status != http.StatusSeeOther {
		t.Fatalf("cancel: status %d", status)
	}
	if j, err := jobs.Get(ctx, queued.ID); err != nil || j.State != hitori.JobCancelled {
		t.Errorf("after cancel: %+v, %v", j, err)
	}
	if status, _, _ := c.post("/admin/jobs/999999/cancel", nil); status != http.StatusNotFound {
		t.Errorf("cancel of a missing job: status %d", status)
	}
	events, _, err := e.db.Audit().FindAuditEvents(ctx, hitori.AuditFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range events {
		if strings.HasPrefix(ev.Action, "job.") {
			got = append(got, ev.Action)
		}
	}
	if len(got) != 2 {
		t.Errorf("audit = %v, want a retry and a cancel", got)
	}
}

type fakeJobStats struct{ st jobs.Stats }

func (f fakeJobStats) Stats() jobs.Stats { return f.st }

// TestJobMetrics: /metrics reports the queue by kind and state and this
// process's runs, failures and run time by kind.
func TestJobMetrics(t *testing.T) {
	e := newSQLiteEnv(t)
	e.srv.cfg.JobStats = fakeJobStats{jobs.Stats{Running: 1, Waiting: 2, Kinds: map[string]jobs.KindStats{
		"mail.send": {Runs: 3, Errors: 1, Failed: 1, RunTime: 1500 * time.Millisecond}}}}
	if err := e.db.Jobs().Enqueue(context.Background(), &hitori.Job{Kind: "mail.poll"}); err != nil {
		t.Fatal(err)
	}
	_, _, body := e.client().get("/metrics")
	for _, want := range []string{`hitori_jobs{kind="mail.poll",state="queued"} 1`, `hitori_job_runs_total{kind="mail.send"} 3`,
		`hitori_job_failures_total{kind="mail.send"} 1`, `hitori_job_run_seconds_total{kind="mail.send"} 1.5`, "hitori_jobs_running 1", "hitori_jobs_waiting 2"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lacks %q", want)
		}
	}
}
