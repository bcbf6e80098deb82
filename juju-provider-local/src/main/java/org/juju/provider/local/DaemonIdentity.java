package org.juju.provider.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a process is the {@link ZooKeeperDaemon} of a given data directory, by its
 * command line. Used before signalling a pid read from a pid file, so that a process that merely
 * reused the pid of a dead daemon is never touched.
 */
final class DaemonIdentity {
    static final String MAIN_CLASS = ZooKeeperDaemon.class.getName();

    private DaemonIdentity() {
    }

    /**
     * The live daemon recorded in the pid file of {@code layout}, if the pid file names a live
     * process whose command line runs {@link ZooKeeperDaemon} with {@code --data-dir} equal to the
     * layout's data directory. A process whose command line cannot be read (another user's) never
     * matches.
     */
    static Optional<ProcessHandle> recordedDaemon(DataDirLayout layout) {
        return layout.recordedPid()
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> isDaemonFor(handle.info(), layout.dataDir()));
    }

    /** True if {@code info} shows the daemon command line for {@code dataDir}. */
    static boolean isDaemonFor(ProcessHandle.Info info, Path dataDir) {
        String dir = dataDir.toString();
        Optional<String[]> arguments = info.arguments();
        if (arguments.isPresent()) {
            List<String> args = List.of(arguments.get());
            int main = args.indexOf(MAIN_CLASS);
            if (main < 0) {
                return false;
            }
            for (int i = main + 1; i + 1 < args.size(); i++) {
                if (args.get(i).equals("--data-dir") && args.get(i + 1).equals(dir)) {
                    return true;
                }
            }
            return false;
        }
        return info.commandLine()
                .map(line -> line + " ")
                .map(line -> line.contains(" " + MAIN_CLASS + " ") && line.contains(" --data-dir " + dir + " "))
                .orElse(false);
    }
}
