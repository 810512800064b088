package dev.statestore.harness.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of requests to the Worker: methods, request targets built from the Worker's routes with hostile keys,
 * namespaces and query values, headers, and bodies (random bytes or batch JSON with hostile operations).
 * {@code {ns}} in a target stands for the Worker's namespace and is filled in when the request is sent.
 */
final class FuzzRequests {
    static final String NAMESPACE_PLACEHOLDER = "{ns}";
    /** Headers that RawHttp sets itself or that would change how the request is framed. */
    private static final Set<String> FRAMING_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding", "authorization", "expect", "upgrade");

    private FuzzRequests() {
    }

    /** One generated request, without its Authorization header, which the property adds. */
    record FuzzRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        @Override
        public String toString() {
            String shownBody = new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
            return method + " " + target + " " + headers + " body(" + body.length + " bytes)=" + shownBody;
        }
    }

    static Arbitrary<FuzzRequest> requests() {
        return Combinators.combine(methods(), targets(), headers(), bodies()).as(FuzzRequest::new);
    }

    /** Batch requests: POST /batch/{ns} with a JSON body of generated operations. */
    static Arbitrary<FuzzRequest> batchRequests() {
        return Combinators.combine(headers(), batchBodies())
                .as((headers, body) -> new FuzzRequest("POST", "/batch/" + NAMESPACE_PLACEHOLDER, headers,
                        body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Authorization header values that are not a valid token, or null for no header. */
    static Arbitrary<String> invalidAuthorizations() {
        Arbitrary<String> base64Url = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('-', '_').ofMaxLength(120);
        Arbitrary<String> jwtShaped = Combinators.combine(base64Url, base64Url, base64Url)
                .as((h, p, s) -> "Bearer " + h + "." + p + "." + s);
        Arbitrary<String> jsonShaped = Combinators.combine(jsonText(), jsonText(), base64Url)
                .as((h, p, s) -> "Bearer " + TokenForge.encode(h) + "." + TokenForge.encode(p) + "." + s);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(3, headerValues()),
                Tuple.of(4, jwtShaped),
                Tuple.of(4, jsonShaped),
                Tuple.of(1, Arbitraries.of("Bearer", "Bearer ", "bearer x.y.z", "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
                        "Bearer a.b.c.d", "Bearer ..", "Bearer " + "A".repeat(5000))));
    }

    private static Arbitrary<String> methods() {
        return Arbitraries.of("GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FUZZ");
    }

    private static Arbitrary<String> targets() {
        Arbitrary<String> route = Arbitraries.of("/kv/" + NAMESPACE_PLACEHOLDER + "/", "/kv/" + NAMESPACE_PLACEHOLDER,
                "/kv/", "/kv//", "/batch/" + NAMESPACE_PLACEHOLDER, "/batch/", "/list/" + NAMESPACE_PLACEHOLDER,
                "/list/", "/.well-known/dapr/info", "/", "/kv/other-ns/", "/kv/PUBLIC_KEY/", "/kv/__proto__/",
                "/control/reset", "/kv/" + NAMESPACE_PLACEHOLDER + "/a/");
        return Combinators.combine(route, pathSegments(), queries()).as((r, segment, query) -> r + segment + query);
    }

    private static Arbitrary<String> pathSegments() {
        Arbitrary<String> escaped = keys().map(FuzzRequests::percentEncode);
        Arbitrary<String> rawAscii = Arbitraries.strings().withCharRange('!', '~').excludeChars('#', '?')
                .ofMaxLength(40);
        Arbitrary<String> hostile = Arbitraries.of("", ".", "..", "%2e", "%2E%2E", "%", "%zz", "%E0%A4", "%C0%80",
                "%ED%A0%80", "%FF%FE", "a%00b", "%2F", "a/b/c", "..%2F..%2Fcontrol", ";jsessionid=1",
                "x".repeat(600), "%25".repeat(200));
        return Arbitraries.frequencyOf(Tuple.of(5, escaped), Tuple.of(3, rawAscii), Tuple.of(3, hostile));
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.of("ttl", "prefix", "limit", "cursor", "urlencoded", "ttl", "x");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "0", "59", "60", "-1", "1.5", "1e3", "2147483647", "2147483648", "%2B60", "%zz",
                        "99999999999999999999", "NaN", "Infinity", "%00", "1001", "abc"),
                keys().map(FuzzRequests::percentEncode));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(3).map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    private static Arbitrary<List<Map.Entry<String, String>>> headers() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("X-KV-Content-Type", "Content-Type", "X-KV-Expiration", "Accept", "X-Forwarded-For",
                        "CF-Connecting-IP", "Cookie"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(20)
                        .filter(name -> !FRAMING_HEADERS.contains(name)));
        Arbitrary<Map.Entry<String, String>> header = Combinators.combine(names, headerValues())
                .as((name, value) -> Map.entry(name, value));
        return header.list().ofMaxSize(4);
    }

    /** Header values: printable ASCII and Latin-1 bytes, never CR or LF. */
    private static Arbitrary<String> headerValues() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff').ofMaxLength(300);
    }

    private static Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        Arbitrary<byte[]> batch = batchBodies().map(text -> text.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(3, random), Tuple.of(2, batch),
                Tuple.of(1, Arbitraries.just(new byte[0])));
    }

    /** Raw keys: any UTF-16 text including lone surrogates, plus the keys KV forbids. */
    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("", ".", "..", "a".repeat(513), "日".repeat(57), "\ud800", "x\udfff"));
    }

    private static Arbitrary<String> batchBodies() {
        Arbitrary<String> operation = Combinators.combine(
                Arbitraries.of("\"get\"", "\"set\"", "\"delete\"", "\"GET\"", "\"drop\"", "null", "1", "[]"),
                keys().map(FuzzRequests::jsonString).injectNull(0.05),
                Arbitraries.oneOf(Arbitraries.of("\"dmFsdWU=\"", "\"\"", "\"not base64!\"", "\"YQ\"", "\"YQ==\"",
                        "\"YR==\"", "42", "null", "{}"), Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                        .map(bytes -> "\"" + Base64.getEncoder().encodeToString(bytes) + "\"")),
                Arbitraries.of("", ",\"ttl\":59", ",\"ttl\":60", ",\"ttl\":-1", ",\"ttl\":60.5", ",\"ttl\":\"60\"",
                        ",\"ttl\":2147483648", ",\"ttl\":1e308", ",\"ttl\":null", ",\"ttl\":true"),
                Arbitraries.of("", ",\"contentType\":\"text/plain\"", ",\"contentType\":\"\\u0000\"",
                        ",\"contentType\":5", ",\"contentType\":\"" + "x".repeat(300) + "\""))
                .as((op, key, value, ttl, contentType) -> "{\"op\":" + op + (key == null ? "" : ",\"key\":" + key)
                        + ",\"value\":" + value + ttl + contentType + "}");
        Arbitrary<String> ops = Arbitraries.oneOf(operation.list().ofMaxSize(8),
                        operation.list().ofMinSize(127).ofMaxSize(130))
                .map(list -> "{\"ops\":[" + String.join(",", list) + "]}");
        Arbitrary<String> malformed = Arbitraries.of("", "{", "[]", "null", "{\"ops\":{}}", "{\"ops\":null}",
                "{\"ops\":[1,2,3]}", "[".repeat(20_000), "{\"ops\":[" + "[".repeat(5000) + "]}", "\"\\ud800\"",
                "{\"ops\":[{\"op\":\"get\",\"key\":\"k\"}]}\u0000");
        return Arbitraries.frequencyOf(Tuple.of(5, ops), Tuple.of(1, malformed), Tuple.of(1, jsonText()));
    }

    /** Loosely JSON-like text: valid JSON objects and near misses. */
    private static Arbitrary<String> jsonText() {
        return Arbitraries.of("{}", "{\"alg\":\"EdDSA\"}", "{\"alg\":\"none\"}", "{\"alg\":\"EdDSA\",\"crit\":[\"x\"]}",
                "{\"iss\":\"dapr.io/cloudflare\",\"aud\":[],\"iat\":0,\"exp\":9999999999}", "[]", "null", "{",
                "{\"aud\":{\"length\":1}}", "\"\\ud800\"");
    }

    /** Percent-encodes every UTF-8 byte outside letters and digits; lone surrogates become '?' as Java encodes. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Writes a JSON string literal with every non-ASCII UTF-16 unit escaped, so lone surrogates survive. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static List<Map.Entry<String, String>> withAuthorization(List<Map.Entry<String, String>> headers,
            String authorization) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers.stream()
                .filter(h -> !h.getKey().equalsIgnoreCase("Authorization")).toList());
        if (authorization != null) {
            all.add(Map.entry("Authorization", authorization));
        }
        return all;
    }
}
