package org.juju.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.state.CharmRecord;
import org.juju.state.Deploy;
import org.juju.state.EndpointRef;
import org.juju.state.EnvironmentInfo;
import org.juju.state.JujuState;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.ConfigSchema;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.security.AclKeeper;
import org.juju.state.security.AclSource;
import org.juju.state.security.Identities;
import org.juju.state.security.IdentityKeys;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;

/**
 * What the ACLs cost, against a real ZooKeeper server on this machine (no agents): for
 * environments of N units (pairs of related services of 5 units each, every unit on its own
 * machine), the time of a unit assignment with its ACL pre-grant, of a full ACL pass that finds
 * nothing to change, and of the pass after one more unit. Prints a Markdown table. Run by
 * {@code bin/benchmark-acls}.
 */
public final class AclBenchmark {
    private static final String SECRET = "bench";
    private static final int UNITS_PER_SERVICE = 5;

    private AclBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| units | nodes | assign with pre-grant (ms, mean) | full pass, nothing to change (ms) | pass after one more unit (ms) |");
        System.out.println("|---|---|---|---|---|");
        for (String arg : args.length == 0 ? new String[] {"10", "50", "100", "200"} : args) {
            measure(Integer.parseInt(arg));
        }
    }

    private static void measure(int units) throws Exception {
        try (TestingServer server = new TestingServer(true)) {
            CuratorFramework admin = StateConnection.connect(server.getConnectString(), Identities.admin(SECRET),
                    AclSource.policy(), Duration.ofSeconds(10));
            CuratorFramework provisioning = StateConnection.connect(server.getConnectString(),
                    Identities.provisioning(SECRET), AclSource.policy(), Duration.ofSeconds(10));
            try (admin; provisioning) {
                JujuState user = new JujuState(new StateStore(admin, AclSource.policy()));
                JujuState agent = new JujuState(new StateStore(provisioning, AclSource.policy()));
                user.environment().initialize(new EnvironmentInfo("bench", "local", "bookworm"), Map.of("type", "local"),
                        Optional.of(IdentityKeys.create(SECRET)));
                List<UnitName> all = new ArrayList<>();
                for (int pair = 0; pair < units / (2 * UNITS_PER_SERVICE); pair++) {
                    all.addAll(user.services().deploy(new Deploy(ServiceName.of("db" + pair), charm("db", "provides"),
                            Map.of(), UNITS_PER_SERVICE, "bench")));
                    all.addAll(user.services().deploy(new Deploy(ServiceName.of("app" + pair), charm("app", "requires"),
                            Map.of(), UNITS_PER_SERVICE, "bench")));
                    user.relations().add(EndpointRef.parse("app" + pair), EndpointRef.parse("db" + pair));
                }
                long assignNanos = 0;
                for (UnitName unit : all) {
                    MachineId machine = agent.machines().add("bookworm");
                    long start = System.nanoTime();
                    agent.units().assign(unit, machine);
                    assignNanos += System.nanoTime() - start;
                }
                AclKeeper keeper = new AclKeeper(agent.store(), 1);
                keeper.reconcile();
                long start = System.nanoTime();
                int changed = keeper.reconcile();
                long fullPass = System.nanoTime() - start;
                UnitName extra = user.units().add(all.get(0).service(), 1).get(0);
                agent.units().assign(extra, agent.machines().add("bookworm"));
                start = System.nanoTime();
                keeper.reconcileIfChanged();
                long afterChange = System.nanoTime() - start;
                if (changed != 0) {
                    throw new IllegalStateException("a second full pass changed " + changed + " nodes");
                }
                System.out.printf("| %d | %d | %.1f | %d | %d |%n", all.size(), countNodes(agent.store(), "/"),
                        assignNanos / 1e6 / all.size(), fullPass / 1_000_000, afterChange / 1_000_000);
            }
        }
    }

    private static CharmRecord charm(String name, String role) {
        CharmMetadata metadata = CharmMetadata.parse("name: " + name + "\nsummary: s\ndescription: d\n" + role
                + ":\n  data:\n    interface: bench\n", "metadata.yaml").value();
        return new CharmRecord(CharmUrl.parse("local:bookworm/" + name + "-1", null), "sha-" + name, 1,
                "file:///bench", metadata, ConfigSchema.EMPTY);
    }

    private static int countNodes(StateStore store, String path) {
        int count = 1;
        for (String child : store.childrenIfReadable(path)) {
            count += countNodes(store, path.equals("/") ? "/" + child : path + "/" + child);
        }
        return count;
    }
}
