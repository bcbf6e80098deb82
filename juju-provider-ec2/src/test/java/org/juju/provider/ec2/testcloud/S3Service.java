package org.juju.provider.ec2.testcloud;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** The S3 REST endpoint (path-style addressing) of the test cloud: buckets of objects held in memory. */
final class S3Service implements HttpHandler {
    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private record StoredObject(byte[] data, String etag, String contentType, Instant lastModified) {
    }

    private final TestCloud cloud;
    private final Map<String, NavigableMap<String, StoredObject>> buckets = new TreeMap<>();

    S3Service(TestCloud cloud) {
        this.cloud = cloud;
    }

    synchronized Map<String, byte[]> objects(String bucket) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        NavigableMap<String, StoredObject> b = buckets.get(bucket);
        if (b != null) {
            b.forEach((k, v) -> out.put(k, v.data().clone()));
        }
        return out;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
            int slash = path.indexOf('/');
            String bucket = decodePath(slash < 0 ? path : path.substring(0, slash));
            String key = slash < 0 || slash == path.length() - 1 ? null : decodePath(path.substring(slash + 1));
            Map<String, String> query = QueryParams.parse(ex.getRequestURI().getRawQuery());
            String op = operation(method, bucket, key, query);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("bucket", bucket);
            if (key != null) {
                params.put("key", key);
            }
            params.putAll(query);
            SigV4.Signature sig = SigV4.of(ex.getRequestHeaders(), query);
            String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
            ex.getResponseHeaders().set("x-amz-request-id", requestId);
            Response response;
            try {
                byte[] body = ex.getRequestBody().readAllBytes();
                checkAuth(sig, query);
                if (query.containsKey("X-Amz-Signature") && !SigV4.verify(sig, cloud.secretKey(), method, rawPath,
                        ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), "UNSIGNED-PAYLOAD")) {
                    throw new CloudError(403, "SignatureDoesNotMatch", "The request signature we calculated does not "
                            + "match the signature you provided. Check your key and signing method.");
                }
                CloudFault fault = cloud.takeFault(op);
                if (fault != null) {
                    throw fault.s3();
                }
                response = execute(op, bucket, key, query, ex.getRequestHeaders(), body, ex.getResponseHeaders());
            } catch (RuntimeException e) {
                CloudError error = e instanceof CloudError ce ? ce
                        : new CloudError(500, "InternalError", "test cloud bug: " + e);
                String resource = "/" + bucket + (key == null ? "" : "/" + key);
                String xml = new Xml("Error", null).el("Code", error.code()).el("Message", error.getMessage())
                        .el("Resource", resource).el("RequestId", requestId).finish();
                response = new Response(error.status(), "application/xml", xml.getBytes(StandardCharsets.UTF_8));
            }
            cloud.record(new CloudRequest("s3", op, params, sig == null ? "" : sig.accessKey(), response.status()));
            send(ex, response);
        } finally {
            ex.close();
        }
    }

    private record Response(int status, String contentType, byte[] body) {
        static Response empty(int status) {
            return new Response(status, null, null);
        }
    }

    private static void send(HttpExchange ex, Response r) throws IOException {
        if (r.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", r.contentType());
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (head || r.body() == null || r.status() == 204) {
            if (!head && r.status() != 204) {
                ex.getResponseHeaders().set("Content-Length", "0");
            }
            ex.sendResponseHeaders(r.status(), -1);
        } else {
            ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            ex.getResponseBody().write(r.body());
        }
    }

    private static String operation(String method, String bucket, String key, Map<String, String> query) {
        if (bucket.isEmpty()) {
            return method.equals("GET") ? "ListBuckets" : "Unknown";
        }
        if (key == null) {
            return switch (method) {
                case "PUT" -> "CreateBucket";
                case "HEAD" -> "HeadBucket";
                case "DELETE" -> "DeleteBucket";
                case "GET" -> query.containsKey("location") ? "GetBucketLocation"
                        : "2".equals(query.get("list-type")) ? "ListObjectsV2" : "ListObjects";
                default -> "Unknown";
            };
        }
        return switch (method) {
            case "PUT" -> "PutObject";
            case "GET" -> "GetObject";
            case "HEAD" -> "HeadObject";
            case "DELETE" -> "DeleteObject";
            default -> "Unknown";
        };
    }

    private void checkAuth(SigV4.Signature sig, Map<String, String> query) {
        if (sig == null) {
            throw new CloudError(403, "AccessDenied", "Access Denied");
        }
        if (!sig.accessKey().equals(cloud.accessKey())) {
            throw new CloudError(403, "InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.");
        }
        if (query.containsKey("X-Amz-Expires")) {
            try {
                Instant signed = AMZ_DATE.parse(query.getOrDefault("X-Amz-Date", ""), Instant::from);
                long seconds = Long.parseLong(query.get("X-Amz-Expires"));
                if (cloud.now().isAfter(signed.plus(Duration.ofSeconds(seconds)))) {
                    throw new CloudError(403, "AccessDenied", "Request has expired");
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new CloudError(403, "AuthorizationQueryParametersError", "Invalid X-Amz-Date or X-Amz-Expires");
            }
        }
    }

    private synchronized Response execute(String op, String bucket, String key, Map<String, String> query,
            Headers in, byte[] body, Headers out) {
        switch (op) {
            case "ListBuckets": {
                Xml xml = new Xml("ListAllMyBucketsResult", NS).start("Owner").el("ID", Ec2Service.OWNER_ID).end()
                        .start("Buckets");
                buckets.keySet().forEach(b -> xml.start("Bucket").el("Name", b).el("CreationDate", "2026-01-01T00:00:00.000Z").end());
                return xmlResponse(xml.end());
            }
            case "CreateBucket": {
                if (buckets.containsKey(bucket)) {
                    throw new CloudError(409, "BucketAlreadyOwnedByYou",
                            "Your previous request to create the named bucket succeeded and you already own it.");
                }
                buckets.put(bucket, new TreeMap<>());
                out.set("Location", "/" + bucket);
                return Response.empty(200);
            }
            case "HeadBucket":
                bucket(bucket);
                out.set("x-amz-bucket-region", cloud.region());
                return Response.empty(200);
            case "DeleteBucket":
                if (!bucket(bucket).isEmpty()) {
                    throw new CloudError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
                }
                buckets.remove(bucket);
                return Response.empty(204);
            case "GetBucketLocation":
                bucket(bucket);
                return xmlResponse(new Xml("LocationConstraint", NS));
            case "ListObjects":
            case "ListObjectsV2":
                return list(bucket, query);
            case "PutObject": {
                NavigableMap<String, StoredObject> b = bucket(bucket);
                if (in.containsKey("x-amz-copy-source")) {
                    throw new CloudError(501, "NotImplemented", "CopyObject is not implemented by the test cloud");
                }
                byte[] data = decodeBody(in, body);
                String etag = "\"" + SigV4.hex(md5(data)) + "\"";
                String contentType = in.getFirst("Content-Type");
                b.put(key, new StoredObject(data, etag, contentType == null ? "binary/octet-stream" : contentType,
                        cloud.now().truncatedTo(ChronoUnit.SECONDS)));
                out.set("ETag", etag);
                return Response.empty(200);
            }
            case "GetObject":
            case "HeadObject": {
                StoredObject o = object(bucket, key);
                out.set("ETag", o.etag());
                out.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(o.lastModified().atOffset(ZoneOffset.UTC)));
                out.set("Accept-Ranges", "bytes");
                if (op.equals("HeadObject")) {
                    out.set("Content-Length", String.valueOf(o.data().length));
                }
                return new Response(200, o.contentType(), o.data());
            }
            case "DeleteObject":
                bucket(bucket).remove(key);
                return Response.empty(204);
            default:
                throw new CloudError(501, "NotImplemented", "A header or query you provided implies functionality "
                        + "that is not implemented by the test cloud");
        }
    }

    private Response list(String bucket, Map<String, String> query) {
        NavigableMap<String, StoredObject> b = bucket(bucket);
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        String after = query.getOrDefault("continuation-token", query.getOrDefault("start-after", query.get("marker")));
        boolean urlEncoded = "url".equals(query.get("encoding-type"));
        boolean v2 = "2".equals(query.get("list-type"));
        Xml xml = new Xml("ListBucketResult", NS).el("Name", bucket).el("Prefix", enc(prefix, urlEncoded));
        if (delimiter != null) {
            xml.el("Delimiter", enc(delimiter, urlEncoded));
        }
        if (urlEncoded) {
            xml.el("EncodingType", "url");
        }
        xml.el("MaxKeys", maxKeys);
        Xml contents = new Xml("x", null);
        TreeSet<String> commonPrefixes = new TreeSet<>();
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, StoredObject> e : (after == null ? b : b.tailMap(after, false)).entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(prefix)) {
                continue;
            }
            if (count >= maxKeys) {
                truncated = true;
                break;
            }
            if (delimiter != null && !delimiter.isEmpty()) {
                int d = k.indexOf(delimiter, prefix.length());
                if (d >= 0) {
                    if (commonPrefixes.add(k.substring(0, d + delimiter.length()))) {
                        count++;
                    }
                    last = k;
                    continue;
                }
            }
            StoredObject o = e.getValue();
            xml.start("Contents").el("Key", enc(k, urlEncoded)).el("LastModified", o.lastModified().toString())
                    .el("ETag", o.etag()).el("Size", o.data().length).el("StorageClass", "STANDARD").end();
            count++;
            last = k;
        }
        for (String p : commonPrefixes) {
            xml.start("CommonPrefixes").el("Prefix", enc(p, urlEncoded)).end();
        }
        xml.el("IsTruncated", truncated);
        if (v2) {
            xml.el("KeyCount", count);
            if (query.containsKey("continuation-token")) {
                xml.el("ContinuationToken", query.get("continuation-token"));
            }
            if (truncated) {
                xml.el("NextContinuationToken", last);
            }
        } else if (truncated) {
            xml.el("NextMarker", enc(last, urlEncoded));
        }
        return xmlResponse(xml);
    }

    private static String enc(String s, boolean urlEncoded) {
        return urlEncoded ? URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20") : s;
    }

    private static Response xmlResponse(Xml xml) {
        return new Response(200, "application/xml", xml.finish().getBytes(StandardCharsets.UTF_8));
    }

    /** The object bytes of a PutObject body, undoing {@code aws-chunked} encoding when the request uses it. */
    private static byte[] decodeBody(Headers in, byte[] body) {
        String sha = in.getFirst("x-amz-content-sha256");
        String encoding = in.getFirst("Content-Encoding");
        boolean chunked = (sha != null && sha.startsWith("STREAMING-"))
                || (encoding != null && encoding.contains("aws-chunked"));
        byte[] data;
        try {
            data = chunked ? AwsChunked.decode(body) : body;
        } catch (RuntimeException e) {
            throw new CloudError(400, "IncompleteBody", "Bad aws-chunked body: " + e.getMessage());
        }
        String decodedLength = in.getFirst("x-amz-decoded-content-length");
        if (decodedLength != null && Long.parseLong(decodedLength) != data.length) {
            throw new CloudError(400, "IncompleteBody",
                    "You did not provide the number of bytes specified by the x-amz-decoded-content-length header.");
        }
        return data;
    }

    private NavigableMap<String, StoredObject> bucket(String name) {
        NavigableMap<String, StoredObject> b = buckets.get(name);
        if (b == null) {
            throw new CloudError(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        return b;
    }

    private StoredObject object(String bucket, String key) {
        StoredObject o = bucket(bucket).get(key);
        if (o == null) {
            throw new CloudError(404, "NoSuchKey", "The specified key does not exist.");
        }
        return o;
    }

    /** Percent-decoding of a path segment: unlike form decoding, {@code +} stays a plus. */
    private static String decodePath(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
