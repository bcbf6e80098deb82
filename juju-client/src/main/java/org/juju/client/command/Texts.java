package org.juju.client.command;

import java.util.Collection;
import java.util.stream.Collectors;

/** Small helpers for the one-line messages commands print. */
final class Texts {
    private Texts() {
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String join(Collection<?> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
