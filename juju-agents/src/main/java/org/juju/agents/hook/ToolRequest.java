package org.juju.agents.hook;

import java.util.List;
import java.util.Objects;

/**
 * A tool invocation as it arrives from the client.
 *
 * @param clientId the {@code JUJU_CLIENT_ID} of the hook that ran the tool
 * @param tool     the tool's name (the basename the client was run as)
 * @param cwd      the client's working directory, empty if it could not tell
 * @param args     the arguments after the tool's name
 */
record ToolRequest(String clientId, String tool, String cwd, List<String> args) {
    ToolRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(cwd, "cwd");
        args = List.copyOf(args);
    }
}
