# Part "profile": where the sample spends its time, from JFR recordings (settings=profile) on the
# running server after a warm-up:
#   - one PROFILE_SIZE_MIB upload (default 1024) through the multipart servlet, and one through
#     the direct PUT, which skips the multipart parser. For each: the CPU time of each JVM thread,
#     the JVM's read and write system calls (/proc/PID/io) with their average size, the hottest
#     top frames of the request threads, and the share of their samples whose stack contains MD5,
#     the file write, fsync, the socket read and the multipart parser;
#   - SIGNING_SECONDS of wrk against the direct-uploads endpoint: the hottest top frames and the
#     share of samples in authentication, JSON, JPA, H2 and signing;
#   - java/MultipartParserBench.java with the WAR's own multipart parser (storage-web), and
#     commons-fileupload2 from ~/.m2 for comparison when it is there: each parser, MD5, and
#     parser and MD5 in sequence on one thread, in memory.
# The recordings stay in the results folder for 'jfr' or JDK Mission Control.
# NOTE: JFR on JDK 17 recorded almost no samples inside MD5's intrinsic here (a 1 GiB direct PUT
# used 1.6 to 1.8 s of CPU on its request thread and left 2 to 5 Java samples), so MD5's share
# below is a lower bound.

# Liberty names its request threads "Default Executor-thread-N".
REQUEST_THREADS='Default Executor'

run_profile() {
    local raw="$RESULTS/profile.raw" size file
    : > "$raw"
    size="${PROFILE_SIZE_MIB:-1024}"
    file="$(make_random "r${size}m" "$size")"
    cat "$file" > /dev/null
    ensure_sample
    for _ in 1 2 3; do
        sample_upload "$(make_random r100m 100)" > /dev/null
        purge_last_sample_upload
    done

    record_loadavg "$raw" profile_start
    profile_transfer "$raw" multipart "$file" | tee "$RESULTS/profile-multipart.txt"
    profile_transfer "$raw" direct_put "$file" | tee "$RESULTS/profile-direct-put.txt"
    if command -v wrk > /dev/null; then
        profile_signing | tee "$RESULTS/profile-signing.txt"
    fi
    measure_parser "$raw"
    record_loadavg "$raw" profile_end
    summarize "$raw" | tee "$RESULTS/profile.txt"
}

# profile_transfer RAW KIND FILE: one upload of FILE (KIND multipart or direct_put) under JFR.
profile_transfer() {
    local raw="$1" kind="$2" file="$3" label jfr reservation threads_before threads_after io_before io_after out
    label="${kind}_$(($(stat -c %s "$file") / 1048576))MiB"
    jfr="$RESULTS/profile-$label.jfr"
    if [ "$kind" = direct_put ]; then
        mapfile -t reservation < <(sample_direct_upload "$file")
    fi

    "$JAVA_HOME_BENCH/bin/jcmd" "$SAMPLE_PID" JFR.start name="$label" settings=profile filename="$jfr" > /dev/null
    threads_before="$(thread_cpu "$SAMPLE_PID")"
    io_before="$(cat "/proc/$SAMPLE_PID/io")"
    if [ "$kind" = direct_put ]; then
        out="$(upload_once put "${reservation[0]}" "$file" -H "${reservation[1]}" -H "${reservation[2]}")"
    else
        out="$(sample_upload "$file")"
    fi
    io_after="$(cat "/proc/$SAMPLE_PID/io")"
    threads_after="$(thread_cpu "$SAMPLE_PID")"
    "$JAVA_HOME_BENCH/bin/jcmd" "$SAMPLE_PID" JFR.stop name="$label" > /dev/null
    require_2xx "profile $kind" "$out" || die "the profiled upload failed"
    if [ "$kind" = direct_put ]; then clear_sample_storage; else purge_last_sample_upload; fi

    echo "profile_${label}_MBps $(mbps "$(stat -c %s "$file")" "${out##* }")" >> "$raw"
    record_io "$raw" "profile_$label" "$io_before" "$io_after"
    echo "profile_${label}_busiest_request_thread_cpu_s $(thread_cpu_delta "$threads_before" "$threads_after" \
        | awk -v threads="$REQUEST_THREADS" 'index($0, threads) { print $1; exit }')" >> "$raw"
    echo "== $kind upload of $(basename "$file"): JVM threads by CPU seconds (wall ${out##* } s)"
    thread_cpu_delta "$threads_before" "$threads_after" | head -6
    echo
    report_samples "$jfr" jdk.ExecutionSample upload
    echo
    report_samples "$jfr" jdk.NativeMethodSample upload
    echo
}

# record_io RAW PREFIX BEFORE AFTER: the JVM's read and write system calls between two readings
# of /proc/PID/io, and their average size. Reads include the socket, writes the stored file.
record_io() {
    awk -v prefix="$2" 'NR == FNR { before[$1] = $2; next }
        { delta[$1] = $2 - before[$1] }
        END {
            printf "%s_read_calls %d\n%s_bytes_per_read_KiB %.1f\n", prefix, delta["syscr:"], prefix,
                delta["syscr:"] ? delta["rchar:"] / delta["syscr:"] / 1024 : 0
            printf "%s_write_calls %d\n%s_bytes_per_write_KiB %.1f\n", prefix, delta["syscw:"], prefix,
                delta["syscw:"] ? delta["wchar:"] / delta["syscw:"] / 1024 : 0
        }' <(echo "$3") <(echo "$4") >> "$1"
}

profile_signing() {
    local jfr="$RESULTS/profile-signing.jfr"
    run_wrk sample "${SIGNING_WARMUP_SECONDS:-10}" > /dev/null

    "$JAVA_HOME_BENCH/bin/jcmd" "$SAMPLE_PID" JFR.start name=signing settings=profile filename="$jfr" > /dev/null
    run_wrk sample "${SIGNING_SECONDS:-10}" | grep '^RESULT'
    "$JAVA_HOME_BENCH/bin/jcmd" "$SAMPLE_PID" JFR.stop name=signing > /dev/null

    report_samples "$jfr" jdk.ExecutionSample signing
    echo
}

# measure_parser RAW: runs java/MultipartParserBench.java against the libraries inside the WAR.
measure_parser() {
    local lib="$PERF/sample/lib"
    rm -rf "$lib"
    mkdir -p "$lib"
    # unzip exits with 11 when a pattern matches nothing, and newer WARs hold no commons JARs.
    unzip -q -j "$SAMPLE_WAR" 'WEB-INF/lib/storage-*.jar' 'WEB-INF/lib/commons-*.jar' -d "$lib" || true
    local m2="${HOME}/.m2/repository/org/apache/commons"
    find "$m2/commons-fileupload2-core" "$m2/commons-fileupload2-jakarta-servlet6" -name '*-2.0.0-M5.jar' \
        -exec cp {} "$lib" \; 2>/dev/null || true
    local io
    io=$(find "${HOME}/.m2/repository/commons-io/commons-io" -name 'commons-io-2.*.jar' 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$io" ]; then
        cp "$io" "$lib"
    fi
    log "multipart parser and MD5 on one thread, in memory"

    "$JAVA_HOME_BENCH/bin/java" -Xmx1g -cp "$lib/*" "$BENCH_DIR/java/MultipartParserBench.java" 256 "$REPS" >> "$1"
}

# thread_cpu PID: one line per thread, "TID CPU_SECONDS NAME", with the Java thread name where
# the JVM reports one.
thread_cpu() {
    local hz task
    hz="$(getconf CLK_TCK)"
    for task in /proc/"$1"/task/*; do
        awk -v hz="$hz" -v tid="${task##*/}" '{ printf "%s %.2f\n", tid, ($14 + $15) / hz }' "$task/stat" 2>/dev/null || true
    done | join_thread_names "$1"
}

# join_thread_names PID: appends the Java name to "TID ..." lines; Thread.print gives each
# thread's OS id as nid=0xHEX.
join_thread_names() {
    awk 'NR == FNR { if (match($0, /nid=0x[0-9a-f]+/)) {
                name = $0; sub(/^"/, "", name); sub(/".*/, "", name)
                names[substr($0, RSTART + 4, RLENGTH - 4)] = name }
            next }
        { nid = sprintf("0x%x", $1); print $0, (nid in names) ? names[nid] : "(native thread)" }' \
        <("$JAVA_HOME_BENCH/bin/jcmd" "$1" Thread.print 2>/dev/null) -
}

# thread_cpu_delta BEFORE AFTER: CPU seconds each thread used between the two snapshots, largest first.
thread_cpu_delta() {
    awk 'NR == FNR { before[$1] = $2; next }
        { used = $2 - before[$1]; name = $3; for (i = 4; i <= NF; i++) name = name " " $i
          if (used > 0) printf "%8.2f s  %s\n", used, name }' <(echo "$1") <(echo "$2") | sort -rn
}

# report_samples JFR EVENT KIND: the hottest top frames of EVENT on the request threads, and the
# share of those samples whose stack contains each stage of an upload (KIND upload) or of a
# direct-upload reservation (KIND signing).
report_samples() {
    echo "== $2 on the request threads: hottest top frames"
    "$JAVA_HOME_BENCH/bin/jfr" print --stack-depth 128 --events "$2" "$1" | awk -v threads="$REQUEST_THREADS" -v kind="$3" '
        /sampledThread = / { wanted = index($0, threads) > 0 }
        /stackTrace = \[/ { in_stack = 1; top = ""; stack = ""; next }
        in_stack && /^[[:space:]]*\]/ {
            in_stack = 0
            if (!wanted) next
            total++; tops[top]++
            if (kind == "upload") {
                count("MD5 digest", "MD5\\.implCompress|DigestBase\\.engineUpdate")
                count("file write", "FileDispatcherImpl\\.(write|pwrite)")
                count("fsync (FileChannel.force)", "FileDispatcherImpl\\.force")
                count("socket read (Liberty TCP channel)", "SocketDispatcher\\.read|tcpchannel")
                count("multipart parser (storage-web)", "MultipartStream|MultipartBuffer|DelimiterSearch|PartInputStream")
                count("DelimiterSearch", "DelimiterSearch")
            } else {
                count("BASIC authentication", "security\\.authentication|BasicAuthAuthenticator|UserRegistry")
                count("JSON (JSON-B, JSON-P)", "yasson|jsonb|parsson|jsonp")
                count("JPA (EclipseLink)", "eclipse\\.persistence")
                count("H2 database", "org\\.h2\\.")
                count("transaction manager", "com\\.ibm\\.tx|com\\.ibm\\.ws\\.tx")
                count("token signing (HMAC)", "TokenSigner|javax\\.crypto\\.Mac|HmacCore")
            }
            next
        }
        in_stack { line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*/, "", line)
            if (top == "") top = line; stack = stack "\n" line }
        function count(label, pattern) { if (stack ~ pattern) stage[label]++ }
        END {
            printf "samples: %d\n", total
            if (total == 0) exit
            for (t in tops) printf "%6.1f%%  %s\n", 100 * tops[t] / total, t | "sort -rn | head -12"
            close("sort -rn | head -12")
            print "-- samples whose stack contains:"
            for (s in stage) printf "%6.1f%%  %s\n", 100 * stage[s] / total, s | "sort -rn"
            close("sort -rn")
        }'
}
