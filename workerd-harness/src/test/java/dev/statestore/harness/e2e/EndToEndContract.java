package dev.statestore.harness.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walking skeleton's path, end to end: ServiceLoader, the provider, an Ed25519 token, workerd,
 * worker.js and the simulated KV. Subclasses choose the runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WorkerdKv emulator;
    private StateStore store;

    /** Returns an unstarted emulator of the runtime under test. */
    abstract WorkerdKv createEmulator();

    @BeforeAll
    void startEmulator() {
        emulator = createEmulator();
        emulator.start();
        store = emulator.openStateStore();
    }

    @AfterAll
    void stopEmulator() {
        if (store != null) {
            store.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetKv() {
        emulator.control().reset();
    }

    @Test
    void setGetDelete() {
        store.set("greeting", "hello".getBytes(StandardCharsets.UTF_8));

        Optional<StateItem> item = store.get("greeting");
        assertTrue(item.isPresent());
        assertEquals("hello", item.get().valueAsString());
        assertEquals(List.of("greeting"), emulator.control().keys());

        store.delete("greeting");
        assertEquals(Optional.empty(), store.get("greeting"));
        assertEquals(0, emulator.control().count());
    }

    @Test
    void getOfMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), store.get("never-written"));
    }

    @Test
    void deleteOfMissingKeySucceeds() {
        store.delete("never-written");
        assertEquals(0, emulator.control().count());
    }

    @Test
    void ttlExpiresWhenClockAdvances() {
        store.set("session", "v".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
        Instant now = emulator.control().now();

        StateItem item = store.get("session").orElseThrow();
        Instant expiresAt = item.expiresAt().orElseThrow();
        assertFalse(expiresAt.isBefore(now.plusSeconds(58)), "expiry " + expiresAt + " is too early for " + now);
        assertFalse(expiresAt.isAfter(now.plusSeconds(62)), "expiry " + expiresAt + " is too late for " + now);
        assertEquals(expiresAt.toString(), item.metadata().get("ttlExpireTime"));

        emulator.control().advanceClock(Duration.ofSeconds(30));
        assertTrue(store.get("session").isPresent(), "value must live until its TTL has passed");

        emulator.control().advanceClock(Duration.ofSeconds(31));
        assertEquals(Optional.empty(), store.get("session"));
    }

    @Test
    void writeWithoutTtlReportsNoExpiry() {
        store.set("forever", "v".getBytes(StandardCharsets.UTF_8));
        StateItem item = store.get("forever").orElseThrow();
        assertEquals(Optional.empty(), item.expiresAt());
        assertFalse(item.metadata().containsKey("ttlExpireTime"));
    }

    @Test
    void ttlUnderSixtySecondsIsRejectedByClient() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.set("short", new byte[] {1}, Duration.ofSeconds(59)));
        assertTrue(error.getMessage().contains("at least 60"), error.getMessage());
        assertEquals(0, emulator.control().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "a/b", "100%", "what?", "frag#ment", "x^y", "...", "ń.html", "日本語キー",
            "q?x=1#frag", "$&+:=@!'()*,;", "%C5%84"})
    void unusualKeysRoundTrip(String key) {
        byte[] value = ("value of " + key).getBytes(StandardCharsets.UTF_8);
        store.set(key, value);

        assertArrayEquals(value, store.get(key).orElseThrow().value());
        assertEquals(1, emulator.control().count());

        store.delete(key);
        assertEquals(Optional.empty(), store.get(key));
    }

    @Test
    void binaryValueOfOneMebibyteRoundTrips() {
        byte[] value = new byte[1024 * 1024];
        new Random(42).nextBytes(value);
        store.set("blob", value);

        assertArrayEquals(value, store.get("blob").orElseThrow().value());
        assertArrayEquals(value, emulator.control().entry("blob").orElseThrow().value());
    }

    @Test
    void requestWithoutTokenIsRejected() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(keyUri("k")).GET().build());
        assertEquals(401, response.statusCode());
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() throws Exception {
        TokenSigner stranger = signer(Ed25519KeyPair.generate(), emulator.workerName());
        HttpResponse<String> response = send(HttpRequest.newBuilder(keyUri("k"))
                .header("Authorization", "Bearer " + stranger.token())
                .POST(HttpRequest.BodyPublishers.ofString("forged")).build());
        assertEquals(401, response.statusCode());
        assertEquals(0, emulator.control().count(), "a rejected write must not reach KV");
    }

    @Test
    void tokenForAnotherAudienceIsRejected() throws Exception {
        TokenSigner otherAudience = signer(emulator.keyPair(), "another-worker");
        HttpResponse<String> response = send(HttpRequest.newBuilder(keyUri("k"))
                .header("Authorization", "Bearer " + otherAudience.token())
                .POST(HttpRequest.BodyPublishers.ofString("forged")).build());
        assertEquals(401, response.statusCode());
        assertEquals(0, emulator.control().count(), "a rejected write must not reach KV");
    }

    @Test
    void validTokenIsAccepted() throws Exception {
        TokenSigner own = signer(emulator.keyPair(), emulator.workerName());
        HttpResponse<String> response = send(HttpRequest.newBuilder(keyUri("k"))
                .header("Authorization", "Bearer " + own.token())
                .POST(HttpRequest.BodyPublishers.ofString("signed")).build());
        assertEquals(201, response.statusCode());
        assertEquals("signed", emulator.control().entry("k").orElseThrow().valueAsString());
    }

    private URI keyUri(String escapedKey) {
        return URI.create(emulator.workerUrl() + "/kv/" + emulator.namespaceId() + "/" + escapedKey);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static TokenSigner signer(Ed25519KeyPair keyPair, String audience) {
        return new TokenSigner(PrivateKeys.parse(keyPair.privateKeyPem()), audience, Clock.systemUTC(), false);
    }
}
