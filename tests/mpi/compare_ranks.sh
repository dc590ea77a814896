#!/usr/bin/env bash
# `mpirun -np 2 carriersim-mpi compare` writes the same reports as `carriersim compare`, byte for
# byte; `validate` under 2 ranks is refused with exit 2 (run_ranks.sh checks `run`);
# carriersim-mpi without mpirun says so and runs as one process.
#   compare_ranks.sh CARRIERSIM CARRIERSIM_MPI MPIRUN SCENARIO...
set -euo pipefail
carriersim=$1 mpi=$2 mpirun=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Open MPI refuses root unless told twice; in a container its shared-memory transport cannot use
# cross-memory attach (ptrace is not allowed), so it copies through shared memory instead.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none
ranks() { timeout 300 "$mpirun" -np "$1" --oversubscribe "${@:2}"; }

for scenario in "$@"; do
  name=$(basename "$scenario" .yaml)
  "$carriersim" compare "$scenario" --jobs 1 --no-progress --out "$work/$name-1" \
    > "$work/$name-1.txt" || [ $? -eq 1 ]
  code=0
  ranks 2 "$mpi" compare "$scenario" --jobs 1 --no-progress --out "$work/$name-2" \
    > "$work/$name-2.txt" 2> "$work/$name-2.err" || code=$?
  if [ "$code" -gt 1 ]; then
    cat "$work/$name-2.err" >&2
    echo "FAIL: $name: mpirun -np 2 carriersim-mpi compare exited $code" >&2
    exit 1
  fi
  for f in compare.csv compare.json compare.html; do
    cmp "$work/$name-1/$f" "$work/$name-2/$f" ||
      { echo "FAIL: $name: $f differs between 1 process and 2 ranks" >&2; exit 1; }
  done
  grep -q "in each of 2 processes" "$work/$name-2.txt" ||
    { echo "FAIL: $name: the console does not say the runs were spread" >&2; exit 1; }
  echo "ok: $name: 2 ranks wrote the reports of 1 process"
done

code=0
ranks 2 "$mpi" validate "$1" > "$work/validate.txt" 2> "$work/validate.err" || code=$?
[ "$code" -eq 2 ] || { echo "FAIL: validate under 2 ranks exited $code, not 2" >&2; exit 1; }
grep -q "only run and compare spread their work over MPI ranks" "$work/validate.err" ||
  { cat "$work/validate.err" >&2; echo "FAIL: validate under 2 ranks: no clear message" >&2
    exit 1; }
echo "ok: validate under 2 ranks is refused with exit 2"

"$mpi" --version > "$work/alone.txt" 2> "$work/alone.err"
grep -q "not started by mpirun, so running as one process" "$work/alone.err" ||
  { echo "FAIL: carriersim-mpi without mpirun does not say so" >&2; exit 1; }
grep -q "^carriersim " "$work/alone.txt" ||
  { echo "FAIL: carriersim-mpi without mpirun did not run" >&2; exit 1; }
echo "ok: carriersim-mpi without mpirun runs as one process and says so"
