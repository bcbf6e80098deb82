# shellcheck shell=bash
# Sourced by every kvstore hook (after `set -eu`): where the unit keeps its
# files, and the functions that start, stop and advertise the server.
#
# Where things live. upgrade-charm replaces the charm directory ($CHARM_DIR),
# so nothing the unit must keep is written into it. The unit's files go in
# one state directory beside it, inside the unit's own directory:
#
#     $CHARM_DIR/../state/
#         kvserver.py   the server, copied from files/ by install and upgrade-charm
#         greeting      the `greeting` option, re-read by the server on each request
#         data.json     the buckets and their keys
#         server.pid    the running server's pid (written by the server itself)
#         server.log    the server's stdout and stderr
#         port          the port the server listens on; kept after stop, so a
#                       picked port (option port=0) is reused by the next start
#         port-option   the `port` option the running server was started with
#
# Nothing needs root and nothing is written outside the unit's directory.

STATE="$(cd "$CHARM_DIR/.." && pwd)/state"

log() {
    juju-log "$*"
}

# Copies the server script into the state directory. The server runs from the
# copy, so replacing the charm directory never pulls a file from under it.
install_server_script() {
    mkdir -p "$STATE"
    cp "$CHARM_DIR/files/kvserver.py" "$STATE/kvserver.py.new"
    mv -f "$STATE/kvserver.py.new" "$STATE/kvserver.py"
}

# Prints the `port` option, failing with a clear message when it is no port.
wanted_port() {
    local port
    port="$(config-get port)"
    case "$port" in
        '' | *[!0-9]*) log "invalid port option '$port'"; return 1 ;;
    esac
    if [ "$port" -gt 65535 ]; then
        log "invalid port option '$port'"
        return 1
    fi
    echo "$port"
}

# Prints the pid of the running server; fails when none runs. The pid file
# alone is not proof: the process may have died and its pid been reused, so
# the command line is checked too.
server_pid() {
    local pid
    [ -s "$STATE/server.pid" ] || return 1
    pid="$(cat "$STATE/server.pid")"
    kill -0 "$pid" 2>/dev/null || return 1
    grep -q kvserver.py "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

# The port the server listens on (or last listened on); empty when never started.
current_port() {
    cat "$STATE/port" 2>/dev/null || true
}

# Starts the server unless it runs already, and waits until it listens.
start_server() {
    local want args pid
    if server_pid >/dev/null; then
        return 0
    fi
    want="$(wanted_port)"
    args=(--state "$STATE" --port "$want")
    if [ "$want" = 0 ] && [ -s "$STATE/port" ]; then
        # Keep the port picked last time, so related units need not be told
        # of a new one; take another only if it has been taken meanwhile.
        args=(--state "$STATE" --port "$(current_port)" --fallback-any)
    fi
    rm -f "$STATE/server.pid"
    # setsid: a session of its own, so the server outlives this hook and is
    # not signalled with the hook's process group. Every standard stream is
    # redirected: the agent reads the hook's output until it is closed, and a
    # server holding it open would keep the hook from ever finishing.
    setsid nohup python3 "$STATE/kvserver.py" "${args[@]}" \
        </dev/null >>"$STATE/server.log" 2>&1 &
    # Wait (up to 10 s) for the server to write its pid file: it does so once
    # its socket is bound.
    for _ in $(seq 50); do
        if pid="$(server_pid)"; then
            echo "$want" >"$STATE/port-option"
            log "kvstore server (pid $pid) listening on port $(current_port)"
            return 0
        fi
        sleep 0.2
    done
    log "kvstore server did not start; the end of $STATE/server.log:"
    tail -n 20 "$STATE/server.log" >&2 || true
    return 1
}

# Stops the server if it runs: TERM, then KILL after 5 s.
stop_server() {
    local pid
    pid="$(server_pid)" || { rm -f "$STATE/server.pid"; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 25); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "kvstore server (pid $pid) ignored TERM for 5 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE/server.pid"
    log "kvstore server (pid $pid) stopped"
}

# Restarts the server; when it comes back on another port, moves the opened
# port and tells every related client.
restart_server() {
    local old new
    old="$(current_port)"
    stop_server
    start_server
    new="$(current_port)"
    if [ "$old" != "$new" ]; then
        if [ -n "$old" ]; then
            close-port "$old/tcp"
        fi
        open-port "$new/tcp"
        publish_endpoint
    fi
}

# Writes host and port into this unit's settings of every kv relation
# (`relation-ids kv` lists them, `-r` reaches one from any hook). With no
# server yet, writes nothing: start publishes once it knows the port.
publish_endpoint() {
    local host port rid
    port="$(current_port)"
    [ -n "$port" ] || return 0
    host="$(unit-get private-address)"
    for rid in $(relation-ids kv); do
        relation-set -r "$rid" "host=$host" "port=$port"
    done
}

# Sends one request to the local server; prints the response body. Fails on
# an HTTP error or when the server cannot be reached.
kv_request() {
    python3 - "$1" "http://127.0.0.1:$(current_port)$2" <<'PY'
import sys, urllib.request
method, url = sys.argv[1], sys.argv[2]
request = urllib.request.Request(url, data=b"" if method == "PUT" else None, method=method)
with urllib.request.urlopen(request, timeout=10) as response:
    sys.stdout.write(response.read().decode("utf-8"))
PY
}

# Logs the units on the other side of the current relation, comma-separated.
log_members() {
    local members
    members="$(relation-list | paste -sd, -)"
    log "$1: $JUJU_RELATION_ID members now: ${members:-none}"
}
