package hitori

import (
	"encoding/json"
	"time"
)

// JobState is where a background job is in its life.
type JobState string

// Job states. Done and cancelled jobs are deleted after a retention window;
// failed jobs stay until an administrator retries or they age out with them.
const (
	JobQueued    JobState = "queued"
	JobRunning   JobState = "running"
	JobDone      JobState = "done"
	JobFailed    JobState = "failed"
	JobCancelled JobState = "cancelled"
)

// DefaultJobMaxAttempts is used when a job is enqueued without MaxAttempts.
const DefaultJobMaxAttempts = 10

// Job is one unit of durable background work. It is run at least once:
// a worker that dies after the job's effect but before marking it done
// leaves it to be run again, so handlers must be idempotent.
type Job struct {
	ID      int64
	Kind    string // names the handler, e.g. "mail.send"
	Payload string // JSON text, read by the handler
	// UniqueKey, when set, lets only one queued or running job carry it:
	// enqueueing a second one returns the first.
	UniqueKey   string
	State       JobState
	RunAt       time.Time // not before
	Attempts    int       // runs started so far
	MaxAttempts int
	LastError   string
	LeaseOwner  string    // the process running it, while running
	LeaseUntil  time.Time // zero unless running
	CreatedAt   time.Time
	StartedAt   time.Time // of the latest attempt; zero before the first
	FinishedAt  time.Time // zero until done, failed or cancelled
}

// Validate checks what the database cannot: a kind, JSON payload, sane limits.
func (j *Job) Validate() error {
	switch {
	case j.Kind == "" || len(j.Kind) > 100:
		return FieldError("kind", "error.job_kind")
	case j.Payload != "" && !json.Valid([]byte(j.Payload)):
		return FieldError("payload", "error.job_payload")
	case j.MaxAttempts < 0 || j.MaxAttempts > 1000:
		return FieldError("max_attempts", "error.job_max_attempts")
	case len(j.UniqueKey) > 200:
		return FieldError("unique_key", "error.job_unique_key")
	}
	return nil
}

// Schedule is a recurring job: when NextRun passes, one process enqueues a
// job of Kind with Payload and moves NextRun on by Spec.
type Schedule struct {
	ID      int64
	Name    string // unique; also the unique key of the jobs it enqueues
	Kind    string
	Payload string
	// Spec is "every 30s", "daily 09:00", "weekly mon 09:00" or
	// "monthly 25 09:00", optionally followed by "business" (jobs.ParseSpec).
	Spec      string
	NextRun   time.Time
	LastRun   time.Time // zero before the first run
	Enabled   bool
	LastJobID int64    // the latest job it enqueued, 0 if none
	LastState JobState // of that job, "" once it was deleted
	LastError string   // of that job
}

// JobFilter selects jobs for the admin page.
type JobFilter struct {
	State  JobState // required
	Kind   string   // optional
	Offset int
	Limit  int // 0 means 50
}

// JobCount is the number of jobs of one kind in one state, for /metrics.
type JobCount struct {
	Kind  string
	State JobState
	N     int
}
