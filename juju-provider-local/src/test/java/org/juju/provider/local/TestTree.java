package org.juju.provider.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/** Test support: the parts of an initialized state tree agents need, and process queries. */
final class TestTree {
    private TestTree() {
    }

    /** Creates {@code /presence/machines}, {@code /presence/units} and {@code /initialized}. */
    static void initialize(CuratorFramework client) throws Exception {
        client.create().creatingParentsIfNeeded().forPath("/presence/machines");
        client.create().forPath("/presence/units");
        client.create().forPath("/initialized");
    }

    /** The presence node of machine {@code id}, if it exists. */
    static Optional<Stat> machinePresence(CuratorFramework client, int id) throws Exception {
        return Optional.ofNullable(client.checkExists().forPath("/presence/machines/" + id));
    }

    /** Every live process whose command line mentions {@code dir} (or a path below it). */
    static List<ProcessHandle> processesUnder(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(ProcessTree::isRunning)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(line -> line.contains(dir.toString())).orElse(false))
                .toList();
    }

    /** The agent JVMs (running AgentMain, spare unit agent JVMs aside) among the descendants of {@code supervisor}. */
    static List<ProcessHandle> agentsBelow(ProcessHandle supervisor) {
        return jvmsBelow(supervisor, SupervisorScript.AGENT_MAIN).stream()
                .filter(p -> p.info().commandLine().map(line -> !line.contains(SupervisorScript.AGENT_MAIN + " spare"))
                        .orElse(false))
                .toList();
    }

    /** The JVMs running {@code mainClass} among the descendants of {@code supervisor}. */
    static List<ProcessHandle> jvmsBelow(ProcessHandle supervisor, String mainClass) {
        return supervisor.descendants()
                .filter(ProcessTree::isRunning)
                .filter(p -> p.info().commandLine().map(line -> line.contains(" " + mainClass + " ")).orElse(false))
                .toList();
    }
}
