#!/usr/bin/env bash
# Work pages over HTTP for BENCHMARKS.md: the board (GET /work), the list
# filtered by text with the UI's default filters (GET /work/items?q=…: open
# items, newest first, 50 a page) and the same through the API
# (GET /api/v1/items?q=…), each with wrk against the real binary serving a
# database already seeded with `hitori seed` (bench/items.sh seeds one).
# Targets (issue 8): filtered list with text p95 < 30 ms; board ≥ 1,000 req/s
# with p99 < 50 ms, both at 8 connections.
# Usage: bench/work_http.sh DATA_DIR [postgres://…]   (needs curl and wrk)
#        BIN=… uses a built binary instead of building this tree; Q=… the text;
#        DUR=… the seconds per run (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
data="$1"
pg="${2:-}"
q="${Q:-プリンター}"
dur="${DUR:-15}"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
bin="${BIN:-}"
if [ -z "$bin" ]; then
  go build -trimpath -o "$work/hitori" ./cmd/hitori
  bin="$work/hitori"
fi
dbflag=()
[ -n "$pg" ] && dbflag=(--db "$pg")
port="${PORT:-18081}"
email="bench-tech-$(date +%s)@example.com"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(go version | cut -d' ' -f3)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), database: ${pg:-sqlite $data}"
echo 'benchmark-password' | "$bin" user create --data "$data" "${dbflag[@]}" --email "$email" --role technician >/dev/null
token=$("$bin" token create --data "$data" "${dbflag[@]}" --email "$email" --name bench)

start=$(date +%s%N)
"$bin" serve --data "$data" "${dbflag[@]}" --addr 127.0.0.1:$port --log-level warn 2>"$work/serve.log" &
until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done
echo "start to /healthz 200 (includes pending migrations): $(( ($(date +%s%N) - start) / 1000000 )) ms"

jar="$work/jar"
curl -fs -c "$jar" -o /dev/null "http://127.0.0.1:$port/login"
csrf=$(awk '$6 == "hitori_csrf" {print $7}' "$jar")
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=$email" --data-urlencode "password=benchmark-password" \
  --data-urlencode "csrf=$csrf" "http://127.0.0.1:$port/login"
session=$(awk '$6 == "hitori_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
cookie="Cookie: hitori_session=$session; hitori_csrf=$csrf"
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")

# wrk prints p50/p90/p99; this adds p95 and the error count.
cat >"$work/pct.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("  req/s %.0f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  non-2xx %d  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
EOF
run() { # name url header
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$3" "http://127.0.0.1:$port$2")
  [ "$code" = 200 ] || { echo "$1: $2 answered $code" >&2; exit 1; }
  echo "$1 ($2), wrk -t2 -c8 -d${dur}s, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t2 -c8 -d"${dur}s" -s "$work/pct.lua" -H "$3" "http://127.0.0.1:$port$2" | grep 'req/s'
}
run board "/work" "$cookie"
run list "/work/items?q=$enc" "$cookie"
run api "/api/v1/items?q=$enc" "Authorization: Bearer $token"
