# shellcheck shell=bash
# Sourced by every wordpress hook (after `set -eu`). The hooks run as root on
# a Debian or Ubuntu machine of their own and use Debian's wordpress package:
# code in /usr/share/wordpress, uploads and plugins in
# /var/lib/wordpress/wp-content, and the settings of a site in
# /etc/wordpress/config-HOST.php (config-default.php answers for any host).
#
# The unit keeps the database settings it was given in its state directory,
# beside the charm directory (which upgrade-charm replaces), root only:
#
#     $CHARM_DIR/../state/db    database=, user=, password=, host= lines;
#                               absent while no database is related

STATE="$(cd "$CHARM_DIR/.." && pwd)/state"
DB_SETTINGS="$STATE/db"
WP_CONFIG=/etc/wordpress/config-default.php
WP_CONTENT=/var/lib/wordpress/wp-content
SITE=wordpress
export DEBIAN_FRONTEND=noninteractive
# The agent sets PATH; make sure the administration commands (service,
# a2ensite, ...) are found even when it left the sbin directories out.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() {
    juju-log "$*"
}

# apache_ctl ACTION: start, stop or reload Apache, with systemd or without.
apache_ctl() {
    if [ -d /run/systemd/system ]; then
        systemctl "$1" apache2
    else
        service apache2 "$1"
    fi
}

# Prints KEY from the saved database settings (parsed, never sourced: the
# values came from another unit).
db_get() {
    sed -n "s/^$1=//p" "$DB_SETTINGS"
}

# Quotes a value for a single-quoted PHP string.
php_quote() {
    printf '%s' "$1" | sed -e "s/\\\\/\\\\\\\\/g" -e "s/'/\\\\'/g"
}

# Writes WordPress's settings from the saved database settings and the
# `debug` option. Readable by Apache only (it holds the password). No keys
# or salts are written: WordPress then keeps generated ones in the database,
# which every unit of the service shares.
write_wp_config() {
    local debug
    debug="$(config-get debug)"
    [ "$debug" = true ] || debug=false
    mkdir -p "$(dirname "$WP_CONFIG")"
    (
        umask 027
        cat >"$WP_CONFIG.new" <<PHP
<?php
/* Written by the wordpress charm from its db relation and options;
 * edits are overwritten. */
define('DB_NAME', '$(php_quote "$(db_get database)")');
define('DB_USER', '$(php_quote "$(db_get user)")');
define('DB_PASSWORD', '$(php_quote "$(db_get password)")');
define('DB_HOST', '$(php_quote "$(db_get host)")');
define('WP_CONTENT_DIR', '$WP_CONTENT');
define('WP_DEBUG', $debug);
PHP
    )
    chgrp www-data "$WP_CONFIG.new"
    mv -f "$WP_CONFIG.new" "$WP_CONFIG"
}

# Writes the blog-title option as a must-use plugin: WordPress loads every
# file in mu-plugins, and the filter answers for the stored blog name.
write_title_plugin() {
    mkdir -p "$WP_CONTENT/mu-plugins"
    cat >"$WP_CONTENT/mu-plugins/juju-blog-title.php.new" <<PHP
<?php
/* Written by the wordpress charm from its blog-title option; edits are overwritten. */
add_filter('pre_option_blogname', function () {
    return '$(php_quote "$(config-get blog-title)")';
});
PHP
    mv -f "$WP_CONTENT/mu-plugins/juju-blog-title.php.new" "$WP_CONTENT/mu-plugins/juju-blog-title.php"
}

# Serves WordPress as the machine's only site on port 80.
write_site() {
    cat >"/etc/apache2/sites-available/$SITE.conf.new" <<APACHE
# Written by the wordpress charm; edits are overwritten.
<VirtualHost *:80>
    DocumentRoot /usr/share/wordpress
    Alias /wp-content $WP_CONTENT
    <Directory /usr/share/wordpress>
        Options FollowSymLinks
        AllowOverride Limit Options FileInfo
        DirectoryIndex index.php
        Require all granted
    </Directory>
    <Directory $WP_CONTENT>
        Options FollowSymLinks
        Require all granted
    </Directory>
    ErrorLog \${APACHE_LOG_DIR}/wordpress-error.log
    CustomLog \${APACHE_LOG_DIR}/wordpress-access.log combined
</VirtualHost>
APACHE
    mv -f "/etc/apache2/sites-available/$SITE.conf.new" "/etc/apache2/sites-available/$SITE.conf"
    a2enmod -q rewrite >/dev/null
    a2dissite -q 000-default >/dev/null 2>&1 || true
    a2ensite -q "$SITE" >/dev/null
    # A broken configuration must fail this hook, not take Apache down.
    apache2ctl configtest
    apache_ctl reload
}

# Forgets the database: WordPress answers 404 (no settings for the host)
# until another one is related.
forget_database() {
    rm -f "$DB_SETTINGS" "$WP_CONFIG"
    close-port 80/tcp
    status-set blocked "no database"
}
