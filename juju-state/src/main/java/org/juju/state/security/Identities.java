package org.juju.state.security;

import java.util.Optional;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * The names of the environment's identities and the credentials of the three that exist from
 * bootstrap on: {@code admin} (the {@code juju} client: its password is the environment's
 * {@code admin-secret}), {@code provisioning} and {@code machine-0}, whose passwords are derived
 * from the admin secret so that a provider can hand them to the agents it starts before the tree
 * exists, and again after a restart. Every other machine and unit identity comes from the
 * environment's {@link IdentityKeys}.
 */
public final class Identities {
    /** The client's identity. */
    public static final String ADMIN = "admin";
    /** The provisioning agents' identity. */
    public static final String PROVISIONING = "provisioning";
    private static final String MACHINE_PREFIX = "machine-";
    private static final String UNIT_PREFIX = "unit-";

    private Identities() {
    }

    /** {@code machine-N}. */
    public static String machine(MachineId id) {
        return MACHINE_PREFIX + id;
    }

    /** {@code unit-SERVICE-N}. */
    public static String unit(UnitName unit) {
        return UNIT_PREFIX + unit.key();
    }

    /** The machine whose identity {@code name} is, if it is a machine agent's. */
    public static Optional<MachineId> machineOf(String name) {
        if (!name.startsWith(MACHINE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MachineId.parse(name.substring(MACHINE_PREFIX.length())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The unit whose identity {@code name} is, if it is a unit agent's. */
    public static Optional<UnitName> unitOf(String name) {
        if (!name.startsWith(UNIT_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UnitName.fromKey(name.substring(UNIT_PREFIX.length())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The client's credential. */
    public static Credential admin(String adminSecret) {
        return new Credential(ADMIN, adminSecret);
    }

    /** The provisioning agents' credential, derived from the admin secret. */
    public static Credential provisioning(String adminSecret) {
        return Credential.derive(adminSecret, PROVISIONING, "juju-identity:" + PROVISIONING);
    }

    /** What the provisioning agents started by a provider at bootstrap are given. */
    public static AgentIdentity provisioningAgent(String adminSecret) {
        return bootstrapAgent(adminSecret, provisioning(adminSecret));
    }

    /** What machine 0's agent, started by a provider at bootstrap, is given. */
    public static AgentIdentity bootstrapMachineAgent(String adminSecret) {
        return bootstrapAgent(adminSecret, bootstrapMachine(adminSecret));
    }

    private static AgentIdentity bootstrapAgent(String adminSecret, Credential credential) {
        return new AgentIdentity(credential, admin(adminSecret).digest(), provisioning(adminSecret).digest());
    }

    /** Machine 0's agent's credential, derived from the admin secret. */
    public static Credential bootstrapMachine(String adminSecret) {
        String name = machine(MachineId.BOOTSTRAP);
        return Credential.derive(adminSecret, name, "juju-identity:" + name);
    }
}
