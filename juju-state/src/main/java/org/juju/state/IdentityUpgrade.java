package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.error.ConflictException;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclKeeper;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.juju.state.security.IdentityKeys;
import org.juju.state.security.TreeAccessView;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * Gives identities to an environment bootstrapped without them ({@code juju upgrade-security}),
 * explicitly and in three steps, so that no running agent is locked out:
 * <ol>
 *   <li>{@link #begin}: one transaction creates the identity key, a nonce in every machine and
 *       unit node, each assigned unit's password in its assignment marker, and one hand-over node
 *       per agent ({@code /secrets/handover/NAME}, holding its credential file). The tree is still
 *       open: the agents, still anonymous, read their node, write their credential file, delete
 *       the node and restart with their identity.</li>
 *   <li>{@link #waiting}: the hand-overs not taken yet.</li>
 *   <li>{@link #finish}: deletes what is left of the hand-overs and sets every node's ACL.</li>
 * </ol>
 * The admin's store must authenticate as {@code admin} with the environment's admin secret.
 */
public final class IdentityUpgrade {
    private static final String CREDENTIAL_FILE = "credential";
    private final StateStore store;

    public IdentityUpgrade(StateStore store) {
        this.store = store;
    }

    /** True if the environment has identities (it was bootstrapped with them, or upgraded). */
    public boolean hasIdentities() {
        return store.exists(StatePaths.identityKeys());
    }

    /**
     * Step 1.
     *
     * @return the identities handed over, in order
     * @throws ConflictException if the environment has identities already
     */
    public List<String> begin(String adminSecret) {
        IdentityKeys keys = IdentityKeys.create(adminSecret);
        return store.retrying("hand identities over", () -> {
            if (hasIdentities()) {
                throw new ConflictException("the environment has identities already");
            }
            Transaction tx = store.transaction().create(StatePaths.identityKeys(), keys.toMap())
                    .create(StatePaths.identityHandovers(), Map.of());
            List<String> names = new ArrayList<>();
            handOver(tx, names, Identities.provisioningAgent(adminSecret));
            handOver(tx, names, Identities.bootstrapMachineAgent(adminSecret));
            for (String child : store.children(StatePaths.machines())) {
                MachineId id = MachineId.parse(child);
                if (id.isBootstrap()) {
                    continue;
                }
                Node machine = Entities.existing(store, StatePaths.machine(id));
                String nonce = nonceOf(tx, machine);
                handOver(tx, names, AgentIdentity.of(keys.machine(id, nonce), keys));
            }
            for (String service : store.children(StatePaths.services())) {
                for (String number : store.children(StatePaths.serviceUnits(ServiceName.of(service)))) {
                    UnitName unit = new UnitName(ServiceName.of(service), Integer.parseInt(number));
                    Node node = Entities.existing(store, StatePaths.unit(unit));
                    String nonce = nonceOf(tx, node);
                    Object machine = node.data().get("machine");
                    if (machine != null) {
                        Credential credential = keys.unit(unit, nonce);
                        handOver(tx, names, AgentIdentity.of(credential, keys));
                        Node marker = Entities.existing(store,
                                StatePaths.machineUnit(MachineId.parse(machine.toString()), unit));
                        tx.update(marker, Map.of("credential", credential.password()));
                    }
                }
            }
            store.commit(tx);
            return names;
        });
    }

    /** The identities whose agents have not taken their hand-over yet. */
    public List<String> waiting() {
        return store.children(StatePaths.identityHandovers());
    }

    /**
     * Step 3: deletes the hand-overs left (agents that were not running get theirs from the
     * provisioning agent and their machine agent as new ones do) and sets every node's ACL.
     *
     * @return how many nodes got a new ACL
     */
    public int finish() {
        store.retrying("end the hand-over", () -> {
            if (store.exists(StatePaths.identityHandovers())) {
                Transaction tx = store.transaction();
                store.commit(tx.deleteTree(StatePaths.identityHandovers()));
            }
        });
        return new AclKeeper(store, 1).reconcile();
    }

    /** The node's nonce; one is added in {@code tx} if it has none. */
    private static String nonceOf(Transaction tx, Node node) {
        String nonce = node.string(TreeAccessView.NONCE);
        if (nonce != null) {
            return nonce;
        }
        String fresh = Credential.randomToken();
        Map<String, Object> data = new LinkedHashMap<>(node.data());
        data.put(TreeAccessView.NONCE, fresh);
        tx.update(node, data);
        return fresh;
    }

    private static void handOver(Transaction tx, List<String> names, AgentIdentity identity) {
        String name = identity.credential().name();
        tx.create(StatePaths.identityHandover(name), Map.of(CREDENTIAL_FILE, identity.text()));
        names.add(name);
    }
}
