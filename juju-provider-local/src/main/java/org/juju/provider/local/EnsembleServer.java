package org.juju.provider.local;

import java.io.IOException;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.admin.AdminServer.AdminServerException;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig.ConfigException;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server of a local ZooKeeper ensemble: ZooKeeper's own quorum peer, run with the
 * {@code zoo.cfg} that {@link ZooKeeperEnsembleProcess} wrote ({@link ZooKeeperEnsemble#zooCfg}),
 * with old snapshots purged hourly and the daemons' logging ({@link DaemonLogging}). It runs under a
 * supervisor, which restarts it when it dies; it finds the others, and its data, from the file.
 *
 * <p>Usage: {@code EnsembleServer ZOO_CFG}. Exit status: 0 when the peer stops, 1 if it failed,
 * 2 for bad arguments or an unreadable configuration.
 */
public final class EnsembleServer {
    private EnsembleServer() {
    }

    public static void main(String[] args) {
        // before any ZooKeeper class initializes; zoo.cfg says the same
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.4lw.commands.whitelist", ZooKeeperEnsemble.FOUR_LETTER_WORDS);
        System.setProperty("zookeeper.jmx.log4j.disable", "true");
        DaemonLogging.configure();
        Logger log = LoggerFactory.getLogger(EnsembleServer.class);
        if (args.length != 1) {
            log.error("usage: EnsembleServer ZOO_CFG");
            System.exit(ZooKeeperDaemon.EXIT_USAGE);
            return;
        }
        QuorumPeerConfig config = new QuorumPeerConfig();
        try {
            config.parse(args[0]);
        } catch (ConfigException e) {
            log.error("cannot read {}: {}", args[0], e.getMessage());
            System.exit(ZooKeeperDaemon.EXIT_USAGE);
            return;
        }
        new DatadirCleanupManager(config.getDataDir(), config.getDataLogDir(), config.getSnapRetainCount(),
                config.getPurgeInterval()).start();
        log.info("ZooKeeper server {} of {} starting (pid {}), clients at {}", config.getServerId(),
                config.getServers().size(), ProcessHandle.current().pid(), config.getClientPortAddress());
        try {
            new QuorumPeerMain().runFromConfig(config);
        } catch (IOException | AdminServerException | RuntimeException e) {
            log.error("ZooKeeper server {} failed: {}", config.getServerId(), e.toString(), e);
            System.exit(ZooKeeperDaemon.EXIT_FAILED);
        }
        System.exit(0);
    }
}
