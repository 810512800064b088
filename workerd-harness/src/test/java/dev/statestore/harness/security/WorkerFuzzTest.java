package dev.statestore.harness.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.control.FaultSpec;
import dev.statestore.harness.faults.KvStats;
import dev.statestore.harness.faults.RawFaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Generated requests against the real worker.js in workerd: hostile paths, query values, headers and bodies,
 * with and without a valid token. Without a valid token every request gets 401 and reaches no KV. With one, no
 * request gets a 5xx unless the KV itself fails, and then only a 502 that names the KV failure. After every try
 * workerd is still running, and after all of them it still serves a valid request.
 */
class WorkerFuzzTest {
    private static final int TRIES = 300;
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS");
    private static final Set<Integer> BATCH_RESULT_STATUSES = Set.of(200, 201, 204, 400, 404, 413);

    private static final SecretLeakGuard LEAKS = new SecretLeakGuard();
    private static WorkerdKvProcess emulator;
    private static TokenForge tokens;
    private static boolean faultsInstalled;

    @BeforeContainer
    static void startEmulator() {
        LEAKS.start();
        emulator = new WorkerdKvProcess();
        emulator.start();
        LEAKS.addPrivateKey("the Worker's private key", emulator.keyPair().privateKeyPem());
        tokens = new TokenForge(emulator.keyPair().privateKeyPem(), emulator.workerName());
    }

    @AfterContainer
    static void stopEmulator() throws IOException {
        try {
            if (emulator != null) {
                assertTrue(emulator.isRunning(), "workerd died during fuzzing");
                RawHttp.Response info = send(new FuzzRequests.FuzzRequest("GET", "/.well-known/dapr/info", List.of(),
                        new byte[0]), validAuthorization());
                assertEquals(200, info.status(), "workerd no longer serves a valid request: " + info.bodyText());
            }
        } finally {
            if (emulator != null) {
                emulator.close();
            }
            LEAKS.finish();
        }
    }

    @BeforeProperty
    void resetKv() {
        emulator.control().reset();
        faultsInstalled = false;
    }

    @Property(tries = TRIES)
    void requestWithoutValidTokenIsRejected(@ForAll("requests") FuzzRequests.FuzzRequest request,
            @ForAll("invalidAuthorizations") String authorization) throws IOException {
        KvStats before = KvStats.of(emulator.control());

        RawHttp.Response response = send(request, authorization);

        assertTrue(emulator.isRunning(), "workerd died");
        assertTrue(response.status() == 401 || rejectedByWorkerd(request, response),
                "status " + response.status() + ": " + response.bodyText());
        assertEquals(before.totalRequests(), KvStats.of(emulator.control()).totalRequests(),
                "an unauthenticated request reached the KV binding");
    }

    @Property(tries = TRIES)
    void authenticatedRequestNeverFails5xx(@ForAll("requests") FuzzRequests.FuzzRequest request) throws IOException {
        RawHttp.Response response = send(request, validAuthorization());

        assertTrue(emulator.isRunning(), "workerd died");
        assertTrue(response.status() < 500 || rejectedByWorkerd(request, response),
                "status " + response.status() + ": " + response.bodyText());
    }

    @Property(tries = TRIES)
    void authenticatedBatchNeverFails5xx(@ForAll("batchRequests") FuzzRequests.FuzzRequest request)
            throws IOException {
        RawHttp.Response response = send(request, validAuthorization());

        assertTrue(emulator.isRunning(), "workerd died");
        assertTrue(response.status() == 200 || response.status() == 400,
                "status " + response.status() + ": " + response.bodyText());
        if (response.status() == 200) {
            JsonNode results = TokenForge.JSON.readTree(dechunk(response)).path("results");
            assertTrue(results.isArray(), response.bodyText());
            results.forEach(result -> assertTrue(BATCH_RESULT_STATUSES.contains(result.path("status").asInt()),
                    "batch result " + result));
        }
    }

    @Property(tries = TRIES)
    void kvFailureSurfacesOnlyAs502(@ForAll("requests") FuzzRequests.FuzzRequest request) throws IOException {
        installKvFaults();

        RawHttp.Response response = send(request, validAuthorization());

        assertTrue(emulator.isRunning(), "workerd died");
        int status = response.status();
        String body = response.bodyText();
        assertTrue(status < 500 || status == 502 && body.contains("KV ") || rejectedByWorkerd(request, response),
                "status " + status + ": " + body);
    }

    @Provide
    Arbitrary<FuzzRequests.FuzzRequest> requests() {
        return FuzzRequests.requests();
    }

    @Provide
    Arbitrary<FuzzRequests.FuzzRequest> batchRequests() {
        return FuzzRequests.batchRequests();
    }

    @Provide
    Arbitrary<String> invalidAuthorizations() {
        return FuzzRequests.invalidAuthorizations();
    }

    private static void installKvFaults() {
        if (faultsInstalled) {
            return;
        }
        faultsInstalled = true;
        emulator.control().addFault(FaultSpec.failPercent("any", 25, 503).withSeed(5));
        emulator.control().addFault(FaultSpec.failPercent("any", 10, 500).withSeed(6));
        emulator.control().addFault(FaultSpec.failPercent("any", 10, 429).withSeed(8));
        RawFaults.add(emulator.control(), "{\"operation\":\"any\",\"failPercent\":10,\"drop\":\"before\",\"seed\":9}");
        RawFaults.add(emulator.control(), "{\"operation\":\"put\",\"failPercent\":10,\"drop\":\"after\",\"seed\":10}");
    }

    /**
     * Tells whether workerd's own HTTP server responded before the Worker ran: 501 for a method it does not know
     * (RFC 9110 prescribes 501 there), 400 for a request it cannot parse.
     */
    private static boolean rejectedByWorkerd(FuzzRequests.FuzzRequest request, RawHttp.Response response) {
        boolean unknownMethod = !STANDARD_METHODS.contains(request.method());
        return unknownMethod && response.status() == 501
                || response.status() == 400 && !response.bodyText().contains("unauthorized");
    }

    private static String validAuthorization() {
        String authorization = "Bearer " + tokens.valid();
        LEAKS.addSecret("a bearer token sent to the Worker", authorization.substring(7));
        return authorization;
    }

    private static RawHttp.Response send(FuzzRequests.FuzzRequest request, String authorization) throws IOException {
        String target = request.target().replace(FuzzRequests.NAMESPACE_PLACEHOLDER, emulator.namespaceId());
        List<Map.Entry<String, String>> headers = FuzzRequests.withAuthorization(request.headers(), authorization);
        return RawHttp.send(emulator.workerUrl(), request.method(), target, headers, request.body());
    }

    /** Returns the body as UTF-8 text without chunked framing, when the response used it. */
    private static String dechunk(RawHttp.Response response) {
        byte[] body = response.body();
        if (!response.head().toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            return new String(body, StandardCharsets.UTF_8);
        }
        // ISO-8859-1 maps bytes to chars one to one, so chunk sizes count chars here.
        String framed = new String(body, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (position < framed.length()) {
            int lineEnd = framed.indexOf("\r\n", position);
            int size = Integer.parseInt(framed.substring(position, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(framed, lineEnd + 2, lineEnd + 2 + size);
            position = lineEnd + 2 + size + 2;
        }
        return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
