package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"hitori"
	"hitori/jobs"
)

// JobStats is the engine's in-process counters, for /metrics.
type JobStats interface{ Stats() jobs.Stats }

const jobsPerPage = 50

// jobTabs are the page's views in order; "schedules" lists recurring jobs.
var jobTabs = []string{string(hitori.JobQueued), string(hitori.JobRunning), string(hitori.JobFailed), "schedules"}

// jobsData is what admin_jobs.html shows.
type jobsData struct {
	Tab       string
	Tabs      []string
	Counts    map[string]int // by state, over all kinds
	Jobs      []*hitori.Job
	Schedules []*hitori.Schedule
	Pager     pager
}

// jobsPage is GET /admin/jobs: queued, running and failed jobs with their
// last error, and the recurring schedules with their latest run.
func (s *Server) jobsPage(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "settings")
	p.Title = p.T("jobs.title")
	q := r.URL.Query()
	d := &jobsData{Tab: q.Get("state"), Tabs: jobTabs, Counts: map[string]int{}}
	if d.Tab == "" {
		d.Tab = string(hitori.JobFailed)
	}
	counts, err := s.jobs.Counts(r.Context())
	if err != nil {
		return err
	}
	for _, c := range counts {
		d.Counts[string(c.State)] += c.N
	}
	switch d.Tab {
	case "schedules":
		if d.Schedules, err = s.jobs.Schedules(r.Context()); err != nil {
			return err
		}
	case string(hitori.JobQueued), string(hitori.JobRunning), string(hitori.JobFailed):
		pg := pageNumber(q.Get("page"))
		f := hitori.JobFilter{State: hitori.JobState(d.Tab), Kind: q.Get("kind"), Offset: (pg - 1) * jobsPerPage, Limit: jobsPerPage}
		if d.Jobs, err = s.jobs.List(r.Context(), f); err != nil {
			return err
		}
		d.Pager = newPager(r, pg, jobsPerPage, d.Counts[d.Tab])
	default:
		return hitori.FieldError("state", "error.invalid")
	}
	p.Flash = p.T(q.Get("flash"))
	if p.Flash == q.Get("flash") {
		p.Flash = "" // not a catalogue key: ignore what the URL says
	}
	p.Data = d
	s.render(w, http.StatusOK, "admin_jobs", p)
	return nil
}

// jobRetry is POST /admin/jobs/{id}/retry: a failed or cancelled job runs again now.
func (s *Server) jobRetry(w http.ResponseWriter, r *http.Request) error {
	return s.jobAction(w, r, "retry", s.jobs.Retry, hitori.AuditJobRetry)
}

// jobCancel is POST /admin/jobs/{id}/cancel: a queued job will not run.
func (s *Server) jobCancel(w http.ResponseWriter, r *http.Request) error {
	return s.jobAction(w, r, "cancel", s.jobs.Cancel, hitori.AuditJobCancel)
}

func (s *Server) jobAction(w http.ResponseWriter, r *http.Request, what string, do func(context.Context, int64) error, action string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	if err := do(r.Context(), id); err != nil {
		return err
	}
	s.audit(r, identityFrom(r).user, action, hitori.AuditCode(hitori.TargetJob, strconv.FormatInt(id, 10)), "")
	back := "/admin/jobs?flash=jobs.flash." + what
	if st := r.PostFormValue("state"); slices.Contains(jobTabs, st) {
		back += "&state=" + st
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}
