package org.juju.state.security;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;

/**
 * The {@link AccessView} of a machine or unit agent creating a node: it cannot read the tree as a
 * whole, nor other nodes' ACLs (ZooKeeper redacts digests for non-ADMIN readers), so it knows only
 * its own identity, the admin's and the provisioning agent's ({@link AgentIdentity}) and, for the
 * nodes it creates in a relation, the relation's readers as the provisioning agent published them
 * in {@code /relations/R/settings}. The ACL keeper corrects whatever this view misses.
 */
public final class AgentAccessView implements AccessView {
    private final Map<String, String> digests = new TreeMap<>();
    private final Set<String> relationReaders = new TreeSet<>();

    /**
     * @param identity        the creating agent's identity
     * @param relationReaders ACL ids of the relation's readers, when creating in a relation
     */
    public AgentAccessView(AgentIdentity identity, Collection<String> relationReaders) {
        digests.put(Identities.ADMIN, identity.adminDigest());
        digests.put(Identities.PROVISIONING, identity.provisioningDigest());
        digests.put(identity.credential().name(), identity.credential().digest());
        for (String digest : relationReaders) {
            String name = Credential.nameOfDigest(digest);
            digests.putIfAbsent(name, digest);
            this.relationReaders.add(name);
        }
    }

    @Override
    public Optional<String> digest(String name) {
        return Optional.ofNullable(digests.get(name));
    }

    @Override
    public Set<String> unitsOfRelation(RelationId relation) {
        return named("unit-");
    }

    @Override
    public Set<String> machinesOfRelation(RelationId relation) {
        return named("machine-");
    }

    private Set<String> named(String prefix) {
        Set<String> result = new TreeSet<>();
        relationReaders.stream().filter(name -> name.startsWith(prefix)).forEach(result::add);
        return result;
    }
}
