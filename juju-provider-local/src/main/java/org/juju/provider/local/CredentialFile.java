package org.juju.provider.local;

import java.nio.file.Path;
import java.util.Optional;
import org.juju.state.error.ProviderException;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;

/**
 * How a local environment hands an agent its identity: the file {@value Credential#FILE_NAME} in
 * the agent's directory (the one its {@code --dir} names), readable and writable by its owner only,
 * written atomically before the agent starts. Neither the identity's password nor the file's
 * content ever goes into a log, a message or a command line.
 */
public final class CredentialFile {
    private CredentialFile() {
    }

    /** The credential file of the agent working in {@code agentDir}. */
    public static Path in(Path agentDir) {
        return agentDir.resolve(Credential.FILE_NAME);
    }

    /** Writes {@code identity}, if present, as the credential file of {@code agentDir} (created if needed). */
    public static void write(Optional<AgentIdentity> identity, Path agentDir) {
        identity.ifPresent(present -> write(present, agentDir));
    }

    /**
     * Writes {@code identity} as the credential file of {@code agentDir} (created if needed),
     * replacing the file if there is one.
     *
     * @throws ProviderException naming the file if it cannot be written
     */
    public static void write(AgentIdentity identity, Path agentDir) {
        Path file = in(agentDir);
        try {
            identity.writeTo(file);
        } catch (IllegalStateException e) {
            throw new ProviderException("cannot write the credential file " + file + " of "
                    + identity.credential().name() + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().toString()), e);
        }
    }
}
