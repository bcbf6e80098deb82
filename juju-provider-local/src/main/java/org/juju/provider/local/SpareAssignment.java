package org.juju.provider.local;

import java.util.List;
import org.juju.state.error.ProviderException;

/**
 * The assignment a provider hands a spare machine's agent ({@code AgentMain spare-machine
 * --assignment-file FILE}, see the agents' {@code SpareAgent}): the machine agent's arguments on
 * one line, separated by tabs, written atomically into that file.
 */
public final class SpareAssignment {
    private SpareAssignment() {
    }

    /**
     * The file's content for {@code arguments}.
     *
     * @throws ProviderException if an argument holds a tab or a newline
     */
    public static String text(List<String> arguments) {
        if (arguments.stream().anyMatch(a -> a.indexOf('\t') >= 0 || a.indexOf('\n') >= 0)) {
            throw new ProviderException("agent arguments must not contain tabs or newlines: " + arguments);
        }
        return String.join("\t", arguments) + "\n";
    }
}
