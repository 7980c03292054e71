# Part "signing": how many direct uploads per second the server reserves (a pending blob row plus
# a signed upload URL per request), measured with wrk, the sample and the Rails peer alternating.
#
# wrk runs 2 threads and 8 connections for SIGNING_SECONDS (default 10) per repetition, after a
# warm-up of SIGNING_WARMUP_SECONDS (default 10) for each server. Rails 6.1 with SQLite lets one
# writer in at a time, and a waiting writer holds Ruby's global lock, so more Puma threads can be
# slower: the rounds run once per Puma thread count in SIGNING_RAILS_THREADS (default "5 1"), each
# with a fresh database. Recorded per server: requests per second, p50 and p99 latency, errors,
# server CPU milliseconds per request, and the ratio sample / Rails of each round.

run_signing() {
    local raw="$RESULTS/signing.raw" threads
    : > "$raw"
    command -v wrk > /dev/null || die "wrk is not installed: run 'bench/run.sh install' first"
    ensure_sample
    run_wrk sample "${SIGNING_WARMUP_SECONDS:-10}" > /dev/null

    record_loadavg "$raw" signing_start
    if [ "$RAILS" = 1 ]; then
        for threads in ${SIGNING_RAILS_THREADS:-5 1}; do
            stop_rails
            setup_rails
            RAILS_THREADS="$threads" ensure_rails
            run_wrk rails "${SIGNING_WARMUP_SECONDS:-10}" > /dev/null
            signing_rounds "$raw" sample "rails_threads$threads"
            echo "signing_rails_threads${threads}_busy_exceptions $(grep -c BusyException "$RAILS_APP/log/production.log" || true)" >> "$raw"
            stop_rails
        done
    else
        signing_rounds "$raw" sample
    fi
    record_loadavg "$raw" signing_end
    summarize "$raw" | tee "$RESULTS/signing.txt"
}

# signing_rounds RAW TARGET...: $REPS rounds of one wrk run per target, in rotating order.
signing_rounds() {
    local raw="$1" round target
    local -A rate
    shift
    for round in $(seq 1 "$REPS"); do
        log "direct-upload signing ($*): round $round of $REPS"
        for target in $(rotate "$round" "$@"); do
            rate[$target]="$(measure_signing "$raw" "$target" "${2:-alone}-$round")"
        done
        if [ $# -gt 1 ]; then
            record_ratio "$raw" "ratio_signing_sample_vs_$2" "${rate[sample]}" "${rate[$2]}"
        fi
    done
}

# run_wrk TARGET SECONDS: one wrk run against the sample or Rails; prints wrk's output.
run_wrk() {
    local target="$1" seconds="$2"
    if [ "$target" = sample ]; then
        DIRECT_UPLOADS_PATH=/api/storage/direct-uploads AUTHORIZATION="Basic $(printf %s "$SAMPLE_USER" | base64)" \
            timeout $((seconds + 30)) wrk -t2 -c8 -d"${seconds}s" --latency -s "$BENCH_DIR/lua/direct_uploads.lua" \
            "http://127.0.0.1:$SAMPLE_PORT"
    else
        DIRECT_UPLOADS_PATH=/rails/active_storage/direct_uploads \
            timeout $((seconds + 30)) wrk -t2 -c8 -d"${seconds}s" --latency -s "$BENCH_DIR/lua/direct_uploads.lua" \
            "http://127.0.0.1:$RAILS_PORT"
    fi
}

# measure_signing RAW TARGET RUN: records one wrk run, keeps its output under the name RUN and
# prints its requests per second.
measure_signing() {
    local raw="$1" target="$2" run="$3" pids cpu_before out fields
    read -r -a pids <<< "$(target_pids "${target}_")"
    cpu_before="$(cpu_s "${pids[@]}")"

    out="$(run_wrk "${target%%_*}" "${SIGNING_SECONDS:-10}")"
    echo "$out" > "$RESULTS/wrk-signing-$target-$run.txt"
    # "RESULT rps R p50_ms P p99_ms P requests N errors E"
    read -r -a fields <<< "$(echo "$out" | grep '^RESULT')" || die "wrk printed no result for $target"

    {
        echo "signing_${target}_rps ${fields[2]}"
        echo "signing_${target}_p50_ms ${fields[4]}"
        echo "signing_${target}_p99_ms ${fields[6]}"
        echo "signing_${target}_errors ${fields[10]}"
        if [ "${fields[8]}" -gt 0 ]; then
            echo "signing_${target}_server_cpu_ms_per_request $(awk -v a="$cpu_before" -v b="$(cpu_s "${pids[@]}")" \
                -v n="${fields[8]}" 'BEGIN { printf "%.2f", (b - a) * 1000 / n }')"
        fi
    } >> "$raw"
    echo "${fields[2]}"
}
