package org.juju.state.model;

import org.juju.state.error.InvalidInputException;

/** A machine of the environment. Machine 0 is the bootstrap machine and is never terminated. */
public record MachineId(int value) implements Comparable<MachineId> {
    /** The bootstrap machine, which runs the state server. */
    public static final MachineId BOOTSTRAP = new MachineId(0);

    public MachineId {
        if (value < 0) {
            throw new InvalidInputException("invalid machine id " + value);
        }
    }

    /** True when {@code text} is a machine id as {@link #parse} takes it. */
    public static boolean isValid(String text) {
        return text != null && text.matches("\\d{1,9}");
    }

    /** Parses a decimal machine id; the error names the text that was given. */
    public static MachineId parse(String text) {
        if (!isValid(text)) {
            throw new InvalidInputException("invalid machine id '" + text + "': expected a number such as 1");
        }
        return new MachineId(Integer.parseInt(text));
    }

    public boolean isBootstrap() {
        return value == 0;
    }

    @Override
    public int compareTo(MachineId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
