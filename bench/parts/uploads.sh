# Part "uploads": server-side upload throughput, same run, round-robin.
#
# Each round sends the same file once to every target, in a rotating order. It records MB/s and
# the server's CPU seconds per GiB of each target, and the ratios of the product to the baselines
# within that round. The targets:
#   sample_multipart    POST /storage/uploads on the sample (multipart, MD5, fsync, H2 row)
#   jdk_md5, jdk_md5fsync  the JDK HTTP server, raw body to a file with MD5, without and with fsync
#   nginx_body_in_file  nginx keeping the raw body in a file
#   rails_multipart     Rails Active Storage create_and_upload! (multipart, MD5, SQLite row)
# UPLOAD_SIZES_MIB (default "100 1024") sets the file sizes.

UPLOAD_TARGETS=()

run_uploads() {
    local raw="$RESULTS/uploads.raw" size file
    : > "$raw"
    ensure_sample
    ensure_jdk_baseline
    UPLOAD_TARGETS=(sample_multipart jdk_md5 jdk_md5fsync)
    if command -v nginx > /dev/null; then
        ensure_nginx
        UPLOAD_TARGETS+=(nginx_body_in_file)
    fi
    if [ "$RAILS" = 1 ]; then
        ensure_rails
        UPLOAD_TARGETS+=(rails_multipart)
    fi

    record_loadavg "$raw" uploads_start
    for size in ${UPLOAD_SIZES_MIB:-100 1024}; do
        file="$(make_random "r${size}m" "$size")"
        cat "$file" > /dev/null
        upload_rounds "$raw" "$file" "${size}MiB"
    done
    record_loadavg "$raw" uploads_end
    summarize "$raw" | tee "$RESULTS/uploads.txt"
}

# upload_rounds RAW FILE LABEL: one warm-up round, then $REPS measured rounds.
upload_rounds() {
    local raw="$1" file="$2" label="$3" round target
    local -A rate
    log "uploads of $label: warm-up round"
    for target in "${UPLOAD_TARGETS[@]}"; do
        upload_to "$target" "$file" /dev/null > /dev/null
    done

    for round in $(seq 1 "$REPS"); do
        log "uploads of $label: round $round of $REPS"
        for target in $(rotate "$round" "${UPLOAD_TARGETS[@]}"); do
            rate[$target]="$(upload_to "$target" "$file" "$raw" "$label")"
        done
        record_upload_ratios "$raw" "$label" rate
    done
}

# upload_to TARGET FILE RAW [LABEL]: uploads FILE once, records MB/s and CPU s/GiB under LABEL,
# removes what was stored and prints the MB/s.
upload_to() {
    local target="$1" file="$2" raw="$3" label="${4:-warmup}" pids cpu_before out rate size
    size="$(stat -c %s "$file")"
    read -r -a pids <<< "$(target_pids "$target")"
    cpu_before="$(cpu_s "${pids[@]}")"

    out="$(send_upload "$target" "$file")"
    require_2xx "$target" "$out" || die "upload to $target failed"

    rate="$(mbps "$size" "${out##* }")"
    {
        echo "upload_${target}_${label}_MBps $rate"
        echo "upload_${target}_${label}_server_cpu_s_per_GiB $(awk -v a="$cpu_before" -v b="$(cpu_s "${pids[@]}")" \
            -v size="$size" 'BEGIN { printf "%.2f", (b - a) * 1073741824 / size }')"
    } >> "$raw"
    clear_upload "$target"
    echo "$rate"
}

send_upload() {
    case "$1" in
        sample_multipart) sample_upload "$2" ;;
        jdk_md5) upload_once post "http://127.0.0.1:$JDK_PORT/upload?mode=md5" "$2" ;;
        jdk_md5fsync) upload_once post "http://127.0.0.1:$JDK_PORT/upload?mode=md5fsync" "$2" ;;
        nginx_body_in_file) upload_once post "http://127.0.0.1:$NGINX_PORT/upload" "$2" ;;
        rails_multipart) upload_once multipart "http://127.0.0.1:$RAILS_PORT/uploads" "$2" ;;
    esac
}

clear_upload() {
    case "$1" in
        sample_multipart) purge_last_sample_upload ;;
        rails_multipart) clear_rails_uploads ;;
        *) clear_baseline_uploads ;;
    esac
}

target_pids() {
    case "$1" in
        sample_*) echo "$SAMPLE_PID" ;;
        jdk_*) jdk_baseline_pids ;;
        nginx_*) nginx_pids ;;
        rails_*) rails_pids ;;
    esac
}

# record_upload_ratios RAW LABEL RATES: the product and Rails against the baselines of the same round.
record_upload_ratios() {
    local raw="$1" label="$2"
    local -n rates="$3"
    local baseline
    for baseline in jdk_md5 jdk_md5fsync nginx_body_in_file rails_multipart; do
        if [ -n "${rates[$baseline]:-}" ]; then
            record_ratio "$raw" "ratio_sample_multipart_vs_${baseline}_${label}" "${rates[sample_multipart]}" "${rates[$baseline]}"
        fi
    done
    if [ -n "${rates[rails_multipart]:-}" ]; then
        record_ratio "$raw" "ratio_rails_multipart_vs_jdk_md5_${label}" "${rates[rails_multipart]}" "${rates[jdk_md5]}"
    fi
}
