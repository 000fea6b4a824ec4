#!/usr/bin/env bash
# Ledger import benchmark for BENCHMARKS.md: `hitori assets import` of a
# generated 50,000-row ledger (.xlsx, and CP932 CSV) into an empty register,
# then the same file again (nothing changes), with wall time and peak
# resident memory of the whole command.
# Usage: bench/ledger.sh [sqlite|postgres-url] [rows]   (needs GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-sqlite}"
rows="${2:-50000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
src=../shared/testdata/ledger/it_asset_ledger_clean.xlsx
[ -f "$src" ] || src=ledger/testdata/it_asset_ledger_clean.xlsx
go build -trimpath -ldflags "-s -w" -o "$work/hitori" ./cmd/hitori
go run ./bench/ledgergen -src "$src" -rows "$rows" -out "$work/ledger.xlsx"
go run ./bench/ledgergen -src "$src" -rows "$rows" -out "$work/ledger.csv"
ls -l "$work/ledger.xlsx" "$work/ledger.csv" | awk '{print $5, $9}'

run() { # label, file, extra flags…
  local label=$1 file=$2; shift 2
  local dbflag=()
  if [ "$db" != sqlite ]; then dbflag=(--db "$db"); fi
  /usr/bin/time -f "%e s wall, %U s user + %S s sys CPU, peak RSS %M KiB" -o "$work/time" "$work/hitori" assets import --data "$work/data" "${dbflag[@]}" --json "$@" "$file" >"$work/out"
  printf '%-34s %s  %s\n' "$label" "$(cat "$work/time")" "$(cut -c1-80 "$work/out")"
}
if [ "$db" != sqlite ]; then
  echo "note: $db must be an empty database (the import adds $rows assets)" >&2
fi
run "xlsx, dry run (empty register)" "$work/ledger.xlsx" --dry-run
run "xlsx, import (empty register)" "$work/ledger.xlsx"
run "xlsx, again (nothing changes)" "$work/ledger.xlsx"
run "csv cp932, again (nothing changes)" "$work/ledger.csv"
dbflag=()
if [ "$db" != sqlite ]; then dbflag=(--db "$db"); fi
/usr/bin/time -f "%e s wall, %U s user + %S s sys CPU, peak RSS %M KiB" -o "$work/time" "$work/hitori" assets export --data "$work/data" "${dbflag[@]}" --out "$work/export.xlsx" >"$work/out"
printf '%-34s %s  %s\n' "export xlsx" "$(cat "$work/time")" "$(cat "$work/out")"
