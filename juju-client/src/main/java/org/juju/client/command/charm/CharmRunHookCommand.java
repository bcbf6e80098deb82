package org.juju.client.command.charm;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.juju.agents.charmkit.HookName;
import org.juju.agents.charmkit.HookRun;
import org.juju.agents.charmkit.SimulatedUnit;
import org.juju.client.Logging;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code juju charm run-hook}: runs one real hook of a charm directory against a
 * {@link SimulatedUnit}, set up from the options, and reports what the hook did. Every option is
 * checked against the charm and the hook before anything runs; an option that has no meaning for
 * the hook is refused. The charm directory itself is never written (hooks run in a copy). Killed
 * while the hook runs, it kills the hook's processes and deletes the copy before exiting.
 *
 * <p>Exit codes: 0 if the hook succeeded (or the charm has no such hook file), 1 if it ran and
 * failed (its own code is in the output), 2 for bad input, 9 for a charm that cannot be read.
 */
@Command(name = "run-hook", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run one hook of a charm against a simulated unit, without an environment.")
public final class CharmRunHookCommand extends CharmToolCommand {
    /** Output formats. */
    enum Format { text, json }

    /** The options that name or describe a remote unit, which a {@code -broken} hook does not have. */
    private static final Set<String> NO_REMOTE_UNIT = Set.of("--members", "--remote-unit", "--remote-setting");

    @Parameters(index = "0", paramLabel = "DIR", description = "The charm directory.")
    Path charmDir;

    @Parameters(index = "1", paramLabel = "HOOK", description = "The hook: install, config-changed, start, upgrade-charm,"
            + " stop, or RELATION-relation-joined|changed|departed|broken.")
    String hook;

    @Option(names = "--unit", paramLabel = "SERVICE/N", description = "The simulated unit (default: NAME/0, NAME from metadata.yaml).")
    String unit;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A config option, typed as 'juju set' types it (repeatable).")
    List<String> config = new ArrayList<>();

    @Option(names = "--address", paramLabel = "KEY=IP", description = "private-address=IP or public-address=IP, as unit-get"
            + " returns them (repeatable).")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--stub", paramLabel = "COMMAND=SCRIPT", description = "Put a shell script named COMMAND first on the"
            + " hook's PATH, e.g. --stub 'apt-get=echo apt-get $*' (repeatable).")
    List<String> stubs = new ArrayList<>();

    @Option(names = "--relation", paramLabel = "NAME[:ID]", description = "Relation hooks: the relation's id (default 0);"
            + " NAME must be the hook's relation.")
    String relation;

    @Option(names = "--members", paramLabel = "UNIT", split = ",", description = "Relation hooks: the remote units in"
            + " the relation before the hook runs.")
    List<String> members = new ArrayList<>();

    @Option(names = "--remote-unit", paramLabel = "SERVICE/N", description = "Relation hooks except -broken: the remote"
            + " unit (default: the first of --members).")
    String remoteUnit;

    @Option(names = "--remote-setting", paramLabel = "KEY=VALUE", description = "Relation hooks except -broken: a setting"
            + " of the remote unit (repeatable).")
    List<String> remoteSettings = new ArrayList<>();

    @Option(names = "--local-setting", paramLabel = "KEY=VALUE", description = "Relation hooks: a setting the unit itself"
            + " has in the relation already (repeatable).")
    List<String> localSettings = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Override
    protected int run() {
        Logging.quiet("org.juju.agents", verbose());
        Charm charm = CharmDirectory.read(charmDir);
        HookName hookName = HookName.parse(hook, charm.metadata());
        UnitName unitName = applying("--unit", () -> UnitName.parse(unit != null ? unit : charm.name() + "/0"));
        Map<String, String> configValues = Assignments.parse("--config", config);
        Map<String, String> addressValues = Assignments.parse("--address", addresses);
        Map<String, String> stubScripts = Assignments.parse("--stub", stubs);
        Map<String, String> remoteValues = Assignments.parse("--remote-setting", remoteSettings);
        Map<String, String> localValues = Assignments.parse("--local-setting", localSettings);
        RelationSetup setup = relationSetup(hookName, unitName);
        InterruptOnShutdown killed = new InterruptOnShutdown(Thread.currentThread());
        try {
            try (SimulatedUnit simulated = SimulatedUnit.start(charm, unitName)) {
                configValues.forEach((key, value) -> applying("--config", () -> simulated.configText(key, value)));
                addressValues.forEach((key, value) -> applying("--address", () -> simulated.address(key, value)));
                stubScripts.forEach((command, script) -> applying("--stub", () -> simulated.stub(command, script)));
                HookRun run;
                if (setup == null) {
                    run = simulated.run(hook);
                } else {
                    RelationId id = simulated.relate(setup.name(), setup.id(), setup.members().toArray(String[]::new));
                    if (!remoteValues.isEmpty()) {
                        simulated.remoteSettings(id, setup.remoteUnit(), remoteValues);
                    }
                    if (!localValues.isEmpty()) {
                        simulated.localSettings(id, localValues);
                    }
                    run = simulated.run(hook, id, setup.remoteUnit());
                }
                print(run, simulated, setup);
                return run.succeeded() ? 0 : 1;
            }
        } finally {
            killed.close();
        }
    }

    private void print(HookRun run, SimulatedUnit simulated, RelationSetup setup) {
        String failure = run.failure().map(text -> text.replace(simulated.charmDirectory().toString(),
                charmDir.toAbsolutePath().normalize().toString())).orElse(null);
        boolean ran = Files.exists(charmDir.resolve("hooks").resolve(hook), LinkOption.NOFOLLOW_LINKS);
        HookRunReport report = new HookRunReport(run, setup == null ? Map.of() : Map.of(setup.id(), setup.name()),
                failure, ran);
        out().print(format == Format.json ? report.json() : report.text());
        out().flush();
    }

    /** The relation of a relation hook; null for a unit hook, refusing the relation options then. */
    private RelationSetup relationSetup(HookName hookName, UnitName unitName) {
        List<String> given = givenRelationOptions();
        if (!hookName.isRelationHook()) {
            given.stream().findFirst().ifPresent(option -> refuse(option, hookName, "it is not a relation hook"));
            return null;
        }
        if (hookName.kind().equals("broken")) {
            given.stream().filter(NO_REMOTE_UNIT::contains).findFirst()
                    .ifPresent(option -> refuse(option, hookName, "a -broken hook has no remote unit"));
        }
        return RelationSetup.of(hookName, unitName, relation, members, remoteUnit);
    }

    /** The relation options given, in the order of the synopsis. */
    private List<String> givenRelationOptions() {
        List<String> given = new ArrayList<>();
        addIf(given, relation != null, "--relation");
        addIf(given, !members.isEmpty(), "--members");
        addIf(given, remoteUnit != null, "--remote-unit");
        addIf(given, !remoteSettings.isEmpty(), "--remote-setting");
        addIf(given, !localSettings.isEmpty(), "--local-setting");
        return given;
    }

    private static void addIf(List<String> list, boolean condition, String item) {
        if (condition) {
            list.add(item);
        }
    }

    private static void refuse(String option, HookName hookName, String why) {
        throw new InvalidInputException(option + " does not apply to hook " + hookName.name() + ": " + why);
    }

    /** Runs {@code action}, naming {@code option} in its bad-input error. */
    private static <T> T applying(String option, Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(option + ": " + e.getMessage(), e);
        }
    }
}
