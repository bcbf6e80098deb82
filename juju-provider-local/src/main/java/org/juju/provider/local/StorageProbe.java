package org.juju.provider.local;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.time.Duration;

/**
 * Asks whether the charm storage daemon serves at an address: a {@code HEAD /} answered (with any
 * status) by a server that names itself {@value StorageHandler#SERVER_NAME}. A refused connection,
 * silence within the timeout or another server (one that took the port of a dead daemon) means it
 * does not serve (yet).
 */
final class StorageProbe {
    private StorageProbe() {
    }

    /** True if the charm storage daemon answers at {@code address} within {@code timeout}. */
    static boolean serves(StorageAddress address, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) address.objectUrl("").toURL().openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod("HEAD");
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setUseCaches(false);
            connection.getResponseCode();
            return StorageHandler.SERVER_NAME.equals(connection.getHeaderField("Server"));
        } catch (IOException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
