#!/usr/bin/env bash
# The README's quick start, on Debian 12 (run as root, or as a user with sudo):
#
#   ./setup.sh run scenarios/quickstart.yaml   install what is missing, build, run a scenario
#   ./setup.sh test                            install what is missing, build, run every test
#
# `./setup.sh build` only installs and builds. Every step is skipped when already done, so a
# second call costs a few seconds. CI (.ci/run) calls `./setup.sh test`.
set -euo pipefail
cd "$(dirname "$0")"

# Debian 12 packages: the compiler and build tools, and the four libraries carriersim uses.
packages=(g++ cmake make libasio-dev libyaml-cpp-dev nlohmann-json3-dev catch2)

install_missing() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: run as root or install sudo" >&2; exit 1; }
    sudo=sudo
  fi
  echo "setup.sh: installing ${missing[*]}"
  mkdir -p build
  if ! { $sudo apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
           "${missing[@]}"; } >build/apt.log 2>&1; then
    cat build/apt.log >&2
    echo "setup.sh: installing packages failed (log: build/apt.log)" >&2
    exit 1
  fi
}

# build [TARGET]: configures once, then builds incrementally; quiet unless something fails.
build() {
  mkdir -p build
  if [ ! -f build/CMakeCache.txt ]; then
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >build/configure.log 2>&1 ||
      { cat build/configure.log >&2; echo "setup.sh: cmake failed" >&2; exit 1; }
  fi
  if ! cmake --build build --parallel "$(nproc)" ${1:+--target "$1"} >build/build.log 2>&1; then
    cat build/build.log >&2
    echo "setup.sh: build failed (log: build/build.log)" >&2
    exit 1
  fi
}

case "${1:-}" in
  run)
    shift
    install_missing
    build carriersim
    exec build/carriersim run "$@"
    ;;
  test)
    install_missing
    build
    cd build
    exec ctest --output-on-failure --parallel "$(nproc)"
    ;;
  build)
    install_missing
    build
    echo "setup.sh: built build/carriersim"
    ;;
  *)
    echo "usage: ./setup.sh run SCENARIO [carriersim run options] | test | build" >&2
    exit 2
    ;;
esac
