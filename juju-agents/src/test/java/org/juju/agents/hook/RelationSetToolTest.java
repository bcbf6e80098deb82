package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.agents.hook.HookFixture.CACHE;
import static org.juju.agents.hook.HookFixture.DB;
import static org.juju.agents.hook.HookFixture.DB_CHANGED;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relation-set through the real client: buffering, deletion, files, broken relations. */
class RelationSetToolTest {
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

    private static Map<String, String> values(Object... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (String) keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void buffersWritesAndTheHookReadsThemBack() {
        InMemoryContextData data = HookFixture.data();
        HookResult result = fx.runHook(DB_CHANGED, data, """
                t set relation-set host=10.0.0.2 "motto=a b  c" url=
                t own relation-get - wordpress/0
                t other relation-set -r cache:3 size=64
                """);

        assertThat(fx.call("set")).isEqualTo(new HookFixture.Call(0, "", ""));
        assertThat(fx.call("own").out()).as("own settings include the buffered writes")
                .isEqualTo("host: 10.0.0.2\nmotto: a b  c\n");
        assertThat(result.changes().settings()).isEqualTo(Map.of(
                DB, values("host", "10.0.0.2", "motto", "a b  c", "url", null),
                CACHE, values("size", "64")));
        assertThat(data.relationSettings(DB, HookFixture.UNIT)).as("nothing written before the caller commits")
                .isEqualTo(Map.of("url", "http://wp"));
    }

    @Test
    void refusesAtOnceSettingsThatWouldGrowPastTheLimit() {
        HookResult result = fx.runHook(DB_CHANGED, HookFixture.data(), """
                head -c 40000 /dev/zero | tr '\\0' x > "$CHARM_DIR/40k"
                head -c 70000 /dev/zero | tr '\\0' y > "$CHARM_DIR/70k"
                t huge relation-set huge=@"$CHARM_DIR/70k"
                t first relation-set first=@"$CHARM_DIR/40k"
                t second relation-set second=@"$CHARM_DIR/40k"
                t replace relation-set first=small second=@"$CHARM_DIR/40k"
                """);

        assertThat(fx.call("huge").rc()).isEqualTo(2);
        assertThat(fx.call("huge").err()).startsWith("relation-set: settings of wordpress/0 in relation db:0 would be ")
                .endsWith(" bytes, over the limit of 65536 bytes (64 KiB); nothing was changed\n");
        assertThat(fx.call("first").rc()).isZero();
        assertThat(fx.call("second").rc()).as("40 KB more on top of 40 KB").isEqualTo(2);
        assertThat(fx.call("replace").rc()).as("shrinking one value makes room for the other").isZero();
        assertThat(result.changes().settings().get(DB)).containsOnlyKeys("first", "second")
                .containsEntry("first", "small");
    }

    @Test
    void leavesOutWritesThatChangeNothing() {
        HookResult result = fx.runHook(DB_CHANGED, HookFixture.data(), """
                relation-set url=http://wp never-set=
                relation-set -r cache:3 a=1
                relation-set -r cache:3 a=
                """);

        assertThat(result.changes().settings()).isEmpty();
    }

    @Test
    void readsValuesFromFilesRelativeToTheHooksDirectory() {
        HookResult result = fx.runHook(DB_CHANGED, HookFixture.data(), """
                printf -- '-----BEGIN CERT-----\\nabc\\n-----END CERT-----\\n' > cert.pem
                mkdir -p sub && printf 'here' > sub/local.txt
                printf 'a: 1\\nb: true\\nurl: null\\n' > settings.yaml
                t cert relation-set cert=@cert.pem
                (cd sub && t local relation-set local=@local.txt)
                t file relation-set --file settings.yaml c=3
                t missing relation-set x=@no-such-file
                """);

        assertThat(result.changes().settings().get(DB)).isEqualTo(values(
                "cert", "-----BEGIN CERT-----\nabc\n-----END CERT-----\n", "local", "here",
                "a", "1", "b", "true", "c", "3", "url", null));
        assertThat(fx.call("missing").rc()).isEqualTo(2);
        assertThat(fx.call("missing").err()).startsWith("relation-set: cannot read '")
                .contains("no-such-file': no such file");
    }

    @Test
    void aFailedHooksChangesAreReportedForTheCallerToDiscard() {
        InMemoryContextData data = HookFixture.data();
        fx.hook("db-relation-changed", """
                relation-set ready=yes
                open-port 80
                exit 3
                """);

        HookResult result = fx.run(DB_CHANGED, data);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failure()).hasValue("hook db-relation-changed exited with code 3");
        assertThat(result.changes().settings()).isEqualTo(Map.of(DB, values("ready", "yes")));
        assertThat(result.changes().opened()).hasSize(1);
        assertThat(data.relationSettings(DB, HookFixture.UNIT)).doesNotContainKey("ready");
        assertThat(fx.log()).contains("ERROR db-relation-changed: hook db-relation-changed exited with code 3");
    }

    @Test
    void aBrokenHookCannotWriteToItsRelationButCanReadItsOwnSettings() {
        InMemoryContextData data = HookFixture.data().removeRelation(DB);
        HookResult result = fx.runHook(HookSpec.broken(DB, "db"), data, """
                t write relation-set x=1
                t own relation-get - wordpress/0
                t members relation-list
                t elsewhere relation-set -r cache:3 y=2
                """);

        assertThat(fx.call("write").rc()).isEqualTo(1);
        assertThat(fx.call("write").err()).isEqualTo("relation-set: cannot change settings of relation db:0 "
                + "in db-relation-broken: the relation is being removed\n");
        assertThat(fx.call("own").out()).isEqualTo("url: http://wp\n");
        assertThat(fx.call("members")).isEqualTo(new HookFixture.Call(0, "", ""));
        assertThat(fx.call("elsewhere").rc()).isZero();
        assertThat(result.changes().settings()).isEqualTo(Map.of(CACHE, values("y", "2")));
    }

    @Test
    void rejectsMalformedArguments() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                t noPair relation-set novalue
                t noKey relation-set =x
                t nothing relation-set
                t spaced relation-set "a b=c"
                t badFile relation-set --file list.yaml
                """.replace("t badFile", "printf -- '- a\\n' > list.yaml\nt badFile"));

        assertThat(fx.call("noPair")).isEqualTo(new HookFixture.Call(2, "", "relation-set: expected KEY=VALUE, got 'novalue'\n"));
        assertThat(fx.call("noKey").rc()).isEqualTo(2);
        assertThat(fx.call("nothing")).isEqualTo(new HookFixture.Call(2, "",
                "relation-set: nothing to set: give KEY=VALUE pairs or --file FILE\n"));
        assertThat(fx.call("spaced").rc()).isEqualTo(2);
        assertThat(fx.call("badFile").rc()).isEqualTo(2);
        assertThat(fx.call("badFile").err()).contains("expected a mapping");
    }

    @Test
    void toolsRunInParallelByOneHookAllTakeEffect() {
        HookResult result = fx.runHook(DB_CHANGED, HookFixture.data(), """
                for i in $(seq 1 40); do relation-set "k$i=v$i" & done
                wait
                """);

        Map<String, String> expected = new HashMap<>();
        for (int i = 1; i <= 40; i++) {
            expected.put("k" + i, "v" + i);
        }
        assertThat(result.changes().settings().get(DB)).isEqualTo(expected);
    }
}
