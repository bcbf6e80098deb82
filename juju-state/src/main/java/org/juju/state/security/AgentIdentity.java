package org.juju.state.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.AtomicFiles;

/**
 * What a machine or unit agent is given to authenticate and to create nodes: its own credential
 * and the ACL ids of the admin and the provisioning agent, which every node it creates must name
 * (an agent cannot read them from the tree: ZooKeeper shows digests only to holders of ADMIN).
 * Stored as the file {@value Credential#FILE_NAME} in the agent's directory, mode 0600:
 * <pre>
 * NAME:PASSWORD
 * admin admin:HASH
 * provisioning provisioning:HASH
 * </pre>
 * {@link #toString()} never shows the password.
 */
public record AgentIdentity(Credential credential, String adminDigest, String provisioningDigest) {
    public AgentIdentity {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(adminDigest, "adminDigest");
        Objects.requireNonNull(provisioningDigest, "provisioningDigest");
    }

    /** The identity {@code credential} in the environment of {@code keys}. */
    public static AgentIdentity of(Credential credential, IdentityKeys keys) {
        return new AgentIdentity(credential, keys.fixedDigest(Identities.ADMIN).orElseThrow(),
                keys.fixedDigest(Identities.PROVISIONING).orElseThrow());
    }

    /** The same environment's identity {@code credential}. */
    public AgentIdentity with(Credential other) {
        return new AgentIdentity(other, adminDigest, provisioningDigest);
    }

    /** Writes the file, readable and writable by its owner only, atomically. */
    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, text(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's content (secret: the password is in it). */
    public String text() {
        return credential.name() + ":" + credential.password() + "\n" + Identities.ADMIN + " " + adminDigest + "\n"
                + Identities.PROVISIONING + " " + provisioningDigest + "\n";
    }

    /**
     * Reads the file; empty if there is none (an agent of an environment without identities).
     *
     * @throws InvalidInputException naming the file if it is not in the format above
     */
    public static Optional<AgentIdentity> readFrom(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the credential file " + file + ": " + e.getMessage());
        }
    }

    /** Parses {@link #text()}; {@code source} names it in errors. */
    public static AgentIdentity parse(String text, String source) {
        String[] lines = text.strip().split("\n");
        if (lines.length != 3) {
            throw new InvalidInputException("the credential file " + source + " must have 3 lines, not " + lines.length);
        }
        int colon = lines[0].indexOf(':');
        if (colon <= 0) {
            throw new InvalidInputException("the credential file " + source + " does not start with NAME:PASSWORD");
        }
        Credential credential = new Credential(lines[0].substring(0, colon), lines[0].substring(colon + 1).strip());
        return new AgentIdentity(credential, digestLine(lines[1], Identities.ADMIN, source),
                digestLine(lines[2], Identities.PROVISIONING, source));
    }

    private static String digestLine(String line, String name, String source) {
        String prefix = name + " " + name + ":";
        if (!line.startsWith(prefix) || line.length() == prefix.length()) {
            throw new InvalidInputException("the credential file " + source + " lacks the line '" + name + " " + name
                    + ":HASH'");
        }
        return line.substring(name.length() + 1).strip();
    }

    @Override
    public String toString() {
        return "AgentIdentity[" + credential.name() + "]";
    }
}
