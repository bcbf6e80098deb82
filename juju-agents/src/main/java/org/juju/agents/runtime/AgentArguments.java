package org.juju.agents.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * The command line of an agent process:
 * <pre>
 * provisioning --zookeeper HOST:PORT --dir DIR
 * machine --id N --zookeeper HOST:PORT --dir DIR
 * unit --name SERVICE/N --zookeeper HOST:PORT --dir DIR
 * </pre>
 *
 * @param kind      which agent
 * @param machine   the machine of a machine agent, else empty
 * @param unit      the unit of a unit agent, else empty
 * @param zooKeeper the ZooKeeper connect string
 * @param dir       the agent's own directory (absolute, normalized)
 */
public record AgentArguments(Kind kind, Optional<MachineId> machine, Optional<UnitName> unit, String zooKeeper,
                             Path dir) {
    /** The usage text printed for bad arguments. */
    public static final String USAGE = """
            usage: AgentMain provisioning --zookeeper HOST:PORT --dir DIR
                   AgentMain machine --id N --zookeeper HOST:PORT --dir DIR
                   AgentMain unit --name SERVICE/N --zookeeper HOST:PORT --dir DIR
                   AgentMain spare [--dir DIR] [--idle-seconds N]   (then one of the above, tab-separated, on stdin)
                   AgentMain spare-machine --assignment-file FILE   (then one of the above, tab-separated, in FILE)""";

    /** The kinds of agent. */
    public enum Kind { PROVISIONING, MACHINE, UNIT }

    public AgentArguments {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(zooKeeper, "zooKeeper");
        dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The agent's identity: {@code provisioning}, {@code machine-N} or {@code unit-SERVICE-N}.
     */
    public String identity() {
        return switch (kind) {
            case PROVISIONING -> "provisioning";
            case MACHINE -> "machine-" + machine.orElseThrow();
            case UNIT -> "unit-" + unit.orElseThrow().key();
        };
    }

    /**
     * Parses {@code args}.
     *
     * @throws InvalidInputException with a one-line message for an unknown agent or option, a missing
     *                               or repeated option, or an invalid machine id or unit name
     */
    public static AgentArguments parse(List<String> args) {
        if (args.isEmpty()) {
            throw new InvalidInputException("missing the agent kind (provisioning, machine or unit)");
        }
        Kind kind = switch (args.get(0)) {
            case "provisioning" -> Kind.PROVISIONING;
            case "machine" -> Kind.MACHINE;
            case "unit" -> Kind.UNIT;
            default -> throw new InvalidInputException("unknown agent '" + args.get(0)
                    + "' (expected provisioning, machine or unit)");
        };
        String id = null;
        String name = null;
        String zooKeeper = null;
        String dir = null;
        for (int i = 1; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new InvalidInputException("option " + option + " needs a value");
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--id" -> id = once(option, id, value, kind == Kind.MACHINE);
                case "--name" -> name = once(option, name, value, kind == Kind.UNIT);
                case "--zookeeper" -> zooKeeper = once(option, zooKeeper, value, true);
                case "--dir" -> dir = once(option, dir, value, true);
                default -> throw new InvalidInputException("unknown option " + option);
            }
        }
        Optional<MachineId> machine = kind == Kind.MACHINE ? Optional.of(MachineId.parse(require("--id", id)))
                : Optional.empty();
        Optional<UnitName> unit = kind == Kind.UNIT ? Optional.of(UnitName.parse(require("--name", name)))
                : Optional.empty();
        return new AgentArguments(kind, machine, unit, require("--zookeeper", zooKeeper),
                Path.of(require("--dir", dir)));
    }

    private static String once(String option, String previous, String value, boolean allowed) {
        if (!allowed) {
            throw new InvalidInputException("unknown option " + option);
        }
        if (previous != null) {
            throw new InvalidInputException("option " + option + " given twice");
        }
        if (value.isBlank()) {
            throw new InvalidInputException("option " + option + " needs a value");
        }
        return value;
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new InvalidInputException("missing required option " + option);
        }
        return value;
    }
}
