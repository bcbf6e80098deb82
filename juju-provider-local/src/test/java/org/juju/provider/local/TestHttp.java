package org.juju.provider.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test support: HTTP requests to the charm storage daemon, as machines make them and raw. */
final class TestHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    /** A request with {@code method} (no body), the way a machine agent's client sends it. */
    static HttpResponse<byte[]> send(String method, URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET of {@code uri}. */
    static HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        return send("GET", uri);
    }

    /**
     * The status line of the answer to {@code METHOD TARGET HTTP/1.1} with a small body, sent as it
     * is written: no client normalizes or encodes the target.
     */
    static String rawStatusLine(StorageAddress address, String method, String target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 5000);
            socket.setSoTimeout(10_000);
            String request = method + " " + target + " HTTP/1.1\r\nHost: " + address + "\r\nContent-Length: 4\r\n"
                    + "Connection: close\r\n\r\nbody";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return firstLine(socket.getInputStream());
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
