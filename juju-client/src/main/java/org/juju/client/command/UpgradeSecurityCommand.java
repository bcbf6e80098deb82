package org.juju.client.command;

import java.time.Duration;
import java.util.List;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.IdentityUpgrade;
import org.juju.state.error.ConflictException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Gives an environment bootstrapped without identities its identities and ACLs
 * ({@link IdentityUpgrade}): hands each running agent its credential through the still open tree,
 * waits until every agent took it (they restart with it), then sets every node's ACL.
 */
@Command(name = "upgrade-security", description = "Give an environment bootstrapped without identities one"
        + " ZooKeeper identity per agent and an ACL on every node. Running agents take their identity and restart;"
        + " then the tree is closed to everyone else.")
public final class UpgradeSecurityCommand extends BaseCommand {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the running agents to take their identities (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int run() {
        String adminSecret = environmentConfig().requireString("admin-secret");
        try (EnvironmentSession session = connect()) {
            IdentityUpgrade upgrade = new IdentityUpgrade(session.state().store());
            if (upgrade.hasIdentities()) {
                out().println("Environment '" + session.config().name() + "' has identities already: nothing to do.");
                return 0;
            }
            if (upgrade.waiting().isEmpty()) {
                List<String> names = upgrade.begin(adminSecret);
                err().println("Handing identities over to " + names.size() + " agents: " + String.join(", ", names));
            }
            try {
                awaitHandOver(upgrade);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConflictException("interrupted while waiting for the agents; run upgrade-security again");
            }
            int changed = upgrade.finish();
            out().println("Environment '" + session.config().name() + "' now has an identity per agent and an ACL on"
                    + " every node (" + changed + " set).");
        }
        return 0;
    }

    /** Waits until no hand-over is left, printing which are while it waits. */
    private void awaitHandOver(IdentityUpgrade upgrade) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        List<String> waiting = upgrade.waiting();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ConflictException("these agents did not take their identities within " + timeoutSeconds
                        + " s: " + String.join(", ", waiting) + "; start them (juju bootstrap restarts a local"
                        + " environment's agents) and run upgrade-security again");
            }
            if (System.nanoTime() - nextProgress > 0) {
                err().println("Waiting for " + String.join(", ", waiting));
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
            waiting = upgrade.waiting();
        }
    }
}
