package org.juju.state.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.juju.state.error.InvalidInputException;

/**
 * One ZooKeeper {@code digest} identity: its name ({@code admin}, {@code provisioning},
 * {@code machine-N}, {@code unit-SERVICE-N}) and its password. {@link #toString()} never shows the
 * password. Agents find theirs in the file {@value #FILE_NAME} of their directory (mode 0600),
 * never in their arguments (see {@link AgentIdentity}).
 */
public record Credential(String name, String password) {
    /** The name of an agent's credential file, in the agent's directory. */
    public static final String FILE_NAME = "credential";
    /** The ZooKeeper authentication scheme of every identity. */
    public static final String SCHEME = "digest";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    public Credential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException("invalid identity name '" + name + "'");
        }
        if (password.isEmpty() || password.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new InvalidInputException("the password of identity '" + name
                    + "' must be non-empty printable ASCII without spaces");
        }
    }

    /** A fresh random token (24 random bytes, URL-safe base64): for passwords, keys and nonces. */
    public static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The identity {@code name} whose password is HMAC-SHA256 of {@code message} under {@code key}:
     * whoever holds the key can compute it again, nobody else can.
     */
    public static Credential derive(String key, String name, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return new Credential(name, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The ACL id of this identity: {@code name:base64(sha1(name:password))}, which ZooKeeper's digest
     * provider gives a session that authenticated with this credential.
     */
    public String digest() {
        try {
            return DigestAuthenticationProvider.generateDigest(name + ":" + password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** What a client passes to ZooKeeper's {@code addAuthInfo("digest", ...)}. */
    public byte[] authBytes() {
        return (name + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** The name part of a digest ACL id ({@code name:hash}). */
    public static String nameOfDigest(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? digest : digest.substring(0, colon);
    }

    @Override
    public String toString() {
        return "Credential[" + name + "]";
    }
}
