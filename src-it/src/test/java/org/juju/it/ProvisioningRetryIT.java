package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.state.testing.Nested.at;

import java.io.File;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.juju.it.JujuProcess.Result;
import org.juju.state.codec.YamlCodec;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A machine whose instance hangs before its machine agent starts: the provisioning agent reports it
 * in error once {@code provisioning-timeout} has passed, and {@code juju retry-provisioning} has the
 * hung instance stopped and the machine started anew, its unit deployed on it.
 *
 * <p>The hung instance is a supervisor of machine 1 that never starts the agent, launched by the
 * test before the provisioning agent gets to it: the test holds {@code agents.lock} (which every
 * start of a process machine takes) from before the deploy until the hung supervisor has recorded
 * itself, so the provisioning agent finds it running and adopts it as machine 1's instance. The
 * environment keeps no spare machine: starting one takes that lock too, and the provisioning agent
 * would wait on the test while the test waits for it.
 */
class ProvisioningRetryIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final MachineId MACHINE = new MachineId(1);
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.local("    provisioning-timeout: 3\n    spare-machines: 0\n");

    private Result ok(String... args) throws Exception {
        return environment.ok(args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() throws Exception {
        return (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status");
    }

    @Test
    void aMachineWhoseAgentNeverComesUpIsShownInErrorUntilRetryProvisioningStartsItAgain() throws Exception {
        ProcessHandle hung;
        try (FileChannel channel = FileChannel.open(environment.dataDir().resolve("agents.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            ok("deploy", "--repository", JujuProcess.ROOT.resolve("charms-examples").toString(), "local:kvstore");
            await().atMost(CONVERGE).until(() -> environment.state().units().machine(UnitName.parse("kvstore/0")).equals(Optional.of(MACHINE)));
            hung = startHungSupervisor(environment.dataDir().resolve("machines/" + MACHINE));
        }

        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(at(status(), "machines", MACHINE.toString())).as("machine 1 in status")
                        .containsEntry("agent-state", "error").containsEntry("instance-id", "process-local-1"));
        Map<String, Object> failed = status();
        assertThat((String) at(failed, "machines", MACHINE.toString()).get("agent-state-info"))
                .isEqualTo("machine agent did not start within 3 s; see the machine's log, then retry-provisioning"
                        + " or terminate-machine it");
        assertThat(at(failed, "services", "kvstore", "units", "kvstore/0")).containsEntry("agent-state", "pending")
                .containsEntry("machine", 1);
        assertThat(hung.isAlive()).as("the hung instance is left alone until asked").isTrue();

        assertThat(ok("retry-provisioning", MACHINE.toString()).out()).isEqualTo("Retrying provisioning of machine 1.\n");

        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> now = status();
            assertThat(at(now, "machines", MACHINE.toString())).as("machine 1").containsEntry("agent-state", "running")
                    .doesNotContainKey("agent-state-info");
            assertThat(at(now, "services", "kvstore", "units", "kvstore/0")).as("its unit")
                    .containsEntry("agent-state", "started").containsEntry("machine", 1);
        });
        assertThat(hung.isAlive()).as("the hung instance was stopped").isFalse();
        Result again = environment.juju().run("retry-provisioning", MACHINE.toString());
        assertThat(again.code()).as(again.toString()).isEqualTo(5);
        assertThat(again.err()).isEqualTo("error: machine 1 is not in error (started)\n");
    }

    /**
     * Starts, in a session of its own, a {@code supervisor.sh} of machine {@code dir} that records its
     * pid as the local provider's supervisors do but never starts the machine agent; returns once its
     * pid is recorded.
     */
    private static ProcessHandle startHungSupervisor(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path script = dir.resolve("supervisor.sh");
        Files.writeString(script, """
                #!/bin/sh
                # A machine whose boot hangs: it never starts its machine agent.
                echo $$ > supervisor.pid
                while :; do sleep 1; done
                """);
        new ProcessBuilder("setsid", "/bin/sh", script.toString()).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path pidFile = dir.resolve("supervisor.pid");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();
    }
}
