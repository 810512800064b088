package dev.statestore.harness.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Builds bearer tokens with any header, claims and signature, as an attacker or a buggy client would send them.
 * Times are Unix seconds from this machine's clock, which the Worker in workerd shares.
 */
final class TokenForge {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Ed25519PrivateKeyParameters key;
    private final String audience;

    TokenForge(String privateKeyPem, String audience) {
        this.key = PrivateKeys.parse(privateKeyPem);
        this.audience = audience;
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** Returns the header the provider sends: {@code {"alg":"EdDSA","typ":"JWT"}}. */
    static ObjectNode header() {
        return JSON.createObjectNode().put("alg", "EdDSA").put("typ", "JWT");
    }

    /** Returns the claims the provider sends, issued at {@code issuedAt} and valid for one minute. */
    ObjectNode claims(long issuedAt) {
        return JSON.createObjectNode().put("iss", TokenSigner.ISSUER).put("aud", audience)
                .put("iat", issuedAt).put("exp", issuedAt + TokenSigner.LIFETIME.toSeconds());
    }

    /** Returns a token with the provider's header and claims, signed by this forge's key. */
    String valid() {
        return signed(header(), claims(nowSeconds()));
    }

    /** Signs the JSON of a header and claims with this forge's Ed25519 key. */
    String signed(JsonNode header, JsonNode claims) {
        return signEncoded(encode(header), encode(claims));
    }

    /** Signs already encoded segments, which may be non-canonical JSON or base64url. */
    String signEncoded(String encodedHeader, String encodedClaims) {
        String signingInput = encodedHeader + "." + encodedClaims;
        byte[] data = signingInput.getBytes(StandardCharsets.US_ASCII);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(data, 0, data.length);
        return signingInput + "." + base64Url(signer.generateSignature());
    }

    /** Signs with HMAC-SHA256, the algorithm-confusion attack when {@code secret} is the public key. */
    static String hs256(JsonNode header, JsonNode claims, byte[] secret) {
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static String encode(JsonNode node) {
        return encode(node.toString());
    }

    static String encode(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    /** Returns the DER (SPKI) bytes of a PEM public key. */
    static byte[] publicKeyDer(String publicKeyPem) {
        String body = publicKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");
        return Base64.getDecoder().decode(body);
    }

    @Override
    public String toString() {
        return "TokenForge{audience='" + audience + "'}";
    }
}
