package org.juju.state;

import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.ConfigSchema;

/** Charm records for state tests, modelled on the example charms. */
final class TestCharms {
    private TestCharms() {
    }

    static final String MYSQL_METADATA = """
            name: mysql
            summary: database
            description: a database
            provides:
              db: mysql
            peers:
              cluster: mysql-replication
            """;

    static final String MYSQL_CONFIG = """
            options:
              max-connections: {type: int, default: 100, description: limit}
              tuning: {type: string, default: safest, description: tuning}
              cache: {type: float, default: 0.25, description: cache}
              binlog: {type: boolean, default: false, description: binlog}
            """;

    static final String WORDPRESS_METADATA = """
            name: wordpress
            summary: blog
            description: a blog
            requires:
              db: mysql
              cache: memcache
            provides:
              website: http
            """;

    /** A charm that can relate to mysql in two ways, to exercise ambiguity. */
    static final String REPORTER_METADATA = """
            name: reporter
            summary: reports
            description: reads two databases
            requires:
              primary: mysql
              archive: mysql
            """;

    static CharmRecord record(String metadata, String config, int revision) {
        CharmMetadata parsed = CharmMetadata.parse(metadata, "metadata.yaml").value();
        ConfigSchema schema = config == null ? ConfigSchema.EMPTY : ConfigSchema.parse(config, "config.yaml").value();
        CharmUrl url = CharmUrl.parse("local:bookworm/" + parsed.name() + "-" + revision, null);
        return new CharmRecord(url, "sha-" + parsed.name() + "-" + revision, 100, "file:///storage/" + url.quoted(),
                parsed, schema);
    }

    static CharmRecord mysql() {
        return record(MYSQL_METADATA, MYSQL_CONFIG, 1);
    }

    static CharmRecord wordpress() {
        return record(WORDPRESS_METADATA, null, 1);
    }

    static CharmRecord reporter() {
        return record(REPORTER_METADATA, null, 1);
    }
}
