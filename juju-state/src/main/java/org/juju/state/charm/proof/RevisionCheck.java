package org.juju.state.charm.proof;

import java.nio.file.Files;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.error.CharmException;

/**
 * The {@code revision} file: present and a non-negative integer, as the deploy reads it.
 *
 * <p>Codes: {@code revision-missing} (an error when metadata.yaml has no old-style
 * {@code revision:} key either, since the deploy then refuses the charm; a warning when the deploy
 * falls back to that key), {@code revision-unreadable}, {@code revision-invalid} (errors).
 */
final class RevisionCheck implements ProofCheck {
    static final String FILE = "revision";

    @Override
    public String subject() {
        return "revision";
    }

    @Override
    public void run(ProofContext context) {
        if (!Files.exists(context.file(FILE))) {
            boolean obsoleteKey = context.rawMetadata().map(raw -> raw.get("revision") != null).orElse(false);
            if (obsoleteKey) {
                context.warning("revision-missing", FILE, "missing: the deploy falls back to the obsolete"
                        + " 'revision:' in metadata.yaml; move it to this file");
            } else {
                context.error("revision-missing", FILE, "missing: a deploy refuses the charm (write the revision,"
                        + " e.g. 1, to it)");
            }
            return;
        }
        context.readText(FILE, "revision").ifPresent(text -> {
            try {
                CharmDirectory.parseRevision(text, FILE);
            } catch (CharmException e) {
                context.error("revision-invalid", FILE, ProofContext.withoutSource(e.getMessage(), FILE));
            }
        });
    }
}
