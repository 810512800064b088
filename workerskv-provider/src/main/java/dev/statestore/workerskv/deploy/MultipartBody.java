package dev.statestore.workerskv.deploy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} request body (RFC 7578), built in memory. Immutable once built.
 *
 * <p>Part names and file names are quoted as browsers send them: {@code "}, CR and LF become {@code %22},
 * {@code %0D} and {@code %0A}. The boundary is random unless a test fixes it, and it never occurs in a part's
 * content: a random one is drawn again, a fixed one is rejected.
 */
public final class MultipartBody {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary;
    private final byte[] content;

    private MultipartBody(String boundary, byte[] content) {
        this.boundary = boundary;
        this.content = content;
    }

    /** Starts a body with a random boundary. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Starts a body with a fixed boundary, for tests that compare the exact bytes. */
    static Builder builder(String boundary) {
        return new Builder(requireValidBoundary(boundary));
    }

    public String boundary() {
        return boundary;
    }

    /** Returns the value of the request's {@code Content-Type} header. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Returns a copy of the encoded body. */
    public byte[] toByteArray() {
        return content.clone();
    }

    @Override
    public String toString() {
        return "MultipartBody{boundary='" + boundary + "', bytes=" + content.length + "}";
    }

    private static String requireValidBoundary(String boundary) {
        // RFC 2046 section 5.1.1: 1 to 70 characters; this builder allows only the unquoted-safe subset.
        if (boundary == null || !boundary.matches("[0-9A-Za-z'()+_,.\\-]{1,70}")) {
            throw new IllegalArgumentException("Invalid multipart boundary '" + boundary + "': use 1 to 70 "
                    + "letters, digits or '()+_,.-");
        }
        return boundary;
    }

    private static String randomBoundary() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "statestore-" + HexFormat.of().formatHex(bytes);
    }

    /** Collects the parts of a body, in order. Not thread-safe. */
    public static final class Builder {
        private final String fixedBoundary;
        private final List<Part> parts = new ArrayList<>();

        private Builder(String fixedBoundary) {
            this.fixedBoundary = fixedBoundary;
        }

        /**
         * Adds a part.
         *
         * @param name the form field name, sent as {@code name}
         * @param fileName the file name, or null to send none
         * @param contentType the part's media type, for example {@code application/json}
         * @param content the part's bytes, sent as they are
         */
        public Builder addPart(String name, String fileName, String contentType, byte[] content) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
            if (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Invalid content type for part '" + name + "': it contains a "
                        + "line break");
            }
            parts.add(new Part(name, fileName, contentType, content.clone()));
            return this;
        }

        /** Adds a UTF-8 text part without a file name. */
        public Builder addTextPart(String name, String contentType, String text) {
            return addPart(name, null, contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Encodes the parts; throws when a fixed boundary occurs in a part's content. */
        public MultipartBody build() {
            String boundary = fixedBoundary;
            if (boundary == null) {
                do {
                    boundary = randomBoundary();
                } while (occursInParts(boundary));
            } else if (occursInParts(boundary)) {
                throw new IllegalArgumentException("The multipart boundary '" + boundary + "' occurs in a part's "
                        + "content: choose another boundary.");
            }
            return new MultipartBody(boundary, encode(boundary));
        }

        private boolean occursInParts(String boundary) {
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            return parts.stream().anyMatch(part -> indexOf(part.content, delimiter) >= 0);
        }

        private byte[] encode(String boundary) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part part : parts) {
                writeAscii(out, "--" + boundary);
                out.writeBytes(CRLF);
                String disposition = "Content-Disposition: form-data; name=\"" + quote(part.name) + "\""
                        + (part.fileName == null ? "" : "; filename=\"" + quote(part.fileName) + "\"");
                out.writeBytes(disposition.getBytes(StandardCharsets.UTF_8));
                out.writeBytes(CRLF);
                writeAscii(out, "Content-Type: " + part.contentType);
                out.writeBytes(CRLF);
                out.writeBytes(CRLF);
                out.writeBytes(part.content);
                out.writeBytes(CRLF);
            }
            writeAscii(out, "--" + boundary + "--");
            out.writeBytes(CRLF);
            return out.toByteArray();
        }

        private static String quote(String value) {
            return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }

        private static void writeAscii(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int start = 0; start <= haystack.length - needle.length; start++) {
                for (int i = 0; i < needle.length; i++) {
                    if (haystack[start + i] != needle[i]) {
                        continue outer;
                    }
                }
                return start;
            }
            return -1;
        }
    }

    private record Part(String name, String fileName, String contentType, byte[] content) {
    }
}
