package duty_test

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/app"
	"hitori/duty"
	"hitori/jobs"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// dutyFixture is a database with a staff user, the services built as
// "hitori serve" builds them, and a fake clock.
type dutyFixture struct {
	db    *sqlstore.DB
	clock *fakeClock
	svc   *duty.Service
	staff context.Context // a context signed in as the administrator
	admin *hitori.User
}

func newDutyFixture(t *testing.T, db *sqlstore.DB, clock *fakeClock, e *jobs.Engine) *dutyFixture {
	t.Helper()
	ctx := context.Background()
	f := &dutyFixture{db: db, clock: clock}
	db.Now = f.clock.Now
	f.admin = &hitori.User{Email: "admin@example.com", Name: "管理者", Role: hitori.RoleAdmin}
	if err := db.Users().CreateUser(ctx, f.admin, "password123"); err != nil {
		t.Fatal(err)
	}
	built, err := app.Build(ctx, db.Stores(), app.Options{Engine: e})
	if err != nil {
		t.Fatal(err)
	}
	built.Work.Now = f.clock.Now
	f.svc = built.Duty
	f.svc.Now, f.svc.Location = f.clock.Now, tokyo
	f.staff = hitori.NewContextWithUser(ctx, f.admin)
	return f
}

// TestCompleteMissedAndExport records one occurrence's checklist and
// evidence, leaves one past due, and exports the history.
func TestCompleteMissedAndExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newDutyFixture(t, db, &fakeClock{t: time.Date(2027, 5, 6, 8, 0, 0, 0, tokyo)}, nil)
		ctx := f.staff
		d := &hitori.Duty{Title: "バックアップ結果の確認", Checklist: []string{"ジョブが成功", "容量に余裕"},
			EvidencePrompt: "ジョブ番号と転送量", Schedule: hitori.DutySchedule{Freq: hitori.DutyDaily, BusinessDaysOnly: true},
			StartsOn: "2027-05-06"}
		if err := f.svc.Create(ctx, d); err != nil {
			t.Fatal(err)
		}
		f.clock.Set(time.Date(2027, 5, 7, 5, 0, 0, 0, tokyo))
		if n, err := f.svc.Run(ctx); err != nil || n != 1 {
			t.Fatalf("run on 5/7: %d, %v", n, err)
		}
		today, err := f.svc.ForDate(ctx, d.ID, "2027-05-07")
		if err != nil {
			t.Fatal(err)
		}
		// The evidence note is required when the duty asks for one.
		_, err = f.svc.Complete(ctx, today.ID, duty.Completion{Done: map[int]bool{0: true}})
		if e, ok := hitori.AsError(err); !ok || e.Fields["evidence"] == "" {
			t.Fatalf("completion without evidence: %v", err)
		}
		o, err := f.svc.Complete(ctx, today.ID, duty.Completion{Done: map[int]bool{0: true}, Evidence: "JOB-4411 12.3GB"})
		if err != nil {
			t.Fatal(err)
		}
		if !o.Recorded() || o.CompletedBy != "管理者" || len(o.Checks) != 2 || !o.Checks[0].Done || o.Checks[1].Done {
			t.Fatalf("recorded: %+v", o)
		}
		it, err := db.Items().FindItemByID(ctx, o.ItemID)
		if err != nil || it.Status != hitori.StatusResolved {
			t.Fatalf("task after completion: %+v, %v", it, err)
		}
		evs, _ := db.Items().FindEvents(ctx, o.ItemID)
		var note string
		for _, e := range evs {
			if e.Kind == hitori.EventNote {
				note = e.Body
			}
		}
		if !strings.Contains(note, "☑ ジョブが成功") || !strings.Contains(note, "☐ 容量に余裕") || !strings.Contains(note, "JOB-4411") {
			t.Errorf("note on the task: %q", note)
		}
		// Completing again records nothing twice.
		if _, err := db.Duties().CompleteOccurrence(ctx, today.ID, nil, "x"); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Errorf("second record: %v", err)
		}
		// The next business day after Golden Week... 5/10 (Mon); 5/6 was
		// never done: it is missed from 5/7 on.
		f.clock.Set(time.Date(2027, 5, 10, 5, 0, 0, 0, tokyo))
		if _, err := f.svc.Run(ctx); err != nil {
			t.Fatal(err)
		}
		sums, total, err := db.Duties().FindDuties(ctx, hitori.DutyFilter{Today: f.svc.Today(), Sort: "missed"})
		if err != nil || total != 1 {
			t.Fatalf("duties: %d, %v", total, err)
		}
		if s := sums[0]; s.Missed != 1 || s.Open != 2 || s.NextDue == nil || *s.NextDue != "2027-05-06" {
			t.Errorf("summary: missed %d open %d next %v", s.Missed, s.Open, s.NextDue)
		}
		list, _, _ := db.Duties().FindOccurrences(ctx, hitori.OccurrenceFilter{DutyID: d.ID})
		states := map[hitori.Date]string{}
		for _, o := range list {
			states[o.DueOn] = duty.State(o, f.svc.Today())
		}
		want := map[hitori.Date]string{"2027-05-06": "missed", "2027-05-07": "recorded", "2027-05-10": "open"}
		for k, v := range want {
			if states[k] != v {
				t.Errorf("state of %s: %q, want %q", k, states[k], v)
			}
		}
		var csv bytes.Buffer
		if n, err := f.svc.Export(ctx, &csv, duty.ExportRequest{Format: "csv", DutyID: d.ID}); err != nil || n != 3 {
			t.Fatalf("csv: %d rows, %v", n, err)
		}
		for _, s := range []string{"定期業務,予定日", "JOB-4411 12.3GB", "完了（記録あり）", "未完了（期限超過）", "☑ ジョブが成功"} {
			if !strings.Contains(csv.String(), s) {
				t.Errorf("csv lacks %q:\n%s", s, csv.String())
			}
		}
		var xlsx bytes.Buffer
		if _, err := f.svc.Export(ctx, &xlsx, duty.ExportRequest{}); err != nil {
			t.Fatal(err)
		}
		if _, err := zip.NewReader(bytes.NewReader(xlsx.Bytes()), int64(xlsx.Len())); err != nil {
			t.Errorf("xlsx is not a zip: %v", err)
		}
		if _, err := f.svc.Export(ctx, &xlsx, duty.ExportRequest{Format: "pdf"}); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Errorf("unknown format: %v", err)
		}
	})
}

// TestGenerateFromEngineSchedule wires the duties as serve does and lets
// the job engine's daily schedule open the task, with a fake clock.
func TestGenerateFromEngineSchedule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		start := time.Date(2027, 8, 10, 4, 0, 0, 0, tokyo) // the day before 山の日
		clock := &fakeClock{t: start}
		e := jobs.New(db.Jobs(), jobs.Config{Workers: 2, Poll: 10 * time.Millisecond, Lease: 5 * time.Second,
			StopWait: 200 * time.Millisecond, Now: clock.Now, Location: tokyo, Rand: func() float64 { return 0.5 }})
		f := newDutyFixture(t, db, clock, e)
		d := &hitori.Duty{Title: "パッチ適用", Schedule: hitori.DutySchedule{Freq: hitori.DutyMonthly,
			Monthly: hitori.MonthlyNthWeekday, Nth: 2, Weekday: time.Wednesday, Holiday: hitori.HolidayNext}, StartsOn: "2027-08-01"}
		if err := f.svc.Create(f.staff, d); err != nil {
			t.Fatal(err)
		}
		scs, err := db.Jobs().Schedules(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		declared := 0
		for _, sc := range scs {
			if sc.Kind == duty.JobGenerate && sc.Spec == duty.GenerateSchedule {
				declared++
			}
		}
		if declared != 1 {
			t.Fatalf("duty schedules declared: %d", declared)
		}
		runCtx, cancel := context.WithCancel(context.Background())
		stopped := make(chan error, 1)
		go func() { stopped <- e.Run(runCtx) }()
		defer func() {
			cancel()
			if err := <-stopped; err != nil {
				t.Errorf("engine: %v", err)
			}
		}()
		// 8/11 is 山の日: the patch day moves to Thursday 8/12, whose task
		// the 05:00 run of 8/12 opens.
		for _, day := range []int{11, 12} {
			clock.Set(time.Date(2027, 8, day, 5, 0, 30, 0, tokyo))
			want := 0
			if day == 12 {
				want = 1
			}
			waitFor(t, "the day's duty run", func() bool {
				for _, sc := range mustSchedules(t, db) {
					if sc.Kind == duty.JobGenerate && sc.LastState == hitori.JobDone && !sc.LastRun.IsZero() &&
						sc.LastRun.In(tokyo).Day() == day {
						return true
					}
				}
				return false
			})
			list, _, err := db.Duties().FindOccurrences(f.staff, hitori.OccurrenceFilter{DutyID: d.ID})
			if err != nil || len(list) != want {
				t.Fatalf("8/%d: %d occurrences, want %d (%v)", day, len(list), want, err)
			}
			if want == 1 && list[0].DueOn != "2027-08-12" {
				t.Errorf("due %s", list[0].DueOn)
			}
		}
	})
}

func mustSchedules(t *testing.T, db *sqlstore.DB) []*hitori.Schedule {
	t.Helper()
	scs, err := db.Jobs().Schedules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return scs
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
