package dev.statestore.workerskv.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs the bearer tokens the Worker checks: a JWT with alg {@code EdDSA}, {@code iss}
 * {@value #ISSUER}, {@code aud} the Worker name, {@code iat} and {@code exp} one minute later. A token is
 * reused for {@link #REUSE} of its lifetime, so a busy client signs about twice a minute instead of once per
 * request, and a reused token still has at least 30 seconds left when sent. Thread-safe.
 */
public final class TokenSigner {
    public static final String ISSUER = "dapr.io/cloudflare";
    /** Lifetime of a token, as Dapr's client issues them. */
    public static final Duration LIFETIME = Duration.ofMinutes(1);
    /** How long a signed token is reused. */
    public static final Duration REUSE = Duration.ofSeconds(30);

    private static final String HEADER = base64Url("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}");

    private final Ed25519PrivateKeyParameters key;
    private final String audience;
    private final Clock clock;
    private final boolean reuse;
    private Token current;

    public TokenSigner(Ed25519PrivateKeyParameters key, String audience, Clock clock, boolean reuse) {
        this.key = key;
        this.audience = audience;
        this.clock = clock;
        this.reuse = reuse;
    }

    /** Returns a token valid for at least {@code LIFETIME - REUSE}. */
    public String token() {
        long nowMillis = clock.millis();
        synchronized (this) {
            if (reuse && current != null && nowMillis - current.signedAtMillis < REUSE.toMillis()
                    && nowMillis >= current.signedAtMillis) {
                return current.value;
            }
            String value = sign(nowMillis / 1000);
            current = new Token(value, nowMillis);
            return value;
        }
    }

    /** Signs a token with the given claims; exposed for tests that need an expired or future token. */
    public String sign(long issuedAtSeconds) {
        String payload = base64Url("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + audience + "\",\"iat\":"
                + issuedAtSeconds + ",\"exp\":" + (issuedAtSeconds + LIFETIME.toSeconds()) + "}");
        String signingInput = HEADER + "." + payload;
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        byte[] data = signingInput.getBytes(StandardCharsets.US_ASCII);
        signer.update(data, 0, data.length);
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
    }

    @Override
    public String toString() {
        return "TokenSigner{audience='" + audience + "', reuse=" + reuse + "}";
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private record Token(String value, long signedAtMillis) {
    }
}
