#!/usr/bin/env bash
# PHOLD on three engines, side by side on this machine, as README.md reports it:
#   carriersim (radix heap)    carriersim bench phold
#   std::priority_queue        tests/bench/phold_heap.cc
#   ns-3.37 MapScheduler       tests/bench/phold_ns3.cc (needs Debian's libns3-dev)
# All three run the identical workload (same random streams; their checksums agree).
#
# usage: tests/bench/compare_phold.sh [REPEATS] [EVENTS]
#   REPEATS  runs per engine and size, best kept (default 3): machines are noisy
#   EVENTS   events per run (default 5000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-3}
events=${2:-5000000}

./setup.sh build >/dev/null
bin=build/bench
mkdir -p "$bin"
g++ -O3 -std=c++20 -ffp-contract=off -I. tests/bench/phold_heap.cc -o "$bin/phold_heap"
have_ns3=0
if [ -f /usr/include/ns3/core-module.h ]; then
  # ns-3.37's headers do not compile as C++20.
  g++ -O3 -std=c++17 -ffp-contract=off -I. tests/bench/phold_ns3.cc -lns3-core -o "$bin/phold_ns3"
  have_ns3=1
else
  echo "libns3-dev is not installed (apt-get install libns3-dev): ns-3 is skipped" >&2
fi

# best RUNNER LPS: the best events_per_s of $repeats runs, and the checksum.
best() {
  local runner=$1 lps=$2 best=0 checksum="" out rate
  for _ in $(seq "$repeats"); do
    case $runner in
      carriersim) out=$(build/carriersim bench phold --lps "$lps" --events "$events") ;;
      heap) out=$("$bin/phold_heap" "$lps" "$events" 0.5) ;;
      ns3) out=$("$bin/phold_ns3" "$lps" "$events" 0.5) ;;
    esac
    rate=$(echo "$out" | tail -n 1 | sed -E 's/.*events_per_s=([0-9]+).*/\1/')
    checksum=$(echo "$out" | head -n 1 | sed -E 's/.*checksum=([0-9]+).*/\1/')
    [ "$rate" -gt "$best" ] && best=$rate
  done
  echo "$best $checksum"
}

printf '%-9s %-28s %14s %10s %12s\n' lps engine events_per_s ns_per_event vs_ns-3
for lps in 100000 1000000; do
  read -r ours ours_sum <<<"$(best carriersim "$lps")"
  read -r heap heap_sum <<<"$(best heap "$lps")"
  ns3=0 ns3_sum=$ours_sum
  [ $have_ns3 = 1 ] && read -r ns3 ns3_sum <<<"$(best ns3 "$lps")"
  for row in "carriersim (radix heap)|$ours" "std::priority_queue|$heap" "ns-3.37 MapScheduler|$ns3"; do
    name=${row%%|*} rate=${row##*|}
    [ "$rate" = 0 ] && continue
    ratio=$([ "$ns3" -gt 0 ] && awk -v a="$rate" -v b="$ns3" 'BEGIN{printf "%.1fx", a/b}' || echo n/a)
    printf '%-9s %-28s %14s %10.1f %12s\n' "$lps" "$name" "$rate" \
      "$(awk -v r="$rate" 'BEGIN{print 1e9/r}')" "$ratio"
  done
  if [ "$ours_sum" != "$heap_sum" ] || [ "$ours_sum" != "$ns3_sum" ]; then
    echo "note: checksums differ at $lps LPs ($ours_sum, $heap_sum, $ns3_sum):" \
         "the engines did not handle the same events" >&2
  fi
done
echo "events per run: $events; best of $repeats runs per engine; $(nproc) cores," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
