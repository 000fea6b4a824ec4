#!/usr/bin/env bash
# E-mail intake benchmark for BENCHMARKS.md: `hitori mail ingest` of 10,000
# messages made from the sample mix (every sample in equal share, so the
# proportions of replies, ignored mail, attachments and the 2 MB message
# stay those of the set), with messages per second and peak memory.
# Usage: bench/mail.sh [sqlite|postgres-url] [count]   (needs perl and GNU time)
#        BIN=… uses a built binary instead of building this tree.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-sqlite}"
count="${2:-10000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
if [ -n "${BIN:-}" ]; then cp "$BIN" "$work/hitori"; else go build -trimpath -ldflags "-s -w" -o "$work/hitori" ./cmd/hitori; fi
dbflag=()
[ "$db" != sqlite ] && dbflag=(--db "$db")

# Copy k of every sample gets Message-IDs made unique with a "bK." prefix,
# rewritten wherever they appear in the header (Message-ID, In-Reply-To,
# References), so replies in copy k thread to the original of copy k; and
# its people get addresses of their own (@bK.minato-seiko.example), so copy
# k is a new conversation rather than the same sender repeating a subject.
mkdir -p "$work/mail"
perl -e '
  use strict; use warnings;
  my ($out, $count, @files) = @ARGV;
  my (@heads, @bodies, @names, %ids);
  for my $f (@files) {
    open(my $fh, "<:raw", $f) or die "$f: $!"; local $/; my $raw = <$fh>; close $fh;
    my ($h, $b) = $raw =~ /\A(.*?\r?\n)(\r?\n.*)\z/s or die "$f: no header";
    push @heads, $h; push @bodies, $b; push @names, ($f =~ m{([^/]+)$})[0];
    if ($h =~ /^Message-ID:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]+)>/mi) { $ids{$1} = 1 }
  }
  my $re = join "|", map { quotemeta } sort { length $b <=> length $a } keys %ids;
  my $copies = int(($count + @files - 1) / @files);
  my $n = 0;
  COPY: for my $k (0 .. $copies - 1) {
    for my $i (0 .. $#files) {
      last COPY if $n == $count;
      (my $h = $heads[$i]) =~ s/<($re)>/<b$k.$1>/g;
      $h =~ s/\@minato-seiko\.example\b/\@b$k.minato-seiko.example/g;
      my $path = sprintf("%s/%05d_%s", $out, $n++, $names[$i]);
      open(my $o, ">:raw", $path) or die "$path: $!"; print $o $h, $bodies[$i]; close $o;
    }
  }
' "$work/mail" "$count" testdata/mail/*.eml

files=("$work"/mail/*.eml)
bytes=$(du -sb "$work/mail" | cut -f1)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(go version | cut -d' ' -f3)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "database: $db"
echo "messages: ${#files[@]} ($(awk -v b="$bytes" 'BEGIN {printf "%.0f MiB", b/1048576}') of .eml, mix of $(ls testdata/mail/*.eml | wc -l) samples)"
sync

load=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s%N)
/usr/bin/time -v -o "$work/time.txt" "$work/hitori" mail ingest --data "$work/data" "${dbflag[@]}" "${files[@]}" > "$work/out.tsv"
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))
lines=$(wc -l < "$work/out.tsv")
[ "$lines" -eq "${#files[@]}" ] || { echo "bench: $lines result lines for ${#files[@]} files" >&2; exit 1; }
echo "outcomes: $(cut -f2 "$work/out.tsv" | sed -E 's/ #[0-9]+$//' | sort | uniq -c | awk '{c=$1; $1=""; printf "%s%s %d", sep, substr($0,2), c; sep=", "}')"
echo "ingest: ${ms} ms, $(awk -v n="$lines" -v ms="$ms" 'BEGIN {printf "%.0f", n*1000/ms}') messages/s"
echo "peak RSS: $(awk -F: '/Maximum resident set size/ {printf "%.1f MiB", $2/1024}' "$work/time.txt")"
# CPU time tells what the machine would do unloaded: messages/s ≈ count / ((user+sys) / cores).
echo "cpu: $(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Percent of CPU/ {p=$2} END {printf "user %.1f s, sys %.1f s, %s of one core", u, s, p}' "$work/time.txt"), load average before: $load"
echo "stored: $(du -sh "$work/data/attachments" | cut -f1) of attachments and originals, database $( [ "$db" = sqlite ] && du -sh "$work/data/hitori.db" | cut -f1 || echo "in PostgreSQL")"

# Idempotency at scale: the same files again write nothing.
start=$(date +%s%N)
"$work/hitori" mail ingest --data "$work/data" "${dbflag[@]}" "${files[@]}" > "$work/again.tsv"
end=$(date +%s%N)
# A message seen before prints "duplicate #N" for its created/appended #N; ignored mail prints the same line.
sed -E 's/\t(created|appended) #/\tduplicate #/' "$work/out.tsv" | cmp -s - "$work/again.tsv" ||
  { echo "bench: re-ingest printed other outcomes than the first run's, as duplicates" >&2; exit 1; }
echo "re-ingest (all duplicates): $(( (end - start) / 1000000 )) ms, same items"
