#!/usr/bin/env bash
# Work-item benchmarks for BENCHMARKS.md: seed N items (default 1,000,000) with
# `hitori seed` into a fresh database, then measure p50/p95/p99 latency of the
# board (the "next" page plus the four quadrant counts), the board as four
# boxes, a filtered list (status + text + assignee) and a requester's own list,
# with the Go benchmarks in sqlstore/item_bench_test.go. Target: p95 < 50 ms.
# Usage: bench/items.sh [postgres://…]   SQLite in a temporary folder when no URL;
#        with a URL, a temporary schema there (needs psql). N=… and RUNS=… override.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${N:-1000000}"
runs="${RUNS:-300}"
pg="${1:-}"
work=$(mktemp -d)
schema=""
cleanup() {
  [ -n "$schema" ] && psql "$pg" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr), $(go version | cut -d' ' -f3)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
go build -trimpath -o "$work/hitori" ./cmd/hitori

target="$work/data/hitori.db"
dbflag=()
if [ -n "$pg" ]; then
  command -v psql >/dev/null || { echo "bench/items.sh: psql is needed to make a scratch schema" >&2; exit 1; }
  schema="bench_items_$(date +%s)"
  psql "$pg" -qc "CREATE SCHEMA $schema"
  sep='?'; [[ "$pg" == *\?* ]] && sep='&'
  target="$pg${sep}search_path=$schema"
  dbflag=(--db "$target")
fi
if [ -n "$pg" ]; then echo "database: postgres ($(psql "$pg" -tAc 'SHOW server_version')), $n items"; else echo "database: sqlite, $n items"; fi

# Fixed seed and end date: the same data on every run and machine.
"$work/hitori" seed --data "$work/data" "${dbflag[@]}" --items "$n" --seed 1 --until 2026-11-25
if [ -n "$pg" ]; then
  # What autovacuum would soon do; without it the first minutes use no statistics.
  PGOPTIONS="-c search_path=$schema" psql "$pg" -qc "VACUUM ANALYZE items"
else
  echo "database size: $(du -h "$target" | cut -f1)"
fi

HITORI_BENCH_DATA="$target" go test -run '^$' -bench 'Item' -benchtime "${runs}x" -count 1 ./sqlstore/ |
  awk '/^Benchmark/ {
    name = $1; sub(/^BenchmarkItem/, "", name); sub(/-[0-9]+$/, "", name)
    for (i = 1; i <= NF; i++) { if ($i ~ /^p[0-9]+-ms$/) v[$i] = $(i-1) }
    printf "%-14s p50 %7.2f ms   p95 %7.2f ms   p99 %7.2f ms   (%d runs)\n", name, v["p50-ms"], v["p95-ms"], v["p99-ms"], $2
  }
  /^(FAIL|panic|---)/ { print; bad = 1 }
  END { exit bad }'
