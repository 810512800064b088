package dev.statestore.harness.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.faults.KvStats;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks on the Worker's token check, sent as raw HTTP requests to the real worker.js in workerd: every forged,
 * malformed or stale token on every route gets the same 401, and no request reaches the KV binding. Tokens
 * that differ from a valid one only in a tolerated way (an audience array, clock skew under 300 s) pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationAttackTest {
    @RegisterExtension
    static final SecretLeakGuard LEAKS = new SecretLeakGuard();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WorkerdKvProcess emulator;
    private TokenAttack.Kit kit;
    private HttpResponse<String> reference;

    @BeforeAll
    void startEmulator() throws Exception {
        emulator = new WorkerdKvProcess();
        emulator.start();
        Ed25519KeyPair stranger = Ed25519KeyPair.generate();
        LEAKS.addPrivateKey("the Worker's private key", emulator.keyPair().privateKeyPem());
        LEAKS.addPrivateKey("another private key", stranger.privateKeyPem());
        kit = new TokenAttack.Kit(new TokenForge(emulator.keyPair().privateKeyPem(), emulator.workerName()),
                new TokenForge(emulator.keyPair().privateKeyPem(), TokenAttack.Kit.OTHER_WORKER),
                new TokenForge(stranger.privateKeyPem(), emulator.workerName()),
                emulator.keyPair().publicKeyPem(), emulator.workerName());
        reference = send(WorkerRoute.GET_KEY.request(emulator.workerUrl(), emulator.namespaceId(), null));
    }

    @AfterAll
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetKv() {
        emulator.control().reset();
        emulator.control().putEntry(WorkerRoute.VICTIM_KEY, WorkerRoute.VICTIM_VALUE.getBytes(StandardCharsets.UTF_8));
    }

    Stream<Arguments> attacksOnRoutes() {
        return Arrays.stream(TokenAttack.values())
                .flatMap(attack -> Arrays.stream(WorkerRoute.values()).map(route -> Arguments.of(attack, route)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("attacksOnRoutes")
    void attackIsRejectedWithoutTouchingKv(TokenAttack attack, WorkerRoute route) throws Exception {
        String authorization = attack.authorization(kit);
        registerBearerToken(authorization);
        KvStats before = KvStats.of(emulator.control());

        HttpResponse<String> response = send(route.request(emulator.workerUrl(), emulator.namespaceId(),
                authorization));

        assertEquals(401, response.statusCode(), "status of " + attack + " on " + route);
        assertEquals(reference.body(), response.body(), "every rejection has the same body");
        assertEquals("unauthorized", response.body());
        assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
        assertEquals(contentHeaders(reference.headers()), contentHeaders(response.headers()));
        assertEquals(before.totalRequests(), KvStats.of(emulator.control()).totalRequests(),
                "a rejected request must not reach the KV binding");
        assertEquals(1, emulator.control().count());
        assertEquals(WorkerRoute.VICTIM_VALUE,
                emulator.control().entry(WorkerRoute.VICTIM_KEY).orElseThrow().valueAsString());
    }

    @Test
    void sizeAttacksStraddleTheLimit() {
        int oversized = TokenAttack.OVERSIZED.authorization(kit).length();
        int largest = TokenAttack.bearer(TolerableToken.LARGEST_ACCEPTED_SIZE.create(kit)).length();

        assertTrue(oversized > 4096, "the oversized header must exceed 4096 characters: " + oversized);
        assertTrue(largest <= 4096, "the largest accepted header has " + largest + " characters");
        assertTrue(largest > 4090, "the largest accepted header has only " + largest + " characters");
    }

    /** Sends a valid token to every route, so that the attack checks are known to tell a pass from a 401. */
    @ParameterizedTest
    @EnumSource(WorkerRoute.class)
    void validTokenPassesOnEveryRoute(WorkerRoute route) throws Exception {
        String authorization = TokenAttack.bearer(kit.own().valid());
        registerBearerToken(authorization);
        KvStats before = KvStats.of(emulator.control());

        HttpResponse<String> response = send(route.request(emulator.workerUrl(), emulator.namespaceId(),
                authorization));

        assertNotEquals(401, response.statusCode(), route + " returned: " + response.body());
        assertTrue(response.statusCode() < 500, route + " returned " + response.statusCode());
        if (route.reachesKv()) {
            assertTrue(KvStats.of(emulator.control()).totalRequests() > before.totalRequests(),
                    route + " with a valid token must reach the KV binding");
        }
    }

    @ParameterizedTest
    @EnumSource(TolerableToken.class)
    void tolerableTokenIsAccepted(TolerableToken token) throws Exception {
        String authorization = TokenAttack.bearer(token.create(kit));
        registerBearerToken(authorization);

        HttpResponse<String> read = send(WorkerRoute.GET_KEY.request(emulator.workerUrl(), emulator.namespaceId(),
                authorization));
        HttpResponse<String> write = send(WorkerRoute.SET_KEY.request(emulator.workerUrl(), emulator.namespaceId(),
                authorization));

        assertEquals(200, read.statusCode(), token + ": " + read.body());
        assertEquals(WorkerRoute.VICTIM_VALUE, read.body());
        assertEquals(201, write.statusCode(), token + ": " + write.body());
        assertEquals("forged", emulator.control().entry(WorkerRoute.VICTIM_KEY).orElseThrow().valueAsString());
    }

    @Test
    void providerTokenIsAcceptedAsSigned() throws Exception {
        TokenSigner signer = new TokenSigner(PrivateKeys.parse(emulator.keyPair().privateKeyPem()),
                emulator.workerName(), Clock.systemUTC(), false);
        String authorization = "Bearer " + signer.sign(TokenForge.nowSeconds());
        registerBearerToken(authorization);

        HttpResponse<String> response = send(WorkerRoute.GET_KEY.request(emulator.workerUrl(),
                emulator.namespaceId(), authorization));

        assertEquals(200, response.statusCode());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void registerBearerToken(String authorization) {
        if (authorization != null) {
            LEAKS.addSecret("a bearer token sent to the Worker", authorization.replaceFirst("^\\S+ ", ""));
        }
    }

    private static String contentHeaders(HttpHeaders headers) {
        return headers.firstValue("Content-Type").orElse("") + "|" + headers.firstValue("Content-Length").orElse("");
    }

    /** Tokens that differ from the provider's but that the Worker must accept. */
    enum TolerableToken {
        AUDIENCE_ARRAY_WITH_WORKER {
            @Override
            String create(TokenAttack.Kit kit) {
                ObjectNode claims = kit.own().claims(TokenAttack.now());
                claims.putArray("aud").add(TokenAttack.Kit.OTHER_WORKER).add(kit.workerName());
                return kit.own().signed(TokenForge.header(), claims);
            }
        },
        AUDIENCE_ARRAY_OF_ONE {
            @Override
            String create(TokenAttack.Kit kit) {
                ObjectNode claims = kit.own().claims(TokenAttack.now());
                claims.putArray("aud").add(kit.workerName());
                return kit.own().signed(TokenForge.header(), claims);
            }
        },
        EXPIRED_WITHIN_SKEW {
            @Override
            String create(TokenAttack.Kit kit) {
                // Expired 200 s ago, inside the 300 s of tolerated clock skew.
                return kit.own().signed(TokenForge.header(), kit.own().claims(TokenAttack.now() - 260));
            }
        },
        ISSUED_IN_FUTURE_WITHIN_SKEW {
            @Override
            String create(TokenAttack.Kit kit) {
                return kit.own().signed(TokenForge.header(), kit.own().claims(TokenAttack.now() + 200));
            }
        },
        NOT_BEFORE_WITHIN_SKEW {
            @Override
            String create(TokenAttack.Kit kit) {
                return kit.own().signed(TokenForge.header(),
                        kit.own().claims(TokenAttack.now()).put("nbf", TokenAttack.now() + 200));
            }
        },
        WITHOUT_TYPE_HEADER {
            @Override
            String create(TokenAttack.Kit kit) {
                ObjectNode header = TokenForge.header();
                header.remove("typ");
                return kit.own().signed(header, kit.own().claims(TokenAttack.now()));
            }
        },
        LARGEST_ACCEPTED_SIZE {
            @Override
            String create(TokenAttack.Kit kit) {
                // The longest correctly signed token whose header "Bearer <token>" fits in 4096 characters.
                String best = null;
                for (int pad = 2000; ; pad++) {
                    String token = kit.own().signed(TokenForge.header(),
                            kit.own().claims(TokenAttack.now()).put("pad", "x".repeat(pad)));
                    if (TokenAttack.bearer(token).length() > 4096) {
                        return best;
                    }
                    best = token;
                }
            }
        };

        abstract String create(TokenAttack.Kit kit);
    }
}
