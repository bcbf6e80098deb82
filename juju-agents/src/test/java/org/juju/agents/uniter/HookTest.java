package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juju.agents.uniter.Remote.rel;
import static org.juju.agents.uniter.Remote.unit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HookTest {

    @ParameterizedTest(name = "{0} on relation ''{1}'' is {2}")
    @CsvSource(nullValues = "-", value = {
            "INSTALL,           -,  install",
            "CONFIG_CHANGED,    -,  config-changed",
            "START,             -,  start",
            "UPGRADE_CHARM,     -,  upgrade-charm",
            "STOP,              db, stop",
            "RELATION_JOINED,   db, db-relation-joined",
            "RELATION_CHANGED,  db, db-relation-changed",
            "RELATION_DEPARTED, cache, cache-relation-departed",
            "RELATION_BROKEN,   db, db-relation-broken",
    })
    void namesHooksAsTheCharmsHooksDirectory(HookKind kind, String relation, String expected) {
        assertThat(kind.hookName(relation)).isEqualTo(expected);
        assertThat(kind.isRelation()).isEqualTo(expected.contains("relation"));
        assertThat(HookKind.parse(kind.text())).isEqualTo(kind);
    }

    @Test
    void refusesARelationHookNameWithoutARelation() {
        assertThatThrownBy(() -> HookKind.RELATION_JOINED.hookName(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItselfForLogs() {
        assertThat(Hook.changed(rel(3), "db", unit("mysql/0"), 2)).hasToString("db-relation-changed db:3 mysql/0 v2");
        assertThat(Hook.broken(rel(3), "db")).hasToString("db-relation-broken db:3");
        assertThat(Hook.configChanged(4)).hasToString("config-changed v4");
        assertThat(Hook.install("cs:precise/mysql-1")).hasToString("install cs:precise/mysql-1");
    }

    @Test
    void refusesInconsistentFields() {
        assertThatThrownBy(() -> new Hook(HookKind.START, rel(1), "db", null, 0, null))
                .as("unit hook with a relation").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hook(HookKind.RELATION_JOINED, rel(1), "db", null, 0, null))
                .as("joined without a remote unit").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hook(HookKind.RELATION_BROKEN, rel(1), "db", unit("a/0"), 0, null))
                .as("broken with a remote unit").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hook(HookKind.INSTALL, null, null, null, 0, null))
                .as("install without a charm").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hook(HookKind.START, null, null, null, 3, null))
                .as("start with a version").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hook.configChanged(-1))
                .as("negative version").isInstanceOf(IllegalArgumentException.class);
    }
}
