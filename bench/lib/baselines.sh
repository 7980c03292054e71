# The hand-written baselines: the JDK HTTP server of java/BaselineServer.java and nginx.
# Each ensure_* function starts its server once, records its PID under $PIDS and sets its port.
# Each stop_* function stops only that PID and removes the files the server received.

JDK_PORT=""
NGINX_PORT=""

# ensure_jdk_baseline: sets JDK_PORT. Uploads land in $PERF/jdk-uploads; GET /files/NAME serves
# $PERF/data/NAME.
ensure_jdk_baseline() {
    if [ -n "$JDK_PORT" ]; then
        return 0
    fi
    local port classes="$PERF/classes"
    port="$(free_port)"
    mkdir -p "$classes"
    "$JAVA_HOME_BENCH/bin/javac" -d "$classes" "$BENCH_DIR/java/BaselineServer.java"

    nohup "$JAVA_HOME_BENCH/bin/java" -Xmx256m -cp "$classes" BaselineServer "$port" "$PERF/jdk-uploads" "$PERF/data" \
        > "$PERF/jdk-baseline.log" 2>&1 &
    echo $! > "$PIDS/jdk-baseline.pid"

    wait_port "$port" 30 || { cat "$PERF/jdk-baseline.log" >&2; stop_jdk_baseline; die "the JDK baseline did not start"; }
    JDK_PORT="$port"
    log "JDK baseline on 127.0.0.1:$JDK_PORT (pid $(cat "$PIDS/jdk-baseline.pid"))"
}

stop_jdk_baseline() {
    stop_pidfile "$PIDS/jdk-baseline.pid"
    rm -rf "$PERF/jdk-uploads"
    JDK_PORT=""
}

jdk_baseline_pids() { cat "$PIDS/jdk-baseline.pid"; }

# ensure_nginx: sets NGINX_PORT. POST /upload keeps the body in a file under $PERF/nginx/body and
# passes only its name on (client_body_in_file_only), the usual way to take uploads with nginx;
# GET /files/NAME serves $PERF/data/NAME.
ensure_nginx() {
    if [ -n "$NGINX_PORT" ]; then
        return 0
    fi
    command -v nginx > /dev/null || die "nginx is not installed: run 'bench/run.sh install' first"
    local front back dir="$PERF/nginx"
    front="$(free_port)"
    back="$(free_port)"
    mkdir -p "$dir/body" "$dir/temp"
    write_nginx_config "$dir" "$front" "$back"

    nohup nginx -c "$dir/nginx.conf" -g 'daemon off;' > "$dir/stdout.log" 2>&1 &
    echo $! > "$PIDS/nginx.pid"

    wait_port "$front" 20 || { cat "$dir/error.log" >&2; stop_nginx; die "nginx did not start"; }
    NGINX_PORT="$front"
    log "nginx on 127.0.0.1:$NGINX_PORT (pid $(cat "$PIDS/nginx.pid"))"
}

write_nginx_config() {
    local dir="$1" front="$2" back="$3"
    cat > "$dir/nginx.conf" << NGINX
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    server {
        listen 127.0.0.1:$front;
        client_max_body_size 0;
        location /upload {
            client_body_in_file_only on;
            client_body_buffer_size 1m;
            proxy_pass_request_body off;
            proxy_set_header Content-Length "";
            proxy_set_header X-Body-File \$request_body_file;
            proxy_pass http://127.0.0.1:$back/stored;
        }
        location /files/ {
            alias $PERF/data/;
            default_type application/octet-stream;
        }
    }
    server {
        listen 127.0.0.1:$back;
        location /stored { return 201 "stored\n"; }
    }
}
NGINX
}

stop_nginx() {
    stop_pidfile "$PIDS/nginx.pid"
    rm -rf "$PERF/nginx/body"
    NGINX_PORT=""
}

# nginx_pids: the master and its workers, whose CPU time counts together.
nginx_pids() {
    local master
    master="$(cat "$PIDS/nginx.pid")"
    { echo "$master"; pgrep -P "$master" || true; } | xargs
}

# clear_baseline_uploads: removes what the baselines stored, between repetitions.
clear_baseline_uploads() {
    rm -rf "$PERF/jdk-uploads"/* "$PERF/nginx/body"/* 2>/dev/null || true
}
