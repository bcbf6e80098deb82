package org.juju.client.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.juju.client.EnvironmentSession;
import org.juju.state.CharmRecord;
import org.juju.state.charm.BundleFile;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmBundle;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.LocalRepository;
import org.juju.state.error.CharmException;
import org.juju.state.io.FileTrees;
import org.juju.state.error.InvalidInputException;

/**
 * Finds a charm in a local repository, bundles it and uploads the bundle to the environment's
 * charm storage, giving the record the state layer stores. With {@code bump} (deploy -u) a charm
 * whose content differs from the recorded one of the same revision gets a revision above every
 * recorded one, written back to its {@code revision} file.
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
     * Bundles and uploads {@code charm}; returns its record.
     *
     * @param bump bump the revision when the recorded charm of this revision has other content
     */
    CharmRecord publish(Charm charm, CharmUrl url, boolean bump) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("juju-bundle");
            BundleFile bundle = charm.bundle()
                    ? new BundleFile(charm.path(), CharmBundle.sha256(charm.path()), Files.size(charm.path()))
                    : CharmBundle.write(charm.directory(), temp.resolve("charm.zip"));
            CharmUrl exact = url.withRevision(charm.revision());
            if (bump) {
                var recorded = session.state().charms().get(exact);
                if (recorded.isPresent() && !recorded.get().sha256().equals(bundle.sha256())) {
                    if (charm.bundle()) {
                        throw new CharmException("charm " + exact + " changed but is a bundle (" + charm.path()
                                + "): its revision cannot be bumped; rebuild it with a higher revision");
                    }
                    OptionalInt highest = session.state().charms().highestRevision(exact);
                    int next = Math.max(charm.revision(), highest.orElse(charm.revision())) + 1;
                    CharmDirectory.setRevision(charm.directory(), next);
                    return publish(CharmDirectory.read(charm.directory()), url, false);
                }
            }
            String key = exact.quoted() + "-" + bundle.sha256().substring(0, 16) + ".charm";
            String bundleUrl = session.provider().charmStorage().put(key, bundle.path());
            return new CharmRecord(exact, bundle.sha256(), bundle.size(), bundleUrl, charm.metadata(), charm.config());
        } catch (IOException e) {
            throw new CharmException("cannot bundle charm " + url + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                FileTrees.deleteQuietly(temp, true);
            }
        }
    }
}
