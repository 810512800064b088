package dev.statestore.benchmarks;

import dev.statestore.benchmarks.Matrix.ValueSize;
import dev.statestore.benchmarks.cpu.CpuMeter;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.LoadDriver;
import dev.statestore.benchmarks.load.Measurement;
import dev.statestore.benchmarks.wrk.Wrk;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cells that bypass the provider: {@link HttpClient} alone and wrk, against the Worker's get route or a
 * no-op route. A bearer token is signed just before each cell. The Worker accepts it for its one-minute
 * lifetime plus five minutes of clock skew, which bounds a cell to {@link #MAX_CELL_TIME}.
 */
final class CeilingCells {
    /** Maximum warm-up plus measured time of a cell for which a token signed at its start stays valid. */
    static final Duration MAX_CELL_TIME = Duration.ofMinutes(6);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final LoadDriver driver;
    private final Optional<Wrk> wrk;
    private final CpuMeter cpuMeter;
    private final Consumer<Measurement> results;

    CeilingCells(LoadDriver driver, Optional<Wrk> wrk, CpuMeter cpuMeter, Consumer<Measurement> results) {
        this.driver = driver;
        this.wrk = wrk;
        this.cpuMeter = cpuMeter;
        this.results = results;
    }

    /** Returns the Worker's get URL of {@code key} on {@code emulator}. */
    static URI getUrl(WorkerdKv emulator, String key) {
        return URI.create(emulator.workerUrl() + "/kv/" + emulator.namespaceId() + "/" + key);
    }

    /** Returns a token for {@code emulator} issued now, signed with its key. */
    static String signToken(WorkerdKv emulator) {
        TokenSigner signer = new TokenSigner(PrivateKeys.parse(emulator.keyPair().privateKeyPem()),
                emulator.workerName(), Clock.systemUTC(), false);
        return signer.sign(Instant.now().getEpochSecond());
    }

    /** Measures {@link HttpClient} GETs of {@code url} at {@code concurrency} futures in flight. */
    void runHttpClient(String operation, URI url, Optional<WorkerdKv> tokenIssuer, int concurrency)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
        tokenIssuer.ifPresent(emulator -> builder.header("Authorization", "Bearer " + signToken(emulator)));
        HttpRequest request = builder.build();
        Cell cell = Matrix.cell(Matrix.HTTP_CLIENT, operation, ValueSize.SMALL, Matrix.ASYNC, concurrency);
        results.accept(driver.runAsync(cell, sequence -> http.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray()).thenAccept(CeilingCells::requireOk)));
    }

    /** Measures wrk GETs of {@code url} over {@code concurrency} connections; does nothing without wrk. */
    void runWrk(String scenario, String operation, URI url, Optional<WorkerdKv> tokenIssuer, int concurrency)
            throws InterruptedException {
        if (wrk.isEmpty()) {
            return;
        }
        Cell cell = Matrix.cell(scenario, operation, ValueSize.SMALL, Matrix.WRK_MODE, concurrency);
        Optional<String> token = tokenIssuer.map(CeilingCells::signToken);
        results.accept(wrk.get().run(cell, url, token, cpuMeter));
    }

    private static void requireOk(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + response.uri() + " returned HTTP " + response.statusCode()
                    + " instead of 200");
        }
    }
}
