package org.juju.client.command;

import org.juju.client.ServiceCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.CharmRecord;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmUrl;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Points a service at the newest revision of its charm in the repository. */
@Command(name = "upgrade-charm", description = "Upgrade a service's charm to the newest revision in the repository.")
public final class UpgradeCharmCommand extends ServiceCommand {
    @Option(names = "--repository", paramLabel = "DIR", description = "Local charm repository (default: $JUJU_REPOSITORY).")
    String repository;

    @Option(names = "--force", description = "Upgrade units even if they are in an error state.")
    boolean force;

    @Option(names = {"-n", "--dry-run"}, description = "Only say which revision would be used.")
    boolean dryRun;

    @Override
    protected int run(EnvironmentSession session, ServiceName name) {
        CharmUrl current = session.state().services().charmUrl(name);
        CharmPublisher publisher = new CharmPublisher(session);
        Charm latest = publisher.resolve(CharmPublisher.repository(repository, context().getenv("JUJU_REPOSITORY")),
                current.withoutRevision());
        latest.warnings().forEach(warning -> err().println("warning: " + warning));
        CharmUrl target = current.withRevision(latest.revision());
        if (dryRun) {
            out().println("Service '" + name + "' runs " + current + "; the repository has " + target + ".");
            return 0;
        }
        CharmRecord record = publisher.publish(latest, current.withoutRevision(), false);
        session.state().services().upgradeCharm(name, record, force);
        out().println("Upgrading service '" + name + "' from " + current + " to " + record.url() + ".");
        return 0;
    }
}
