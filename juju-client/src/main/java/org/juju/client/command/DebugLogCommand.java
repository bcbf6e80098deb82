package org.juju.client.command;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns on log forwarding in every agent and streams the records they append under
 * {@code /logs}, until interrupted or {@code -n} records were printed.
 */
@Command(name = "debug-log", description = "Stream the agents' logs (turns log forwarding on).")
public final class DebugLogCommand extends BaseCommand {
    private static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARNING", "ERROR");

    @Option(names = {"-r", "--replay"}, description = "Print the records logged so far first.")
    boolean replay;

    @Option(names = {"-i", "--include"}, paramLabel = "CONTEXT", description = "Only records whose context starts with this (unit:mysql/0, machine:1).")
    List<String> include = List.of();

    @Option(names = {"-x", "--exclude"}, paramLabel = "CONTEXT", description = "Leave out records whose context starts with this.")
    List<String> exclude = List.of();

    @Option(names = {"-l", "--level"}, defaultValue = "DEBUG", description = "Lowest level shown: DEBUG, INFO, WARNING, ERROR.")
    String level;

    @Option(names = {"-n", "--limit"}, defaultValue = "0", description = "Stop after N records (0: never).")
    int limit;

    @Override
    protected int run() {
        String wanted = level.toUpperCase(Locale.ROOT);
        int minimum = LEVELS.indexOf(wanted.equals("WARN") ? "WARNING" : wanted);
        if (minimum < 0) {
            throw new org.juju.state.error.InvalidInputException("unknown level '" + level + "' (use DEBUG, INFO, WARNING or ERROR)");
        }
        try (EnvironmentSession session = connect()) {
            session.state().environment().setDebugLog(true);
            StateStore store = session.state().store();
            Set<String> seen = new HashSet<>();
            if (!replay) {
                seen.addAll(store.children(StatePaths.logs()));
            }
            int printed = 0;
            while (limit == 0 || printed < limit) {
                CountDownLatch changed = new CountDownLatch(1);
                List<String> names = watchChildren(store.client(), changed);
                for (String name : names) {
                    if (seen.add(name)) {
                        Node record = store.read(StatePaths.logs() + "/" + name).orElse(null);
                        if (record != null && shown(record.data(), minimum)) {
                            out().println(format(record.data()));
                            out().flush();
                            if (limit > 0 && ++printed >= limit) {
                                return 0;
                            }
                        }
                    }
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static List<String> watchChildren(CuratorFramework client, CountDownLatch changed) {
        try {
            return client.getChildren().usingWatcher((org.apache.zookeeper.Watcher) event -> changed.countDown())
                    .forPath(StatePaths.logs()).stream().sorted().toList();
        } catch (Exception e) {
            throw new StateUnavailableException("cannot read the log records: " + e.getMessage(), e);
        }
    }

    private boolean shown(Map<String, Object> record, int minimum) {
        String context = String.valueOf(record.getOrDefault("context", ""));
        String text = String.valueOf(record.getOrDefault("level", "INFO")).toUpperCase(Locale.ROOT);
        int recordLevel = LEVELS.indexOf(text.equals("WARN") ? "WARNING" : text);
        return recordLevel >= minimum
                && (include.isEmpty() || include.stream().anyMatch(context::startsWith))
                && exclude.stream().noneMatch(context::startsWith);
    }

    private static String format(Map<String, Object> record) {
        return record.getOrDefault("time", "") + " " + record.getOrDefault("context", "") + " "
                + record.getOrDefault("level", "") + ": " + record.getOrDefault("message", "");
    }
}
