package org.juju.provider.local.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.juju.provider.Instance;
import org.juju.provider.MachineSpec;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real LXC containers on a bridge of their own, cloned from the host's container template: where a
 * machine agent finds its identity inside its container. Skipped where this host cannot run LXC
 * containers or has no ready template of the default series (building one needs the Debian
 * mirror; {@code juju bootstrap} of a local environment with {@code container: lxc} builds it).
 */
class ContainerMachinesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SERIES = "bookworm";

    @TempDir
    Path tmp;

    private final Lxc lxc = new Lxc(Lxc.SYSTEM_PATH);
    private final List<ContainerMachines> made = new ArrayList<>();
    private Bridge bridge;

    @BeforeEach
    void requireLxcAndATemplate() {
        Optional<String> whyNot = LxcHost.whyNot();
        Assumptions.assumeTrue(whyNot.isEmpty(), () -> whyNot.orElse(""));
        Assumptions.assumeTrue(new ContainerTemplate(lxc, SERIES, "http://unused", "http://unused").isReady(),
                "no ready container template juju-template-" + SERIES + " on this host");
        bridge = Bridge.of(tmp);
        bridge.ensureUp();
    }

    @AfterEach
    void destroyContainersAndBridge() {
        try {
            made.forEach(ContainerMachines::destroyAll);
        } finally {
            if (bridge != null) {
                bridge.remove();
            }
        }
    }

    private ContainerMachines machines(int spares) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        AgentCommand agent = AgentCommand.of(List.of("-Xmx128m", "-XX:+UseSerialGC"), "org.juju.agents.AgentMain",
                classpath);
        ContainerMachines machines = new ContainerMachines("ct", lxc, new ContainerTemplate(lxc, SERIES, "http://unused",
                "http://unused"), bridge, agent, Optional::empty, tmp.resolve("logs"), spares);
        made.add(machines);
        return machines;
    }

    private MachineSpec spec(int id, AgentIdentity identity) {
        // nothing listens there: the agents only need to be started
        return new MachineSpec(new MachineId(id), SERIES, bridge.hostAddress() + ":1", Optional.of(identity));
    }

    private static AgentIdentity identity(int machine) {
        return Identities.bootstrapMachineAgent("s3cret").with(new Credential("machine-" + machine,
                Credential.randomToken()));
    }

    private HostCommand.Result inside(String container, String... command) {
        return lxc.attach(container, Duration.ofSeconds(30), List.of(command));
    }

    /** Asserts that {@code identity} is at the agent's --dir inside {@code container}: root's, mode 0600. */
    private void assertHandedTo(String container, int machine, AgentIdentity identity) {
        String file = ContainerMachines.MACHINES_DIR + "/" + machine + "/" + Credential.FILE_NAME;
        assertThat(inside(container, "stat", "-c", "%a %U:%G %F", file).output().trim())
                .isEqualTo("600 root:root regular file");
        HostCommand.Result content = inside(container, "cat", file);
        assertThat(content.status()).isZero();
        assertThat(AgentIdentity.parse(content.output(), file)).isEqualTo(identity);
    }

    @Test
    void aNewContainersMachineAgentFindsItsIdentityAtItsDirInsideAlsoAfterARestart() {
        ContainerMachines machines = machines(0);
        AgentIdentity identity = identity(1);

        Instance instance = machines.startMachine(spec(1, identity));

        String container = instance.instanceId();
        assertThat(container).isEqualTo(machines.containerName(new MachineId(1)));
        await().atMost(WAIT).ignoreExceptions().until(() -> inside(container, "true").status() == 0);
        assertHandedTo(container, 1, identity);
        String service = inside(container, "cat", "/etc/systemd/system/" + ContainerMachines.AGENT_SERVICE).output();
        assertThat(service).contains("\"--dir\" \"" + ContainerMachines.MACHINES_DIR + "/1\"")
                .doesNotContain(identity.credential().password());
        assertThat(inside(container, "ls", "-a", ContainerMachines.MACHINES_DIR + "/1").output())
                .as("no temporary file left").doesNotContain(".tmp");

        lxc.kill(container); // the host goes down
        assertThat(machines.startStopped()).isEqualTo(1);

        await().atMost(WAIT).ignoreExceptions().until(() -> inside(container, "true").status() == 0);
        assertHandedTo(container, 1, identity);
    }

    @Test
    void aSpareContainerTakenOverFindsTheIdentityBeforeItsAssignment() throws Exception {
        ContainerMachines machines = machines(1);
        machines.prepareAhead();
        String spare = machines.spares().get(0);
        await().atMost(WAIT).ignoreExceptions().until(() -> inside(spare, "true").status() == 0);
        String file = ContainerMachines.MACHINES_DIR + "/2/" + Credential.FILE_NAME;
        // Inside the spare, waits for the assignment and tells at once whether the credential was there first.
        Process watcher = new ProcessBuilder("lxc-attach", "-P", lxc.path().toString(), "-n", spare, "--clear-env", "--",
                "sh", "-c", "echo ready; while [ ! -e " + ContainerMachines.ASSIGNMENT_FILE + " ]; do :; done;"
                + " if [ -e " + file + " ]; then echo credential-first; else echo assignment-first; fi")
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("ready");
            CompletableFuture<String> verdict = CompletableFuture.supplyAsync(() -> {
                try {
                    return output.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            AgentIdentity identity = identity(2);

            Instance instance = machines.startMachine(spec(2, identity));

            assertThat(instance.instanceId()).isEqualTo(spare);
            assertThat(verdict.get(30, TimeUnit.SECONDS)).isEqualTo("credential-first");
            assertHandedTo(spare, 2, identity);
            assertThat(Files.readString(lxc.dir(spare).resolve(ContainerMachines.MACHINE_FILE))).isEqualTo("2\n");
            assertThat(inside(spare, "cat", ContainerMachines.ASSIGNMENT_FILE).output())
                    .contains("\t--dir\t" + ContainerMachines.MACHINES_DIR + "/2\n")
                    .doesNotContain(identity.credential().password());
        } finally {
            watcher.destroyForcibly();
        }
    }
}
