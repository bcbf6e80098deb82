package org.juju.agents.hook;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook tools: where their client is installed, and running one inside the agent.
 *
 * <p>Exit codes: {@value #EXIT_OK} on success; {@value #EXIT_USAGE} when the invocation is wrong
 * (unknown tool or option, malformed or missing argument, a file named by an argument that cannot
 * be read or written, no hook context); {@value #EXIT_FAILED} when a well-formed request fails (a
 * relation id, unit or settings not found, a write refused in a {@code -relation-broken} hook, the
 * state unreachable, an internal error). Errors are one line on stderr: {@code TOOL: problem}.
 *
 * <p>Thread-safe: tools are stateless; {@link #run} holds the context's monitor while a tool runs.
 */
public final class HookTools {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** The client binary's name; every tool is a symlink to it. */
    public static final String CLIENT = "juju-hook-tool";
    /** The system property that names the tools' directory, overriding the lookup. */
    public static final String DIRECTORY_PROPERTY = "juju.hook-tools";

    private static final Logger LOG = LoggerFactory.getLogger(HookTools.class);
    private static final Map<String, HookTool> TOOLS = new LinkedHashMap<>();

    static {
        for (HookTool tool : List.of(new RelationGetTool(), new RelationSetTool(), new RelationListTool(),
                new RelationIdsTool(), new ConfigGetTool(), new UnitGetTool(), new PortTool(true),
                new PortTool(false), new JujuLogTool(), new StatusSetTool())) {
            TOOLS.put(tool.name(), tool);
        }
    }

    private HookTools() {
    }

    /** The tools' names, as installed beside the client. */
    public static List<String> names() {
        return List.copyOf(TOOLS.keySet());
    }

    /**
     * Runs a tool for a hook. Never throws for the tool's own failures: they become the exit code
     * and a line on stderr.
     *
     * @param tool the tool's name ({@code relation-get})
     * @param args its arguments
     * @param cwd  the hook's working directory, against which file arguments are resolved; null if unknown
     */
    public static ToolResult run(HookContext context, String tool, List<String> args, Path cwd) {
        HookTool impl = TOOLS.get(tool);
        if (impl == null) {
            return error(EXIT_USAGE, tool, "unknown hook tool (known: " + String.join(", ", TOOLS.keySet()) + ")");
        }
        try {
            ToolArgs parsed = ToolArgs.parse(args, impl.options());
            if (parsed.help()) {
                return new ToolResult(EXIT_OK, "usage: " + tool + " " + impl.usage() + "\n", "");
            }
            ToolCall call = new ToolCall(context, parsed, cwd);
            synchronized (context) {
                impl.run(call);
            }
            return new ToolResult(EXIT_OK, call.stdout(), "");
        } catch (InvalidInputException e) {
            return error(EXIT_USAGE, tool, e.getMessage());
        } catch (JujuException e) {
            return error(EXIT_FAILED, tool, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Hook tool {} failed in {}", tool, context.spec().hookName(), e);
            return error(EXIT_FAILED, tool, "internal error: " + e);
        }
    }

    /** A failed result: {@code TOOL: message} on stderr. */
    static ToolResult error(int exitCode, String tool, String message) {
        return new ToolResult(exitCode, "", tool + ": " + message.replace('\n', ' ') + "\n");
    }

    /**
     * The directory holding the client and a symlink to it per tool: the system property
     * {@value #DIRECTORY_PROPERTY} if set, else {@code hook-tools} beside the directory or jar this
     * class was loaded from ({@code <module>/target/hook-tools}), or one level above it.
     *
     * @return an absolute path
     * @throws NotFoundException naming the places looked in if the client is not there
     */
    public static Path directory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        } else {
            Path code = codeLocation();
            if (code != null && code.getParent() != null) {
                candidates.add(code.getParent().resolve("hook-tools"));
                if (code.getParent().getParent() != null) {
                    candidates.add(code.getParent().getParent().resolve("hook-tools"));
                }
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve(CLIENT))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new NotFoundException("hook tools not found: no executable " + CLIENT + " in " + candidates
                + "; set the system property " + DIRECTORY_PROPERTY + " to their directory");
    }

    private static Path codeLocation() {
        CodeSource source = HookTools.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
