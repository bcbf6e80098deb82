package org.juju.state.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * The environment's identity secrets, in {@code /secrets/identities} (admin and provisioning agent
 * only): the key every machine and unit credential is derived from, and the ACL ids of the
 * bootstrap identities ({@code admin}, {@code provisioning}, {@code machine-0}).
 *
 * <p>A machine's or unit's password is HMAC-SHA256 under the key of its name and the random
 * {@code identity-nonce} its node was created with. So the identity exists exactly while its node
 * does: removing the unit or machine revokes it (the ACL keeper drops its id everywhere), and a
 * later unit of the same name gets another password.
 *
 * @param key    the derivation key (random, created at bootstrap)
 * @param fixed  identity name to ACL id, for {@code admin}, {@code provisioning} and {@code machine-0}
 */
public record IdentityKeys(String key, Map<String, String> fixed) {
    public IdentityKeys {
        Objects.requireNonNull(key, "key");
        fixed = Map.copyOf(fixed);
    }

    /** New keys for an environment whose client authenticates with {@code adminSecret}. */
    public static IdentityKeys create(String adminSecret) {
        Map<String, String> fixed = new LinkedHashMap<>();
        for (Credential credential : new Credential[] {Identities.admin(adminSecret),
            Identities.provisioning(adminSecret), Identities.bootstrapMachine(adminSecret)}) {
            fixed.put(credential.name(), credential.digest());
        }
        return new IdentityKeys(Credential.randomToken(), fixed);
    }

    /** Machine {@code id}'s agent's credential ({@code nonce}: its node's {@code identity-nonce}). */
    public Credential machine(MachineId id, String nonce) {
        String name = Identities.machine(id);
        return Credential.derive(key, name, name + "@" + nonce);
    }

    /** Unit {@code unit}'s agent's credential ({@code nonce}: its node's {@code identity-nonce}). */
    public Credential unit(UnitName unit, String nonce) {
        String name = Identities.unit(unit);
        return Credential.derive(key, name, name + "@" + nonce);
    }

    /** The ACL id of a bootstrap identity, if {@code name} is one. */
    public Optional<String> fixedDigest(String name) {
        return Optional.ofNullable(fixed.get(name));
    }

    /** The node data. */
    public Map<String, Object> toMap() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key", key);
        data.put("identities", new LinkedHashMap<>(fixed));
        return data;
    }

    /**
     * Reads node data written by {@link #toMap()}.
     *
     * @throws InvalidInputException if a field is missing or of the wrong type
     */
    public static IdentityKeys fromMap(Map<String, Object> data) {
        Object key = data.get("key");
        Object identities = data.get("identities");
        if (!(key instanceof String) || !(identities instanceof Map<?, ?> map)) {
            throw new InvalidInputException("/secrets/identities lacks 'key' or 'identities'");
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        map.forEach((name, digest) -> fixed.put(String.valueOf(name), String.valueOf(digest)));
        return new IdentityKeys((String) key, fixed);
    }

    @Override
    public String toString() {
        return "IdentityKeys" + fixed.keySet();
    }
}
