#!/usr/bin/env bash
# Regenerates tests/golden/examples.sha256: the SHA-256 of every report (with --trace) of every
# example scenario in scenarios/. The reports of the firmware example run to 110 MB, so the
# golden files of the examples are their digests; tests/golden/quickstart/ keeps the
# quickstart's reports in full, to read. Run from the repository root after a build, only when a
# change of behaviour is intended, and say why in the commit:
#
#   tests/golden/update_example_digests.sh [build/carriersim]
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-build/carriersim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
{
  echo "# SHA-256 of each report of each example scenario, run with --trace (see update_example_digests.sh)."
  for scenario in scenarios/*.yaml; do
    name=$(basename "$scenario" .yaml)
    "$binary" run "$scenario" --out "$out/$name" --trace --no-progress --threads 1 >/dev/null
    for file in summary.json ledger.csv history.csv sessions.csv sims.csv junit.xml \
                timeseries.csv report.html events.jsonl; do
      echo "$(sha256sum <"$out/$name/$file" | cut -d' ' -f1)  $name/$file"
    done
  done
} >tests/golden/examples.sha256
echo "wrote tests/golden/examples.sha256"
