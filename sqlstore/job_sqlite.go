package sqlstore

// claimJobsSQLite needs no row locks: the single writer connection already
// runs one claim at a time, and other processes share the file's write lock.
const claimJobsSQLite = `UPDATE jobs SET state = 'running', lease_owner = $1, lease_until = $2,
	attempts = attempts + 1, started_at = $3
	WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= $3 AND kind IN (%s)
		ORDER BY run_at, id LIMIT $4)
	RETURNING ` + jobColumns

// claimJobsSQL returns the dialect's claim statement.
func claimJobsSQL(dialect string) string {
	if dialect == Postgres {
		return claimJobsPostgres
	}
	return claimJobsSQLite
}
