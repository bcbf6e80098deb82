package org.juju.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.NotBootstrappedException;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclPolicy;
import org.juju.state.security.AclSource;
import org.juju.state.security.BootstrapAccessView;
import org.juju.state.security.IdentityKeys;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/** The environment-wide nodes: initialization at bootstrap, environment info, settings. */
public final class EnvironmentState {
    private final StateStore store;

    public EnvironmentState(StateStore store) {
        this.store = store;
    }

    /**
     * {@link #initialize(EnvironmentInfo, Map, Optional, HookRetryPolicy)} with the default hook
     * retry policy (off).
     */
    public void initialize(EnvironmentInfo info, Map<String, Object> providerSecrets, Optional<IdentityKeys> keys) {
        initialize(info, providerSecrets, keys, HookRetryPolicy.DEFAULT);
    }

    /** {@link #initialize(EnvironmentInfo, Map, Optional)} without identities: every node open. */
    public void initialize(EnvironmentInfo info, Map<String, Object> providerSecrets) {
        initialize(info, providerSecrets, Optional.empty());
    }

    /**
     * Creates the initial tree in one {@code multi()}: the skeleton, the environment info, the
     * provider secrets, machine 0 and, last, {@code /initialized}. With {@code keys}, also the
     * identity keys, and every node gets its ACL ({@link AclPolicy}) for the bootstrap identities;
     * without, every node is open (an environment without identities). {@code hookRetry} goes to
     * {@code /settings}, where the unit agents read it.
     *
     * @throws AlreadyExistsException if the tree is initialized already
     */
    public void initialize(EnvironmentInfo info, Map<String, Object> providerSecrets, Optional<IdentityKeys> keys,
                           HookRetryPolicy hookRetry) {
        initialize(info, providerSecrets, keys, hookRetry, PlacementPolicy.DEFAULT);
    }

    /**
     * {@link #initialize(EnvironmentInfo, Map, Optional, HookRetryPolicy)}, with {@code placement}
     * in {@code /settings} too, where the provisioning agent reads it.
     *
     * @throws AlreadyExistsException if the tree is initialized already
     */
    public void initialize(EnvironmentInfo info, Map<String, Object> providerSecrets, Optional<IdentityKeys> keys,
                           HookRetryPolicy hookRetry, PlacementPolicy placement) {
        if (isInitialized()) {
            throw new AlreadyExistsException("environment '" + info.name() + "' is already initialized");
        }
        Transaction tx = store.transaction(keys.<AclSource>map(k -> AclSource.fixed(new BootstrapAccessView(k)))
                .orElse(AclSource.open()));
        for (String path : StatePaths.skeleton()) {
            switch (path) {
                case "/environment" -> tx.create(path, info.toMap());
                case "/settings" -> {
                    Map<String, Object> settings = new LinkedHashMap<>();
                    settings.put("debug-log", false);
                    settings.putAll(hookRetry.toSettings());
                    settings.putAll(placement.toSettings());
                    tx.create(path, settings);
                }
                case "/secrets/provider" -> {
                    tx.create(path, providerSecrets);
                    keys.ifPresent(k -> tx.create(StatePaths.identityKeys(), k.toMap()));
                }
                case "/machines" -> tx.create(path, Map.of("next-id", 1));
                case "/relations" -> tx.create(path, Map.of("next-id", 0));
                default -> tx.createEmpty(path);
            }
        }
        MachineId zero = MachineId.BOOTSTRAP;
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("life", Life.ALIVE.text());
        machine.put("series", info.defaultSeries());
        tx.create(StatePaths.machine(zero), machine);
        tx.create(StatePaths.machineUnits(zero), Map.of("assignments", 0));
        tx.createEmpty(StatePaths.initialized());
        store.retrying("initialize", () -> {
            if (isInitialized()) {
                throw new AlreadyExistsException("environment '" + info.name() + "' is already initialized");
            }
            store.commit(tx);
        });
        keys.ifPresent(k -> store.versionedAcl("/").ifPresent(root -> store.setAcl("/",
                AclPolicy.acl("/", new BootstrapAccessView(k)), root.version())));
    }

    /** True once bootstrap finished writing the initial tree. */
    public boolean isInitialized() {
        return store.exists(StatePaths.initialized());
    }

    /**
     * The environment info.
     *
     * @throws NotBootstrappedException if the tree was never initialized
     */
    public EnvironmentInfo info() {
        Node node = store.require(StatePaths.environment(),
                () -> new NotBootstrappedException("the state tree is not initialized"));
        return EnvironmentInfo.fromMap(node.data());
    }

    /**
     * The hook retry policy in {@code /settings}; {@link HookRetryPolicy#DEFAULT} when the node is
     * missing or, for an agent whose read rights are not granted yet, unreadable.
     */
    public HookRetryPolicy hookRetry() {
        try {
            return store.read(StatePaths.settings()).map(node -> HookRetryPolicy.fromSettings(node.data()))
                    .orElse(HookRetryPolicy.DEFAULT);
        } catch (org.juju.state.error.AccessDeniedException e) {
            return HookRetryPolicy.DEFAULT;
        }
    }

    /** The placement policy in {@code /settings}; {@link PlacementPolicy#DEFAULT} when the node is missing. */
    public PlacementPolicy placement() {
        return store.read(StatePaths.settings()).map(node -> PlacementPolicy.fromSettings(node.data()))
                .orElse(PlacementPolicy.DEFAULT);
    }

    /** Turns the agents' debug-log forwarding on or off. */
    public void setDebugLog(boolean on) {
        store.retrying("set debug-log", () -> {
            Node settings = store.require(StatePaths.settings(),
                    () -> new NotBootstrappedException("the state tree is not initialized"));
            Map<String, Object> data = new LinkedHashMap<>(settings.data());
            data.put("debug-log", on);
            store.commit(store.transaction().update(settings, data));
        });
    }
}
