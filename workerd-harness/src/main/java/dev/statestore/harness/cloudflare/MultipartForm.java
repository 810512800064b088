package dev.statestore.harness.cloudflare;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code multipart/form-data} body (RFC 7578): its parts in order, each with its name, optional file
 * name, content type and bytes. Parsing is strict, and every problem throws {@link IllegalArgumentException}
 * with a message that names what is malformed.
 */
final class MultipartForm {
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern PARAMETER = Pattern.compile(";\\s*([A-Za-z*-]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * One part of the form.
     *
     * @param name the {@code name} of its {@code Content-Disposition}
     * @param fileName the {@code filename}, or null when it has none
     * @param contentType the {@code Content-Type}, {@code text/plain} when absent as RFC 7578 says
     * @param content the part's bytes
     */
    record Part(String name, String fileName, String contentType, byte[] content) {
        /** Returns the media type without parameters, in lower case. */
        String mediaType() {
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                    .toLowerCase(Locale.ROOT);
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    List<Part> parts() {
        return parts;
    }

    /** Returns the first part named {@code name}. */
    Optional<Part> part(String name) {
        return parts.stream().filter(part -> part.name().equals(name)).findFirst();
    }

    /** Parses a body sent with the request header {@code Content-Type: contentType}. */
    static MultipartForm parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("Content-Type is '" + contentType + "', expected multipart/form-data");
        }
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            throw new IllegalArgumentException("Content-Type '" + contentType + "' has no boundary parameter");
        }
        String boundary = boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] innerDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);

        int position;
        if (startsWith(body, 0, delimiter)) {
            position = delimiter.length;
        } else {
            int found = indexOf(body, innerDelimiter, 0);
            if (found < 0) {
                throw new IllegalArgumentException("the body does not contain the boundary '" + boundary + "'");
            }
            position = found + innerDelimiter.length;
        }

        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, position, new byte[] {'-', '-'})) {
                return new MultipartForm(parts);
            }
            if (!startsWith(body, position, CRLF)) {
                throw new IllegalArgumentException("a boundary line of part " + (parts.size() + 1)
                        + " is not followed by CRLF");
            }
            position += CRLF.length;
            int headerEnd = indexOf(body, HEADER_END, position);
            if (headerEnd < 0) {
                throw new IllegalArgumentException("the headers of part " + (parts.size() + 1) + " do not end "
                        + "with an empty line");
            }
            Map<String, String> headers = headers(new String(body, position, headerEnd - position,
                    StandardCharsets.UTF_8), parts.size() + 1);
            int contentStart = headerEnd + HEADER_END.length;
            int contentEnd = indexOf(body, innerDelimiter, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("part " + (parts.size() + 1) + " is not closed by the boundary");
            }
            byte[] content = new byte[contentEnd - contentStart];
            System.arraycopy(body, contentStart, content, 0, content.length);
            parts.add(part(headers, content, parts.size() + 1));
            position = contentEnd + innerDelimiter.length;
        }
    }

    private static Part part(Map<String, String> headers, byte[] content, int number) {
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.strip().toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IllegalArgumentException("part " + number + " has no 'Content-Disposition: form-data' header");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(disposition);
        while (matcher.find()) {
            String value = matcher.group(2) != null ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(3);
            parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), value);
        }
        String name = parameters.get("name");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("part " + number + " has no name in its Content-Disposition");
        }
        String contentType = headers.getOrDefault("content-type", "text/plain");
        return new Part(name, parameters.get("filename"), contentType, content);
    }

    private static Map<String, String> headers(String block, int number) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("part " + number + " has a malformed header line '" + line + "'");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset < 0 || offset + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        for (int start = Math.max(from, 0); start <= data.length - needle.length; start++) {
            if (startsWith(data, start, needle)) {
                return start;
            }
        }
        return -1;
    }
}
