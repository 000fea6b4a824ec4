package sqlstore

// claimJobsPostgres locks the rows it picks with SKIP LOCKED, so processes
// claiming at the same moment take different jobs instead of queuing on
// the same rows. %s is the kinds' placeholder list.
const claimJobsPostgres = `UPDATE jobs SET state = 'running', lease_owner = $1, lease_until = $2,
	attempts = attempts + 1, started_at = $3
	WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= $3 AND kind IN (%s)
		ORDER BY run_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
	RETURNING ` + jobColumns
