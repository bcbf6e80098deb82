package org.juju.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ZooKeeper servers of a local environment with {@code zookeeper-servers: N}, seen from outside:
 * the ports in {@code <data-dir>/zookeeper-ensemble}, each server's role asked with the {@code srvr}
 * four-letter command, and each server's JVM found by its command line.
 */
final class EnsembleServers {
    private final Path dataDir;

    EnsembleServers(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** A server: its id, host and client port. */
    record Server(int id, String host, int clientPort) {
    }

    /** Every server of the ensemble file, in id order. */
    List<Server> servers() throws IOException {
        return Files.readAllLines(dataDir.resolve("zookeeper-ensemble")).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.trim().split("\\s+"))
                .map(f -> new Server(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2])))
                .toList();
    }

    /** What {@code server} says its {@code Mode:} is (leader, follower); empty if it does not serve. */
    static Optional<String> mode(Server server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.clientPort()), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().filter(l -> l.startsWith("Mode: ")).map(l -> l.substring(6).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The server that says it leads, if one does now. */
    Optional<Server> leader() throws IOException {
        return servers().stream().filter(s -> mode(s).filter("leader"::equals).isPresent()).findFirst();
    }

    /** How many servers say they are leader or follower. */
    long serving() throws IOException {
        return servers().stream().filter(s -> mode(s).filter(m -> m.equals("leader") || m.equals("follower"))
                .isPresent()).count();
    }

    /** The JVM of {@code server} (not its supervisor), found by the {@code zoo.cfg} on its command line. */
    Optional<ProcessHandle> jvm(Server server) {
        String config = dataDir.resolve("agents/zookeeper-" + server.id() + "/zoo.cfg").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(l -> l.contains("EnsembleServer") && l.endsWith(config))
                        .orElse(false))
                .findFirst();
    }
}
