package org.juju.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.juju.client.env.EnvironmentsFile;
import org.juju.client.env.JujuHome;
import org.juju.provider.EnvironmentConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Common options ({@code -e}, {@code -v}) and plumbing of every subcommand. Subclasses implement
 * {@link #run()}, print only through {@link #out()} and {@link #err()}, and signal failure by
 * throwing a {@link org.juju.state.error.JujuException}, which the root maps to an exit code.
 */
public abstract class BaseCommand implements Callable<Integer> {
    @Option(names = {"-e", "--environment"}, paramLabel = "ENV",
            description = "Environment to use (default: $JUJU_ENV, else 'default:' of environments.yaml, else the only one).")
    String environment;

    @Option(names = {"-v", "--verbose"}, description = "Debug output, and stack traces on errors.")
    boolean verbose;

    @ParentCommand
    JujuCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        Logging.configure(verbose());
        return run();
    }

    /** Does the command's work; returns the exit code (0 on success). */
    protected abstract int run();

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected ClientContext context() {
        return root.context();
    }

    /** The selected environment's configuration from environments.yaml. */
    protected EnvironmentConfig environmentConfig() {
        return EnvironmentsFile.read(JujuHome.environmentsFile(context().jujuHome()))
                .select(environment != null ? environment : root.environment(), context().getenv("JUJU_ENV"));
    }

    /** Opens a connection to the selected, bootstrapped environment. */
    protected EnvironmentSession connect() {
        return EnvironmentSession.open(environmentConfig(), context().connectTimeout());
    }

    /** {@code -v} given before or after the command name. */
    boolean verbose() {
        return verbose || root.verbose();
    }
}
