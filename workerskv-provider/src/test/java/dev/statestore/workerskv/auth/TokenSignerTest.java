package dev.statestore.workerskv.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statestore.workerskv.TestClock;
import dev.statestore.workerskv.TestKeys;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2030-01-01T00:00:00.250Z");

    private final Ed25519PrivateKeyParameters key = PrivateKeys.parse(TestKeys.ed25519PrivatePem());
    private final TestClock clock = new TestClock(START);

    private TokenSigner signer(boolean reuse) {
        return new TokenSigner(key, "statestore-kv", clock, reuse);
    }

    private static JsonNode segment(String token, int index) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static boolean verifies(String token, Ed25519PublicKeyParameters publicKey) {
        int lastDot = token.lastIndexOf('.');
        byte[] signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(signingInput, 0, signingInput.length);
        return verifier.verifySignature(signature);
    }

    @Test
    void threeBase64UrlSegments() {
        String token = signer(true).token();

        String[] segments = token.split("\\.", -1);

        assertEquals(3, segments.length, token);
        for (String segment : segments) {
            assertTrue(segment.matches("[A-Za-z0-9_-]+"), segment);
        }
    }

    @Test
    void headerAlgEdDsa() throws IOException {
        JsonNode header = segment(signer(true).token(), 0);

        assertEquals("EdDSA", header.path("alg").asText());
        assertEquals("JWT", header.path("typ").asText());
    }

    @Test
    void claims() throws IOException {
        JsonNode claims = segment(signer(true).token(), 1);

        assertEquals("dapr.io/cloudflare", claims.path("iss").asText());
        assertEquals("statestore-kv", claims.path("aud").asText());
        assertEquals(START.getEpochSecond(), claims.path("iat").asLong());
        assertEquals(START.getEpochSecond() + 60, claims.path("exp").asLong());
        assertTrue(claims.path("iat").isIntegralNumber(), claims.toString());
    }

    @Test
    void signatureVerifiesWithDerivedPublicKey() {
        String token = signer(true).token();

        assertTrue(verifies(token, key.generatePublicKey()));
    }

    @Test
    void signatureFailsForOtherKey() {
        String token = signer(true).token();
        Ed25519PrivateKeyParameters other = PrivateKeys.parse(TestKeys.ed25519PrivatePem());

        assertFalse(verifies(token, other.generatePublicKey()));
    }

    @Test
    void signatureFailsForChangedClaims() throws IOException {
        String token = signer(true).token();
        String[] segments = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                segment(token, 1).toString().replace("statestore-kv", "other-worker")
                        .getBytes(StandardCharsets.UTF_8));

        assertFalse(verifies(segments[0] + "." + forged + "." + segments[2], key.generatePublicKey()));
    }

    @Test
    void reusedWithin30Seconds() {
        TokenSigner signer = signer(true);
        String first = signer.token();

        clock.advance(Duration.ofMillis(29_999));

        assertEquals(first, signer.token());
    }

    @Test
    void renewedAfter30Seconds() throws IOException {
        TokenSigner signer = signer(true);
        String first = signer.token();

        clock.advance(Duration.ofSeconds(30));
        String second = signer.token();

        assertNotEquals(first, second);
        assertEquals(START.getEpochSecond() + 30, segment(second, 1).path("iat").asLong());
    }

    @Test
    void renewedWhenClockGoesBack() throws IOException {
        TokenSigner signer = signer(true);
        signer.token();

        clock.advance(Duration.ofSeconds(-5));
        String second = signer.token();

        assertEquals(START.getEpochSecond() - 5, segment(second, 1).path("iat").asLong());
    }

    @Test
    void noReuseSignsEachCall() throws IOException {
        TokenSigner signer = signer(false);
        String first = signer.token();

        clock.advance(Duration.ofSeconds(1));
        String second = signer.token();

        assertNotEquals(first, second);
        assertEquals(START.getEpochSecond() + 1, segment(second, 1).path("iat").asLong());
    }

    @Test
    void signUsesGivenIssuedAt() throws IOException {
        String token = signer(true).sign(1_000);

        assertEquals(1_000, segment(token, 1).path("iat").asLong());
        assertEquals(1_060, segment(token, 1).path("exp").asLong());
        assertTrue(verifies(token, key.generatePublicKey()));
    }

    @Test
    void toStringOmitsKey() {
        String text = signer(true).toString();

        String encodedKey = Base64.getEncoder().encodeToString(key.getEncoded());
        assertFalse(text.contains(encodedKey), text);
        assertTrue(text.contains("statestore-kv"), text);
    }
}
