# Part "downloads": GET of a DOWNLOAD_SIZE_MIB file (default 100) from a signed URL, round-robin:
#   sample_signed_url  the sample's disk endpoint, URL from GET /api/storage/blobs/{id}/url
#   rails_signed_url   Active Storage's Disk service URL, the target of rails_blob_path's redirect
#   nginx_static, jdk_static  the same file served as a static file
# Each repetition signs a fresh URL first (not timed). The warm-up download of each target is
# compared byte for byte with the file; the timed ones go to /dev/null.

run_downloads() {
    local raw="$RESULTS/downloads.raw" size file round targets target label
    local -A rate
    : > "$raw"
    size="${DOWNLOAD_SIZE_MIB:-100}"
    label="${size}MiB"
    file="$(make_random "r${size}m" "$size")"
    cat "$file" > /dev/null
    ensure_sample
    ensure_jdk_baseline
    targets=(sample_signed_url jdk_static)
    if command -v nginx > /dev/null; then
        ensure_nginx
        targets+=(nginx_static)
    fi
    if [ "$RAILS" = 1 ]; then
        ensure_rails
        targets+=(rails_signed_url)
    fi
    store_download_sources "$file"

    record_loadavg "$raw" downloads_start
    for target in "${targets[@]}"; do
        download_from "$target" "$file" verify > /dev/null
    done
    for round in $(seq 1 "$REPS"); do
        log "downloads of $label: round $round of $REPS"
        for target in $(rotate "$round" "${targets[@]}"); do
            rate[$target]="$(download_from "$target" "$file")"
            echo "download_${target}_${label}_MBps ${rate[$target]}" >> "$raw"
        done
        record_download_ratios "$raw" "$label" rate
    done
    clear_sample_storage
    clear_rails_uploads
    record_loadavg "$raw" downloads_end
    summarize "$raw" | tee "$RESULTS/downloads.txt"
}

# store_download_sources FILE: uploads FILE to the sample and to Rails once, keeping the ids.
store_download_sources() {
    local out
    out="$(sample_upload "$1")"
    require_2xx sample_upload "$out" || die "upload to the sample failed"
    SAMPLE_DOWNLOAD_ID="$(jq -r '.id' "$PERF/last_response")"
    if [ -n "$RAILS_PORT" ]; then
        out="$(upload_once multipart "http://127.0.0.1:$RAILS_PORT/uploads" "$1")"
        require_2xx rails_upload "$out" || die "upload to Rails failed"
        RAILS_DOWNLOAD_PATH="$(jq -r '.download_path' "$PERF/last_response")"
    fi
}

# download_url TARGET FILE: a fresh signed URL, or the static file's URL.
download_url() {
    case "$1" in
        sample_signed_url)
            curl -sS -f -u "$SAMPLE_USER" "$(sample_url "/api/storage/blobs/$SAMPLE_DOWNLOAD_ID/url?disposition=attachment")" \
                | jq -r '.url' ;;
        rails_signed_url)
            curl -sS -f -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$RAILS_PORT$RAILS_DOWNLOAD_PATH" ;;
        nginx_static) echo "http://127.0.0.1:$NGINX_PORT/files/$(basename "$2")" ;;
        jdk_static) echo "http://127.0.0.1:$JDK_PORT/files/$(basename "$2")" ;;
    esac
}

# download_from TARGET FILE [verify]: one timed GET; prints MB/s. With verify, the body is kept
# and compared with FILE.
download_from() {
    local target="$1" file="$2" url out
    url="$(download_url "$target" "$file")"
    [ -n "$url" ] || die "$target: no download URL"

    if [ "${3:-}" = verify ]; then
        out="$(download_once "$url")"
        cmp -s "$PERF/download.bin" "$file" || die "$target: the downloaded bytes differ from the file"
        rm -f "$PERF/download.bin"
    else
        out="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' "$url")"
    fi
    [ "${out%% *}" = 200 ] || die "$target: HTTP ${out%% *}"
    mbps "$(stat -c %s "$file")" "${out##* }"
}

record_download_ratios() {
    local raw="$1" label="$2" baseline
    local -n rates="$3"
    for baseline in rails_signed_url nginx_static jdk_static; do
        if [ -n "${rates[$baseline]:-}" ]; then
            record_ratio "$raw" "ratio_sample_signed_url_vs_${baseline}_${label}" "${rates[sample_signed_url]}" "${rates[$baseline]}"
        fi
    done
}
