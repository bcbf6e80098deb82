package org.juju.provider.local;

import org.juju.state.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.juju.provider.ProgressListener;
import org.juju.state.error.ProviderException;

/**
 * Removes a local environment's data directory, carefully. A directory carrying the
 * {@link DataDirLayout#markerFile() marker} was created by the provider and is deleted with all
 * its content. A directory without it (a data-dir mistakenly set to, say, the home directory) loses
 * only the daemons' and the agents' small top-level files, and is itself removed only if that leaves it empty.
 * Symbolic links are removed, never followed.
 */
final class DataDirCleaner {
    private static final Set<String> DAEMON_FILES = Set.of("zookeeper.address", "zookeeper.pid",
            "zookeeper.last-port", "zookeeper.lock", "zookeeper-ensemble", "agents.lock", "storage.address",
            "storage.last-port",
            "apt-cache.address", "apt-cache.last-port");

    private DataDirCleaner() {
    }

    /**
     * Cleans {@code layout}'s data directory, reporting what was done through {@code progress}.
     *
     * @throws ProviderException if something cannot be deleted
     */
    static void clean(DataDirLayout layout, ProgressListener progress) {
        Path dir = layout.dataDir();
        try {
            if (!Files.isDirectory(dir)) {
                progress.progress("data directory " + dir + " does not exist; nothing to remove");
            } else if (Files.isRegularFile(layout.markerFile())) {
                FileTrees.delete(dir, true);
                progress.progress("removed " + dir);
            } else {
                cleanForeign(dir, progress);
            }
        } catch (IOException e) {
            throw new ProviderException("cannot remove the data directory " + dir + ": " + e, e);
        }
    }

    private static void cleanForeign(Path dir, ProgressListener progress) throws IOException {
        List<String> kept = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if ((DAEMON_FILES.contains(name) || DataDirLayout.isTempName(name)) && !Files.isDirectory(entry)) {
                    Files.delete(entry);
                } else {
                    kept.add(name);
                }
            }
        }
        if (kept.isEmpty()) {
            Files.delete(dir);
            progress.progress("removed " + dir);
            return;
        }
        kept.sort(null);
        progress.progress("kept " + dir + " and its " + kept.size() + (kept.size() == 1 ? " entry" : " entries")
                + " (e.g. '" + kept.get(0) + "'): it was not created by juju; removed only the daemons'"
                + " address, pid, port and lock files");
    }
}
