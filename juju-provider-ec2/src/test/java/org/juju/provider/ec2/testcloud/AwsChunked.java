package org.juju.provider.ec2.testcloud;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an {@code aws-chunked} request body: chunks of {@code hex-size[;chunk-signature=...]\r\n data \r\n}, ended by
 * a zero-size chunk, optionally followed by trailer headers (checksums, trailer signature), which are ignored.
 */
final class AwsChunked {
    private AwsChunked() {
    }

    static byte[] decode(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int pos = 0;
        while (true) {
            int eol = indexOfCrlf(body, pos);
            if (eol < 0) {
                throw new IllegalArgumentException("aws-chunked body: no chunk header at " + pos);
            }
            String header = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
            int semi = header.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? header : header.substring(0, semi)).trim(), 16);
            pos = eol + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (pos + size > body.length) {
                throw new IllegalArgumentException("aws-chunked body: chunk of " + size + " bytes is cut short");
            }
            out.write(body, pos, size);
            pos += size;
            if (pos + 1 < body.length && body[pos] == '\r' && body[pos + 1] == '\n') {
                pos += 2;
            }
        }
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
