package org.juju.state;

import java.util.Optional;
import java.util.OptionalInt;
import org.juju.state.charm.CharmUrl;
import org.juju.state.error.CharmException;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * Charm records under {@code /charms}. Records are create-only: a URL always names the same bundle.
 * Unlike the original, publishing different content under a URL already recorded is refused
 * instead of silently ignored.
 */
public final class CharmState {
    private final StateStore store;

    public CharmState(StateStore store) {
        this.store = store;
    }

    /** The record of {@code url}, if published. */
    public Optional<CharmRecord> get(CharmUrl url) {
        return store.read(StatePaths.charm(url.quoted())).map(node -> CharmRecord.fromMap(node.data()));
    }

    /**
     * Adds the creation of {@code charm} to {@code tx} unless the same bundle is recorded already.
     *
     * @throws CharmException if the URL is recorded with a different sha256: the message says to
     *                        bump the revision or deploy with {@code -u}
     */
    void addIfAbsent(Transaction tx, CharmRecord charm) {
        Optional<CharmRecord> existing = get(charm.url());
        if (existing.isEmpty()) {
            tx.create(StatePaths.charm(charm.url().quoted()), charm.toMap());
        } else if (!existing.get().sha256().equals(charm.sha256())) {
            throw new CharmException("charm " + charm.url() + " is already in the environment with different content"
                    + " (sha256 " + abbrev(existing.get().sha256()) + ", local " + abbrev(charm.sha256())
                    + "): bump the charm's revision file or deploy with -u");
        }
    }

    /**
     * The highest revision recorded for the charm of {@code url} (same schema, series and name), if
     * any. Used by {@code deploy -u} to pick a revision above it.
     */
    public OptionalInt highestRevision(CharmUrl url) {
        return store.children(StatePaths.charms()).stream()
                .map(CharmUrl::fromQuoted)
                .filter(u -> u.withoutRevision().equals(url.withoutRevision()))
                .mapToInt(u -> u.revision() == null ? 0 : u.revision())
                .max();
    }

    private static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
