-- The job engine (package jobs): durable background jobs claimed with
-- leases, and the recurring schedules that enqueue them. Kept in step with
-- ../postgres/0009_jobs.sql: only the identity and timestamp types differ.

-- One row per job. lease_owner/lease_until are set while a process runs
-- it; a lease that runs out (its process died) sends the job back to the
-- queue. Done and cancelled rows are deleted after a retention window.
CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '',
    unique_key    TEXT,                        -- NULL: no de-duplication
    state         TEXT NOT NULL,               -- queued, running, done, failed, cancelled
    run_at        TIMESTAMP NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    max_attempts  INTEGER NOT NULL,
    last_error    TEXT NOT NULL DEFAULT '',
    lease_owner   TEXT NOT NULL DEFAULT '',
    lease_until   TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP
);
-- The claim path reads only queued rows in run order; the reaper only
-- running rows by lease expiry. Partial indexes keep both small.
CREATE INDEX jobs_queued ON jobs(run_at, id) WHERE state = 'queued';
CREATE INDEX jobs_lease ON jobs(lease_until) WHERE state = 'running';
CREATE INDEX jobs_state ON jobs(state, finished_at);
-- A unique key holds while its job is waiting or running; once it ends,
-- the same key may be enqueued again (the next run of a schedule).
CREATE UNIQUE INDEX jobs_unique ON jobs(unique_key) WHERE unique_key IS NOT NULL AND state IN ('queued', 'running');

-- Recurring schedules. A process enqueues a due schedule's job only if its
-- conditional UPDATE of next_run succeeds, so two processes never both do.
CREATE TABLE job_schedules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '',
    spec          TEXT NOT NULL,
    next_run      TIMESTAMP NOT NULL,
    last_run      TIMESTAMP,
    enabled       BOOLEAN NOT NULL DEFAULT TRUE,
    last_job_id   BIGINT                       -- no foreign key: done jobs are purged
);
CREATE INDEX job_schedules_due ON job_schedules(next_run) WHERE enabled;
