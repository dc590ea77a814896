#!/usr/bin/env bash
# `mpirun -np K carriersim-mpi run` writes every report of every example scenario as one process
# does, byte for byte: each against its golden digest (tests/golden/examples.sha256), on 2 ranks
# of one thread each, and on 2 ranks of 2 threads with records past 64 KB on disk.
#   run_ranks.sh CARRIERSIM_MPI MPIRUN SOURCE_DIR
set -euo pipefail
mpi=$1 mpirun=$2 source=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Open MPI refuses root unless told twice; in a container its shared-memory transport cannot use
# cross-memory attach (ptrace is not allowed), so it copies through shared memory instead.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none
golden="$source/tests/golden/examples.sha256"

check() {  # NAME DIR: the reports in DIR against NAME's digests
  local name=$1 dir=$2 file
  for file in summary.json ledger.csv history.csv sessions.csv sims.csv junit.xml \
              timeseries.csv report.html; do
    want=$(grep "  $name/$file\$" "$golden" | cut -d' ' -f1)
    got=$(sha256sum < "$dir/$file" | cut -d' ' -f1)
    [ -n "$want" ] && [ "$want" = "$got" ] ||
      { echo "FAIL: $name/$file differs from one process's ($*)" >&2; exit 1; }
  done
}

for scenario in "$source"/scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  for setup in "2 1 16MB" "2 2 64KB"; do
    read -r np threads memory <<< "$setup"
    out="$work/$name-$np-$threads"
    code=0
    timeout 300 "$mpirun" -np "$np" --oversubscribe "$mpi" run "$scenario" --out "$out" \
      --no-progress --threads "$threads" --record-memory "$memory" \
      > "$out.txt" 2> "$out.err" || code=$?
    if [ "$code" -gt 1 ]; then
      cat "$out.err" >&2
      echo "FAIL: $name: mpirun -np $np carriersim-mpi run --threads $threads exited $code" >&2
      exit 1
    fi
    check "$name" "$out"
  done
  echo "ok: $name: 2 ranks (of 1 and of 2 threads) wrote the reports of 1 process"
done
