package org.juju.state.charm.proof;

/** How bad a finding is: an error makes a deploy fail or a hook fail; a warning is likely a mistake. */
public enum Severity {
    ERROR("E"),
    WARNING("W");

    private final String letter;

    Severity(String letter) {
        this.letter = letter;
    }

    /** The one-letter prefix of the text output: {@code E} or {@code W}. */
    public String letter() {
        return letter;
    }
}
