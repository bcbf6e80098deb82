package org.juju.agents.machine;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.juju.state.CharmRecord;
import org.juju.state.charm.CharmBundle;
import org.juju.state.error.CharmException;

/**
 * Downloads a charm bundle from the environment's charm storage ({@code file:} or {@code http(s):}
 * URLs) and verifies its sha256 against the record in the tree before anything uses it.
 */
final class BundleFetcher {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Fetches {@code charm}'s bundle to {@code target}.
     *
     * @throws CharmException if it cannot be fetched or its sha256 differs from the record; the
     *                        target is deleted then
     */
    Path fetch(CharmRecord charm, Path target) {
        URI uri = URI.create(charm.bundleUrl());
        try {
            Files.createDirectories(target.getParent());
            if ("file".equals(uri.getScheme())) {
                Files.copy(Path.of(uri), target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                download(charm, uri, target);
            }
        } catch (IOException e) {
            throw new CharmException("cannot fetch charm " + charm.url() + " from " + uri + ": " + e.getMessage(), e);
        }
        String actual = CharmBundle.sha256(target);
        if (!actual.equals(charm.sha256())) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // the mismatch is what gets reported
            }
            throw new CharmException("charm " + charm.url() + " from " + uri + " has sha256 " + actual
                    + ", the environment recorded " + charm.sha256() + ": not deployed");
        }
        return target;
    }

    /**
     * GETs {@code uri} into {@code target} with {@link HttpURLConnection}: a plain GET needs no more,
     * and it loads far fewer classes than {@code java.net.http} on an agent's start-up path.
     */
    private static void download(CharmRecord charm, URI uri, Path target) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new CharmException("cannot fetch charm " + charm.url() + " from " + uri + ": HTTP " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            connection.disconnect();
        }
    }
}
