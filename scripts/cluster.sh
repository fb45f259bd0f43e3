#!/usr/bin/env bash
# The demo site on a small cluster, on this machine and on loopback only:
# PostgreSQL (Debian's packages, own data dir and port), two Zope instances on
# RelStorage, nginx balancing them and the ingester counting from nginx's log. Everything lives under var/cluster/.
#
#   scripts/cluster.sh start|stop|status|start-ingester
#
# Ports (environment): THDTRE_HTTP_PORT (nginx, 8080), THDTRE_ZOPE1_PORT (8081),
# THDTRE_ZOPE2_PORT (8082), THDTRE_PG_PORT (55432). See cluster/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
TEMPLATES=$ROOT/cluster
CLUSTER=${THDTRE_CLUSTER_DIR:-$ROOT/var/cluster}
HTTP_PORT=${THDTRE_HTTP_PORT:-8080}
ZOPE_PORTS=("${THDTRE_ZOPE1_PORT:-8081}" "${THDTRE_ZOPE2_PORT:-8082}")
PG_PORT=${THDTRE_PG_PORT:-55432}
PG_DB=thdtre
PG_USER=thdtre
PG_DIR=$CLUSTER/pg
PG_DATA=$PG_DIR/data
PG_RUN=$PG_DIR/run
NGINX_DIR=$CLUSTER/nginx
NGINX_MODULES_DIR=/usr/lib/nginx/modules
SITE_ID=${SITE_ID:-Plone}
SITE_MARKER=$CLUSTER/site-created
WAIT_SECONDS=${THDTRE_CLUSTER_WAIT:-180}

say() { echo "cluster: $*"; }
die() {
    echo "cluster: $*" >&2
    exit 1
}

as_root() { [[ $(id -u) == 0 ]]; }

# PostgreSQL refuses to run as root: as root, its commands run as 'postgres'.
as_pg() {
    if as_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

apt_install() {
    as_root || die "$1 is not installed and we are not root: apt-get install $1"
    say "installing Debian's $1 (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "$1" >/dev/null
}

pg_bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n $found && -x $found/initdb ]] && echo "$found"
}

port_busy() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Alive: the process exists and is not a zombie (killed, not yet reaped).
pid_alive() {
    [[ -f $1 ]] || return 1
    local pid state
    pid=$(cat "$1")
    kill -0 "$pid" 2>/dev/null || return 1
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ $state != Z ]]
}

render() {
    local template=$1 target=$2
    shift 2
    "$BIN/python" "$TEMPLATES/render.py" "$template" "$target" "$@"
}

wait_http() {
    local url=$1 what=$2 pidfile=${3:-} deadline=$((SECONDS + WAIT_SECONDS))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$url") == 200 ]]; do
        if [[ -n $pidfile ]] && ! pid_alive "$pidfile"; then
            die "$what stopped while starting; see its logs under $CLUSTER"
        fi
        ((SECONDS < deadline)) || die "$what does not answer 200 at $url after ${WAIT_SECONDS}s"
        sleep 1
    done
    say "$what answers 200 at $url"
}

pg_password_file() { echo "$CLUSTER/pg-password"; }

pg_password() {
    local file
    file=$(pg_password_file)
    if [[ ! -s $file ]]; then
        (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_hex(16))' >"$file")
    fi
    cat "$file"
}

pg_running() { [[ -n ${PGBIN:-} ]] && as_pg "$PGBIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }

start_postgres() {
    PGBIN=$(pg_bindir) || true
    if [[ -z $PGBIN ]]; then
        apt_install postgresql
        PGBIN=$(pg_bindir) || die "no /usr/lib/postgresql/*/bin/initdb after installing postgresql"
    fi
    if as_root; then
        id postgres >/dev/null 2>&1 || die "running as root and there is no 'postgres' user"
    fi
    mkdir -p "$PG_DIR"
    if as_root; then chown postgres: "$PG_DIR"; fi
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        say "initialising PostgreSQL data in $PG_DATA ($PGBIN)"
        rm -f "$SITE_MARKER"
        as_pg mkdir -p -m 700 "$PG_RUN"
        as_pg "$PGBIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$CLUSTER/initdb.log"
        echo "include_if_exists = 'thdtre.conf'" | as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
    fi
    render "$TEMPLATES/postgresql.conf.in" "$CLUSTER/postgresql.conf" \
        PG_PORT="$PG_PORT" PG_SOCKET_DIR="$PG_RUN"
    as_pg cp "$CLUSTER/postgresql.conf" "$PG_DATA/thdtre.conf"
    if pg_running; then
        say "PostgreSQL already runs on 127.0.0.1:$PG_PORT"
    else
        port_busy "$PG_PORT" && die "port $PG_PORT is taken: set THDTRE_PG_PORT"
        as_pg "$PGBIN/pg_ctl" start -D "$PG_DATA" -l "$PG_DIR/server.log" -w -t 60 >/dev/null
        say "PostgreSQL started on 127.0.0.1:$PG_PORT (data $PG_DATA)"
    fi
    local password exists
    password=$(pg_password)
    exists=$(as_pg "$PGBIN/psql" -h "$PG_RUN" -p "$PG_PORT" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")
    if [[ $exists != 1 ]]; then
        render "$TEMPLATES/pg-setup.sql.in" "$CLUSTER/pg-setup.sql" \
            PG_USER="$PG_USER" PG_PASSWORD="$password" PG_DB="$PG_DB"
        chmod 644 "$CLUSTER/pg-setup.sql"
        as_pg "$PGBIN/psql" -h "$PG_RUN" -p "$PG_PORT" -U postgres -q \
            -v ON_ERROR_STOP=1 -f "$CLUSTER/pg-setup.sql" >/dev/null
        rm -f "$CLUSTER/pg-setup.sql"
        say "database $PG_DB and role $PG_USER created"
    fi
    DSN="host=127.0.0.1 port=$PG_PORT dbname=$PG_DB user=$PG_USER password=$password"
}

write_instances() {
    local n instance
    for n in 1 2; do
        instance=$CLUSTER/zope$n
        mkdir -p "$instance/etc" "$instance/var/log" "$instance/var/cache" \
            "$instance/var/blobcache"
        (umask 077 && render "$TEMPLATES/zope.conf.in" "$instance/etc/zope.conf" \
            INSTANCE="$instance" COUNTER_DSN="$DSN" RELSTORAGE_DSN="$DSN")
        render "$TEMPLATES/zope.ini.in" "$instance/etc/zope.ini" \
            INSTANCE="$instance" PORT="${ZOPE_PORTS[$((n - 1))]}"
    done
}

# The demo site: created once; run again (add-on upgrades, caching through
# nginx; about 20 s) only when the add-on's profile version or the proxy changed,
# so that restarting a stopped instance is quick. The marker holds both.
site_stamp() {
    local version
    version=$(grep -o '<version>[^<]*' "$ROOT/src/collective/thdtre/profiles/default/metadata.xml")
    echo "${version#<version>} http://127.0.0.1:$HTTP_PORT/purge"
}

create_site() {
    local stamp
    stamp=$(site_stamp)
    if [[ -f $SITE_MARKER && $(cat "$SITE_MARKER") == "$stamp" ]]; then
        return
    fi
    if [[ -f $SITE_MARKER ]]; then
        say "updating the demo site (add-on upgrades, caching through nginx)"
    else
        say "creating the demo site in PostgreSQL (once; about a minute)"
    fi
    THDTRE_CACHING_PROXY=${stamp#* } "$BIN/zconsole" run "$CLUSTER/zope1/etc/zope.conf" \
        scripts/create_site.py >"$CLUSTER/create_site.log" 2>&1 || {
        tail -n 20 "$CLUSTER/create_site.log" >&2
        die "creating the site failed; see $CLUSTER/create_site.log"
    }
    echo "$stamp" >"$SITE_MARKER"
}

start_zope() {
    local n=$1 instance=$CLUSTER/zope$1 port=${ZOPE_PORTS[$(($1 - 1))]}
    local pidfile=$CLUSTER/zope$1/var/zope.pid
    if pid_alive "$pidfile"; then
        say "zope$n already runs (pid $(cat "$pidfile"))"
        return
    fi
    port_busy "$port" && die "port $port is taken (zope$n): set THDTRE_ZOPE${n}_PORT"
    # setsid: its own process group, stopped as a whole by cluster.sh stop.
    setsid "$BIN/runwsgi" "$instance/etc/zope.ini" >>"$instance/var/log/runwsgi.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    say "zope$n started on 127.0.0.1:$port (pid $!)"
}

start_nginx() {
    local pidfile=$NGINX_DIR/nginx.pid user_line="# workers run as the current user"
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || apt_install nginx
    [[ -f $NGINX_MODULES_DIR/ngx_http_cache_purge_module.so ]] ||
        apt_install libnginx-mod-http-cache-purge
    local nginx_bin
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    mkdir -p "$NGINX_DIR/logs" "$NGINX_DIR/tmp" "$NGINX_DIR/cache"
    if as_root; then
        user_line="user www-data;"
        chown www-data: "$NGINX_DIR/tmp" "$NGINX_DIR/cache"
    fi
    render "$TEMPLATES/nginx.conf.in" "$CLUSTER/nginx.conf" \
        CLUSTER_DIR="$CLUSTER" NGINX_DIR="$NGINX_DIR" NGINX_USER="$user_line" \
        HTTP_PORT="$HTTP_PORT" ZOPE1_PORT="${ZOPE_PORTS[0]}" ZOPE2_PORT="${ZOPE_PORTS[1]}" \
        NGINX_MODULES_DIR="$NGINX_MODULES_DIR" SITE_PATH="/$SITE_ID"
    "$nginx_bin" -t -q -c "$CLUSTER/nginx.conf" -p "$NGINX_DIR/" 2>"$NGINX_DIR/logs/check.log" || {
        cat "$NGINX_DIR/logs/check.log" >&2
        die "nginx rejects $CLUSTER/nginx.conf"
    }
    if pid_alive "$pidfile"; then
        "$nginx_bin" -c "$CLUSTER/nginx.conf" -p "$NGINX_DIR/" -s reload 2>>"$NGINX_DIR/logs/error.log"
        say "nginx already runs (pid $(cat "$pidfile")): configuration reloaded"
    else
        "$nginx_bin" -c "$CLUSTER/nginx.conf" -p "$NGINX_DIR/"
        say "nginx started on 127.0.0.1:$HTTP_PORT (pid $(cat "$pidfile"))"
    fi
}

# The ingester (issue 15): counts views and visits from nginx's counting log
# into the counters' PostgreSQL, exactly once (thdtre-ingest, counters/ingest.py).
INGEST_PID=$CLUSTER/ingest.pid
INGEST_LOG=$NGINX_DIR/logs/count.log

start_ingester() {
    if pid_alive "$INGEST_PID"; then
        say "the ingester already runs (pid $(cat "$INGEST_PID"))"
        return
    fi
    local command=("$BIN/thdtre-ingest")
    # A checkout installed before the console script existed: the same module.
    [[ -x $BIN/thdtre-ingest ]] || command=("$BIN/python" -m collective.thdtre.counters.ingest_cli)
    mkdir -p "$NGINX_DIR/logs"
    THDTRE_COUNTER_DSN=$DSN setsid "${command[@]}" --log "$INGEST_LOG" \
        >>"$CLUSTER/ingest.log" 2>&1 </dev/null &
    echo $! >"$INGEST_PID"
    say "the ingester started (pid $!, reads $INGEST_LOG; its log $CLUSTER/ingest.log)"
}

check_http_port() {
    if port_busy "$HTTP_PORT" && ! pid_alive "$NGINX_DIR/nginx.pid"; then
        die "port $HTTP_PORT is taken by another program (make start?): stop it or set THDTRE_HTTP_PORT"
    fi
}

start() {
    [[ -x $BIN/runwsgi ]] || die "no $BIN/runwsgi: run make install"
    "$BIN/python" -c "import relstorage, psycopg2" 2>/dev/null ||
        die "RelStorage and psycopg2 are not installed in .venv (see cluster/README.md)"
    command -v curl >/dev/null || die "curl is needed to wait for the servers"
    check_http_port
    mkdir -p "$CLUSTER"
    start_postgres
    write_instances
    create_site
    start_zope 1
    start_zope 2
    wait_http "http://127.0.0.1:${ZOPE_PORTS[0]}/Plone" zope1 "$CLUSTER/zope1/var/zope.pid"
    wait_http "http://127.0.0.1:${ZOPE_PORTS[1]}/Plone" zope2 "$CLUSTER/zope2/var/zope.pid"
    start_nginx
    start_ingester
    wait_http "http://127.0.0.1:$HTTP_PORT/Plone" "nginx"
    say "the demo site: http://localhost:$HTTP_PORT/Plone (admin/admin); stop with scripts/cluster.sh stop"
}

stop_group() {
    local pidfile=$1 what=$2 pid
    if ! pid_alive "$pidfile"; then
        rm -f "$pidfile"
        return
    fi
    pid=$(cat "$pidfile")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
    fi
    rm -f "$pidfile"
    say "$what stopped (pid $pid)"
}

stop() {
    local nginx_bin
    if pid_alive "$NGINX_DIR/nginx.pid"; then
        nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
        local pid
        pid=$(cat "$NGINX_DIR/nginx.pid")
        "$nginx_bin" -c "$CLUSTER/nginx.conf" -p "$NGINX_DIR/" -s quit 2>>"$NGINX_DIR/logs/error.log"
        for _ in $(seq 1 20); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        say "nginx stopped (pid $pid)"
    fi
    # After nginx, which writes what it still buffers: the ingester finishes its
    # batch; what it did not read yet, it reads when started again.
    stop_group "$INGEST_PID" "the ingester"
    stop_group "$CLUSTER/zope1/var/zope.pid" zope1
    stop_group "$CLUSTER/zope2/var/zope.pid" zope2
    PGBIN=$(pg_bindir) || true
    if [[ -f $PG_DATA/PG_VERSION ]] && pg_running; then
        as_pg "$PGBIN/pg_ctl" stop -D "$PG_DATA" -m fast -w >/dev/null
        say "PostgreSQL stopped (data $PG_DATA)"
    fi
}

status() {
    local pid running=0
    PGBIN=$(pg_bindir) || true
    if [[ -f $PG_DATA/PG_VERSION ]] && pg_running; then
        pid=$(head -n 1 "$PG_DATA/postmaster.pid")
        say "PostgreSQL runs (pid $pid, 127.0.0.1:$PG_PORT, data $PG_DATA)"
        running=$((running + 1))
    else
        say "PostgreSQL is stopped"
    fi
    for n in 1 2; do
        if pid_alive "$CLUSTER/zope$n/var/zope.pid"; then
            say "zope$n runs (pid $(cat "$CLUSTER/zope$n/var/zope.pid"), 127.0.0.1:${ZOPE_PORTS[$((n - 1))]})"
            running=$((running + 1))
        else
            say "zope$n is stopped"
        fi
    done
    if pid_alive "$INGEST_PID"; then
        say "the ingester runs (pid $(cat "$INGEST_PID"), reads $INGEST_LOG)"
        running=$((running + 1))
    else
        say "the ingester is stopped"
    fi
    if pid_alive "$NGINX_DIR/nginx.pid"; then
        say "nginx runs (pid $(cat "$NGINX_DIR/nginx.pid"), http://127.0.0.1:$HTTP_PORT/Plone:" \
            "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/Plone"))"
        running=$((running + 1))
    else
        say "nginx is stopped"
    fi
    say "$running of 5 running"
}

case ${1:-} in
start) start ;;
# The ingester alone (after it stopped or was killed): nginx is not reloaded.
start-ingester)
    start_postgres
    start_ingester
    ;;
stop) stop ;;
status) status ;;
*)
    echo "usage: $0 start|stop|status|start-ingester" >&2
    exit 2
    ;;
esac
