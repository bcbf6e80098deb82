package org.juju.provider.local;

import java.util.Objects;

/**
 * One server of a local ZooKeeper ensemble: its id ({@code myid}, {@code server.ID}) and the
 * three ports it listens on, all on one host.
 *
 * @param id           1..255
 * @param host         the address every port is bound to (IPv6 without brackets)
 * @param clientPort   where clients connect
 * @param quorumPort   where followers connect to the leader
 * @param electionPort where servers talk during leader election
 */
record EnsembleMember(int id, String host, int clientPort, int quorumPort, int electionPort) {
    EnsembleMember {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("server id out of 1-255: " + id);
        }
        Objects.requireNonNull(host, "host");
        ZooKeeperAddress check = new ZooKeeperAddress(host, clientPort); // validates host and client port
        new ZooKeeperAddress(check.host(), quorumPort);
        new ZooKeeperAddress(check.host(), electionPort);
    }

    /** Where clients reach this server (loopback for a wildcard host). */
    ZooKeeperAddress clientAddress() {
        return new ZooKeeperAddress(ZooKeeperDaemon.reachableHost(host), clientPort);
    }

    /** The {@code server.ID=host:quorum:election} line of {@code zoo.cfg}. */
    String serverLine() {
        String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "server." + id + "=" + bracketed + ":" + quorumPort + ":" + electionPort;
    }

    /** The line of the ensemble file: {@code ID HOST CLIENT QUORUM ELECTION}. */
    String fileLine() {
        return id + " " + host + " " + clientPort + " " + quorumPort + " " + electionPort;
    }

    /**
     * Parses a line written by {@link #fileLine()}.
     *
     * @throws IllegalArgumentException if it is not one
     */
    static EnsembleMember parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("not an ensemble member line: '" + line + "'");
        }
        try {
            return new EnsembleMember(Integer.parseInt(fields[0]), fields[1], Integer.parseInt(fields[2]),
                    Integer.parseInt(fields[3]), Integer.parseInt(fields[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an ensemble member line: '" + line + "'", e);
        }
    }
}
