package org.juju.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.juju.state.CharmRecord;
import org.juju.state.JujuState;
import org.juju.state.charm.BundleFile;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmBundle;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.charm.CharmUrl;
import org.juju.state.error.CharmException;
import org.juju.state.io.FileTrees;

/**
 * Publishing a charm to an environment: bundles it (unless it is a bundle already) and uploads the
 * bundle to the environment's charm storage, giving the record the state layer stores. With
 * {@code bump} (deploy -u) a charm whose content differs from the recorded one of the same
 * revision gets a revision above every recorded one, written back to its {@code revision} file.
 * Used by {@code juju deploy} and {@code juju upgrade-charm}, and by in-process environments.
 */
public final class CharmPublication {
    private final JujuState state;
    private final CharmStorage storage;

    /** Publishes to {@code storage}, comparing with the charms recorded in {@code state}. */
    public CharmPublication(JujuState state, CharmStorage storage) {
        this.state = state;
        this.storage = storage;
    }

    /**
     * Bundles and uploads {@code charm}, found for {@code url}; returns its record (not written to
     * the tree: deploying or upgrading does that).
     *
     * @param bump bump the revision when the recorded charm of this revision has other content
     * @throws CharmException if it cannot be bundled, or is a changed bundle that cannot be bumped
     */
    public CharmRecord publish(Charm charm, CharmUrl url, boolean bump) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("juju-bundle");
            BundleFile bundle = charm.bundle()
                    ? new BundleFile(charm.path(), CharmBundle.sha256(charm.path()), Files.size(charm.path()))
                    : CharmBundle.write(charm.directory(), temp.resolve("charm.zip"));
            CharmUrl exact = url.withRevision(charm.revision());
            if (bump) {
                var recorded = state.charms().get(exact);
                if (recorded.isPresent() && !recorded.get().sha256().equals(bundle.sha256())) {
                    if (charm.bundle()) {
                        throw new CharmException("charm " + exact + " changed but is a bundle (" + charm.path()
                                + "): its revision cannot be bumped; rebuild it with a higher revision");
                    }
                    OptionalInt highest = state.charms().highestRevision(exact);
                    int next = Math.max(charm.revision(), highest.orElse(charm.revision())) + 1;
                    CharmDirectory.setRevision(charm.directory(), next);
                    return publish(CharmDirectory.read(charm.directory()), url, false);
                }
            }
            String key = exact.quoted() + "-" + bundle.sha256().substring(0, 16) + ".charm";
            String bundleUrl = storage.put(key, bundle.path());
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
