package org.juju.client.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.juju.client.BaseCommand;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Providers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Stops everything an environment runs and deletes its data, after a y/N question. */
@Command(name = "destroy-environment", description = "Destroy the environment: its machines, its state server and all its data.")
public final class DestroyEnvironmentCommand extends BaseCommand {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    protected int run() {
        EnvironmentConfig config = environmentConfig();
        if (!yes && !confirmed(config)) {
            out().println("Environment '" + config.name() + "' was not destroyed.");
            return 1;
        }
        Providers.create(config).destroy(message -> err().println(message));
        out().println("Destroyed environment '" + config.name() + "'.");
        return 0;
    }

    private boolean confirmed(EnvironmentConfig config) {
        out().print("WARNING: this destroys environment '" + config.name() + "' (type: " + config.type()
                + "): all its machines, services and data. Continue [y/N]? ");
        out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(context().in(), StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
        } catch (IOException e) {
            return false;
        }
    }
}
