package dev.statestore.benchmarks.micro;

import dev.statestore.workerskv.auth.TokenSigner;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Client CPU cost of {@link TokenSigner#token()}: a reused token against an Ed25519 signature per call. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenSignerBenchmark {
    private TokenSigner reusing;
    private TokenSigner signingEachCall;

    @Setup
    public void createSigners() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        reusing = new TokenSigner(key, "statestore-bench", Clock.systemUTC(), true);
        signingEachCall = new TokenSigner(key, "statestore-bench", Clock.systemUTC(), false);
    }

    @Benchmark
    public String tokenReused() {
        return reusing.token();
    }

    @Benchmark
    public String tokenSignedPerCall() {
        return signingEachCall.token();
    }
}
