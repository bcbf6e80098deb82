package org.juju.client.command;

import java.nio.file.Path;
import org.juju.client.EnvironmentSession;
import org.juju.provider.CharmPublication;
import org.juju.state.CharmRecord;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.LocalRepository;
import org.juju.state.error.InvalidInputException;

/**
 * Finds a charm in a local repository and publishes it to the session's environment
 * ({@link CharmPublication}: bundled, uploaded to its charm storage).
 */
final class CharmPublisher {
    private final EnvironmentSession session;

    CharmPublisher(EnvironmentSession session) {
        this.session = session;
    }

    /** The repository from {@code --repository}, else {@code $JUJU_REPOSITORY}. */
    static Path repository(String option, String fromEnv) {
        String dir = option != null ? option : fromEnv;
        if (dir == null || dir.isBlank()) {
            throw new InvalidInputException("no charm repository given: use --repository DIR or set JUJU_REPOSITORY");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** Resolves {@code url} in {@code repository} (highest revision unless the URL names one). */
    Charm resolve(Path repository, CharmUrl url) {
        return new LocalRepository(repository).resolve(url);
    }

    /**
     * Bundles and uploads {@code charm}; returns its record (see {@link CharmPublication}).
     *
     * @param bump bump the revision when the recorded charm of this revision has other content
     */
    CharmRecord publish(Charm charm, CharmUrl url, boolean bump) {
        return new CharmPublication(session.state(), session.provider().charmStorage()).publish(charm, url, bump);
    }
}
