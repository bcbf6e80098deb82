package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.juju.state.MachineInfo;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
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

    private Map<String, Object> settings(RelationId relation, String unit) {
        return environment.state().store().read(StatePaths.relationUnitSettings(relation, UnitName.parse(unit)))
                .map(node -> node.data()).orElse(Map.of());
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
        assertThat(container).isEqualTo("juju-local-1");
        assertThat(Lxc.state(container)).contains("RUNNING");
        String address = String.valueOf(environment.state().units().status(UnitName.parse("kvstore/0"))
                .get("private-address"));
        assertThat(address).as("the unit's address is its container's, on the bridge").matches("10\\.1\\d\\d\\.\\d+\\.\\d+");
        assertThat(Lxc.attach(container, "systemctl", "is-active", "juju-machine-agent.service").output().trim())
                .isEqualTo("active");
        assertThat(Lxc.attach(container, "test", "-d", "/var/lib/juju/machines/1/units/kvstore-0/charm").status())
                .as("the unit agent deployed the charm inside the container").isZero();
        RelationId kv = environment.state().relations().relationsOf(ServiceName.of("webfront")).keySet().iterator().next();
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(settings(kv, "kvstore/0")).containsEntry("host", address).containsEntry("bucket-ready", "web");
            assertThat(String.valueOf(environment.state().units().status(UnitName.parse("webfront/0"))
                    .get("workload-message"))).as("webfront reached kvstore across the bridge").contains("using " + address);
        });

        environment.ok("add-unit", "kvstore");
        awaitState("kvstore/1", "started");
        String second = machine(3).instance().orElseThrow().instanceId();
        assertThat(second).isEqualTo("juju-local-3");
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
}
