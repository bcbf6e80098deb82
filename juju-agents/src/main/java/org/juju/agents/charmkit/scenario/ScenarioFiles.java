package org.juju.agents.charmkit.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.juju.state.error.InvalidInputException;

/** Where a charm keeps its scenarios: {@code tests/*.yaml} in the charm directory, run in name order. */
public final class ScenarioFiles {
    /** The extension of scenario files. */
    public static final String EXTENSION = ".yaml";

    private ScenarioFiles() {
    }

    /**
     * The charm's scenario files, sorted by name (files whose names start with {@code .} left out).
     *
     * @throws InvalidInputException if the charm has no {@code tests} directory or no scenario file in it
     */
    public static List<Path> list(Path charmDir) {
        Path tests = charmDir.resolve("tests");
        if (!Files.isDirectory(tests)) {
            throw new InvalidInputException(charmDir + " has no tests directory: put scenario files in "
                    + tests + "/*" + EXTENSION + " (see docs/charm-scenarios.md)");
        }
        try (Stream<Path> entries = Files.list(tests)) {
            List<Path> files = entries.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new InvalidInputException(tests + " holds no scenario files (*" + EXTENSION + ")");
            }
            return files;
        } catch (IOException e) {
            throw new InvalidInputException(tests + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** A scenario's name: its file's name without {@code .yaml}. */
    public static String name(Path file) {
        return name(file.getFileName().toString());
    }

    /** A scenario's name from a file name, given with or without {@code .yaml}. */
    public static String name(String fileName) {
        return fileName.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName;
    }
}
