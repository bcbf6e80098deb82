package org.juju.state.path;

import java.util.Optional;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;

/**
 * The one owner of every znode path in the state tree. No other class builds a path string.
 *
 * <p>Every node is per entity (there is no topology document). All data is UTF-8 YAML mappings
 * unless said otherwise. "Admin" is the {@code juju} client (and bootstrap); "PA" the provisioning
 * agent; "MA" a machine agent; "UA" a unit agent. ACLs are documented here and in
 * {@code docs/state-tree.md} and are the layout the per-agent ACLs are laid on: each node kind is
 * written by as few identities as possible.
 *
 * <p>Parents whose children form a set carry a counter or an empty map as data: every change of the
 * set also writes the parent, so a compare-and-set on the parent's version guards an invariant over
 * the set (e.g. "a machine with units cannot be terminated") inside one {@code multi()}.
 */
public final class StatePaths {
    private StatePaths() {
    }

    /** Empty; created last, in the same multi as the rest of the initial tree. Admin writes; all read. */
    public static String initialized() {
        return "/initialized";
    }

    /** {@code {name, provider, default-series}}: no secrets. Admin writes; all read. */
    public static String environment() {
        return "/environment";
    }

    /**
     * {@code {debug-log: bool, hook-retry: bool, hook-retry-delay: seconds}}: the environment's
     * settings. Admin writes (bootstrap, {@code debug-log}); every unit agent reads the hook retry
     * options ({@link org.juju.state.HookRetryPolicy}).
     */
    public static String settings() {
        return "/settings";
    }

    /** Empty parent of secret nodes. Admin only. */
    public static String secrets() {
        return "/secrets";
    }

    /**
     * The environment's configuration without the admin secret (provider credentials included).
     * Admin writes; only admin and PA may read.
     */
    public static String providerSecrets() {
        return "/secrets/provider";
    }

    /**
     * {@code {key, identities: {admin: DIGEST, provisioning: DIGEST, machine-0: DIGEST}}}: the key
     * machine and unit credentials are derived from, and the ACL ids of the bootstrap identities.
     * Admin writes at bootstrap; only admin and PA may read.
     */
    public static String identityKeys() {
        return secrets() + "/identities";
    }

    /**
     * {@code {}}: exists only while {@code juju upgrade-security} gives an environment bootstrapped
     * without identities its identities. Admin writes; the agents read and delete their child.
     */
    public static String identityHandovers() {
        return secrets() + "/handover";
    }

    /**
     * {@code {credential: TEXT}}: the credential file of the agent {@code identity}, for it to take
     * (write to its directory, delete this node) and restart with. See {@link #identityHandovers()}.
     */
    public static String identityHandover(String identity) {
        return identityHandovers() + "/" + identity;
    }

    /** Parent of charm records. */
    public static String charms() {
        return "/charms";
    }

    /**
     * {@code {url, sha256, size, bundle-url, metadata, config}}; create-only. Admin writes; MA and UA
     * of services using the charm read.
     *
     * @param quotedUrl the charm URL in its znode-safe quoted form
     */
    public static String charm(String quotedUrl) {
        return charms() + "/" + quotedUrl;
    }

    /** {@code {next-id: N}}: the machine id counter; admin and PA write (CAS). */
    public static String machines() {
        return "/machines";
    }

    /**
     * {@code {life, series}}. Created at bootstrap (machine 0) and by the PA; admin marks it dying
     * ({@code terminate-machine}); PA removes it. All read.
     */
    public static String machine(MachineId id) {
        return machines() + "/" + id;
    }

    /** {@code {instance-id, address, dns-name, state, started-at}}. PA writes; admin, PA and UAs read. */
    public static String machineInstance(MachineId id) {
        return machine(id) + "/instance";
    }

    /** {@code {agent-state, message}}. The machine's MA writes {@code started}; PA writes errors; admin reads. */
    public static String machineStatus(MachineId id) {
        return machine(id) + "/status";
    }

    /**
     * {@code {}}: {@code juju retry-provisioning} asks for the machine, in error, to be provisioned
     * again. Admin creates it (only while the machine is in error); PA deletes it in the same
     * {@code multi()} that forgets the machine's instance and error, or alone when the machine is no
     * longer in error.
     */
    public static String machineRetryProvisioning(MachineId id) {
        return machine(id) + "/retry-provisioning";
    }

    /**
     * {@code {assignments: N}}, bumped on every (un)assignment: PA writes on assignment, the
     * machine's MA when it removes a finished unit; the MA watches.
     */
    public static String machineUnits(MachineId id) {
        return machine(id) + "/units";
    }

    /** Empty marker: {@code unit} is assigned to the machine. PA writes; the machine's MA reads. */
    public static String machineUnit(MachineId id, UnitName unit) {
        return machineUnits(id) + "/" + unit.key();
    }

    /** Parent of services. */
    public static String services() {
        return "/services";
    }

    /** {@code {charm, life, force-charm-upgrade}}. Admin writes; all read. */
    public static String service(ServiceName name) {
        return services() + "/" + name;
    }

    /** User-set options only, typed (defaults merged on read). Admin writes; the service's UAs read. */
    public static String serviceConfig(ServiceName name) {
        return service(name) + "/config";
    }

    /** Exists while the service is exposed (empty). Admin writes; PA reads (firewall). */
    public static String serviceExposed(ServiceName name) {
        return service(name) + "/exposed";
    }

    /** {@code {}} parent of the service's relation markers; written with them. Admin writes. */
    public static String serviceRelations(ServiceName name) {
        return service(name) + "/relations";
    }

    /** {@code {relation-name, role}}: the service takes part in the relation. Admin writes; UAs read. */
    public static String serviceRelation(ServiceName name, RelationId id) {
        return serviceRelations(name) + "/" + id;
    }

    /** {@code {next-number: N}}: unit numbers are never reused. Admin writes (CAS). */
    public static String serviceUnits(ServiceName name) {
        return service(name) + "/units";
    }

    /** {@code {machine, life}}. Admin creates and marks dying; PA assigns; MA removes. */
    public static String unit(UnitName unit) {
        return serviceUnits(unit.service()) + "/" + unit.number();
    }

    /**
     * {@code {agent-state, workload-status, workload-message, public-address, private-address,
     * relation-errors: [relation ids], message}}. Created {@code pending} by admin; then written by
     * the unit's UA (and by the MA when the unit's charm cannot be deployed: install-error with a
     * message).
     */
    public static String unitStatus(UnitName unit) {
        return unit(unit) + "/status";
    }

    /** The unit whose status node {@code path} is ({@link #unitStatus}), or empty if it is no unit's status node. */
    public static Optional<UnitName> unitOfStatus(String path) {
        String[] s = path.split("/");
        if (s.length != 6 || !s[0].isEmpty() || !s[1].equals("services") || !s[3].equals("units") || !s[5].equals("status")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UnitName(ServiceName.of(s[2]), Integer.parseInt(s[4])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code {entries: [{time, state, hook, message}]}}: the unit's last agent-state transitions,
     * oldest first, bounded ({@link org.juju.state.StatusHistory}). Created empty with the unit by
     * admin; written by the unit's UA (and MA) in the same multi() as {@link #unitStatus}; same ACL
     * as the status node.
     */
    public static String unitStatusHistory(UnitName unit) {
        return unit(unit) + "/status-history";
    }

    /** {@code {open: ["80/tcp"]}}. The unit's UA writes; PA reads (firewall). */
    public static String unitPorts(UnitName unit) {
        return unit(unit) + "/ports";
    }

    /** {@code {retry: bool}}: a request to leave an error state. Admin creates; the UA deletes. */
    public static String unitResolved(UnitName unit) {
        return unit(unit) + "/resolved";
    }

    /** Parent of per-relation resolved requests of a unit. */
    public static String unitRelationsResolved(UnitName unit) {
        return unit(unit) + "/relation-resolved";
    }

    /** {@code {retry: bool}} for one relation in error. Admin creates; the UA deletes. */
    public static String unitRelationResolved(UnitName unit, RelationId id) {
        return unitRelationsResolved(unit) + "/" + id;
    }

    /**
     * EPHEMERAL {@code {hooks: [install, db-relation-changed]}} ({@code {hooks: []}}: every hook): a
     * {@code juju debug-hooks} session is open for the unit, and matching hooks are handed to it
     * instead of being run. Admin creates it (owned by the client's session, so it vanishes with a
     * client that died) and deletes it when the session ends; the unit's UA reads it before each hook.
     */
    public static String unitDebugHooks(UnitName unit) {
        return unit(unit) + "/debug-hooks";
    }

    /** Parent of the queue of units that wait for a machine. */
    public static String unassignedUnits() {
        return "/unassigned";
    }

    /** Empty: the unit waits for a machine. Admin creates; PA deletes when it assigns. */
    public static String unassignedUnit(UnitName unit) {
        return unassignedUnits() + "/" + unit.key();
    }

    /** {@code {next-id: N}}: the relation id counter. Admin writes (CAS). */
    public static String relations() {
        return "/relations";
    }

    /**
     * {@code {interface, scope, life, key, endpoints: [{service, relation, role}]}}; {@code key} is
     * the canonical endpoint key of {@link #relationKey}. Admin writes; UAs read.
     */
    public static String relation(RelationId id) {
        return relations() + "/" + id;
    }

    /** {@code {}} parent of the relation's members. */
    public static String relationMembers(RelationId id) {
        return relation(id) + "/members";
    }

    /**
     * Empty: the unit has joined the relation. Persistent (not ephemeral): the unit's UA creates it,
     * and removes it explicitly when it leaves, so counterparts see {@code -departed} at once.
     */
    public static String relationMember(RelationId id, UnitName unit) {
        return relationMembers(id) + "/" + unit.key();
    }

    /** {@code {}} parent of the relation's unit settings. */
    public static String relationSettings(RelationId id) {
        return relation(id) + "/settings";
    }

    /** The unit's relation settings (string map). Its UA writes; counterpart UAs read. */
    public static String relationUnitSettings(RelationId id, UnitName unit) {
        return relationSettings(id) + "/" + unit.key();
    }

    /** Parent of the relation uniqueness index. */
    public static String relationKeys() {
        return "/relation-keys";
    }

    /**
     * {@code {relation: id}}, created with the relation in the same multi, so the same pair of
     * endpoints can never be related twice. Admin writes.
     *
     * @param key the canonical endpoint key, e.g. {@code mysql:db wordpress:db}
     */
    public static String relationKey(String key) {
        return relationKeys() + "/" + key;
    }

    /** Parent of presence nodes. */
    public static String presence() {
        return "/presence";
    }

    /** Parent of machine agents' presence nodes. */
    public static String machinesPresence() {
        return presence() + "/machines";
    }

    /** EPHEMERAL, empty: the machine's MA is connected. The MA writes; admin reads. */
    public static String machinePresence(MachineId id) {
        return machinesPresence() + "/" + id;
    }

    /** Parent of unit agents' presence nodes. */
    public static String unitsPresence() {
        return presence() + "/units";
    }

    /** EPHEMERAL, empty: the unit's UA is connected. The UA writes; admin reads. */
    public static String unitPresence(UnitName unit) {
        return unitsPresence() + "/" + unit.key();
    }

    /**
     * Curator {@code LeaderLatch} of the provisioning agents: several may run, the one holding the
     * latch acts. Children are EPHEMERAL_SEQUENTIAL latch nodes; only PAs read and write.
     */
    public static String provisioningLeader() {
        return "/provisioning-leader";
    }

    /** Parent of debug-log records. */
    public static String logs() {
        return "/logs";
    }

    /** Prefix of a PERSISTENT_SEQUENTIAL JSON log record. Agents append while debug-log is on. */
    public static String logRecordPrefix() {
        return logs() + "/log-";
    }

    /** The persistent parents created at bootstrap, parents before children. */
    public static String[] skeleton() {
        return new String[] {environment(), settings(), secrets(), providerSecrets(), charms(), machines(),
            services(), unassignedUnits(), relations(), relationKeys(), presence(), machinesPresence(),
            unitsPresence(), logs()};
    }
}
