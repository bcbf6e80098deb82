package org.juju.client.command.charm;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.juju.client.ClientContext;
import org.juju.client.Logging;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Plumbing of the {@code juju charm} subcommands: {@code -v}, output streams and the process
 * context. Subclasses implement {@link #run()}, print only through {@link #out()} and {@link #err()},
 * and signal failure by returning a non-zero code or throwing a
 * {@link org.juju.state.error.JujuException}, which the root maps to an exit code.
 */
public abstract class CharmToolCommand implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "Debug output, and stack traces on errors.")
    boolean verbose;

    @ParentCommand
    CharmCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        Logging.configure(verbose());
        return run();
    }

    /** Does the command's work; returns the exit code (0 on success). */
    protected abstract int run();

    /** True if {@code -v} was given here or before the command name. */
    public boolean verbose() {
        return verbose || parent.root.verbose();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected ClientContext context() {
        return parent.context();
    }
}
