package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.it.TreeReads.settings;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.juju.state.MachineInfo;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local provider with {@code container: lxc}: every machine but 0 a real LXC container on the
 * environment's bridge, its machine agent inside under systemd, driven through the real
 * {@code bin/juju}. Runs only where this host can run LXC containers (root, the LXC tools,
 * overlayfs); CI installs them and runs as root. The first run on a host builds the container
 * template (a few minutes).
 */
@EnabledIf(value = "org.juju.it.Lxc#available", disabledReason = "LXC containers need root, the lxc package and overlayfs")
@Tag("lxc")
class LxcEnvironmentIT {
    private static final Duration CONVERGE = Duration.ofSeconds(180);
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.lxc("");

    private String agentState(String unit) {
        return String.valueOf(environment.state().units().status(UnitName.parse(unit)).get("agent-state"));
    }

    private void awaitState(String unit, String expected) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(agentState(unit)).as(unit).isEqualTo(expected));
    }

    private MachineInfo machine(int id) {
        return environment.state().machines().infos().stream().filter(m -> m.id().equals(new MachineId(id)))
                .findFirst().orElseThrow();
    }

    @Test
    void thePortablePairRunsInContainersRelatesAndContainersGoWithTheirMachines() throws Exception {
        String repo = JujuProcess.ROOT.resolve("charms-examples").toString();
        environment.ok("deploy", "--repository", repo, "local:kvstore");
        environment.ok("deploy", "--repository", repo, "local:webfront");
        environment.ok("add-relation", "webfront", "kvstore");
        awaitState("kvstore/0", "started");
        awaitState("webfront/0", "started");

        MachineInfo kvMachine = machine(1);
        String container = kvMachine.instance().orElseThrow().instanceId();
        assertThat(container).as("a container of the environment (juju-local-1, or a spare taken over)")
                .startsWith("juju-local-");
        assertThat(Lxc.state(container)).contains("RUNNING");
        String address = String.valueOf(environment.state().units().status(UnitName.parse("kvstore/0"))
                .get("private-address"));
        assertThat(address).as("the unit's address is its container's, on the bridge").matches("10\\.1\\d\\d\\.\\d+\\.\\d+");
        assertThat(Lxc.attach(container, "systemctl", "is-active", "juju-machine-agent.service").output().trim())
                .isEqualTo("active");
        assertThat(Lxc.attach(container, "test", "-d", "/var/lib/juju/machines/1/units/kvstore-0/charm").status())
                .as("the unit agent deployed the charm inside the container").isZero();
        assertThat(Lxc.attach(container, "sh", "-c", "printf '[Service]\\nType=oneshot\\nPrivateTmp=yes\\n"
                + "ProtectSystem=full\\nExecStart=/bin/sh -c \"touch /tmp/x && test ! -w /usr\"\\n'"
                + " > /etc/systemd/system/juju-sandbox-check.service && systemctl daemon-reload"
                + " && systemctl start juju-sandbox-check.service").status())
                .as("a sandboxed systemd service (private /tmp, read-only /usr) starts in a machine").isZero();
        assertThat(environment.ok("ssh", "kvstore/0", "hostname; pwd").out())
                .as("juju ssh enters the unit's container, in its charm directory")
                .isEqualTo(container + "\n/var/lib/juju/machines/1/units/kvstore-0/charm\n");
        RelationId kv = environment.state().relations().relationsOf(ServiceName.of("webfront")).keySet().iterator().next();
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(settings(environment.state(), kv, "kvstore/0"))
                    .containsEntry("host", address).containsEntry("bucket-ready", "web");
            assertThat(String.valueOf(environment.state().units().status(UnitName.parse("webfront/0"))
                    .get("workload-message"))).as("webfront reached kvstore across the bridge").contains("using " + address);
        });

        environment.ok("add-unit", "kvstore");
        awaitState("kvstore/1", "started");
        String second = machine(3).instance().orElseThrow().instanceId();
        assertThat(second).as("a spare container, booted ahead of need, taken over").startsWith("juju-local-").contains("-spare-");
        assertThat(Lxc.state(second)).contains("RUNNING");

        environment.ok("remove-unit", "kvstore/1");
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(environment.state().units().unitsOf(ServiceName.of("kvstore"))).hasSize(1));
        assertThat(Lxc.state(second)).as("remove-unit keeps the machine").contains("RUNNING");
        environment.ok("terminate-machine", "3");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(environment.state().machines().infos()).noneMatch(m -> m.id().equals(new MachineId(3)));
            assertThat(Lxc.state(second)).as("terminate-machine destroys the container").isEmpty();
        });
    }

    @Test
    void wordpressAndMysqlInstallForRealAndServeTheInstallPageWithTheCredentialsOfTheRelation() throws Exception {
        String repo = JujuProcess.ROOT.resolve("charms-examples").toString();
        environment.ok("deploy", "--repository", repo, "local:mysql");
        environment.ok("deploy", "--repository", repo, "local:wordpress");
        environment.ok("add-relation", "wordpress", "mysql");
        environment.ok("expose", "wordpress");
        Duration install = Duration.ofMinutes(10); // Debian packages through the apt cache, from the mirror on a first run
        await().atMost(install).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(agentState("mysql/0")).isEqualTo("started");
            assertThat(agentState("wordpress/0")).isEqualTo("started");
            assertThat(environment.state().units().status(UnitName.parse("wordpress/0")).get("workload-message"))
                    .as("wordpress has its database").isEqualTo("ready");
        });

        RelationId db = environment.state().relations().relationsOf(ServiceName.of("wordpress")).entrySet().stream()
                .filter(e -> e.getValue().equals("db")).map(Map.Entry::getKey).findFirst().orElseThrow();
        Map<String, Object> credentials = settings(environment.state(), db, "mysql/0");
        assertThat(credentials).containsKeys("database", "user", "password", "host");
        String wordpress = String.valueOf(environment.state().units().status(UnitName.parse("wordpress/0"))
                .get("private-address"));
        String container = machine(2).instance().orElseThrow().instanceId();
        assertThat(Lxc.attach(container, "cat", "/etc/wordpress/config-default.php").output())
                .as("the credentials that came over the relation")
                .contains("define('DB_PASSWORD', '" + credentials.get("password") + "');")
                .contains("define('DB_HOST', '" + credentials.get("host") + "');");
        assertThat(Lxc.attach(container, "sh", "-c", "grep -h Acquire /etc/apt/apt.conf.d/*juju*").output())
                .as("apt in the machine goes through the environment's apt cache")
                .contains(Files.readString(environment.dataDir().resolve("apt-cache.address")).trim());

        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .proxy(java.net.ProxySelector.of(null)).build();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + wordpress + "/wp-admin/install.php"))
                    .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as("the install page, which WordPress shows only once it reaches its database")
                    .contains("<title>WordPress &rsaquo; Installation");
        });
    }

    @Test
    void bootstrapAfterAHostRestartBringsBackTheBridgeTheDaemonsAndTheContainers() throws Exception {
        String repo = JujuProcess.ROOT.resolve("charms-examples").toString();
        environment.ok("deploy", "--repository", repo, "local:kvstore");
        awaitState("kvstore/0", "started");
        String container = machine(1).instance().orElseThrow().instanceId();
        String bridge = environment.bridge();
        String presence = StatePaths.unitPresence(UnitName.parse("kvstore/0"));
        long ownerBefore = environment.client().checkExists().forPath(presence).getEphemeralOwner();

        // The host goes down: every process of the environment dies, containers stop, links go.
        List<ProcessHandle> processes = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains(environment.home().toString())).orElse(false)).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        for (String name : Lxc.containers()) {
            if (name.startsWith("juju-local-")) {
                org.juju.provider.local.lxc.HostCommand.run(Duration.ofSeconds(60), List.of("lxc-stop", "-n", name, "-k"));
            }
        }
        org.juju.provider.local.lxc.HostCommand.run(Duration.ofSeconds(30), List.of("ip", "link", "delete", "dev", bridge));
        await().atMost(Duration.ofSeconds(30)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(Lxc.state(container)).contains("STOPPED");

        environment.ok("bootstrap");

        assertThat(Lxc.linkExists(bridge)).as("the bridge is back").isTrue();
        assertThat(Lxc.state(container)).as("the machine's container is started again").contains("RUNNING");
        await().atMost(CONVERGE).untilAsserted(() -> {
            org.apache.zookeeper.data.Stat now = environment.client().checkExists().forPath(presence);
            assertThat(now).as("the unit agent is back").isNotNull();
            assertThat(now.getEphemeralOwner()).as("with a session of its own").isNotEqualTo(ownerBefore);
            assertThat(agentState("kvstore/0")).isEqualTo("started");
        });
    }
}
