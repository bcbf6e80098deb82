package org.juju.agents.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.CharmRecord;
import org.juju.state.charm.CharmBundle;
import org.juju.state.error.CharmException;
import org.juju.state.io.FileTrees;

/**
 * Installs a charm into a unit's directory: fetches its bundle from charm storage, verifies the
 * sha256 recorded in the tree, unpacks it beside the current charm and then swaps it in, so the
 * unit's {@code charm/} directory is always either the old charm or the new one, complete. Used by
 * the machine agent for a new unit and by the unit agent before {@code upgrade-charm}.
 */
public final class CharmInstaller {
    private final BundleFetcher fetcher = new BundleFetcher();

    /**
     * Installs {@code charm} as {@code unitDir/charm}, replacing what is there.
     *
     * @throws CharmException if the bundle cannot be fetched, fails verification or cannot be unpacked
     */
    public void install(CharmRecord charm, Path unitDir) {
        Path bundle = unitDir.resolve("charm.bundle");
        Path unpacking = unitDir.resolve("charm.unpacking");
        Path current = unitDir.resolve("charm");
        Path previous = unitDir.resolve("charm.previous");
        try {
            Files.createDirectories(unitDir);
            fetcher.fetch(charm, bundle);
            FileTrees.delete(unpacking, true);
            CharmBundle.extract(bundle, unpacking);
            FileTrees.delete(previous, true);
            if (Files.exists(current)) {
                Files.move(current, previous);
            }
            Files.move(unpacking, current);
            FileTrees.delete(previous, true);
            Files.delete(bundle);
            Files.writeString(unitDir.resolve("charm.url"), charm.url() + "\n");
        } catch (IOException e) {
            throw new CharmException("cannot install charm " + charm.url() + " in " + unitDir + ": " + e.getMessage(), e);
        }
    }
}
