package org.juju.state.store.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.juju.provider.ClientTls;
import org.juju.state.error.ProviderException;
import org.juju.state.io.AtomicFiles;
import org.juju.state.io.FileTrees;

/**
 * The TLS material of one environment's secure ZooKeeper port, in one directory: a self-signed
 * server certificate and a self-signed client certificate, each side trusting exactly the other's.
 *
 * <ul>
 *   <li>{@code server.p12}: the server's key pair and certificate ({@code CN=<server name>})</li>
 *   <li>{@code server-trust.p12}: the client's certificate, the only one the server accepts</li>
 *   <li>{@code client.p12}: the client's key pair and certificate ({@code CN=juju-client})</li>
 *   <li>{@code client-trust.p12}: the server's certificate, the only one the client accepts</li>
 *   <li>{@code password}: the password of all four PKCS12 stores (32 URL-safe characters)</li>
 * </ul>
 *
 * <p>The directory is owner-only (0700), every file 0600. Keys are EC P-256, certificates valid for
 * ten years. The files are made by the JDK's {@code keytool}; the password reaches it through its
 * environment ({@code -storepass:env}), never its argument list. {@link #toString()} does not show
 * the password.
 */
public final class StateServerCertificates {
    public static final String SERVER_KEY_STORE = "server.p12";
    public static final String SERVER_TRUST_STORE = "server-trust.p12";
    public static final String CLIENT_KEY_STORE = "client.p12";
    public static final String CLIENT_TRUST_STORE = "client-trust.p12";
    public static final String PASSWORD = "password";
    /** The files of a complete set; the password comes last, so a set without it is partial. */
    static final List<String> FILES = List.of(SERVER_KEY_STORE, SERVER_TRUST_STORE, CLIENT_KEY_STORE,
            CLIENT_TRUST_STORE, PASSWORD);

    static final String CLIENT_NAME = "juju-client";
    private static final String PASSWORD_VARIABLE = "JUJU_TLS_STORE_PASSWORD";
    private static final String VALIDITY_DAYS = "3650";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String password;

    private StateServerCertificates(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /**
     * The complete set in {@code dir}, kept as is if there is one (bootstrap may run again), and
     * otherwise a new one for {@code serverName} (a partial or unreadable set is replaced).
     *
     * @throws ProviderException if keytool fails or the files cannot be written
     */
    public static StateServerCertificates generate(Path dir, String serverName) {
        Objects.requireNonNull(serverName, "serverName");
        if (serverName.isBlank() || serverName.contains(",") || serverName.contains("=")) {
            throw new IllegalArgumentException("invalid server name '" + serverName + "'");
        }
        Path target = dir.toAbsolutePath().normalize();
        Optional<StateServerCertificates> existing = load(target);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            createPrivateDirectory(target);
            Path staging = Files.createTempDirectory(target, ".new-", PosixFilePermissions.asFileAttribute(OWNER_DIR));
            try {
                String password = newPassword();
                new Keytool(staging, password).makeSet(serverName);
                // A half-replaced set has no password file matching its stores, so load() rejects it.
                Files.deleteIfExists(target.resolve(PASSWORD));
                for (String name : FILES) {
                    Path file = staging.resolve(name);
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                    AtomicFiles.replace(file, target.resolve(name));
                }
            } finally {
                FileTrees.deleteQuietly(staging, true);
            }
        } catch (IOException e) {
            throw new ProviderException("cannot create the TLS certificates in " + target + ": " + e.getMessage(), e);
        }
        return load(target).orElseThrow(() -> new ProviderException("the TLS certificates made in " + target
                + " cannot be read back"));
    }

    /**
     * The complete set in {@code dir}: all five files, and each store opens with the password.
     * Empty if there is none or only part of one.
     */
    public static Optional<StateServerCertificates> load(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        for (String name : FILES) {
            if (!Files.isRegularFile(target.resolve(name))) {
                return Optional.empty();
            }
        }
        String password;
        try {
            password = Files.readString(target.resolve(PASSWORD), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (password.isEmpty()) {
            return Optional.empty();
        }
        for (String name : List.of(SERVER_KEY_STORE, SERVER_TRUST_STORE, CLIENT_KEY_STORE, CLIENT_TRUST_STORE)) {
            if (!opens(target.resolve(name), password)) {
                return Optional.empty();
            }
        }
        return Optional.of(new StateServerCertificates(target, password));
    }

    /** The directory holding the files. */
    public Path dir() {
        return dir;
    }

    /** What a client presents: {@code client.p12} and {@code client-trust.p12} with the password. */
    public ClientTls clientTls() {
        return new ClientTls(dir.resolve(CLIENT_KEY_STORE), dir.resolve(CLIENT_TRUST_STORE), password);
    }

    /** {@code server.p12}: the server's key pair and certificate. */
    public Path serverKeyStore() {
        return dir.resolve(SERVER_KEY_STORE);
    }

    /** {@code server-trust.p12}: the client certificate the server accepts. */
    public Path serverTrustStore() {
        return dir.resolve(SERVER_TRUST_STORE);
    }

    /** The {@code password} file. */
    public Path passwordFile() {
        return dir.resolve(PASSWORD);
    }

    /** The password of all four stores. */
    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "StateServerCertificates[" + dir + "]";
    }

    private static boolean opens(Path store, String password) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            return keyStore.size() > 0;
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        }
        Files.setPosixFilePermissions(dir, OWNER_DIR);
    }

    static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Runs the JDK's keytool in a staging directory, the password in its environment. */
    private static final class Keytool {
        private final Path dir;
        private final String password;

        Keytool(Path dir, String password) {
            this.dir = dir;
            this.password = password;
        }

        void makeSet(String serverName) throws IOException {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_FILE);
            Files.writeString(Files.createFile(dir.resolve(PASSWORD), ownerOnly), password, StandardCharsets.UTF_8);
            keyPair(SERVER_KEY_STORE, "server", serverName);
            keyPair(CLIENT_KEY_STORE, "client", CLIENT_NAME);
            exportCertificate(SERVER_KEY_STORE, "server", "server.pem");
            exportCertificate(CLIENT_KEY_STORE, "client", "client.pem");
            importCertificate("client.pem", "client", SERVER_TRUST_STORE);
            importCertificate("server.pem", "server", CLIENT_TRUST_STORE);
        }

        private void keyPair(String store, String alias, String commonName) throws IOException {
            run("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=" + commonName, "-validity", VALIDITY_DAYS,
                    "-storetype", "PKCS12", "-keystore", store,
                    "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
        }

        private void exportCertificate(String store, String alias, String file) throws IOException {
            run("-exportcert", "-rfc", "-alias", alias, "-storetype", "PKCS12", "-keystore", store,
                    "-storepass:env", PASSWORD_VARIABLE, "-file", file);
        }

        private void importCertificate(String file, String alias, String store) throws IOException {
            run("-importcert", "-noprompt", "-alias", alias, "-file", file, "-storetype", "PKCS12",
                    "-keystore", store, "-storepass:env", PASSWORD_VARIABLE);
        }

        private void run(String... arguments) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            Path output = dir.resolve("keytool.out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put(PASSWORD_VARIABLE, password);
            Process process = builder.start();
            try {
                if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("keytool " + arguments[0] + " did not finish within "
                            + KEYTOOL_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running keytool " + arguments[0], e);
            }
            if (process.exitValue() != 0) {
                String text = Files.readString(output, StandardCharsets.UTF_8).strip();
                throw new IOException("keytool " + arguments[0] + " failed with status " + process.exitValue()
                        + (text.isEmpty() ? "" : ": " + text.replace(password, "***")));
            }
        }
    }
}
