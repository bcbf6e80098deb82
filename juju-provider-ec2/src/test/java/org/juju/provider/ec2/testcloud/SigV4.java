package org.juju.provider.ec2.testcloud;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as the test cloud checks it: the access key of a request (Authorization header or presigned
 * query) and, where it verifies, the signature itself.
 */
final class SigV4 {
    private SigV4() {
    }

    /** The parsed parts of a signature. */
    record Signature(String accessKey, String date, String scope, List<String> signedHeaders, String signature) {
    }

    /** The signature from the Authorization header, else from the X-Amz-* query parameters; null if unsigned. */
    static Signature of(Headers headers, Map<String, String> query) {
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.startsWith("AWS4-HMAC-SHA256 ")) {
            Map<String, String> parts = new TreeMap<>();
            for (String part : auth.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
            return parse(parts.get("Credential"), headers.getFirst("X-Amz-Date"), parts.get("SignedHeaders"),
                    parts.get("Signature"));
        }
        if (auth != null && auth.startsWith("AWS ")) {
            String cred = auth.substring(4);
            int colon = cred.indexOf(':');
            return new Signature(colon < 0 ? cred : cred.substring(0, colon), null, null, List.of(), null);
        }
        if (query.containsKey("X-Amz-Credential")) {
            return parse(query.get("X-Amz-Credential"), query.get("X-Amz-Date"), query.get("X-Amz-SignedHeaders"),
                    query.get("X-Amz-Signature"));
        }
        return null;
    }

    private static Signature parse(String credential, String date, String signedHeaders, String signature) {
        if (credential == null) {
            return null;
        }
        int slash = credential.indexOf('/');
        String key = slash < 0 ? credential : credential.substring(0, slash);
        String scope = slash < 0 ? "" : credential.substring(slash + 1);
        List<String> signed = signedHeaders == null ? List.of() : List.of(signedHeaders.split(";"));
        return new Signature(key, date, scope, signed, signature);
    }

    /**
     * Whether {@code sig} is the signature of this request under {@code secret}.
     *
     * @param rawPath     the path as sent (already URI-encoded)
     * @param rawQuery    the query as sent, or null; {@code X-Amz-Signature} is left out of the canonical query
     * @param payloadHash hex SHA-256 of the body, or {@code UNSIGNED-PAYLOAD}
     */
    static boolean verify(Signature sig, String secret, String method, String rawPath, String rawQuery, Headers headers,
            String payloadHash) {
        if (sig.signature() == null || sig.date() == null || sig.scope() == null) {
            return false;
        }
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n');
        canonical.append(rawPath == null || rawPath.isEmpty() ? "/" : rawPath).append('\n');
        canonical.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : sig.signedHeaders()) {
            List<String> values = headers.get(name);
            String value = values == null ? "" : String.join(",", values);
            canonical.append(name).append(':').append(value.trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(String.join(";", sig.signedHeaders())).append('\n').append(payloadHash);
        String stringToSign = "AWS4-HMAC-SHA256\n" + sig.date() + "\n" + sig.scope() + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        String[] scope = sig.scope().split("/");
        if (scope.length != 4) {
            return false;
        }
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[0]);
        key = hmac(key, scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        String expected = hex(hmac(key, stringToSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sig.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.equals("X-Amz-Signature")) {
                pairs.add(new String[] {encode(name), encode(value)});
            }
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding of everything but unreserved characters, as SigV4 wants it. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
