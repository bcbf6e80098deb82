package org.juju.state;

import java.util.Map;

/**
 * How the provisioning agent places units on machines, from environments.yaml at bootstrap, kept
 * in {@code /settings}: {@code units-per-machine}, the most units it puts on one machine (other
 * than machine 0). 1, the default, is the original's {@code unassigned} policy: each unit gets a
 * machine of its own. A larger value packs units, of any service, onto machines that have room
 * before it adds a machine, which costs fewer machines (and agents) in large environments.
 *
 * @param unitsPerMachine at least 1
 */
public record PlacementPolicy(int unitsPerMachine) {
    /** The key in environments.yaml and {@code /settings}. */
    public static final String UNITS_PER_MACHINE_KEY = "units-per-machine";
    /** The most this option may be: beyond it one machine agent would run more agents than makes sense. */
    public static final int MAX_UNITS_PER_MACHINE = 1000;
    /** One unit per machine. */
    public static final PlacementPolicy DEFAULT = new PlacementPolicy(1);

    public PlacementPolicy {
        if (unitsPerMachine < 1 || unitsPerMachine > MAX_UNITS_PER_MACHINE) {
            throw new IllegalArgumentException(UNITS_PER_MACHINE_KEY + " must be between 1 and " + MAX_UNITS_PER_MACHINE
                    + ", got " + unitsPerMachine);
        }
    }

    /** The entries this policy adds to {@code /settings}. */
    public Map<String, Object> toSettings() {
        return Map.of(UNITS_PER_MACHINE_KEY, unitsPerMachine);
    }

    /**
     * The policy in {@code settings} ({@code /settings} data). Lenient, since agents must go on
     * with a tree written by an older client: a missing or unusable value gives the default.
     */
    public static PlacementPolicy fromSettings(Map<String, Object> settings) {
        if (settings.get(UNITS_PER_MACHINE_KEY) instanceof Number n && n.longValue() >= 1
                && n.longValue() <= MAX_UNITS_PER_MACHINE) {
            return new PlacementPolicy(n.intValue());
        }
        return DEFAULT;
    }
}
