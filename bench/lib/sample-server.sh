# The product under test: the sample application on its own Open Liberty server, with the disk
# driver, the sample's jvm.options (-Xmx256m) and server.xml, on a free loopback port.
#
# The WAR comes from BENCH_WAR if set. Otherwise BENCH_BUILD=worktree (the default) packages the
# last commit in a temporary git worktree, so uncommitted changes in the work tree neither break
# nor change the measurement; BENCH_BUILD=tree runs 'mvn install -DskipTests' in the work tree.
# The Liberty runtime is unpacked from the openliberty-runtime zip that the build uses.

SAMPLE_WAR="$PERF/sample/sample-war.war"
SAMPLE_CONFIG="$PERF/sample/config"
SAMPLE_SOURCE=""
WLP="$PERF/wlp"
SAMPLE_SERVER_DIR="$WLP/usr/servers/bench"
SAMPLE_STORAGE="$PERF/sample-storage"
SAMPLE_PORT=""
SAMPLE_PID=""

# mvn_quiet ARG...: Maven in batch mode, quiet, without colors, with the flags in MVN_FLAGS.
mvn_quiet() {
    local flags
    read -r -a flags <<< "${MVN_FLAGS:-}"
    mvn -B -q -Dstyle.color=never "${flags[@]}" "$@"
}

# pom_property NAME: a property of the parent POM, such as openliberty.version.
pom_property() {
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$REPO_DIR/pom.xml" | head -1
}

# build_sample: puts the WAR and the sample's Liberty configuration under $PERF/sample and sets
# SAMPLE_SOURCE to what was built.
build_sample() {
    mkdir -p "$SAMPLE_CONFIG"
    if [ -n "${BENCH_WAR:-}" ]; then
        cp "$BENCH_WAR" "$SAMPLE_WAR"
        cp "$REPO_DIR/sample-war/src/main/liberty/config/"{server.xml,jvm.options} "$SAMPLE_CONFIG/"
        SAMPLE_SOURCE="$BENCH_WAR"
        return 0
    fi
    case "${BENCH_BUILD:-worktree}" in
        worktree) build_sample_from_worktree ;;
        tree) build_sample_from_tree ;;
        *) die "BENCH_BUILD '${BENCH_BUILD}' is invalid: use worktree or tree" ;;
    esac
}

build_sample_from_worktree() {
    local tree="$PERF/tree"
    remove_worktree
    git -C "$REPO_DIR" worktree add --detach "$tree" HEAD > /dev/null 2>&1 || die "git worktree add $tree failed"
    SAMPLE_SOURCE="commit $(git -C "$tree" rev-parse --short HEAD)"
    log "building the sample WAR of $SAMPLE_SOURCE in $tree"

    # 'package' resolves the sibling modules inside the reactor, so nothing is installed into the
    # local Maven repository that other builds on this machine read.
    (cd "$tree" && mvn_quiet -pl sample-war -am package -DskipTests) >&2 || { remove_worktree; die "the build failed"; }
    cp "$tree/sample-war/target/sample-war.war" "$SAMPLE_WAR"
    cp "$tree/sample-war/src/main/liberty/config/"{server.xml,jvm.options} "$SAMPLE_CONFIG/"
    remove_worktree
}

build_sample_from_tree() {
    SAMPLE_SOURCE="work tree at $(git -C "$REPO_DIR" rev-parse --short HEAD)$(git -C "$REPO_DIR" diff --quiet HEAD || echo ' with changes')"
    log "building the sample WAR of the $SAMPLE_SOURCE"

    (cd "$REPO_DIR" && mvn_quiet install -DskipTests) >&2 || die "the build failed"
    cp "$REPO_DIR/sample-war/target/sample-war.war" "$SAMPLE_WAR"
    cp "$REPO_DIR/sample-war/src/main/liberty/config/"{server.xml,jvm.options} "$SAMPLE_CONFIG/"
}

remove_worktree() {
    if [ -d "$PERF/tree" ]; then
        git -C "$REPO_DIR" worktree remove --force "$PERF/tree" > /dev/null 2>&1 || rm -rf "$PERF/tree"
    fi
    git -C "$REPO_DIR" worktree prune
}

# prepare_liberty: unpacks the Liberty runtime and the H2 driver under $PERF once.
prepare_liberty() {
    if [ -x "$WLP/bin/server" ] && [ -f "$PERF/sample/h2.jar" ]; then
        return 0
    fi
    local version h2
    version="$(pom_property openliberty.version)"
    h2="$(pom_property h2.version)"
    log "unpacking Open Liberty $version"
    (cd "$REPO_DIR" \
        && mvn_quiet -N dependency:copy -DoutputDirectory="$PERF/sample" -Dmdep.stripVersion=true \
            -Dartifact="io.openliberty:openliberty-runtime:$version:zip" \
        && mvn_quiet -N dependency:copy -DoutputDirectory="$PERF/sample" -Dmdep.stripVersion=true \
            -Dartifact="com.h2database:h2:$h2") >&2 || die "cannot fetch the Liberty runtime or H2"
    rm -rf "$WLP"
    unzip -q "$PERF/sample/openliberty-runtime.zip" -d "$PERF"
    rm -f "$PERF/sample/openliberty-runtime.zip"
}

# create_sample_server [JVM_OPTION...]: writes a fresh server folder: the sample's configuration,
# a new port, a signing secret, the storage folder and the extra JVM options given.
create_sample_server() {
    local http https option
    http="$(free_port)"
    https="$(free_port)"
    rm -rf "$SAMPLE_SERVER_DIR" "$SAMPLE_STORAGE"
    mkdir -p "$SAMPLE_SERVER_DIR/apps" "$SAMPLE_SERVER_DIR/lib/jdbc" "$SAMPLE_STORAGE"
    cp "$SAMPLE_CONFIG/server.xml" "$SAMPLE_CONFIG/jvm.options" "$SAMPLE_SERVER_DIR/"
    cp "$SAMPLE_WAR" "$SAMPLE_SERVER_DIR/apps/"
    cp "$PERF/sample/h2.jar" "$SAMPLE_SERVER_DIR/lib/jdbc/h2.jar"

    printf 'http.host=127.0.0.1\nhttp.port=%s\nhttps.port=%s\n' "$http" "$https" > "$SAMPLE_SERVER_DIR/bootstrap.properties"
    printf 'JAVA_HOME=%s\nSTORAGE_DISK_ROOT=%s\nSTORAGE_SIGNING_SECRET=%s\n' \
        "$JAVA_HOME_BENCH" "$SAMPLE_STORAGE" "$(openssl rand -hex 32)" > "$SAMPLE_SERVER_DIR/server.env"
    for option in "$@"; do
        echo "$option" >> "$SAMPLE_SERVER_DIR/jvm.options"
    done
    echo "$http"
}

# start_sample [JVM_OPTION...]: starts a fresh server and waits for the application; sets
# SAMPLE_PORT and SAMPLE_PID.
start_sample() {
    stop_sample
    local port log_file="$SAMPLE_SERVER_DIR/logs/messages.log"
    port="$(create_sample_server "$@")"

    JAVA_HOME="$JAVA_HOME_BENCH" "$WLP/bin/server" start bench > "$PERF/sample-start.log" 2>&1 \
        || { cat "$PERF/sample-start.log" >&2; die "Liberty did not start"; }
    cp "$WLP/usr/servers/.pid/bench.pid" "$PIDS/sample.pid"
    wait_for_application "$log_file" || { tail -30 "$log_file" >&2; stop_sample; die "the sample application did not start"; }

    SAMPLE_PORT="$port"
    SAMPLE_PID="$(cat "$PIDS/sample.pid")"
    log "sample on 127.0.0.1:$SAMPLE_PORT (Liberty pid $SAMPLE_PID)"
}

wait_for_application() {
    for _ in $(seq 1 1800); do
        if grep -q 'CWWKZ0001I' "$1" 2>/dev/null; then
            return 0
        fi
        if grep -qE 'CWWKZ0002E|CWWKZ0004E' "$1" 2>/dev/null; then
            return 1
        fi
        sleep 0.1
    done
    return 1
}

ensure_sample() {
    if [ -z "$SAMPLE_PORT" ]; then
        start_sample
    fi
}

# stop_sample: stops our Liberty server by name, then by its recorded PID if it is still there.
stop_sample() {
    if [ -f "$PIDS/sample.pid" ]; then
        JAVA_HOME="$JAVA_HOME_BENCH" "$WLP/bin/server" stop bench > /dev/null 2>&1 || true
        stop_pidfile "$PIDS/sample.pid"
        if [ -n "${RESULTS:-}" ]; then
            cat "$SAMPLE_SERVER_DIR/logs/messages.log" >> "$RESULTS/liberty-messages.log" 2>/dev/null || true
        fi
    fi
    SAMPLE_PORT=""
    SAMPLE_PID=""
}

sample_url() { echo "http://127.0.0.1:$SAMPLE_PORT$1"; }

# sample_upload FILE: one multipart upload to the servlet; prints "HTTP_CODE SECONDS" and leaves
# the blob's JSON in $PERF/last_response.
sample_upload() {
    upload_once multipart "$(sample_url /storage/uploads)" "$1" -u "$SAMPLE_USER"
}

# purge_last_sample_upload: deletes the blob of the last upload through the API, row and object.
purge_last_sample_upload() {
    local id
    id="$(jq -r '.id' "$PERF/last_response")"
    curl -sS -f -o /dev/null -u "$SAMPLE_USER" -X DELETE "$(sample_url "/api/storage/blobs/$id")"
}

# sample_direct_upload FILE: reserves a direct upload for FILE; prints the URL, then one header per line.
sample_direct_upload() {
    curl -sS -f -u "$SAMPLE_USER" -H 'Content-Type: application/json' -H 'Accept: application/json' \
        -d "$(direct_upload_body "$1")" "$(sample_url /api/storage/direct-uploads)" \
        | jq -r '.direct_upload.url, (.direct_upload.headers | to_entries[] | "\(.key): \(.value)")'
}

# clear_sample_storage: removes every stored object of the sample, for objects whose rows stay
# pending (direct uploads) and are never served.
clear_sample_storage() {
    rm -rf "${SAMPLE_STORAGE:?}/tenants"
}
