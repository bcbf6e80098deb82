# shellcheck shell=bash
# Sourced by every mysql hook (after `set -eu`). The hooks run as root on a
# Debian or Ubuntu machine of their own.
#
# The unit keeps its own files in a state directory beside the charm directory
# (which upgrade-charm replaces), readable by root only:
#
#     $CHARM_DIR/../state/
#         password-SERVICE   the password handed to SERVICE; kept so that a hook
#                            run again hands out the same one
#         relation-ID        the service at the other end of relation ID (db:3),
#                            so that db-relation-broken, which has no remote
#                            unit, knows whose user to drop
#
# MariaDB's own settings from the charm options go in one drop-in file, so
# the packaged configuration is never edited.

STATE="$(cd "$CHARM_DIR/.." && pwd)/state"
CNF=/etc/mysql/mariadb.conf.d/60-juju-charm.cnf
export DEBIAN_FRONTEND=noninteractive
# The agent sets PATH; make sure the administration commands (service,
# a2ensite, ...) are found even when it left the sbin directories out.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() {
    juju-log "$*"
}

# service_ctl ACTION: start, stop or restart MariaDB, with systemd or without
# (containers and older releases run the sysvinit script).
service_ctl() {
    if [ -d /run/systemd/system ]; then
        systemctl "$1" mariadb
    else
        service mariadb "$1"
    fi
}

mysql_cli() {
    if command -v mariadb >/dev/null; then
        mariadb "$@"
    else
        mysql "$@"
    fi
}

# True when the server answers. As root the client logs in through the
# socket with no password (unix_socket authentication, Debian's default).
mysql_running() {
    mysql_cli --protocol=socket -uroot -e 'SELECT 1' >/dev/null 2>&1
}

# Runs the SQL on standard input as root. Secrets go through stdin, never
# through the command line where ps would show them.
sql() {
    mysql_cli --protocol=socket -uroot
}

# Waits up to 60 s for the server to answer.
wait_for_mysql() {
    local i
    for i in $(seq 60); do
        if mysql_running; then
            return 0
        fi
        sleep 1
    done
    log "MariaDB did not answer after ${i} s"
    return 1
}

# Prints the password for SERVICE, creating it on first use: 24 random
# letters and digits (nothing that needs quoting in SQL or PHP).
password_for() {
    local file="$STATE/password-$1" password
    if [ ! -s "$file" ]; then
        password="$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 || true)"
        (umask 077 && printf '%s\n' "$password" >"$file.new")
        mv -f "$file.new" "$file"
    fi
    cat "$file"
}
