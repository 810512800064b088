package dev.statestore.benchmarks.micro;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JMH annotation processor ran at compile time, so the jar can find its benchmarks. */
class BenchmarkListTest {

    @Test
    void everyBenchmarkMethodIsListed() throws Exception {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(list, "META-INF/BenchmarkList is missing: jmh-generator-annprocess did not run");
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(text.contains("TokenSignerBenchmark_tokenReused_jmhTest"), text);
            assertTrue(text.contains("TokenSignerBenchmark_tokenSignedPerCall_jmhTest"), text);
            assertTrue(text.contains("KeyEscaperBenchmark_escapeAsciiKey_jmhTest"), text);
            assertTrue(text.contains("KeyEscaperBenchmark_escapeUnicodeKey_jmhTest"), text);
        }
    }

    @Test
    void benchmarksReturnTheirWork() {
        TokenSignerBenchmark signer = new TokenSignerBenchmark();
        signer.createSigners();
        KeyEscaperBenchmark escaper = new KeyEscaperBenchmark();

        assertTrue(signer.tokenReused().split("\\.").length == 3, "a token has three parts");
        assertTrue(signer.tokenSignedPerCall().split("\\.").length == 3, "a token has three parts");
        assertTrue(escaper.escapeAsciiKey().equals("orders%7C%7Corder-000042"), escaper.escapeAsciiKey());
        assertTrue(escaper.escapeUnicodeKey().startsWith("zam%C3%B3wienie%2F"), escaper.escapeUnicodeKey());
    }
}
