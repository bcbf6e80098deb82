package org.juju.agents.charmkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.juju.agents.hook.HookResult;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.HookSpec;
import org.juju.agents.hook.InMemoryContextData;
import org.juju.agents.hook.ToolServer;
import org.juju.agents.hook.WorkloadStatus;
import org.juju.provider.Port;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.charm.RelationSpec;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * A unit of a charm, simulated in this process: its config, addresses, relations with their remote
 * units and settings, open ports and status. {@link #run} runs the charm's real hook executable as
 * the unit agent would (the same environment variables, the same hook tools, one hook at a time),
 * with the tools served from this object instead of ZooKeeper; a hook that succeeds has its changes
 * applied, as the agent commits them, so a sequence of hooks builds on the previous ones.
 *
 * <p>The charm is copied into a fresh working directory first, so what hooks write next to
 * themselves does not touch the original; {@link #close} deletes that directory. Hooks run on this
 * host for real: whatever they do outside the charm directory (install packages, write files) is
 * done, unless {@link #stub stubbed}; processes they leave running are stopped at {@link #close}. Addresses default to {@value #DEFAULT_PRIVATE_ADDRESS}
 * (private) and {@value #DEFAULT_PUBLIC_ADDRESS} (public), documentation addresses that are never
 * routed.
 *
 * <pre>{@code
 * try (SimulatedUnit unit = SimulatedUnit.start(Path.of("charms/bookworm/wordpress"))) {
 *     RelationId db = unit.relate("db", "mysql/0");
 *     unit.remoteSettings(db, "mysql/0", Map.of("user", "wp", "password", "s3cret"));
 *     HookRun run = unit.run("db-relation-changed");
 *     assertThat(run.exitCode()).isZero();
 * }
 * }</pre>
 *
 * <p>Relation hooks change membership as the agent's do: {@code -joined} adds its remote unit to
 * the relation before running, {@code -departed} removes it before running (its settings stay
 * readable), {@code -broken} takes the relation away before running. Not thread-safe: use one
 * instance from one thread.
 */
public final class SimulatedUnit implements AutoCloseable {
    /** The private address hooks see unless set (RFC 5737 TEST-NET-1). */
    public static final String DEFAULT_PRIVATE_ADDRESS = "192.0.2.10";
    /** The public address hooks see unless set (RFC 5737 TEST-NET-2). */
    public static final String DEFAULT_PUBLIC_ADDRESS = "198.51.100.10";

    /** How long processes left by the hooks get between SIGTERM and SIGKILL at {@link #close}. */
    public static final long STOP_GRACE_MILLIS = 2000;

    private final Charm charm;
    private final UnitName unit;
    private final WorkDirectory work;
    private final InMemoryContextData data;
    private final ToolServer server;
    private final HookRunner runner;
    private final Map<String, Object> userConfig = new LinkedHashMap<>();
    private final Map<RelationId, String> relationNames = new TreeMap<>();
    private final Map<RelationId, List<UnitName>> members = new TreeMap<>();
    private int nextRelationId;

    private SimulatedUnit(Charm charm, UnitName unit, WorkDirectory work) {
        this.charm = charm;
        this.unit = unit;
        this.work = work;
        this.data = new InMemoryContextData(unit)
                .address("private-address", DEFAULT_PRIVATE_ADDRESS)
                .address("public-address", DEFAULT_PUBLIC_ADDRESS);
        charm.config().withDefaults(Map.of()).forEach(data::config);
        ToolServer started = ToolServer.start(work.socket());
        this.server = started;
        this.runner = new HookRunner(started, work.tools());
    }

    /** A unit {@code NAME/0} of the charm in {@code charmDir}, {@code NAME} from its metadata.yaml. */
    public static SimulatedUnit start(Path charmDir) {
        Charm charm = CharmDirectory.read(charmDir);
        return start(charm, UnitName.parse(charm.name() + "/0"));
    }

    /**
     * A unit of the charm in {@code charmDir} with the given name (any service name: a charm may be
     * deployed under another name).
     *
     * @throws InvalidInputException if the charm is invalid
     */
    public static SimulatedUnit start(Path charmDir, UnitName unit) {
        return start(CharmDirectory.read(charmDir), unit);
    }

    /**
     * A unit of a charm already read from its directory (with {@link CharmDirectory#read}), for a
     * caller that checks its input against the charm before starting the unit.
     *
     * @throws org.juju.state.error.CharmException if the charm was read from a bundle file
     */
    public static SimulatedUnit start(Charm charm, UnitName unit) {
        WorkDirectory work = WorkDirectory.create(charm.directory());
        try {
            return new SimulatedUnit(charm, unit, work);
        } catch (RuntimeException e) {
            work.delete();
            throw e;
        }
    }

    public Charm charm() {
        return charm;
    }

    public UnitName unit() {
        return unit;
    }

    /** The working copy of the charm the hooks run in ({@code CHARM_DIR}): inspect what hooks wrote there. */
    public Path charmDirectory() {
        return work.charm();
    }

    /** The unit log: every hook's output and {@code juju-log} lines, as on a real unit. */
    public Path unitLog() {
        return work.unitLog();
    }

    // ---- set-up ----

    /**
     * Sets a config option as {@code juju deploy --config} would: a value of the option's type (a
     * string for {@code string}, a number for {@code int} or {@code float}, a boolean), or a string
     * that parses as one; {@code null} goes back to the default.
     *
     * @throws InvalidInputException for an unknown option or a value of the wrong type
     */
    public SimulatedUnit config(String option, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(option, value);
        setConfig(option, charm.config().validate(one, "config").get(option));
        return this;
    }

    /** Sets a config option from text, as {@code juju set option=text} would. */
    public SimulatedUnit configText(String option, String text) {
        setConfig(option, charm.config().parseValue(option, text));
        return this;
    }

    private void setConfig(String option, Object typed) {
        if (typed == null) {
            userConfig.remove(option);
        } else {
            userConfig.put(option, typed);
        }
        charm.config().withDefaults(userConfig).forEach(data::config);
    }

    /** The config as hooks see it: every option, the value set or else its default (or null). */
    public Map<String, Object> config() {
        return data.config();
    }

    /** Sets {@code private-address} or {@code public-address}, as {@code unit-get} returns them. */
    public SimulatedUnit address(String key, String address) {
        if (!key.equals("private-address") && !key.equals("public-address")) {
            throw new InvalidInputException("unknown address '" + key + "' (use private-address or public-address)");
        }
        data.address(key, address);
        return this;
    }

    /**
     * Establishes a relation of the charm's {@code relationName} with remote units already in it
     * (no {@code -joined} hooks run for them; run them to simulate the joining).
     *
     * @return the new relation's id: 0 for the first, then 1, 2...
     * @throws InvalidInputException if the charm declares no such relation or a unit name is invalid
     */
    public RelationId relate(String relationName, String... remoteUnits) {
        return relate(relationName, new RelationId(nextRelationId), remoteUnits);
    }

    /** As {@link #relate(String, String...)}, with a chosen id (not one in use). */
    public RelationId relate(String relationName, RelationId id, String... remoteUnits) {
        RelationSpec spec = charm.metadata().relation(relationName).orElseThrow(() -> new InvalidInputException(
                "charm " + charm.name() + " has no relation '" + relationName + "' (it has: "
                        + charm.metadata().declaredRelations().stream().map(RelationSpec::name)
                        .collect(Collectors.joining(", ")) + ")"));
        if (relationNames.containsKey(id)) {
            throw new InvalidInputException("relation id " + id.value() + " is already in use");
        }
        List<UnitName> remote = new ArrayList<>();
        for (String name : remoteUnits) {
            UnitName parsed = UnitName.parse(name);
            if (parsed.equals(unit)) {
                throw new InvalidInputException("unit " + unit + " cannot be its own remote unit");
            }
            if (!remote.contains(parsed)) {
                remote.add(parsed);
            }
        }
        relationNames.put(id, spec.name());
        members.put(id, remote);
        data.relation(id, spec.name(), remote.toArray(UnitName[]::new));
        nextRelationId = Math.max(nextRelationId, id.value() + 1);
        return id;
    }

    /** Replaces the settings a remote unit published in a relation (it need not be a member yet). */
    public SimulatedUnit remoteSettings(RelationId relation, String remoteUnit, Map<String, String> settings) {
        requireRelation(relation);
        UnitName remote = UnitName.parse(remoteUnit);
        if (remote.equals(unit)) {
            throw new InvalidInputException("use localSettings for the unit's own settings");
        }
        data.settings(relation, remote, settings);
        return this;
    }

    /** Replaces this unit's own settings in a relation, as if earlier hooks had set them. */
    public SimulatedUnit localSettings(RelationId relation, Map<String, String> settings) {
        requireRelation(relation);
        data.settings(relation, unit, settings);
        return this;
    }

    /**
     * Puts a command in front of the system's on the hooks' {@code PATH}: a script (a {@code #!}
     * line is added if missing: {@code /bin/sh}) run instead of, say, {@code apt-get} or
     * {@code systemctl}.
     *
     * @throws InvalidInputException for a name that is a hook tool or not a plain file name
     */
    public SimulatedUnit stub(String command, String script) {
        work.stub(command, script);
        return this;
    }

    // ---- state ----

    /** The unit's relations that are not broken: id to relation name. */
    public Map<RelationId, String> relations() {
        return new TreeMap<>(relationNames);
    }

    /** The one relation named {@code relationName}. */
    public RelationId relation(String relationName) {
        List<RelationId> ids = relationNames.entrySet().stream().filter(e -> e.getValue().equals(relationName))
                .map(Map.Entry::getKey).toList();
        if (ids.size() != 1) {
            throw new InvalidInputException(ids.isEmpty()
                    ? "no " + relationName + " relation: relate(\"" + relationName + "\", ...) first"
                    : ids.size() + " " + relationName + " relations (" + ids + "): name the one meant");
        }
        return ids.get(0);
    }

    /** The remote units in a relation, as {@code relation-list} shows them. */
    public List<String> members(RelationId relation) {
        requireRelation(relation);
        return members.get(relation).stream().map(UnitName::toString).toList();
    }

    /** The settings a unit (this one or a remote one) has in a relation (empty if none). */
    public Map<String, String> settings(RelationId relation, String who) {
        try {
            return data.relationSettings(relation, UnitName.parse(who));
        } catch (JujuException e) {
            return Map.of();
        }
    }

    /** This unit's own settings in a relation, as its hooks left them. */
    public Map<String, String> localSettings(RelationId relation) {
        return settings(relation, unit.toString());
    }

    public List<Port> openPorts() {
        return data.openPorts();
    }

    public Optional<WorkloadStatus> status() {
        return data.status();
    }

    // ---- running hooks ----

    /**
     * Runs a hook: a unit hook ({@code install}, {@code config-changed}, {@code start},
     * {@code upgrade-charm}, {@code stop}) or a relation hook of the one relation with that name,
     * for its first remote unit ({@code -joined}: the first member; name another with
     * {@link #run(String, RelationId, String)}).
     */
    public HookRun run(String hookName) {
        HookName parsed = HookName.parse(hookName, charm.metadata());
        if (!parsed.isRelationHook()) {
            return execute(HookSpec.unit(hookName));
        }
        RelationId id = relation(parsed.relationName());
        String remote = parsed.kind().equals("broken") ? null : firstMember(id, hookName);
        return run(hookName, id, remote);
    }

    /**
     * Runs a relation hook for a given relation and remote unit ({@code null} for {@code -broken}).
     * A remote unit of {@code -joined} becomes a member first; one of {@code -changed} must be a
     * member; one of {@code -departed} is removed from the members first.
     */
    public HookRun run(String hookName, RelationId relation, String remoteUnit) {
        HookName parsed = HookName.parse(hookName, charm.metadata());
        if (!parsed.isRelationHook()) {
            throw new InvalidInputException(hookName + " is not a relation hook");
        }
        requireRelation(relation);
        String name = relationNames.get(relation);
        if (!name.equals(parsed.relationName())) {
            throw new InvalidInputException("relation " + relation.hookId(name) + " is a " + name
                    + " relation, not " + parsed.relationName());
        }
        if (parsed.kind().equals("broken")) {
            if (remoteUnit != null) {
                throw new InvalidInputException(hookName + " has no remote unit");
            }
            relationNames.remove(relation);
            members.remove(relation);
            data.removeRelation(relation);
            return execute(HookSpec.broken(relation, name));
        }
        if (remoteUnit == null) {
            throw new InvalidInputException(hookName + " needs a remote unit");
        }
        UnitName remote = UnitName.parse(remoteUnit);
        List<UnitName> current = members.get(relation);
        switch (parsed.kind()) {
            case "joined":
                if (!current.contains(remote)) {
                    current.add(remote);
                }
                break;
            case "changed":
                if (!current.contains(remote)) {
                    throw new InvalidInputException(remote + " is not in relation " + relation.hookId(name)
                            + " (members: " + current + "): run " + name + "-relation-joined for it first");
                }
                break;
            default:
                current.remove(remote);
                break;
        }
        data.relation(relation, name, current.toArray(UnitName[]::new));
        return execute(HookSpec.relation(parsed.kind(), relation, name, remote));
    }

    private HookRun execute(HookSpec spec) {
        long logOffset = work.unitLogSize();
        HookResult result = runner.run(work.charm(), spec, data, work.unitLog());
        if (result.succeeded()) {
            data.apply(result.changes());
        }
        HookOutput output = HookOutput.read(work.unitLog(), logOffset, spec.hookName());
        return new HookRun(spec.hookName(), Optional.ofNullable(spec.hookRelationId()),
                Optional.ofNullable(spec.remoteUnit()).map(UnitName::toString), result, output.stdout(), output.stderr());
    }

    private String firstMember(RelationId relation, String hookName) {
        List<UnitName> current = members.get(relation);
        if (current.isEmpty()) {
            throw new InvalidInputException(hookName + " needs a remote unit and relation "
                    + relation.hookId(relationNames.get(relation)) + " has none: relate it with one or name one");
        }
        return current.get(0).toString();
    }

    private void requireRelation(RelationId relation) {
        Objects.requireNonNull(relation, "relation");
        if (!relationNames.containsKey(relation)) {
            throw new InvalidInputException("the unit is not in relation " + relation.value()
                    + (relationNames.isEmpty() ? " (it has none)" : " (it is in " + relationNames.keySet() + ")"));
        }
    }

    /**
     * Stops the processes the hooks left running (found by the tool socket in their environment:
     * SIGTERM, SIGKILL after {@value #STOP_GRACE_MILLIS} ms), stops serving the tools and deletes
     * the working directory.
     */
    @Override
    public void close() {
        try {
            LeftoverProcesses.kill(work.socket(), STOP_GRACE_MILLIS);
            server.close();
        } finally {
            work.delete();
        }
    }

    static JujuException internal(String message, IOException e) {
        return new JujuException(ErrorCode.INTERNAL, message + ": " + e.getMessage(), e);
    }
}
