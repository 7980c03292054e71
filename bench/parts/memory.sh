# Part "memory": does the memory of the sample's JVM (-Xmx256m) grow with the size of the file?
#
# For each size in MEMORY_SIZES_MIB (default "100 1024"), a fresh server takes the same warm-up of
# 3 uploads of 10 MiB and then MEMORY_REPS uploads (default $REPS) of that size. Meanwhile jstat
# samples the heap every 250 ms and a GC log records the heap after each collection.
#
# Recorded per size: the JVM's peak RSS (VmHWM) and how much it grew during the measured uploads,
# the largest heap in use and committed, the largest heap after a collection, and at the end Native
# Memory Tracking's committed total and its "Other" category, which contains NIO direct buffers.
# The Rails peer gets the same sequence, for its peak RSS.

run_memory() {
    local raw="$RESULTS/memory.raw" size file warmup
    : > "$raw"
    warmup="$(make_random r10m 10)"
    stop_sample
    stop_rails

    record_loadavg "$raw" memory_start
    for size in ${MEMORY_SIZES_MIB:-100 1024}; do
        file="$(make_random "r${size}m" "$size")"
        measure_sample_memory "$raw" "$file" "$warmup" "${size}MiB"
        if [ "$RAILS" = 1 ]; then
            measure_rails_memory "$raw" "$file" "$warmup" "${size}MiB"
        fi
    done
    record_loadavg "$raw" memory_end
    summarize "$raw" | tee "$RESULTS/memory.txt"
}

# measure_sample_memory RAW FILE WARMUP LABEL
measure_sample_memory() {
    local raw="$1" file="$2" warmup="$3" label="$4" gc_log="$RESULTS/gc-sample-$4.log" jstat_log="$RESULTS/jstat-sample-$4.txt"
    local hwm_before gc_lines
    start_sample "-Xlog:gc:file=$gc_log:uptime" "-XX:NativeMemoryTracking=summary"
    for _ in 1 2 3; do
        sample_upload "$warmup" > /dev/null
        purge_last_sample_upload
    done
    hwm_before="$(peak_rss_kb "$SAMPLE_PID")"
    gc_lines="$(wc -l < "$gc_log")"

    "$JAVA_HOME_BENCH/bin/jstat" -gc "$SAMPLE_PID" 250 > "$jstat_log" 2>&1 &
    echo $! > "$PIDS/jstat.pid"
    measure_memory_uploads "$raw" "sample_multipart_$label" "$file" sample
    stop_pidfile "$PIDS/jstat.pid"

    record_jvm_memory "$raw" "sample_$label" "$hwm_before" "$jstat_log" "$gc_log" "$gc_lines"
    stop_sample
}

# measure_memory_uploads RAW KEY FILE SERVER: MEMORY_REPS uploads, recording MB/s.
measure_memory_uploads() {
    local raw="$1" key="$2" file="$3" server="$4" out
    for _ in $(seq 1 "${MEMORY_REPS:-$REPS}"); do
        if [ "$server" = sample ]; then
            out="$(sample_upload "$file")"
            require_2xx "$key" "$out" || die "upload to the sample failed"
            purge_last_sample_upload
        else
            out="$(upload_once multipart "http://127.0.0.1:$RAILS_PORT/uploads" "$file")"
            require_2xx "$key" "$out" || die "upload to Rails failed"
            clear_rails_uploads
        fi
        echo "memory_${key}_MBps $(mbps "$(stat -c %s "$file")" "${out##* }")" >> "$raw"
    done
}

# record_jvm_memory RAW PREFIX HWM_BEFORE JSTAT_LOG GC_LOG GC_LINES: what the JVM used during the
# uploads; the GC log counts from line GC_LINES + 1.
record_jvm_memory() {
    local raw="$1" prefix="$2" hwm_before="$3" jstat_log="$4" gc_log="$5" gc_lines="$6" hwm nmt
    hwm="$(peak_rss_kb "$SAMPLE_PID")"
    nmt="$("$JAVA_HOME_BENCH/bin/jcmd" "$SAMPLE_PID" VM.native_memory summary scale=KB 2>/dev/null || true)"
    echo "$nmt" > "$RESULTS/nmt-$prefix.txt"

    {
        echo "memory_${prefix}_peak_rss_MiB $((hwm / 1024))"
        echo "memory_${prefix}_peak_rss_growth_during_uploads_MiB $(((hwm - hwm_before) / 1024))"

        # jstat -gc columns: S0C S1C S0U S1U EC EU OC OU ... in KB.
        awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; committed = $1 + $2 + $5 + $7
                if (used > max_used) max_used = used; if (committed > max_committed) max_committed = committed }
            END { printf "memory_%s_heap_used_max_MiB %.0f\nmemory_%s_heap_committed_max_MiB %.0f\n",
                prefix, max_used / 1024, prefix, max_committed / 1024 }' prefix="$prefix" "$jstat_log"

        # G1 lines read "... Pause Young (Normal) (G1 Evacuation Pause) 120M->21M(256M) 3.1ms".
        tail -n +"$((gc_lines + 1))" "$gc_log" | { grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' || true; } \
            | awk -F'->|M' '{ if ($3 > max) max = $3; n++ }
                END { if (n) printf "memory_%s_heap_after_gc_max_MiB %d\n", prefix, max
                      printf "memory_%s_gc_count %d\n", prefix, n }' prefix="$prefix"

        echo "$nmt" | awk '/^Total:/ { sub(/.*committed=/, ""); printf "memory_%s_nmt_committed_MiB %d\n", prefix, $0 / 1024 }
            /- +Other \(/ { sub(/.*committed=/, ""); printf "memory_%s_nmt_other_committed_KiB %d\n", prefix, $0 }' \
            prefix="$prefix"
    } >> "$raw"
}

# measure_rails_memory RAW FILE WARMUP LABEL: a fresh Puma, the same uploads, its peak RSS.
measure_rails_memory() {
    local raw="$1" file="$2" warmup="$3" label="$4" pid hwm_before hwm
    ensure_rails
    pid="$(rails_pids)"
    for _ in 1 2 3; do
        upload_once multipart "http://127.0.0.1:$RAILS_PORT/uploads" "$warmup" > /dev/null
    done
    clear_rails_uploads
    hwm_before="$(peak_rss_kb "$pid")"

    measure_memory_uploads "$raw" "rails_multipart_$label" "$file" rails

    hwm="$(peak_rss_kb "$pid")"
    {
        echo "memory_rails_${label}_peak_rss_MiB $((hwm / 1024))"
        echo "memory_rails_${label}_peak_rss_growth_during_uploads_MiB $(((hwm - hwm_before) / 1024))"
    } >> "$raw"
    stop_rails
}
