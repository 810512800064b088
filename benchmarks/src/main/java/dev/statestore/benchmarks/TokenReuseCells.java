package dev.statestore.benchmarks;

import dev.statestore.benchmarks.Matrix.ValueSize;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.LoadDriver;
import dev.statestore.benchmarks.load.Measurement;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.http.RetryPolicy;
import dev.statestore.workerskv.http.WorkerClient;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Client CPU per get with and without token reuse. The provider always builds its {@link TokenSigner} with
 * reuse on and offers no setting for it, so both cells use the provider's public {@link WorkerClient}, built
 * the way the provider builds it, with a signer that reuses tokens or signs one per request.
 */
final class TokenReuseCells {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final WorkerdKv emulator;
    private final LoadDriver driver;
    private final int keysPerSize;
    private final Consumer<Measurement> results;

    TokenReuseCells(WorkerdKv emulator, LoadDriver driver, int keysPerSize, Consumer<Measurement> results) {
        this.emulator = emulator;
        this.driver = driver;
        this.keysPerSize = keysPerSize;
        this.results = results;
    }

    /** Runs async gets of the small keys, which must already be written, with reuse on and then off. */
    void run() throws InterruptedException {
        KeySpace keys = new KeySpace(ValueSize.SMALL, keysPerSize);
        Ed25519PrivateKeyParameters key = PrivateKeys.parse(emulator.keyPair().privateKeyPem());
        runGets(Matrix.CLIENT_TOKEN_REUSED, new TokenSigner(key, emulator.workerName(), Clock.systemUTC(), true),
                keys);
        runGets(Matrix.CLIENT_TOKEN_PER_REQUEST,
                new TokenSigner(key, emulator.workerName(), Clock.systemUTC(), false), keys);
    }

    private void runGets(String scenario, TokenSigner signer, KeySpace keys) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .build();
        WorkerClient client = new WorkerClient(http, emulator.workerUrl(), emulator.namespaceId(), signer, TIMEOUT,
                RetryPolicy.DEFAULT);
        Cell cell = Matrix.cell(scenario, Matrix.GET, ValueSize.SMALL, Matrix.ASYNC,
                Matrix.TOKEN_REUSE_CONCURRENCY);
        results.accept(driver.runAsync(cell, sequence -> {
            String key = keys.key(sequence);
            return client.get(key).thenAccept(item -> {
                if (item.isEmpty()) {
                    throw new IllegalStateException("Key '" + key + "' was written before the cell but is not found");
                }
            });
        }));
    }
}
