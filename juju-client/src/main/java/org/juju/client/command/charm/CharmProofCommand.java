package org.juju.client.command.charm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.client.Logging;
import org.juju.state.charm.proof.CharmProof;
import org.juju.state.charm.proof.Finding;
import org.juju.state.charm.proof.ProofReport;
import org.juju.state.codec.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code juju charm proof DIR}: the static checks of {@link CharmProof} on a charm directory.
 * Prints one line per finding and a summary ({@code --format text}) or one JSON object
 * ({@code --format json}). Exit 0 without errors, 1 with errors (or with warnings under
 * {@code --strict}); a DIR that is not a directory is bad input (exit 2).
 */
@Command(name = "proof", mixinStandardHelpOptions = true,
        description = "Check a charm directory: metadata, config, hooks (errors and warnings).")
public final class CharmProofCommand extends CharmToolCommand {
    enum Format { text, json }

    @Parameters(paramLabel = "DIR", description = "The charm directory.")
    Path dir;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Override
    protected int run() {
        Logging.quiet("org.juju.state.charm", verbose());
        ProofReport report = CharmProof.check(dir);
        if (format == Format.json) {
            out().println(Json.write(asData(report)));
        } else {
            report.findings().forEach(finding -> out().println(finding));
            out().println(count(report.errors().size(), "error") + ", " + count(report.warnings().size(), "warning"));
        }
        out().flush();
        boolean failed = !report.errors().isEmpty() || (strict && !report.warnings().isEmpty());
        return failed ? 1 : 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code {"charm": NAME-or-null, "errors": [...], "warnings": [...]}}, each with code, file, message. */
    static Map<String, Object> asData(ProofReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("charm", report.charmName());
        data.put("errors", asData(report.errors()));
        data.put("warnings", asData(report.warnings()));
        return data;
    }

    private static List<Map<String, Object>> asData(List<Finding> findings) {
        return findings.stream().map(f -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", f.code());
            item.put("file", f.file());
            item.put("message", f.message());
            return item;
        }).toList();
    }
}
