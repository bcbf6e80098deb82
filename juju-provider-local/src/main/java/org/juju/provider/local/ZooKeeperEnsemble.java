package org.juju.provider.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The servers of a local ZooKeeper ensemble, all on one host, as chosen at the first bootstrap and
 * kept in the ensemble file of the data directory ({@link DataDirLayout#ensembleFile()}), so that
 * every later bootstrap (after a host restart, say) starts them on the same ports and the agents'
 * connect string stays valid.
 *
 * @param members the servers, ids 1..N in order, N odd
 */
record ZooKeeperEnsemble(List<EnsembleMember> members) {
    /** A server's tick: sessions last 2-20 ticks; followers are dropped after {@value #SYNC_LIMIT} ticks. */
    static final int TICK_TIME_MS = 2000;
    static final int INIT_LIMIT = 10;
    static final int SYNC_LIMIT = 5;
    /** The four-letter commands the servers answer: {@code ruok} (alive?) and {@code srvr} (leader or follower?). */
    static final String FOUR_LETTER_WORDS = "ruok,srvr";

    ZooKeeperEnsemble {
        members = List.copyOf(members);
        if (members.size() % 2 == 0) {
            throw new IllegalArgumentException("an ensemble has an odd number of servers, not " + members.size());
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id() != i + 1) {
                throw new IllegalArgumentException("ensemble server ids must be 1.." + members.size() + " in order");
            }
        }
    }

    /**
     * A new ensemble of {@code servers} servers on {@code host}, each with three ports that are free
     * now (held open together while they are chosen, so no two coincide).
     *
     * @throws IOException if {@code host} cannot be bound
     */
    static ZooKeeperEnsemble choose(String host, int servers) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < servers * 3; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(host, 0));
            }
            List<EnsembleMember> members = new ArrayList<>();
            for (int id = 1; id <= servers; id++) {
                int base = (id - 1) * 3;
                members.add(new EnsembleMember(id, host, held.get(base).getLocalPort(),
                        held.get(base + 1).getLocalPort(), held.get(base + 2).getLocalPort()));
            }
            return new ZooKeeperEnsemble(members);
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /** How many servers must serve for the ensemble to serve: a strict majority. */
    int quorum() {
        return members.size() / 2 + 1;
    }

    /** The connect string naming every server: {@code host:port,host:port,...}. */
    String connectString() {
        return members.stream().map(m -> m.clientAddress().toString()).collect(Collectors.joining(","));
    }

    /** The content of the ensemble file: one {@link EnsembleMember#fileLine()} per server. */
    String fileText() {
        return members.stream().map(EnsembleMember::fileLine).collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The ensemble in {@code file}; empty if there is none.
     *
     * @throws IllegalArgumentException if the file is not an ensemble file
     */
    static Optional<ZooKeeperEnsemble> read(Path file) {
        return DataDirLayout.readSmall(file).map(text -> new ZooKeeperEnsemble(
                text.lines().filter(line -> !line.isBlank()).map(EnsembleMember::parse).toList()));
    }

    /** The {@code zoo.cfg} of {@code member}, whose snapshots and logs go to {@code dataDir}. */
    String zooCfg(EnsembleMember member, Path dataDir) {
        StringBuilder cfg = new StringBuilder();
        cfg.append("# ZooKeeper server ").append(member.id()).append(" of ").append(members.size())
                .append(", written by juju on every bootstrap\n")
                .append("tickTime=").append(TICK_TIME_MS).append('\n')
                .append("initLimit=").append(INIT_LIMIT).append('\n')
                .append("syncLimit=").append(SYNC_LIMIT).append('\n')
                .append("dataDir=").append(dataDir).append('\n')
                .append("clientPortAddress=").append(member.host()).append('\n')
                .append("clientPort=").append(member.clientPort()).append('\n')
                .append("maxClientCnxns=").append(ServerBinding.MAX_CLIENT_CNXNS).append('\n')
                .append("admin.enableServer=false\n")
                .append("4lw.commands.whitelist=").append(FOUR_LETTER_WORDS).append('\n')
                .append("autopurge.snapRetainCount=3\n")
                .append("autopurge.purgeInterval=1\n");
        members.forEach(m -> cfg.append(m.serverLine()).append('\n'));
        return cfg.toString();
    }
}
