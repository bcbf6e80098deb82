package org.juju.client;

import java.io.PrintWriter;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;
import picocli.CommandLine;

/**
 * The {@code juju} executable. Every failure is one line on stderr ({@code error: ...}) and a
 * non-zero exit code from {@link ErrorCode}; stack traces only with {@code -v}.
 */
public final class JujuMain {
    private JujuMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(ClientContext.ofProcess(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line with the given context and streams; returns the exit code. */
    public static int execute(ClientContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new JujuCommand(context));
        line.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        // juju ssh UNIT ls -l: whatever follows the target is the remote command's, options too
        line.getSubcommands().get("ssh").setStopAtPositional(true);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler(JujuMain::handle);
        line.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            err.println("(see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ErrorCode.INVALID_INPUT.exitCode();
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int handle(Exception e, CommandLine line, CommandLine.ParseResult result) {
        PrintWriter err = line.getErr();
        boolean verbose = line.getCommand() instanceof BaseCommand command && command.verbose()
                || line.getCommand() instanceof org.juju.client.command.charm.CharmToolCommand tool && tool.verbose();
        if (e instanceof JujuException j) {
            err.println("error: " + j.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return j.code().exitCode();
        }
        err.println("error: unexpected failure: " + e + (verbose ? "" : " (run with -v for details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return ErrorCode.INTERNAL.exitCode();
    }
}
