package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config-get and unit-get through the real client. */
class ConfigAndUnitGetToolTest {
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
    void printsAllOptionsAsYamlOrJson() {
        fx.runHook(HookSpec.unit("config-changed"), HookFixture.data(), """
                t smart config-get
                t json config-get --format json
                t shell config-get --format shell
                t file config-get -o config.yaml
                """);

        String yaml = "title: My blog\nport: 80\nratio: 1.25\ndebug: true\nempty: null\n";
        assertThat(fx.call("smart")).isEqualTo(new HookFixture.Call(0, yaml, ""));
        assertThat(fx.call("json").out()).isEqualTo("{\"title\":\"My blog\",\"port\":80,\"ratio\":1.25,\"debug\":true,\"empty\":null}\n");
        assertThat(fx.call("shell").out()).isEqualTo("VAR_TITLE='My blog'\nVAR_PORT='80'\nVAR_RATIO='1.25'\nVAR_DEBUG='true'\nVAR_EMPTY=''\n");
        assertThat(HookFixture.read(fx.charmDir.resolve("config.yaml"))).isEqualTo(yaml);
    }

    @Test
    void printsOneOptionPlainly() {
        fx.runHook(HookSpec.unit("config-changed"), HookFixture.data(), """
                t title config-get title
                t port config-get port
                t ratio config-get ratio
                t debug config-get debug
                t empty config-get empty
                t unknown config-get no-such-option
                t json config-get --format json title
                t jsonPort config-get --format=json port
                t yaml config-get --format yaml debug
                t extra config-get title port
                t badFormat config-get --format xml
                """);

        assertThat(fx.call("title")).isEqualTo(new HookFixture.Call(0, "My blog\n", ""));
        assertThat(fx.call("port").out()).isEqualTo("80\n");
        assertThat(fx.call("ratio").out()).isEqualTo("1.25\n");
        assertThat(fx.call("debug").out()).isEqualTo("true\n");
        assertThat(fx.call("empty").out()).isEqualTo("\n");
        assertThat(fx.call("unknown")).isEqualTo(new HookFixture.Call(0, "\n", ""));
        assertThat(fx.call("json").out()).isEqualTo("\"My blog\"\n");
        assertThat(fx.call("jsonPort").out()).isEqualTo("80\n");
        assertThat(fx.call("yaml").out()).isEqualTo("true\n");
        assertThat(fx.call("extra").rc()).isEqualTo(2);
        assertThat(fx.call("badFormat")).isEqualTo(new HookFixture.Call(2, "",
                "config-get: invalid format 'xml': expected smart, json, yaml or shell\n"));
    }

    @Test
    void unitGetPrintsAddresses() {
        fx.runHook(HookSpec.unit("install"), HookFixture.data(), """
                t private unit-get private-address
                t public unit-get public-address
                t json unit-get --format json public-address
                t bogus unit-get machine-id
                t none unit-get
                """);

        assertThat(fx.call("private")).isEqualTo(new HookFixture.Call(0, "10.0.0.2\n", ""));
        assertThat(fx.call("public").out()).isEqualTo("wp.example.com\n");
        assertThat(fx.call("json").out()).isEqualTo("\"wp.example.com\"\n");
        assertThat(fx.call("bogus")).isEqualTo(new HookFixture.Call(2, "",
                "unit-get: expected private-address or public-address, got 'machine-id'\n"));
        assertThat(fx.call("none").rc()).isEqualTo(2);
    }

    @Test
    void unitGetPrintsAnEmptyLineForAnUnknownAddress() {
        fx.runHook(HookSpec.unit("install"), new InMemoryContextData(HookFixture.UNIT), "t public unit-get public-address");

        assertThat(fx.call("public")).isEqualTo(new HookFixture.Call(0, "\n", ""));
    }
}
