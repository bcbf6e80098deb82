package org.juju.agents.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.juju.state.error.InvalidInputException;

/**
 * The generated part of a Markdown document: the text between {@value #START} and
 * {@value #END}. Replacing it leaves every other byte of the document as it was; a document
 * without the markers gets them, with the body, appended at its end.
 */
public final class DocsSection {
    public static final String START = "<!-- juju-bench:start -->";
    public static final String END = "<!-- juju-bench:end -->";

    private DocsSection() {
    }

    /**
     * {@code document} with the section's body replaced by {@code body}.
     *
     * @throws InvalidInputException when only one marker is present, or they are out of order
     */
    public static String replace(String document, String body) {
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        String section = START + "\n" + body.strip() + "\n" + END;
        if (start < 0 && end < 0) {
            String separator = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
            return document + separator + section + "\n";
        }
        if (start < 0 || end < start || document.indexOf(START, start + 1) >= 0 || document.indexOf(END, end + 1) >= 0) {
            throw new InvalidInputException("the document must hold " + START + " once, followed by " + END + " once");
        }
        return document.substring(0, start) + section + document.substring(end + END.length());
    }

    /** Replaces the section of the file {@code markdown} (created when missing), atomically. */
    public static void update(Path markdown, String body) {
        try {
            String document = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8) : "";
            Path temporary = markdown.resolveSibling(markdown.getFileName() + ".tmp");
            Files.writeString(temporary, replace(document, body), StandardCharsets.UTF_8);
            Files.move(temporary, markdown, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + markdown, e);
        }
    }
}
