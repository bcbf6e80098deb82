package org.juju.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.juju.agents.debuglog.AgentLogForwarding;
import org.juju.agents.debuglog.LogForwarder;
import org.juju.agents.debuglog.LogTrimmer;
import org.juju.agents.machine.MachineAgent;
import org.juju.agents.machine.SpareUnitAgent;
import org.juju.agents.provisioning.ProvisioningAgent;
import org.juju.agents.runtime.AgentArguments;
import org.juju.agents.runtime.AgentConnection;
import org.juju.agents.runtime.AgentContext;
import org.juju.agents.runtime.AgentLogging;
import org.juju.agents.runtime.AgentPidFile;
import org.juju.agents.runtime.IdentityHandover;
import org.juju.agents.runtime.ProcessSupervisor;
import org.juju.agents.runtime.Shutdown;
import org.juju.agents.runtime.SpareAgent;
import org.juju.agents.uniter.StateFileException;
import org.juju.agents.unit.UnitAgent;
import org.juju.state.LogRecords;
import org.juju.state.error.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of every agent process (see {@link AgentArguments} for the command line, and
 * {@link SpareAgent} for {@code AgentMain spare} and {@code AgentMain spare-machine}, JVMs started
 * ahead of need that wait for their arguments). Logs go to {@code DIR/agent.log}; the pid is in
 * {@code DIR/agent.pid}. The agent connects to ZooKeeper (waiting as long as ZooKeeper is not
 * there) and runs until SIGTERM. A spare machine's agent starts its spare unit agent ahead too, in
 * its working directory, so that both are warm when the machine is taken.
 *
 * <p>Exit status: 0 after SIGTERM, 1 if the agent failed, 2 for bad arguments.
 */
public final class AgentMain {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    /** The agent took its identity ({@code juju upgrade-security}): its supervisor restarts it. */
    static final int EXIT_RESTART = 75;
    /** How long a stopping agent may take to clean up before the JVM halts anyway. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Where an agent's stdout and stderr go, in its directory. */
    public static final String OUTPUT_FILE = "agent.out";

    private AgentMain() {
    }

    public static void main(String[] args) {
        List<String> given = List.of(args);
        Optional<SpareAgent.Options> spare = Optional.empty();
        Optional<SpareUnitAgent> unitSpare = Optional.empty();
        if (SpareAgent.Options.isSpare(given)) {
            try {
                spare = Optional.of(SpareAgent.Options.parse(given));
            } catch (InvalidInputException e) {
                System.err.println("agent: " + e.getMessage());
                System.err.println(AgentArguments.USAGE);
                System.exit(EXIT_USAGE);
                return;
            }
            if (spare.get().machine()) {
                unitSpare = SpareUnitAgent.start(Path.of("").toAbsolutePath(), Duration.ZERO);
            }
            Optional<List<String>> assigned = awaitAssignment(spare.get());
            if (assigned.isEmpty()) {
                unitSpare.ifPresent(SpareUnitAgent::close);
                System.exit(0);
                return;
            }
            given = assigned.get();
        }
        AgentArguments arguments;
        try {
            arguments = AgentArguments.parse(given);
            Files.createDirectories(arguments.dir());
            if (spare.isPresent() && !spare.get().machine()) {
                SpareAgent.redirectOutput(arguments.dir().resolve(OUTPUT_FILE));
            }
            AgentPidFile.write(arguments.dir());
        } catch (InvalidInputException e) {
            System.err.println("agent: " + e.getMessage());
            System.err.println(AgentArguments.USAGE);
            System.exit(EXIT_USAGE);
            return;
        } catch (IOException e) {
            System.err.println("agent: cannot create its directory: " + e);
            System.exit(EXIT_FAILED);
            return;
        }
        AgentLogging.configure(arguments.dir(), arguments.identity());
        Shutdown shutdown = Shutdown.install(STOP_GRACE);
        int status = run(arguments, shutdown, unitSpare);
        shutdown.finished(status);
        System.exit(status);
    }

    private static void runAgent(AgentArguments.Kind kind, AgentContext context, Optional<SpareUnitAgent> spare,
                                 AgentLogForwarding forwarding) {
        switch (kind) {
            case PROVISIONING -> {
                AgentConnection connection = context.connection();
                try (LogTrimmer trimmer = LogTrimmer.start(connection.client(), connection::isConnected,
                        LogRecords.RETAINED, LogTrimmer.INTERVAL)) {
                    new ProvisioningAgent(context).run();
                }
            }
            case MACHINE -> new MachineAgent(context, spare).run();
            case UNIT -> new UnitAgent(context, forwarding.unitLogListener()).run();
            default -> throw new IllegalStateException("unknown agent kind " + kind);
        }
    }

    private static Optional<List<String>> awaitAssignment(SpareAgent.Options options) {
        if (options.assignmentFile().isEmpty()) {
            return SpareAgent.awaitAssignment(System.in, options.idle());
        }
        try {
            return SpareAgent.awaitAssignmentFile(options.assignmentFile().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Runs the agent of {@code arguments} until {@code shutdown} is requested; returns the exit
     * status. {@code unitSpare} is a spare unit agent started ahead (see {@link MachineAgent#spareFor}).
     */
    static int run(AgentArguments arguments, Shutdown shutdown, Optional<SpareUnitAgent> unitSpare) {
        Logger log = LoggerFactory.getLogger(AgentMain.class);
        String identity = arguments.identity();
        log.info("{} starting (pid {}); ZooKeeper at {}", identity, ProcessHandle.current().pid(),
                arguments.zooKeeper());
        Optional<SpareUnitAgent> spare = MachineAgent.spareFor(arguments, unitSpare);
        try (AgentConnection connection = AgentConnection.open(arguments.zooKeeper(), arguments.dir(), shutdown);
             IdentityHandover handover = IdentityHandover.start(connection, identity, arguments.dir())) {
            if (!connection.awaitConnected()) {
                log.info("{} stopped before connecting", identity);
                return handover.restartRequested() ? EXIT_RESTART : 0;
            }
            AgentContext context = new AgentContext(identity, arguments.zooKeeper(), arguments.dir(), connection,
                    shutdown);
            try (AgentLogForwarding forwarding = AgentLogForwarding.start(identity, connection,
                    LogForwarder.DEFAULT_CAPACITY)) {
                runAgent(arguments.kind(), context, spare, forwarding);
            }
            if (!shutdown.isRequested()) {
                log.error("{} returned without being asked to stop", identity);
                return EXIT_FAILED;
            }
            if (handover.restartRequested()) {
                log.info("{} stopped to restart with its identity", identity);
                return EXIT_RESTART;
            }
            log.info("{} stopped", identity);
            return 0;
        } catch (StateFileException e) {
            // Restarting cannot help until the file is repaired: one clear line, a distinct status.
            log.error("{} cannot start: {}", identity, e.getMessage());
            return ProcessSupervisor.EXIT_NEEDS_REPAIR;
        } catch (RuntimeException | LinkageError e) {
            log.error("{} failed: {}", identity, e.toString(), e);
            return EXIT_FAILED;
        } finally {
            spare.ifPresent(SpareUnitAgent::close);
        }
    }
}
