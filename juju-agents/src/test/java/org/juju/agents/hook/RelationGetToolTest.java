package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.agents.hook.HookFixture.DB_CHANGED;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relation-get through the real client, from bash hooks. */
class RelationGetToolTest {
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
    void printsTheRemoteUnitsSettingsInEachFormat() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                t smart relation-get
                t dash relation-get -
                t json relation-get --format json
                t yaml relation-get --format=yaml -
                t shell relation-get --format shell
                eval "$(relation-get --format shell)"
                printf '%s' "$VAR_PASSWORD|$VAR_DATA_DIR" > "$CHARM_DIR/calls/evaluated"
                """);

        String yaml = "data-dir: /var/lib\nhost: 10.0.0.5\npassword: it's secret\nuser: wp\n";
        assertThat(fx.call("smart")).isEqualTo(new HookFixture.Call(0, yaml, ""));
        assertThat(fx.call("dash").out()).isEqualTo(yaml);
        assertThat(fx.call("yaml").out()).isEqualTo(yaml);
        assertThat(fx.call("json").out())
                .isEqualTo("{\"data-dir\":\"/var/lib\",\"host\":\"10.0.0.5\",\"password\":\"it's secret\",\"user\":\"wp\"}\n");
        assertThat(fx.call("shell").out()).isEqualTo("""
                VAR_DATA_DIR='/var/lib'
                VAR_HOST='10.0.0.5'
                VAR_PASSWORD='it'\\''s secret'
                VAR_USER='wp'
                """);
        assertThat(HookFixture.read(fx.charmDir.resolve("calls/evaluated"))).isEqualTo("it's secret|/var/lib");
    }

    @Test
    void printsOneKeyAndAnEmptyLineForAMissingOne() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                t key relation-get user
                t missing relation-get no-such-key
                t json relation-get --format json user
                t jsonMissing relation-get --format json no-such-key
                t shell relation-get --format shell data-dir
                t file relation-get -o got.txt user
                """);

        assertThat(fx.call("key")).isEqualTo(new HookFixture.Call(0, "wp\n", ""));
        assertThat(fx.call("missing")).isEqualTo(new HookFixture.Call(0, "\n", ""));
        assertThat(fx.call("json").out()).isEqualTo("\"wp\"\n");
        assertThat(fx.call("jsonMissing").out()).isEqualTo("null\n");
        assertThat(fx.call("shell").out()).isEqualTo("VAR_DATA_DIR='/var/lib'\n");
        assertThat(fx.call("file").out()).as("-o writes the file instead of stdout").isEmpty();
        assertThat(HookFixture.read(fx.charmDir.resolve("got.txt"))).isEqualTo("wp\n");
    }

    @Test
    void readsOtherUnitsItsOwnAndOtherRelations() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                t other relation-get user mysql/1
                t own relation-get - wordpress/0
                t byName relation-get -r cache:3 port memcached/0
                t byNumber relation-get -r 3 port memcached/0
                t longOption relation-get --relation=cache:3 port memcached/0
                """);

        assertThat(fx.call("other").out()).isEqualTo("wp1\n");
        assertThat(fx.call("own").out()).isEqualTo("url: http://wp\n");
        assertThat(fx.call("byName").out()).isEqualTo("11211\n");
        assertThat(fx.call("byNumber").out()).isEqualTo("11211\n");
        assertThat(fx.call("longOption").out()).isEqualTo("11211\n");
    }

    @Test
    void rejectsUnknownRelationsUnitsAndBadArguments() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                t unknownId relation-get -r db:9
                t wrongName relation-get -r cache:0 user
                t badId relation-get -r x
                t badOption relation-get --bogus
                t noSettings relation-get user mysql/7
                t badUnit relation-get user mysql
                t tooMany relation-get a mysql/0 extra
                t noValue relation-get -r
                """);

        assertThat(fx.call("unknownId")).isEqualTo(new HookFixture.Call(1, "", "relation-get: relation id 'db:9' not found\n"));
        assertThat(fx.call("wrongName")).isEqualTo(new HookFixture.Call(1, "", "relation-get: relation id 'cache:0' not found\n"));
        assertThat(fx.call("badId").rc()).isEqualTo(2);
        assertThat(fx.call("badId").err()).startsWith("relation-get: invalid relation id 'x'");
        assertThat(fx.call("badOption")).isEqualTo(new HookFixture.Call(2, "", "relation-get: unknown option '--bogus'\n"));
        assertThat(fx.call("noSettings").rc()).isEqualTo(1);
        assertThat(fx.call("noSettings").err()).contains("mysql/7");
        assertThat(fx.call("badUnit").rc()).isEqualTo(2);
        assertThat(fx.call("tooMany")).isEqualTo(new HookFixture.Call(2, "", "relation-get: unexpected argument 'extra'\n"));
        assertThat(fx.call("noValue")).isEqualTo(new HookFixture.Call(2, "", "relation-get: option -r needs a value\n"));
        for (String name : new String[] {"unknownId", "badOption", "tooMany"}) {
            assertThat(fx.call(name).err()).as("%s: one line", name).hasLineCount(1);
        }
    }

    @Test
    void outsideRelationHooksNeedsARelationAndAUnit() {
        fx.runHook(HookSpec.unit("config-changed"), HookFixture.data(), """
                t noRelation relation-get user
                t noUnit relation-get -r db:0 user
                t both relation-get -r db:0 user mysql/0
                """);

        assertThat(fx.call("noRelation").rc()).isEqualTo(2);
        assertThat(fx.call("noRelation").err()).isEqualTo("relation-get: no relation id given: outside relation hooks use -r ID\n");
        assertThat(fx.call("noUnit").rc()).isEqualTo(2);
        assertThat(fx.call("noUnit").err()).contains("no remote unit");
        assertThat(fx.call("both")).isEqualTo(new HookFixture.Call(0, "wp\n", ""));
    }

    @Test
    void printsItsUsageOnHelp() {
        fx.runHook(DB_CHANGED, HookFixture.data(), "t help relation-get --help");

        assertThat(fx.call("help")).isEqualTo(new HookFixture.Call(0,
                "usage: relation-get [-r ID] [--format smart|json|shell|yaml] [-o FILE] [KEY|-] [UNIT]\n", ""));
    }
}
