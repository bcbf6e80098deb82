package org.juju.agents.unit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.HookTools;
import org.juju.agents.hook.UnitLogListener;
import org.juju.agents.hook.ToolServer;
import org.juju.agents.runtime.AgentContext;
import org.juju.agents.runtime.Backoff;
import org.juju.agents.runtime.WatchSet;
import org.juju.state.JujuState;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit agent's work: serves the hook tools on {@code agent.socket} in its directory (always,
 * or only while a hook runs: {@link ToolServer.Listening}) and drives
 * {@link UnitRunner} whenever what the unit depends on changes (watches only mark it dirty): its
 * service's node and config, its service's relation markers, its own unit subtree, and the
 * subtrees of its service's relations; and at least every 30 s. Its own writes (status,
 * status history, ports, its relation settings) do not wake it. Other services and other
 * units of its own service do not wake it. An automatic hook retry that is due wakes it too (the
 * wait never outlasts the runner's {@link UnitRunner#nextRetry()}), while a watch still wakes it
 * at once: a {@code juju resolved}, a removal or a stop is acted on during a retry's wait. A round
 * that fails (the tree refused a read, a transaction kept conflicting) is made again after
 * {@value #FIRST_ROUND_RETRY_MILLIS} ms, doubling up to 5 s until a round succeeds: ACL changes
 * wake no watch, so a unit refused a node does not wait the whole resync period for it.
 * Once the unit is finished it stays idle until stopped.
 */
public final class UnitAgentLoop {
    private static final Logger LOG = LoggerFactory.getLogger(UnitAgentLoop.class);
    /**
     * The round made when no watch fired: a safety net only, since what a unit depends on wakes it
     * and a refused read fails the round (retried below). Every few seconds would cost most of a
     * large environment's reads: a thousand idle units read more than their deploy did.
     */
    private static final Duration RESYNC = Duration.ofSeconds(30);
    /** How long the first round waits for the watches to be set (it goes ahead without them after that). */
    private static final Duration WATCHES_SET = Duration.ofSeconds(10);
    static final long FIRST_ROUND_RETRY_MILLIS = 250;
    private static final Duration LAST_ROUND_RETRY = Duration.ofSeconds(5);
    /** The waits after failed rounds: {@value #FIRST_ROUND_RETRY_MILLIS} ms doubling up to {@link #LAST_ROUND_RETRY}. */
    private static final Backoff FAILED_ROUNDS = new Backoff(Duration.ofMillis(FIRST_ROUND_RETRY_MILLIS),
            LAST_ROUND_RETRY, LAST_ROUND_RETRY);
    private final AgentContext context;
    private final UnitName unit;
    private final UnitLogListener unitLog;
    private final ToolServer.Listening toolListening;

    public UnitAgentLoop(AgentContext context) {
        this(context, UnitLogListener.NONE, ToolServer.Listening.ALWAYS);
    }

    /**
     * A loop whose hook runner tells {@code unitLog} of every line written to the unit log, and
     * whose hook tool server listens as {@code toolListening} says.
     */
    public UnitAgentLoop(AgentContext context, UnitLogListener unitLog, ToolServer.Listening toolListening) {
        this.context = context;
        this.unit = context.unitName();
        this.unitLog = unitLog;
        this.toolListening = Objects.requireNonNull(toolListening, "toolListening");
    }

    /** Runs until the agent is asked to stop. */
    public void run() {
        JujuState state = new JujuState(new StateStore(context.client(), context.connection().acls()));
        Semaphore dirty = new Semaphore(1);
        context.shutdown().whenRequested(dirty::release);
        try (ToolServer tools = ToolServer.open(context.dir().resolve("agent.socket"), toolListening);
             WatchSet watches = new WatchSet(context.client(), ownWrites(unit), dirty::release)) {
            HookRunner hooks = new HookRunner(tools, HookTools.directory(), unitLog);
            UnitRunner runner = null;
            watches.node(StatePaths.service(unit.service())).node(StatePaths.serviceConfig(unit.service()))
                    .tree(StatePaths.serviceRelations(unit.service())).tree(StatePaths.unit(unit));
            // One first round once every watch is set, not one more for each watch as it is set.
            watches.awaitSet(WATCHES_SET);
            dirty.drainPermits();
            dirty.release();
            boolean finished = false;
            Duration afterFailure = null;
            while (!context.shutdown().isRequested()) {
                dirty.tryAcquire(waitMillis(runner == null ? Optional.empty() : runner.nextRetry(),
                        afterFailure, Instant.now()), TimeUnit.MILLISECONDS);
                dirty.drainPermits();
                if (finished || !context.connection().isConnected()) {
                    continue;
                }
                try {
                    watches.follow(relationsOfService(state));
                    if (runner == null) {
                        runner = new UnitRunner(state, unit, context.dir(), hooks, address(state));
                        runner.readAgainOnlyWhen(() -> dirty.availablePermits() > 0);
                    }
                    finished = runner.converge();
                    afterFailure = null;
                    if (finished) {
                        LOG.info("unit {} is finished; waiting to be removed", unit);
                    }
                } catch (RuntimeException e) {
                    afterFailure = FAILED_ROUNDS.next(afterFailure, Duration.ZERO);
                    LOG.warn("unit round failed, will retry within {} ms: {}", afterFailure.toMillis(), e.getMessage(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Until the next round unless a watch wakes the loop first: the resync period, or
     * {@code afterFailure} when the last round failed, or less when an automatic hook retry is due
     * sooner.
     *
     * @param nextRetry    when the runner's next automatic retry is due, if one waits
     * @param afterFailure the wait after the last round's failure, or null if it succeeded
     */
    static long waitMillis(Optional<Instant> nextRetry, Duration afterFailure, Instant now) {
        long wait = afterFailure == null ? RESYNC.toMillis() : Math.min(afterFailure.toMillis(), LAST_ROUND_RETRY.toMillis());
        if (nextRetry.isPresent()) {
            // +1: never wake a moment before the retry is due.
            wait = Math.max(0, Math.min(wait, Duration.between(now, nextRetry.get()).toMillis() + 1));
        }
        return wait;
    }

    /**
     * Whether {@code path} is one the unit agent alone writes: its status, status history, open
     * ports and its settings in a relation. Its own commits wake no round.
     */
    static boolean isOwnWrite(UnitName unit, String path) {
        return path.equals(StatePaths.unitStatus(unit)) || path.equals(StatePaths.unitStatusHistory(unit))
                || path.equals(StatePaths.unitPorts(unit))
                || path.startsWith(StatePaths.relations() + "/") && path.endsWith("/settings/" + unit.key());
    }

    private static java.util.function.Predicate<String> ownWrites(UnitName unit) {
        return path -> isOwnWrite(unit, path);
    }

    /** The subtrees of the relations of the unit's service, whose members and settings it follows. */
    private Set<String> relationsOfService(JujuState state) {
        return state.store().children(StatePaths.serviceRelations(unit.service())).stream()
                .map(child -> StatePaths.relation(new RelationId(Integer.parseInt(child)))).collect(Collectors.toSet());
    }

    /** The address of the unit's machine as the provider recorded it, else loopback. */
    private String address(JujuState state) {
        return state.units().machine(unit).flatMap(machine -> state.machines().address(machine)).orElse("127.0.0.1");
    }
}
