package org.juju.client;

import org.juju.client.command.AddRelationCommand;
import org.juju.client.command.AddUnitCommand;
import org.juju.client.command.BootstrapCommand;
import org.juju.client.command.DebugHooksCommand;
import org.juju.client.command.DebugLogCommand;
import org.juju.client.command.DeployCommand;
import org.juju.client.command.DestroyEnvironmentCommand;
import org.juju.client.command.DestroyServiceCommand;
import org.juju.client.command.ExposeCommand;
import org.juju.client.command.GetCommand;
import org.juju.client.command.RemoveRelationCommand;
import org.juju.client.command.RemoveUnitCommand;
import org.juju.client.command.ResolvedCommand;
import org.juju.client.command.RetryProvisioningCommand;
import org.juju.client.command.UpgradeSecurityCommand;
import org.juju.client.command.SetCommand;
import org.juju.client.command.SshCommand;
import org.juju.client.command.StatusCommand;
import org.juju.client.command.StatusHistoryCommand;
import org.juju.client.command.TerminateMachineCommand;
import org.juju.client.command.UnexposeCommand;
import org.juju.client.command.UpgradeCharmCommand;
import picocli.CommandLine.Command;

/** The {@code juju} root command: holds the process context and lists the subcommands. */
@Command(name = "juju", mixinStandardHelpOptions = true, versionProvider = JujuCommand.Version.class,
        description = "Deploy, relate and manage services in an environment. Commands write desired state;"
                + " the environment's agents converge on it.",
        subcommands = {
            BootstrapCommand.class, DestroyEnvironmentCommand.class, StatusCommand.class,
            DeployCommand.class, AddUnitCommand.class, RemoveUnitCommand.class, DestroyServiceCommand.class,
            AddRelationCommand.class, RemoveRelationCommand.class, ExposeCommand.class, UnexposeCommand.class,
            SetCommand.class, GetCommand.class, TerminateMachineCommand.class, RetryProvisioningCommand.class, UpgradeSecurityCommand.class,
            ResolvedCommand.class, StatusHistoryCommand.class,
            UpgradeCharmCommand.class, DebugLogCommand.class, DebugHooksCommand.class, SshCommand.class,
            org.juju.client.command.charm.CharmCommand.class
        })
public final class JujuCommand implements Runnable {
    private final ClientContext context;

    @picocli.CommandLine.Option(names = {"-e", "--environment"}, paramLabel = "ENV",
            description = "Environment to use; also accepted after the command name.")
    private String environment;

    @picocli.CommandLine.Option(names = {"-v", "--verbose"},
            description = "Debug output, and stack traces on errors; also accepted after the command name.")
    private boolean verbose;

    public JujuCommand(ClientContext context) {
        this.context = context;
    }

    public ClientContext context() {
        return context;
    }

    String environment() {
        return environment;
    }

    public boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a command is required");
    }

    /** The version from the jar manifest (or "dev" when run from classes). */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = JujuCommand.class.getPackage().getImplementationVersion();
            return new String[] {"juju " + (version == null ? "dev" : version)};
        }
    }
}
