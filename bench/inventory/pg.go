package main

import (
	"fmt"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"hitori/bench/internal/served"
)

// pgDatabase is the fresh database a PostgreSQL run uses, made and dropped
// with psql (the bench imports no database driver).
type pgDatabase struct {
	admin   string // URL of the server's maintenance database
	name    string
	url     string // hitori's --db
	version string
}

func createDatabase(server string) (*pgDatabase, error) {
	u, err := url.Parse(server)
	if err != nil {
		return nil, err
	}
	db := &pgDatabase{name: fmt.Sprintf("benchinv_%d", time.Now().UnixNano())}
	u.Path = "/postgres"
	db.admin = u.String()
	u.Path = "/" + db.name
	db.url = u.String()
	if _, err := psql(db.admin, "CREATE DATABASE "+db.name); err != nil {
		return nil, err
	}
	db.version, _ = psql(db.admin, "SHOW server_version")
	return db, nil
}

func (db *pgDatabase) drop() {
	if _, err := psql(db.admin, "DROP DATABASE IF EXISTS "+db.name+" WITH (FORCE)"); err != nil {
		fmt.Println("drop database:", err)
	}
}

func psql(url, query string) (string, error) {
	out, err := exec.Command("psql", url, "-Atc", query).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("psql %q: %v: %s", query, err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// backendTicks is the CPU time each of the database's backends has used
// (pid → time); nil without PostgreSQL. A backend that ends loses what it
// used after its last sample.
type backendTicks map[int]time.Duration

func (db *pgDatabase) backendTicks() backendTicks {
	if db == nil {
		return nil
	}
	out, err := psql(db.admin, "SELECT pid FROM pg_stat_activity WHERE datname = '"+db.name+"'")
	if err != nil {
		return nil
	}
	t := backendTicks{}
	for _, f := range strings.Fields(out) {
		if pid, err := strconv.Atoi(f); err == nil {
			t[pid] = served.CPUTime(pid)
		}
	}
	return t
}

// merge keeps each backend's latest figure.
func (t backendTicks) merge(now backendTicks) {
	for pid, v := range now {
		if v > t[pid] {
			t[pid] = v
		}
	}
}

// since is the CPU time the backends in t used after before (all of it
// for backends that started in between).
func (t backendTicks) since(before backendTicks) time.Duration {
	var d time.Duration
	for pid, v := range t {
		d += v - before[pid]
	}
	return d
}

func (db *pgDatabase) size() string {
	out, err := psql(db.admin, "SELECT pg_size_pretty(pg_database_size('"+db.name+"'))")
	if err != nil {
		return "?"
	}
	return out
}
