package org.juju.agents.machine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new CharmException("cannot fetch charm " + charm.url() + " from " + uri + ": HTTP " + response.statusCode());
                }
                try (InputStream body = response.body()) {
                    Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new CharmException("cannot fetch charm " + charm.url() + " from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CharmException("interrupted while fetching charm " + charm.url(), e);
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
}
