package org.juju.agents.hook;

import java.util.List;

/** The options hook tools accept; each takes a value, given as {@code -r 3}, {@code --relation 3} or {@code --relation=3}. */
enum ToolOption {
    RELATION("-r", "--relation"),
    FORMAT("--format"),
    OUTPUT("-o", "--output"),
    FILE("--file"),
    LEVEL("-l", "--level");

    private final List<String> spellings;

    ToolOption(String... spellings) {
        this.spellings = List.of(spellings);
    }

    /** The option spelled {@code text} ({@code -r}, {@code --format}), or null. */
    static ToolOption of(String text) {
        for (ToolOption option : values()) {
            if (option.spellings.contains(text)) {
                return option;
            }
        }
        return null;
    }

    /** The longest spelling, for messages. */
    String spelling() {
        return spellings.get(spellings.size() - 1);
    }
}
