#!/usr/bin/env bash
# Platform benchmarks for BENCHMARKS.md: binary size, cold start to a 200 from
# /healthz, idle resident memory, and signed-in page throughput with wrk.
# Usage: bench/platform.sh [sqlite|postgres-url]   (needs curl and wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-}"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -trimpath -ldflags "-s -w" -o "$work/hitori" ./cmd/hitori
bin="$work/hitori"
dbflag=()
[ -n "$db" ] && dbflag=(--db "$db")
port=18080
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(go version | cut -d' ' -f3)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "database: ${db:-sqlite}"
echo "binary size (stripped): $(du -h "$bin" | cut -f1) ($(stat -c %s "$bin") bytes)"
echo 'benchmark-password' | "$bin" user create --data "$work/data" "${dbflag[@]}" --email bench@example.com --role viewer >/dev/null

# Cold start: exec to first 200 from /healthz, 10 runs, on an existing database.
times=()
for i in $(seq 1 10); do
  start=$(date +%s%N)
  "$bin" serve --data "$work/data" "${dbflag[@]}" --addr 127.0.0.1:$port --log-level warn 2>/dev/null &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.002; done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  kill -TERM $pid; wait $pid || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "cold start to /healthz 200 (ms, 10 runs): median $(echo "$sorted" | sed -n 5p), min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)"

# Idle resident memory a few seconds after start.
"$bin" serve --data "$work/data" "${dbflag[@]}" --addr 127.0.0.1:$port --log-level warn 2>/dev/null &
pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.01; done
sleep 3
echo "idle RSS after start: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)"

# Signed-in page throughput: sign in with curl, then wrk on the home page.
echo "load average before the load test: $(cut -d' ' -f1-3 /proc/loadavg)"
jar="$work/jar"
curl -fs -c "$jar" -o /dev/null "http://127.0.0.1:$port/login"
csrf=$(awk '$6 == "hitori_csrf" {print $7}' "$jar")
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=bench@example.com" --data-urlencode "password=benchmark-password" \
  --data-urlencode "csrf=$csrf" "http://127.0.0.1:$port/login"
session=$(awk '$6 == "hitori_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
curl -fs -o /dev/null -H "Cookie: hitori_session=$session; hitori_csrf=$csrf" "http://127.0.0.1:$port/"
# The viewer's home page: the simple signed-in page (layout, navigation, session lookup).
for conns in 32 8; do
  echo "wrk -t2 -c$conns -d15s, signed-in home page:"
  wrk -t2 -c$conns -d15s --latency -H "Cookie: hitori_session=$session; hitori_csrf=$csrf" "http://127.0.0.1:$port/" | sed -n '/Latency Distribution/,/Requests\/sec/p'
done
echo "RSS after load: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)"
