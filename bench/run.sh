#!/usr/bin/env bash
# Benchmarks Tracks Storage's sample application on Open Liberty against hand-written baselines
# (JDK HTTP server, nginx) and the Rails 6.1 Active Storage peer, all on 127.0.0.1 in one run.
#
# Usage: bench/run.sh [install] [PART...]
#   install    installs the Debian packages it needs (Rails peer, Puma, SQLite, wrk, nginx, jq);
#              alone, it only installs
#   PART       uploads signing direct downloads memory profile (default: all six, in this order)
# Settings (environment):
#   REPS=5                      repetitions of each measurement
#   UPLOAD_SIZES_MIB="100 1024" file sizes of the uploads part; MEMORY_SIZES_MIB likewise
#   MEMORY_REPS=$REPS           uploads per server in the memory part
#   SIGNING_SECONDS=10          length of each wrk run, after a warm-up of SIGNING_WARMUP_SECONDS=10
#   SIGNING_RAILS_THREADS="5 1" Puma thread counts the signing rounds run with, one after the other
#   DIRECT_SIZE_MIB=100, DOWNLOAD_SIZE_MIB=100, PROFILE_SIZE_MIB=1024
#   RAILS=auto                  auto measures the Rails peer when its packages are installed, 0 skips it
#   RAILS_THREADS=5             Puma threads of the Rails peer
#   BENCH_WAR=path              measure this WAR instead of building one
#   BENCH_BUILD=worktree        package the last commit in a temporary git worktree; 'tree' runs
#                               'mvn install -DskipTests' in the work tree instead
#   MVN_FLAGS=-o                extra Maven flags, such as offline
#   PERF=/tmp/tracks-bench      working folder: servers, test files, stored uploads
#   RESULTS=bench/target/DATE   where the raw figures, summaries, logs and the JFR recording go
#   KEEP=0                      1 keeps the Liberty runtime and test files in $PERF for the next run
#   JAVA_HOME_BENCH             the JDK of Liberty and the JDK baseline (default OpenJDK 17)
#
# It starts every server on free loopback ports, records their PIDs under $PERF/pids, and stops
# only those when it ends, also on failure or Ctrl-C.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR

# command_line ARG...: the command with the settings that were given in the environment.
command_line() {
    local name settings=()
    for name in REPS UPLOAD_SIZES_MIB MEMORY_SIZES_MIB MEMORY_REPS SIGNING_SECONDS SIGNING_WARMUP_SECONDS \
        SIGNING_RAILS_THREADS DIRECT_SIZE_MIB DOWNLOAD_SIZE_MIB PROFILE_SIZE_MIB RAILS RAILS_THREADS BENCH_WAR \
        BENCH_BUILD MVN_FLAGS PERF RESULTS KEEP JAVA_HOME_BENCH; do
        if [ -n "${!name+set}" ]; then
            settings+=("$name=$(printf '%q' "${!name}")")
        fi
    done
    echo "${settings[*]} $0 $*" | sed 's/^ //'
}

# Taken before the scripts below fill in their defaults.
COMMAND="$(command_line "$@")"

BENCH_ROOT="$(cd "$(dirname "$0")" && pwd)"
. "$BENCH_ROOT/lib/common.sh"
. "$BENCH_ROOT/lib/baselines.sh"
. "$BENCH_ROOT/lib/rails-peer.sh"
. "$BENCH_ROOT/lib/sample-server.sh"
. "$BENCH_ROOT/parts/uploads.sh"
. "$BENCH_ROOT/parts/memory.sh"
. "$BENCH_ROOT/parts/signing.sh"
. "$BENCH_ROOT/parts/direct.sh"
. "$BENCH_ROOT/parts/downloads.sh"
. "$BENCH_ROOT/parts/profile.sh"

ALL_PARTS=(uploads signing direct downloads memory profile)
PACKAGES=("${RAILS_PACKAGES[@]}" wrk nginx-light jq unzip)

install_packages() {
    local missing=() package
    for package in "${PACKAGES[@]}"; do
        dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "apt-get install ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
    fi
}

cleanup() {
    local status=$?
    stop_pidfile "$PIDS/jstat.pid"
    stop_sample
    stop_rails
    stop_nginx
    stop_jdk_baseline
    remove_worktree
    rm -rf "$SAMPLE_STORAGE" "$SAMPLE_SERVER_DIR" "$RAILS_APP" "$PERF/tmp" "$PERF/download.bin" "$PERF/last_response"
    if [ "${KEEP:-0}" != 1 ] && [ -f "$PERF/.tracks-bench" ]; then
        rm -rf "$PERF"
    fi
    exit "$status"
}

# describe_machine: the facts a reader needs to compare figures from different runs.
describe_machine() {
    echo "date: $(date -Is)"
    echo "command: $COMMAND"
    echo "measured: $SAMPLE_SOURCE"
    echo "machine: $(nproc) vCPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(uname -sr)"
    echo "filesystem of $PERF: $(df -T "$PERF" | awk 'NR == 2 { print $2 " on " $1 }')"
    echo "java: $("$JAVA_HOME_BENCH/bin/java" -version 2>&1 | head -1); Liberty $(pom_property openliberty.version)"
    if [ "$RAILS" = 1 ]; then
        echo "rails peer: Rails $(dpkg-query -W -f '${Version}' ruby-rails), Puma $(dpkg-query -W -f '${Version}' puma), $(ruby -v | cut -d' ' -f1-2), ${RAILS_THREADS:-5} threads"
    else
        echo "rails peer: not measured"
    fi
    command -v nginx > /dev/null && echo "nginx: $(nginx -v 2>&1 | cut -d/ -f2)"
    echo "REPS=$REPS; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

main() {
    local parts=() part
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    for part in "$@"; do
        if [ "$part" = install ]; then
            install_packages
        else
            parts+=("$part")
        fi
    done
    if [ ${#parts[@]} -eq 0 ] && [ "$*" = install ]; then
        return 0
    fi
    [ ${#parts[@]} -gt 0 ] || parts=("${ALL_PARTS[@]}")
    for part in "${parts[@]}"; do
        [[ " ${ALL_PARTS[*]} " == *" $part "* ]] || die "unknown part '$part': use install or one of ${ALL_PARTS[*]}"
    done
    command -v jq > /dev/null || die "jq is not installed: run 'bench/run.sh install' first"

    RAILS="${RAILS:-auto}"
    if [ "$RAILS" = auto ]; then
        RAILS=0
        if rails_available; then
            RAILS=1
        else
            log "the Rails peer is not installed ('bench/run.sh install'): measuring without it"
        fi
    fi
    RESULTS="${RESULTS:-$BENCH_DIR/target/$(date +%Y%m%d-%H%M%S)}"
    mkdir -p "$RESULTS"

    build_sample
    prepare_liberty
    describe_machine | tee "$RESULTS/machine.txt"
    for part in "${parts[@]}"; do
        log "part $part"
        "run_$part"
    done
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
    log "results in $RESULTS"
}

main "$@"
