package org.juju.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * A machine as the provisioning agent sees it: life, the instance recorded for it (if started),
 * the units assigned to it, whether its machine agent is present, whether that agent ever
 * reported (wrote its status), the error reported about it, if any, and whether
 * {@code juju retry-provisioning} asked for it to be provisioned again.
 */
public record MachineInfo(MachineId id, Life life, String series, Optional<InstanceRecord> instance,
                          List<UnitName> units, boolean present, boolean reported, Optional<String> error,
                          boolean retryRequested) {
    public MachineInfo {
        Objects.requireNonNull(id, "id");
        units = List.copyOf(units);
    }

    /** True for a live machine other than 0 with no units: the original's "unassigned" placement reuses it. */
    public boolean isFree() {
        return hasRoom(1);
    }

    /**
     * True for a live machine other than 0, not in error, with fewer than {@code unitsPerMachine}
     * units: placement may put another unit there.
     */
    public boolean hasRoom(int unitsPerMachine) {
        return !id.isBootstrap() && life == Life.ALIVE && units.size() < unitsPerMachine && error.isEmpty();
    }

    /**
     * The provider's record of a started machine: the address machines reach it on, its public
     * address ({@code dns-name}) and state as last recorded, and when it was started.
     */
    public record InstanceRecord(String instanceId, String address, String dnsName, String state, long startedAtMillis) {
        public InstanceRecord {
            dnsName = dnsName == null || dnsName.isEmpty() ? address : dnsName;
        }

        /** A record whose public address is its address. */
        public InstanceRecord(String instanceId, String address, String state, long startedAtMillis) {
            this(instanceId, address, address, state, startedAtMillis);
        }

        /**
         * True if {@code instance}, the same instance as the provider lists it now, has an address,
         * public address or state other than recorded (addresses it does not know yet are no change).
         */
        public boolean differsFrom(org.juju.provider.Instance instance) {
            return !instance.address().isEmpty() && !instance.address().equals(address)
                    || !instance.address().isEmpty() && !instance.publicAddress().equals(dnsName)
                    || !instance.state().equals(state);
        }
    }
}
