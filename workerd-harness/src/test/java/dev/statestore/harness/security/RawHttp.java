package dev.statestore.harness.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to a loopback port, one request per connection. Unlike {@code java.net.http} it
 * sends any request target and header value as given (invalid percent-escapes, raw non-ASCII bytes), which is
 * what fuzzing the Worker needs.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /** The status code and the raw bytes after the header block (chunk framing included, if any). */
    record Response(int status, String head, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request and reads the whole response. {@code target} is the request target as it goes on the
     * wire; header values are sent as ISO-8859-1 bytes.
     */
    static Response send(URI base, String method, String target, List<Map.Entry<String, String>> headers,
            byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);

            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            head.append("Connection: close\r\n");
            for (Map.Entry<String, String> header : headers) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();

            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String head = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
            throw new IOException("Not an HTTP/1.1 response: '" + head.lines().findFirst().orElse("") + "'");
        }
        int status = Integer.parseInt(head.substring(9, 12));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (end >= 0) {
            body.write(raw, end + 4, raw.length - end - 4);
        }
        return new Response(status, head, body.toByteArray());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
