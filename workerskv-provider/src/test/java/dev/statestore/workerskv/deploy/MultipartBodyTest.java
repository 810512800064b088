package dev.statestore.workerskv.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    @Test
    void encodesPartsInOrder() {
        MultipartBody body = MultipartBody.builder("b0undary")
                .addTextPart("metadata", "application/json", "{\"a\":1}")
                .addPart("worker.js", "worker.js", "application/javascript+module",
                        "export default {};".getBytes(StandardCharsets.UTF_8))
                .build();

        String expected = "--b0undary\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n"
                + "\r\n"
                + "{\"a\":1}\r\n"
                + "--b0undary\r\n"
                + "Content-Disposition: form-data; name=\"worker.js\"; filename=\"worker.js\"\r\n"
                + "Content-Type: application/javascript+module\r\n"
                + "\r\n"
                + "export default {};\r\n"
                + "--b0undary--\r\n";
        assertEquals(expected, new String(body.toByteArray(), StandardCharsets.UTF_8));
        assertEquals("multipart/form-data; boundary=b0undary", body.contentType());
    }

    @Test
    void keepsBinaryContentAsIs() {
        byte[] content = {0, (byte) 0xff, '\r', '\n', '-', '-'};
        MultipartBody body = MultipartBody.builder("x").addPart("blob", null, "application/octet-stream", content)
                .build();

        byte[] encoded = body.toByteArray();
        byte[] head = ("--x\r\nContent-Disposition: form-data; name=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < content.length; i++) {
            assertEquals(content[i], encoded[head.length + i], "byte " + i);
        }
    }

    @Test
    void quotesNamesLikeBrowsers() {
        MultipartBody body = MultipartBody.builder("x")
                .addPart("a\"b", "line\r\nbreak.js", "text/plain", new byte[0]).build();

        String text = new String(body.toByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.contains("name=\"a%22b\"; filename=\"line%0D%0Abreak.js\""), text);
    }

    @Test
    void randomBoundaryAvoidsContent() {
        MultipartBody first = MultipartBody.builder().addTextPart("p", "text/plain", "hello").build();
        MultipartBody second = MultipartBody.builder().addTextPart("p", "text/plain", "hello").build();

        assertNotEquals(first.boundary(), second.boundary());
        String text = new String(first.toByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("--" + first.boundary() + "\r\n"), text);
        assertTrue(text.endsWith("--" + first.boundary() + "--\r\n"), text);
    }

    @Test
    void fixedBoundaryInContentRejected() {
        MultipartBody.Builder builder = MultipartBody.builder("clash").addTextPart("p", "text/plain", "a--clash");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(error.getMessage().contains("'clash'"), error.getMessage());
    }

    @Test
    void invalidBoundaryRejected() {
        assertThrows(IllegalArgumentException.class, () -> MultipartBody.builder("has space"));
        assertThrows(IllegalArgumentException.class, () -> MultipartBody.builder("x".repeat(71)));
        assertThrows(IllegalArgumentException.class, () -> MultipartBody.builder(""));
    }

    @Test
    void contentTypeWithLineBreakRejected() {
        MultipartBody.Builder builder = MultipartBody.builder();

        assertThrows(IllegalArgumentException.class,
                () -> builder.addPart("p", null, "text/plain\r\nX-Injected: 1", new byte[0]));
    }

    @Test
    void bodyIsACopy() {
        MultipartBody body = MultipartBody.builder("x").addTextPart("p", "text/plain", "v").build();

        byte[] bytes = body.toByteArray();
        bytes[0] = 'Z';
        assertFalse(body.toByteArray()[0] == 'Z');
    }
}
