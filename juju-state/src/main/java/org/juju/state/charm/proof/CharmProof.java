package org.juju.state.charm.proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.error.InvalidInputException;

/**
 * Static checks of a charm directory ({@code juju charm proof}): metadata.yaml, config.yaml,
 * revision, hooks and the files the bundle would refuse. Every check runs, whatever the others
 * found; errors are what makes a deploy or a hook fail, warnings what is likely a mistake. Each
 * check class documents its finding codes.
 */
public final class CharmProof {
    private static final List<ProofCheck> CHECKS = List.of(new MetadataCheck(), new ConfigCheck(),
            new RevisionCheck(), new HookCheck(), new FileTreeCheck());

    private CharmProof() {
    }

    /**
     * Checks the charm in {@code dir}. Nothing is written.
     *
     * @throws InvalidInputException when {@code dir} is not a directory
     */
    public static ProofReport check(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        ProofContext context;
        try {
            context = new ProofContext(dir.toRealPath());
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot read: " + e.getMessage());
        }
        for (ProofCheck check : CHECKS) {
            try {
                check.run(context);
            } catch (IOException | RuntimeException e) {
                context.error("check-failed", ".", "the " + check.subject() + " checks could not finish: "
                        + e.getMessage());
            }
        }
        return new ProofReport(context.metadata().map(CharmMetadata::name).orElse(null), context.findings());
    }
}
