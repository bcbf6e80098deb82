package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.agents.hook.HookFixture.DB_CHANGED;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relation-list and relation-ids through the real client. */
class RelationListAndIdsToolTest {
    @TempDir
    Path temp;
    HookFixture fx;

    @BeforeEach
    void setUp() {
        fx = new HookFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void listsTheMembersSortedOnePerLine() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                t smart relation-list
                t json relation-list --format json
                t shell relation-list --format shell
                t other relation-list -r cache:3
                t empty relation-list -r db:4
                t emptyJson relation-list -r 4 --format json
                t unknown relation-list -r 9
                t extra relation-list mysql/0
                """);

        assertThat(fx.call("smart")).isEqualTo(new HookFixture.Call(0, "mysql/0\nmysql/1\n", ""));
        assertThat(fx.call("json").out()).isEqualTo("[\"mysql/0\",\"mysql/1\"]\n");
        assertThat(fx.call("shell").out()).isEqualTo("'mysql/0'\n'mysql/1'\n");
        assertThat(fx.call("other").out()).isEqualTo("memcached/0\n");
        assertThat(fx.call("empty")).isEqualTo(new HookFixture.Call(0, "", ""));
        assertThat(fx.call("emptyJson").out()).isEqualTo("[]\n");
        assertThat(fx.call("unknown")).isEqualTo(new HookFixture.Call(1, "", "relation-list: relation id '9' not found\n"));
        assertThat(fx.call("extra").rc()).isEqualTo(2);
    }

    @Test
    void listsTheIdsOfTheHooksRelationNameByDefault() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                t default relation-ids
                t named relation-ids cache
                t json relation-ids --format json db
                t none relation-ids website
                """);

        assertThat(fx.call("default")).isEqualTo(new HookFixture.Call(0, "db:0\ndb:4\n", ""));
        assertThat(fx.call("named").out()).isEqualTo("cache:3\n");
        assertThat(fx.call("json").out()).isEqualTo("[\"db:0\",\"db:4\"]\n");
        assertThat(fx.call("none")).isEqualTo(new HookFixture.Call(0, "", ""));
    }

    @Test
    void needsARelationNameOutsideRelationHooks() {
        fx.runHook(HookSpec.unit("start"), HookFixture.data(), """
                t missing relation-ids
                t given relation-ids cache
                t ids relation-ids --help
                """);

        assertThat(fx.call("missing")).isEqualTo(new HookFixture.Call(2, "",
                "relation-ids: no relation name given and this is not a relation hook\n"));
        assertThat(fx.call("given").out()).isEqualTo("cache:3\n");
        assertThat(fx.call("ids").out()).isEqualTo("usage: relation-ids [--format smart|json|shell|yaml] [-o FILE] [RELNAME]\n");
    }
}
