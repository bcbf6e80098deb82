package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;

/** Test support: agent identities and what an agent handed one finds in its directory. */
final class TestCredentials {
    static final String ADMIN_SECRET = "s3cret";

    private TestCredentials() {
    }

    /** A fresh identity of machine {@code id} in the environment of {@link #ADMIN_SECRET}. */
    static AgentIdentity machine(int id) {
        return Identities.bootstrapMachineAgent(ADMIN_SECRET)
                .with(new Credential("machine-" + id, Credential.randomToken()));
    }

    /** Asserts that the agent working in {@code agentDir} finds {@code expected} in its credential file, mode 0600. */
    static void assertHandedTo(Path agentDir, AgentIdentity expected) throws Exception {
        Path file = agentDir.resolve(Credential.FILE_NAME);
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("mode of %s", file)
                .isEqualTo("rw-------");
        assertThat(AgentIdentity.readFrom(file)).contains(expected);
    }
}
