#!/usr/bin/env bash
# The README's quick start, on Debian 12 (run as root, or as a user with sudo):
#
#   ./setup.sh run scenarios/quickstart.yaml   install what is missing, build, run a scenario
#   ./setup.sh test                            install what is missing, build, run every test
#
# `test` is what CI runs (.ci/run): the Release build's tests, then a second build with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer (build-check/) that runs them all again and
# fuzzes each loader for a minute. Every step is skipped when already done, so a second call
# costs seconds. `./setup.sh help` lists the other commands.
set -euo pipefail
repo="$(cd "$(dirname "$0")" && pwd)"

# Debian 12 packages: the compilers and build tools, and the libraries carriersim uses (RESTinio
# and what it needs, for `carriersim serve`). clang and its runtime (libFuzzer, the sanitizers)
# are for the checking build of `test` only, as are the live-mode tests' real clients (curl,
# python3 and the Twilio helper library, gammu and ppp's chat against the virtual modems),
# wrk (tests/bench/live_load.sh) and xmllint (libxml2-utils: junit.xml against its schema).
packages=(g++ cmake make libasio-dev libyaml-cpp-dev nlohmann-json3-dev catch2
          librestinio-dev libfmt-dev libhttp-parser-dev)
check_packages=(clang-14 libclang-rt-14-dev curl python3 python3-twilio wrk gammu ppp
                libxml2-utils libopenmpi-dev openmpi-bin)

usage() {
  cat <<'EOF'
usage: ./setup.sh COMMAND
  run SCENARIO [OPTIONS]   install what is missing, build, then `carriersim run SCENARIO OPTIONS`
                           (paths are taken from the folder you call it in)
  test                     install, build, run every test; then the same tests under ASan and
                           UBSan and a fuzz smoke run, in build-check/ (what CI runs)
  build                    install what is missing and build build/carriersim
  install [PREFIX]         build, then copy carriersim to PREFIX/bin (default /usr/local)
  help                     this text
Logs: build/apt.log, build/build.log, build-check/build.log.
EOF
}

# as_root CMD...: runs CMD as root, through sudo when not root already.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "setup.sh: missing Debian packages: ${missing[*]}" >&2
    echo "setup.sh: install them as root (apt-get install ${missing[*]}), or install sudo" >&2
    exit 1
  fi
  echo "setup.sh: installing ${missing[*]} (log: build/apt.log)"
  mkdir -p "$repo/build"
  if ! { as_root apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
           "${missing[@]}"; } >"$repo/build/apt.log" 2>&1; then
    cat "$repo/build/apt.log" >&2
    echo "setup.sh: installing packages failed (log: build/apt.log)" >&2
    exit 1
  fi
}

# progress LABEL: passes the build's output through to its log, and prints a line at each
# tenth of the way, so that a build of several minutes is not silent.
progress() {
  awk -v label="$1" '
    { print > ENVIRON["BUILD_LOG"]; fflush(ENVIRON["BUILD_LOG"]) }
    match($0, /^\[ *[0-9]+%\]/) {
      pct = substr($0, RSTART + 1, RLENGTH - 3) + 0
      if (int(pct / 10) > shown) { shown = int(pct / 10); printf "setup.sh: %s %d%%\n", label, pct }
    }'
}

# build DIR TARGET [CMAKE OPTIONS...]: configures DIR once, then builds TARGET incrementally.
build() {
  local dir="$repo/$1" target="$2"
  shift 2
  mkdir -p "$dir"
  # A tree is configured once, unless a switch asked for is not on in its cache yet (`run` made
  # build/ without MPI, and `test` wants carriersim-mpi too; trees from before unity builds).
  local option configure=
  [ -f "$dir/CMakeCache.txt" ] || configure=yes
  for option in "$@"; do
    case "$option" in
      -DCARRIERSIM_MPI=ON | -DCMAKE_UNITY_BUILD=ON)
        # CMake caches a switch it declares as BOOL, one given only on the command line as
        # UNINITIALIZED.
        option="${option#-D}"
        grep -qsxE "${option%=ON}:(BOOL|UNINITIALIZED)=ON" "$dir/CMakeCache.txt" ||
          configure=yes ;;
    esac
  done
  if [ -n "$configure" ]; then
    cmake -S "$repo" -B "$dir" "$@" >"$dir/configure.log" 2>&1 ||
      { cat "$dir/configure.log" >&2; echo "setup.sh: cmake failed" >&2; exit 1; }
  fi
  echo "setup.sh: building ${dir#"$repo"/}/ (log: ${dir#"$repo"/}/build.log)"
  if ! cmake --build "$dir" --parallel "$(nproc)" --target "$target" 2>&1 |
      BUILD_LOG="$dir/build.log" progress "building ${dir#"$repo"/}/"; then
    tail -n 60 "$dir/build.log" >&2
    echo "setup.sh: build failed (log: ${dir#"$repo"/}/build.log)" >&2
    exit 1
  fi
}

# Unity builds: each library's files, and the tests', compile in batches of 8 translation units,
# which parse the headers they share once; a clean build takes half the time.
release_build() {
  build build "${1:-all}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_UNITY_BUILD=ON "${@:2}"
}

# The checking build: clang at -O1 with ASan, UBSan and libFuzzer's coverage (CMakeLists.txt).
check_build() {
  build build-check all -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DCARRIERSIM_SANITIZE=ON -DCARRIERSIM_FUZZ=ON \
    -DCMAKE_UNITY_BUILD=ON
}

run_tests() {
  install_missing "${packages[@]}" "${check_packages[@]}"
  # Twice as many tests at once as cores: the live-mode tests mostly wait on sockets and on the
  # wall clock (the reference firmware's readings), so they overlap with the busy ones.
  local jobs=$(( $(nproc) * 2 ))
  # The Release tree also builds carriersim-mpi (same objects, one more link), which the
  # `mpi` tests run under mpirun.
  release_build all -DCARRIERSIM_MPI=ON
  echo "setup.sh: testing build/"
  (cd "$repo/build" && ctest --output-on-failure --parallel "$jobs")
  check_build
  # The layering tests only ask whether an #include resolves in a layer's view, which the
  # sanitizers cannot change: build/ has answered them.
  echo "setup.sh: testing build-check/ under ASan and UBSan, with a fuzz smoke run"
  (cd "$repo/build-check" &&
     ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure --parallel "$jobs" --label-exclude layering)
}

case "${1:-}" in
  run)
    shift
    install_missing "${packages[@]}"
    release_build carriersim
    exec "$repo/build/carriersim" run "$@"
    ;;
  test)
    run_tests
    ;;
  build)
    install_missing "${packages[@]}"
    release_build
    echo "setup.sh: built build/carriersim"
    ;;
  install)
    prefix="${2:-/usr/local}"
    install_missing "${packages[@]}"
    release_build carriersim
    as_root install -D -m 755 "$repo/build/carriersim" "$prefix/bin/carriersim"
    echo "setup.sh: installed $prefix/bin/carriersim"
    ;;
  help | -h | --help)
    usage
    ;;
  *)
    [ -n "${1:-}" ] && echo "setup.sh: unknown command '$1'" >&2
    usage >&2
    exit 2
    ;;
esac
