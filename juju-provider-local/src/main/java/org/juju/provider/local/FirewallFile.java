package org.juju.provider.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.juju.provider.Port;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.ProviderException;

/**
 * The open ports of a process machine, kept in {@code <machine dir>/firewall.yaml} as
 * {@code open: [80/tcp, ...]}. Process machines share the host's network stack and this provider
 * has no firewall of its own: the file only records what the provisioning agent asked for, and
 * every port a unit listens on is reachable whatever it says.
 */
public final class FirewallFile {
    static final String NAME = "firewall.yaml";
    private static final String HEADER = """
            # Ports the provisioning agent asked to open on this machine. Machines of the local
            # provider's process mode share the host's network: nothing enforces this list.
            """;

    private FirewallFile() {
    }

    /**
     * Records {@code ports} as the machine's open ports.
     *
     * @throws ProviderException if the file cannot be written
     */
    public static void write(Path machineDir, Set<Port> ports) {
        List<String> open = new TreeSet<>(ports).stream().map(Port::toString).toList();
        try {
            DataDirLayout.writeAtomically(machineDir.resolve(NAME), HEADER + YamlCodec.dump(Map.of("open", open)));
        } catch (IOException e) {
            throw new ProviderException("cannot record the open ports of " + machineDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The ports recorded for the machine; none if nothing was recorded.
     *
     * @throws ProviderException if the file cannot be read or is not a list of ports
     */
    public static Set<Port> read(Path machineDir) {
        Path file = machineDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            Object open = YamlCodec.parseMap(Files.readString(file, StandardCharsets.UTF_8), file.toString()).get("open");
            if (open == null) {
                return Set.of();
            }
            if (!(open instanceof List<?> list)) {
                throw new ProviderException(file + ": 'open' is not a list of ports");
            }
            Set<Port> ports = new TreeSet<>();
            list.forEach(item -> ports.add(Port.parse(String.valueOf(item))));
            return Collections.unmodifiableSet(ports);
        } catch (IOException | InvalidInputException e) {
            throw new ProviderException("cannot read the open ports in " + file + ": " + e.getMessage(), e);
        }
    }
}
