package org.juju.state.charm.proof;

import java.util.Comparator;
import java.util.List;

/**
 * What proof found in one charm directory.
 *
 * @param charmName the charm's name from metadata.yaml, or null when metadata.yaml is missing or invalid
 * @param findings  errors first, then warnings, each in the order the checks found them
 */
public record ProofReport(String charmName, List<Finding> findings) {
    public ProofReport {
        findings = findings.stream().sorted(Comparator.comparing(Finding::severity)).toList();
    }

    /** The findings of {@code severity}, in order. */
    public List<Finding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    public List<Finding> errors() {
        return findings(Severity.ERROR);
    }

    public List<Finding> warnings() {
        return findings(Severity.WARNING);
    }

    /** The codes of all findings, in order (for tests and scripts). */
    public List<String> codes() {
        return findings.stream().map(Finding::code).toList();
    }
}
