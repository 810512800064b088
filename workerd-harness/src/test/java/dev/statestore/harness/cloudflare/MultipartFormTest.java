package dev.statestore.harness.cloudflare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.workerskv.deploy.MultipartBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    @Test
    void parsesProviderBody() {
        byte[] binary = {0, '\r', '\n', '-', '-', (byte) 0xfe};
        MultipartBody body = MultipartBody.builder()
                .addTextPart("metadata", "application/json", "{\"main_module\":\"worker.js\"}")
                .addPart("worker.js", "worker.js", "application/javascript+module; charset=utf-8", binary)
                .build();

        MultipartForm form = MultipartForm.parse(body.contentType(), body.toByteArray());

        assertEquals(List.of("metadata", "worker.js"), form.parts().stream().map(MultipartForm.Part::name).toList());
        MultipartForm.Part metadata = form.part("metadata").orElseThrow();
        assertNull(metadata.fileName());
        assertEquals("application/json", metadata.mediaType());
        assertEquals("{\"main_module\":\"worker.js\"}", metadata.text());
        MultipartForm.Part module = form.part("worker.js").orElseThrow();
        assertEquals("worker.js", module.fileName());
        assertEquals("application/javascript+module", module.mediaType());
        assertArrayEquals(binary, module.content());
    }

    @Test
    void acceptsQuotedBoundaryAndPreamble() {
        String text = "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--b--\r\n";

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=\"b\"", bytes(text));

        MultipartForm.Part part = form.part("a").orElseThrow();
        assertEquals("value", part.text());
        assertEquals("text/plain", part.contentType());
    }

    @Test
    void emptyFormHasNoParts() {
        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=b", bytes("--b--\r\n"));

        assertTrue(form.parts().isEmpty());
    }

    @Test
    void otherContentTypeRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MultipartForm.parse("application/json", bytes("{}")));

        assertTrue(error.getMessage().contains("expected multipart/form-data"), error.getMessage());
    }

    @Test
    void missingBoundaryParameterRejected() {
        assertThrows(IllegalArgumentException.class, () -> MultipartForm.parse("multipart/form-data", bytes("")));
    }

    @Test
    void bodyWithoutBoundaryRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MultipartForm.parse("multipart/form-data; boundary=b", bytes("no parts here")));

        assertTrue(error.getMessage().contains("does not contain the boundary"), error.getMessage());
    }

    @Test
    void unclosedPartRejected() {
        String text = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue";

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MultipartForm.parse("multipart/form-data; boundary=b", bytes(text)));

        assertTrue(error.getMessage().contains("not closed"), error.getMessage());
    }

    @Test
    void partWithoutNameRejected() {
        String text = "--b\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--b--\r\n";

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MultipartForm.parse("multipart/form-data; boundary=b", bytes(text)));

        assertTrue(error.getMessage().contains("has no name"), error.getMessage());
    }

    @Test
    void malformedHeaderRejected() {
        String text = "--b\r\nnot a header\r\n\r\nvalue\r\n--b--\r\n";

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MultipartForm.parse("multipart/form-data; boundary=b", bytes(text)));

        assertTrue(error.getMessage().contains("malformed header line"), error.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
