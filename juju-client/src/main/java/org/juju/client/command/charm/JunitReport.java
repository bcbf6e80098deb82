package org.juju.client.command.charm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.juju.agents.charmkit.scenario.ScenarioResult;
import org.juju.state.error.InvalidInputException;

/**
 * Writes scenario results as JUnit XML, the form CI tools read: one {@code testsuite} named
 * {@code charm.NAME}, a {@code testcase} per scenario ({@code classname} the suite, {@code name} the
 * scenario), a {@code failure} element for a failed scenario, an {@code error} element for a
 * malformed file, and the hooks' output in {@code system-out}. Times are in seconds.
 */
final class JunitReport {
    private JunitReport() {
    }

    static void write(Path file, String charm, List<ScenarioResult> results) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            Files.writeString(temp, xml(charm, results), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        }
    }

    static String xml(String charm, List<ScenarioResult> results) {
        String suite = "charm." + charm;
        long failures = results.stream().filter(r -> !r.passed() && !r.malformed()).count();
        long errors = results.stream().filter(ScenarioResult::malformed).count();
        double total = results.stream().mapToLong(r -> r.duration().toMillis()).sum() / 1000.0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(results.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"0\" time=\"").append(seconds(total)).append("\">\n");
        for (ScenarioResult result : results) {
            xml.append("  <testcase classname=\"").append(escape(suite)).append("\" name=\"").append(escape(result.name()))
                    .append("\" time=\"").append(seconds(result.duration().toMillis() / 1000.0)).append("\">\n");
            result.failure().ifPresent(message -> xml.append("    <").append(result.malformed() ? "error" : "failure")
                    .append(" type=\"").append(result.malformed() ? "malformed-scenario" : "scenario-failure")
                    .append("\" message=\"").append(escape(message)).append("\">").append(escape(message, false))
                    .append("</").append(result.malformed() ? "error" : "failure").append(">\n"));
            if (!result.steps().isEmpty()) {
                xml.append("    <system-out>").append(escape(result.output(), false)).append("</system-out>\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String escape(String text) {
        return escape(text, true);
    }

    /** Escapes for an attribute value or element text; drops characters XML 1.0 cannot hold. */
    static String escape(String text, boolean attribute) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                default -> {
                    if (c == '\t' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF && (c < 0xD800 || c > 0xDFFF)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
