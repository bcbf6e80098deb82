package org.juju.agents.hook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a charm's hooks, one at a time: {@link #run} blocks while another run is in progress.
 *
 * <p>A hook is {@code hooks/<name>} in the charm directory, run by that path without resolving
 * symlinks (so a link to a dispatcher sees its own name in {@code $0}), with stdin from
 * {@code /dev/null}, the charm directory as working directory and an environment made from scratch
 * (see {@link HookEnvironment}). Its stdout and stderr go to the unit log line by line (see
 * {@link UnitLog}); its tools reach a fresh {@link HookContext} through the {@link ToolServer}.
 *
 * <p>Outcomes: a missing hook succeeds with no changes (as in the original); a hook that exists but
 * is not an executable file, or cannot be started (a bad interpreter line), fails with exit code
 * 126 and a message; otherwise the result carries the hook's exit code. Tool calls made after the
 * hook exited (by processes it left behind) are refused. If the calling thread is interrupted the
 * hook's process tree is killed and {@link HookInterruptedException} thrown. While a hook runs, its
 * pid is in {@code hook.pid} beside the charm directory ({@link HookProcessFile}).
 *
 * <p>{@link #debug} hands a hook to a {@code juju debug-hooks} session instead: the same context,
 * environment, tools and one-at-a-time lock, but an interactive shell in a tmux window takes the
 * place of the hook's process (see {@link DebugSession}).
 */
public final class HookRunner {
    private static final Logger LOG = LoggerFactory.getLogger(HookRunner.class);
    /** Exit code for a hook that exists but cannot be executed, as a shell reports it. */
    public static final int NOT_EXECUTABLE = 126;
    /** Exit code of a hook whose debug window closed without its shell's exit status (as after SIGHUP). */
    public static final int WINDOW_CLOSED = 129;
    /** How long output may still arrive after the hook exits before the run returns without it. */
    private static final long OUTPUT_GRACE_MILLIS = 2000;
    /** How long an interrupted hook's processes get between SIGTERM and SIGKILL. */
    private static final long KILL_GRACE_MILLIS = 2000;

    private final ToolServer server;
    private final Path toolsDirectory;
    private final UnitLogListener listener;
    private final ReentrantLock lock = new ReentrantLock();

    /** A runner whose hooks find their tools in {@link HookTools#directory()}. */
    public HookRunner(ToolServer server) {
        this(server, HookTools.directory());
    }

    public HookRunner(ToolServer server, Path toolsDirectory) {
        this(server, toolsDirectory, UnitLogListener.NONE);
    }

    /** A runner that also tells {@code listener} of every line it writes to the unit log. */
    public HookRunner(ToolServer server, Path toolsDirectory, UnitLogListener listener) {
        this.server = Objects.requireNonNull(server, "server");
        this.toolsDirectory = toolsDirectory.toAbsolutePath();
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs one hook and returns what it did; its changes are for the caller to commit (only if it
     * succeeded) or discard.
     *
     * @param charmDir the unpacked charm
     * @param unitLog  the unit's log file, appended to (created if missing)
     * @throws HookInterruptedException if interrupted while waiting to run or while running
     * @throws JujuException if the unit log cannot be opened
     */
    public HookResult run(Path charmDir, HookSpec spec, ContextData data, Path unitLog) {
        return runOne(charmDir, spec, data, unitLog, null);
    }

    /**
     * Hands one hook to a {@code juju debug-hooks} session instead of running it: a window opens in
     * {@code session} with an interactive shell that has the hook's environment, working directory
     * and tools, and the hook lasts until that shell exits. Its exit status is the hook's: 0 and the
     * changes made through the tools are for the caller to commit, as after a run. The hook's file
     * need not exist (the user may write it there). A window that goes without an exit status
     * (killed, its tmux server gone), or one tmux cannot open, fails the hook.
     *
     * @throws HookInterruptedException if interrupted while waiting; the window's processes are
     *                                  killed first
     * @throws JujuException if the unit log cannot be opened
     */
    public HookResult debug(Path charmDir, HookSpec spec, ContextData data, Path unitLog, DebugSession session) {
        return runOne(charmDir, spec, data, unitLog, Objects.requireNonNull(session, "session"));
    }

    private HookResult runOne(Path charmDir, HookSpec spec, ContextData data, Path unitLog, DebugSession debug) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookInterruptedException("interrupted before running " + spec.hookName());
        }
        HookMdc mdc = HookMdc.put(data.unit(), spec);
        try (mdc) {
            return runLocked(charmDir.toAbsolutePath(), spec, data, openLog(unitLog, spec), debug);
        } finally {
            lock.unlock();
        }
    }

    private HookResult runLocked(Path charmDir, HookSpec spec, ContextData data, UnitLog log, DebugSession debug) {
        long start = System.nanoTime();
        Path hook = charmDir.resolve("hooks").resolve(spec.hookName());
        try {
            if (debug == null && !Files.exists(hook, LinkOption.NOFOLLOW_LINKS)) {
                LOG.debug("No {} hook in {}: nothing to do", spec.hookName(), charmDir);
                return new HookResult(0, HookChanges.none(), elapsed(start), Optional.empty());
            }
            String unusable = debug == null ? unusable(hook) : null;
            if (unusable != null) {
                return failed(log, NOT_EXECUTABLE, HookChanges.none(), start, unusable);
            }
            HookContext context = new HookContext(spec, data, log::jujuLog, Clock.systemUTC());
            int exitCode;
            try (ToolServer.Client client = server.register(context)) {
                Map<String, String> environment = new HookEnvironment(toolsDirectory, server.socket(), client.id())
                        .build(charmDir, spec, data.unit());
                Path processFile = charmDir.resolveSibling(HookProcessFile.FILE);
                try {
                    exitCode = debug == null ? execute(hook, charmDir, environment, spec, log, processFile)
                            : inWindow(debug, spec, data, charmDir, environment, log, processFile);
                } catch (IOException e) {
                    return failed(log, NOT_EXECUTABLE, HookChanges.none(), start, debug == null
                            ? "cannot run hook " + spec.hookName() + ": " + startFailure(e)
                            : "cannot debug hook " + spec.hookName() + ": " + e.getMessage());
                } finally {
                    HookProcessFile.clear(processFile);
                }
            } finally {
                context.seal();
            }
            if (!log.awaitPumps(OUTPUT_GRACE_MILLIS)) {
                log.line("WARNING", null, "processes left behind by the hook still hold its output open");
            }
            HookChanges changes = context.changes();
            if (exitCode == WINDOW_CLOSED) {
                return failed(log, exitCode, changes, start, "the debug window of hook " + spec.hookName()
                        + " closed without an exit status");
            }
            if (exitCode != 0) {
                return failed(log, exitCode, changes, start, "hook " + spec.hookName() + " exited with code " + exitCode);
            }
            Duration duration = elapsed(start);
            log.line("INFO", null, "hook succeeded in " + duration.toMillis() + " ms");
            LOG.info("Hook {} succeeded in {} ms", spec.hookName(), duration.toMillis());
            return new HookResult(0, changes, duration, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookInterruptedException("interrupted while running " + spec.hookName());
        } finally {
            log.release();
        }
    }

    /** Runs the hook's file, its output pumped into the unit log; returns its exit code. */
    private static int execute(Path hook, Path charmDir, Map<String, String> environment, HookSpec spec, UnitLog log,
                               Path processFile) throws IOException, InterruptedException {
        log.line("INFO", null, "running hook");
        LOG.info("Running hook {}", spec.hookName());
        Process process = start(hook, charmDir, environment);
        HookProcessFile.record(processFile, process.toHandle());
        log.pump(process.getInputStream(), "stdout", "INFO");
        log.pump(process.getErrorStream(), "stderr", "ERROR");
        return await(process, spec);
    }

    /** Hands the hook to the debug session; returns its shell's exit status, or {@link #WINDOW_CLOSED}. */
    private static int inWindow(DebugSession debug, HookSpec spec, ContextData data, Path charmDir,
                                Map<String, String> environment, UnitLog log, Path processFile)
            throws IOException, InterruptedException {
        log.line("INFO", null, "handed to debug-hooks: a window in tmux session " + debug.name()
                + "; its shell's exit status is the hook's");
        LOG.info("Hook {} handed to debug-hooks session {}", spec.hookName(), debug.name());
        return debug.run(data.unit(), spec.hookName(), charmDir, environment,
                shell -> HookProcessFile.record(processFile, shell)).orElse(WINDOW_CLOSED);
    }

    /** Waits for the hook; if interrupted, kills its tree first and keeps the interrupt for the caller. */
    private static int await(Process process, HookSpec spec) throws InterruptedException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            LOG.warn("Interrupted: killing hook {} and its processes", spec.hookName());
            ProcessTrees.kill(process.toHandle(), KILL_GRACE_MILLIS);
            throw e;
        }
    }

    private static Process start(Path hook, Path charmDir, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(hook.toString())
                .directory(charmDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The system's reason from ProcessBuilder's message, with a hint for the usual cause. */
    private static String startFailure(IOException e) {
        String message = String.valueOf(e.getMessage());
        int errno = message.indexOf("error=");
        int comma = errno < 0 ? -1 : message.indexOf(", ", errno);
        String reason = comma < 0 ? message : message.substring(comma + 2);
        return message.contains("error=2,") ? reason + " (is the interpreter on its #! line installed?)" : reason;
    }

    /** Why an existing hook cannot run, or null if it can. */
    private static String unusable(Path hook) {
        if (!Files.exists(hook)) {
            return "hook " + hook.getFileName() + " is a symlink to a missing file: " + hook;
        }
        if (!Files.isRegularFile(hook)) {
            return "hook " + hook.getFileName() + " is not a file: " + hook;
        }
        if (!Files.isExecutable(hook)) {
            return "hook " + hook.getFileName() + " is not executable: " + hook + " (chmod +x it)";
        }
        return null;
    }

    private static HookResult failed(UnitLog log, int exitCode, HookChanges changes, long start, String message) {
        Duration duration = elapsed(start);
        log.line("ERROR", null, message);
        LOG.warn("{} (after {} ms)", message, duration.toMillis());
        return new HookResult(exitCode, changes, duration, Optional.of(message));
    }

    private UnitLog openLog(Path unitLog, HookSpec spec) {
        try {
            return UnitLog.open(unitLog, spec.hookName(), listener);
        } catch (IOException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot open the unit log " + unitLog + ": " + e.getMessage(), e);
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
