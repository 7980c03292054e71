# Shared settings and helpers of the benchmark scripts; run.sh sources it first.
#
# Every measurement is one "key value" line appended to a raw file; summarize prints the median,
# min and max of each key. MB is 10^6 bytes, MiB is 2^20 bytes.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
PERF="${PERF:-/tmp/tracks-bench}"
PIDS="$PERF/pids"
REPS="${REPS:-5}"
JAVA_HOME_BENCH="${JAVA_HOME_BENCH:-/usr/lib/jvm/java-17-openjdk-amd64}"
SAMPLE_USER="alice@acme:alice"

# The working folder is removed at the end, so it must be one this script created: a marker file
# says so.
if [ -d "$PERF" ] && [ -n "$(ls -A "$PERF")" ] && [ ! -f "$PERF/.tracks-bench" ]; then
    echo "PERF=$PERF exists and was not created by bench/run.sh: choose another folder" >&2
    exit 2
fi
mkdir -p "$PERF/data" "$PIDS" "$PERF/tmp"
touch "$PERF/.tracks-bench"

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

die() { log "ERROR: $*"; exit 1; }

# summarize RAW: for each key, the median (the mean of the two middle values for an even count),
# min, max and count.
summarize() {
    sort -k1,1 -k2,2g "$1" | awk '
        function flush() {
            if (n == 0) return
            median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            printf "%-52s median %10.2f  min %10.2f  max %10.2f  n=%d\n", key, median, v[1], v[n], n
        }
        $1 != key { flush(); key = $1; n = 0 }
        { v[++n] = $2 }
        END { flush() }'
}

# make_random NAME MIB: prints the path of an incompressible test file of MIB MiB under $PERF/data,
# created once and reused while it has the right size.
make_random() {
    local file="$PERF/data/$1"
    if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -ne $(($2 * 1048576)) ]; then
        log "creating $file ($2 MiB of random bytes)"
        head -c $(($2 * 1048576)) /dev/urandom > "$file.tmp" && mv "$file.tmp" "$file"
    fi
    echo "$file"
}

# stop_pidfile FILE: stops the one process recorded in FILE (TERM, then KILL after 10 s) and
# removes FILE.
stop_pidfile() {
    local file="$1" pid
    [ -f "$file" ] || return 0
    pid="$(cat "$file")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}

# free_port: prints a loopback port that the kernel reports unused.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT [SECONDS]: waits until something accepts connections on 127.0.0.1:PORT.
wait_port() {
    local port="$1" seconds="${2:-60}"
    for _ in $(seq 1 $((seconds * 10))); do
        if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# peak_rss_kb PID, rss_kb PID: the process's peak and current resident set (VmHWM, VmRSS) in KiB.
peak_rss_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# cpu_s PID...: user plus system CPU seconds used so far by the processes, summed.
cpu_s() {
    local hz total=0 pid
    hz="$(getconf CLK_TCK)"
    for pid in "$@"; do
        total=$(awk -v hz="$hz" -v sum="$total" '{ printf "%.2f", sum + ($14 + $15) / hz }' "/proc/$pid/stat" 2>/dev/null \
            || echo "$total")
    done
    echo "$total"
}

# upload_once MODE URL FILE [CURL_ARGS...]: sends FILE once and prints "HTTP_CODE SECONDS".
# MODE multipart sends field "file", post and put send a raw body. curl -F and -T stream the file
# from disk; an empty 'Expect:' header skips the 100-continue round trip.
upload_once() {
    local mode="$1" url="$2" file="$3"
    shift 3
    local common=(-sS -o "$PERF/last_response" -H 'Expect:' -w '%{http_code} %{time_total}\n')
    case "$mode" in
        multipart) curl "${common[@]}" -F "file=@$file;type=application/octet-stream" "$@" "$url" ;;
        post) curl "${common[@]}" -H 'Content-Type: application/octet-stream' -X POST -T "$file" "$@" "$url" ;;
        put) curl "${common[@]}" -T "$file" "$@" "$url" ;;
        *) die "unknown upload mode '$mode': use multipart, post or put" ;;
    esac
}

# download_once URL [CURL_ARGS...]: reads URL into $PERF/download.bin and prints "HTTP_CODE SECONDS".
download_once() {
    local url="$1"
    shift
    curl -sS -o "$PERF/download.bin" -w '%{http_code} %{time_total}\n' "$@" "$url"
}

# mbps BYTES SECONDS: prints the rate in MB/s with one decimal.
mbps() { awk -v bytes="$1" -v seconds="$2" 'BEGIN { printf "%.1f", bytes / 1e6 / seconds }'; }

# record_ratio RAW KEY A B: records A / B with three decimals; a zero B records nothing.
record_ratio() {
    if awk -v b="$4" 'BEGIN { exit !(b == 0) }'; then
        log "$2: no ratio, the baseline's figure is 0"
        return 0
    fi
    echo "$2 $(awk -v a="$3" -v b="$4" 'BEGIN { printf "%.3f", a / b }')" >> "$1"
}

# require_2xx KEY "HTTP_CODE SECONDS": fails with the response body unless the code is 2xx.
require_2xx() {
    local code="${2%% *}"
    if [ "${code:0:1}" != 2 ]; then
        log "$1: HTTP $code"
        head -c 600 "$PERF/last_response" >&2 2>/dev/null || true
        echo >&2
        return 1
    fi
}

# record_loadavg RAW LABEL: records the 1-minute load average under the key loadavg_1m_LABEL.
record_loadavg() {
    echo "loadavg_1m_$2 $(cut -d' ' -f1 /proc/loadavg)" >> "$1"
}

# direct_upload_body FILE: the JSON both servers take to reserve a direct upload of FILE.
direct_upload_body() {
    local file="$1"
    jq -cn --arg name "$(basename "$file").bin" --argjson size "$(stat -c %s "$file")" \
        --arg checksum "$(md5_base64 "$file")" \
        '{blob: {filename: $name, content_type: "application/octet-stream", byte_size: $size, checksum: $checksum}}'
}

# md5_base64 FILE: the base64 MD5 of FILE, computed once and kept beside it.
md5_base64() {
    local file="$1"
    if [ ! -f "$file.md5" ] || [ "$file.md5" -ot "$file" ]; then
        openssl md5 -binary "$file" | base64 > "$file.md5"
    fi
    cat "$file.md5"
}

# rotate N ITEM...: the items starting at position N modulo their count.
rotate() {
    local start="$1" count index
    shift
    count=$#
    local items=("$@")
    for index in $(seq 0 $((count - 1))); do
        echo "${items[$(((index + start) % count))]}"
    done
}
