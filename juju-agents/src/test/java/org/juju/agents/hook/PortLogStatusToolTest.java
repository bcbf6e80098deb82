package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.juju.provider.Port;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** open-port, close-port, juju-log and status-set through the real client. */
class PortLogStatusToolTest {
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
    void buffersPortsToOpenAndClose() {
        HookResult result = fx.runHook(HookSpec.unit("start"), HookFixture.data(), """
                t open open-port 80
                open-port 53/udp
                open-port 443/TCP
                close-port 8080
                open-port 9000
                close-port 9000/tcp
                t big open-port 99999
                t word close-port http
                t none open-port
                """);

        assertThat(fx.call("open")).isEqualTo(new HookFixture.Call(0, "", ""));
        assertThat(result.changes().opened()).containsExactly(new Port(53, "udp"), new Port(80, "tcp"), new Port(443, "tcp"));
        assertThat(result.changes().closed()).containsExactly(new Port(8080, "tcp"), new Port(9000, "tcp"));
        assertThat(fx.call("big")).isEqualTo(new HookFixture.Call(2, "", "open-port: invalid port 99999: expected 1 to 65535\n"));
        assertThat(fx.call("word").rc()).isEqualTo(2);
        assertThat(fx.call("none")).isEqualTo(new HookFixture.Call(2, "", "open-port: no port given\n"));
    }

    @Test
    void logsIntoTheUnitLogAndTheChanges() {
        HookResult result = fx.runHook(HookSpec.unit("install"), HookFixture.data(), """
                juju-log installing the   packages
                t warn juju-log -l warning disk almost full
                t bad juju-log -l LOUD hello
                t empty juju-log
                """);

        assertThat(fx.call("warn")).isEqualTo(new HookFixture.Call(0, "", ""));
        assertThat(result.changes().logs()).extracting(LogLine::level, LogLine::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LogLevel.INFO, "installing the packages"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.WARNING, "disk almost full"));
        assertThat(fx.log()).contains(" INFO install juju-log: installing the packages\n",
                " WARNING install juju-log: disk almost full\n");
        assertThat(fx.call("bad").rc()).isEqualTo(2);
        assertThat(fx.call("bad").err()).startsWith("juju-log: invalid log level 'LOUD'");
        assertThat(fx.call("empty")).isEqualTo(new HookFixture.Call(2, "", "juju-log: no message given\n"));
    }

    @Test
    void keepsTheLastStatusSet() {
        HookResult result = fx.runHook(HookSpec.unit("start"), HookFixture.data(), """
                status-set maintenance installing
                t active status-set active Ready to serve
                t bad status-set sleeping
                t none status-set
                """);

        assertThat(fx.call("active")).isEqualTo(new HookFixture.Call(0, "", ""));
        assertThat(result.changes().status()).isEqualTo(Optional.of(new WorkloadStatus(WorkloadState.ACTIVE, "Ready to serve")));
        assertThat(fx.call("bad")).isEqualTo(new HookFixture.Call(2, "",
                "status-set: invalid status 'sleeping': expected maintenance, blocked, waiting or active\n"));
        assertThat(fx.call("none").rc()).isEqualTo(2);
    }

    @Test
    void refusesAStatusMessageOverTheLimitAndKeepsThePreviousStatus() {
        HookResult result = fx.runHook(HookSpec.unit("start"), HookFixture.data(), """
                status-set active fine
                t long status-set blocked "$(head -c 1025 /dev/zero | tr '\\0' m)"
                """);

        assertThat(fx.call("long")).isEqualTo(new HookFixture.Call(2, "",
                "status-set: status message of 1025 characters is over the limit of 1024\n"));
        assertThat(result.changes().status()).isEqualTo(Optional.of(new WorkloadStatus(WorkloadState.ACTIVE, "fine")));
    }

    @Test
    void everyToolPrintsItsUsage() {
        StringBuilder body = new StringBuilder();
        for (String tool : HookTools.names()) {
            body.append("t ").append(tool).append(' ').append(tool).append(" --help\n");
        }
        fx.runHook(HookSpec.unit("install"), HookFixture.data(), body.toString());

        for (String tool : HookTools.names()) {
            assertThat(fx.call(tool).rc()).as(tool).isZero();
            assertThat(fx.call(tool).out()).as(tool).startsWith("usage: " + tool + " ").hasLineCount(1);
        }
    }
}
