# shellcheck shell=bash
# Sourced by every webfront hook (after `set -eu`): where the unit keeps its
# files, and how it records and reports its backend.
#
# Like kvstore, the unit writes only into one state directory beside the
# charm directory (which upgrade-charm replaces):
#
#     $CHARM_DIR/../state/
#         backend.conf   the kv store in use, one KEY=VALUE a line:
#                          unit=kvstore/0     the remote unit that sent it
#                          host=10.0.0.5
#                          port=41234
#                          bucket=web         the bucket the store acknowledged
#                                             (bucket-ready); empty until then
#                        absent while no store is known.

STATE="$(cd "$CHARM_DIR/.." && pwd)/state"
BACKEND="$STATE/backend.conf"

log() {
    juju-log "$*"
}

# Prints the value of KEY in backend.conf; empty when absent. The file is
# parsed, never sourced: its values came from another unit.
backend_get() {
    [ -f "$BACKEND" ] || return 0
    sed -n "s/^$1=//p" "$BACKEND"
}

# Records a backend: write_backend UNIT HOST PORT READY_BUCKET.
write_backend() {
    mkdir -p "$STATE"
    printf 'unit=%s\nhost=%s\nport=%s\nbucket=%s\n' "$1" "$2" "$3" "$4" >"$BACKEND.new"
    mv -f "$BACKEND.new" "$BACKEND"
}

# Records the settings of remote UNIT of the current relation as the backend.
# Fails (writing nothing) while the unit has not sent a usable host and port.
adopt_backend() {
    local unit="$1" host port
    host="$(relation-get host "$unit")"
    port="$(relation-get port "$unit")"
    if [ -z "$host" ] || ! [[ "$port" =~ ^[0-9]+$ ]]; then
        return 1
    fi
    write_backend "$unit" "$host" "$port" "$(relation-get bucket-ready "$unit")"
}

# Sets the unit's status from backend.conf and the `bucket` option:
# blocked without a store, waiting until the store acknowledged our bucket,
# active once it has.
update_status() {
    local host port
    if [ ! -f "$BACKEND" ]; then
        status-set blocked "no kv store"
        return 0
    fi
    host="$(backend_get host)"
    port="$(backend_get port)"
    if [ "$(backend_get bucket)" = "$(config-get bucket)" ]; then
        status-set active "using $host:$port"
    else
        status-set waiting "waiting for bucket $(config-get bucket) on $host:$port"
    fi
}
