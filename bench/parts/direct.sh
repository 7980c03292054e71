# Part "direct": the direct upload's PUT of a DIRECT_SIZE_MIB file (default 100) to the signed
# disk URL, the sample and the Rails peer alternating with the JDK baseline in fsync mode.
#
# Each repetition reserves a fresh upload first (not timed), then times only the PUT. Both
# servers check the body's MD5 against the signed one: the sample while it streams, Rails' Disk
# service by reading the stored file back.

run_direct() {
    local raw="$RESULTS/direct.raw" size file round targets target label
    local -A rate
    : > "$raw"
    size="${DIRECT_SIZE_MIB:-100}"
    label="${size}MiB"
    file="$(make_random "r${size}m" "$size")"
    cat "$file" > /dev/null
    ensure_sample
    ensure_jdk_baseline
    targets=(sample_direct_put jdk_md5fsync)
    if [ "$RAILS" = 1 ]; then
        ensure_rails
        targets+=(rails_direct_put)
    fi

    record_loadavg "$raw" direct_start
    for target in "${targets[@]}"; do
        direct_put "$target" "$file" > /dev/null
    done
    for round in $(seq 1 "$REPS"); do
        log "direct PUT of $label: round $round of $REPS"
        for target in $(rotate "$round" "${targets[@]}"); do
            rate[$target]="$(direct_put "$target" "$file")"
            echo "direct_${target}_${label}_MBps ${rate[$target]}" >> "$raw"
        done
        record_ratio "$raw" "ratio_sample_direct_put_vs_jdk_md5fsync_$label" "${rate[sample_direct_put]}" "${rate[jdk_md5fsync]}"
        if [ -n "${rate[rails_direct_put]:-}" ]; then
            record_ratio "$raw" "ratio_sample_direct_put_vs_rails_$label" "${rate[sample_direct_put]}" "${rate[rails_direct_put]}"
        fi
    done
    clear_sample_storage
    record_loadavg "$raw" direct_end
    summarize "$raw" | tee "$RESULTS/direct.txt"
}

# direct_put TARGET FILE: reserves an upload (not timed), PUTs FILE, clears what was stored and
# prints the PUT's MB/s.
direct_put() {
    local target="$1" file="$2" reservation out header
    local headers=()
    case "$target" in
        sample_direct_put) mapfile -t reservation < <(sample_direct_upload "$file") ;;
        rails_direct_put) mapfile -t reservation < <(rails_direct_upload "$file") ;;
        jdk_md5fsync) reservation=("http://127.0.0.1:$JDK_PORT/upload?mode=md5fsync" "Content-Type: application/octet-stream") ;;
    esac
    [ -n "${reservation[0]:-}" ] || die "$target: the direct-upload reservation failed"
    for header in "${reservation[@]:1}"; do
        headers+=(-H "$header")
    done

    out="$(upload_once put "${reservation[0]}" "$file" "${headers[@]}")"
    require_2xx "$target" "$out" || die "direct PUT to $target failed"

    case "$target" in
        sample_direct_put) clear_sample_storage ;;
        rails_direct_put) clear_rails_uploads ;;
        *) clear_baseline_uploads ;;
    esac
    mbps "$(stat -c %s "$file")" "${out##* }"
}
