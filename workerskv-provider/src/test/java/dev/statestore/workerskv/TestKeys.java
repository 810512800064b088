package dev.statestore.workerskv;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Freshly generated keys in PEM form, for tests that need a real key of a given kind. */
public final class TestKeys {

    private TestKeys() {
    }

    /** Returns a new Ed25519 key pair. */
    public static KeyPair ed25519() {
        return generate("Ed25519", 0);
    }

    /** Returns the private key of a new Ed25519 key pair as PKCS#8 PEM. */
    public static String ed25519PrivatePem() {
        return privatePem(ed25519());
    }

    /** Returns the private key of a new 1024-bit RSA key pair as PKCS#8 PEM. */
    public static String rsaPrivatePem() {
        return privatePem(generate("RSA", 1024));
    }

    /** Returns the private key of a new P-256 EC key pair as PKCS#8 PEM. */
    public static String ecPrivatePem() {
        return privatePem(generate("EC", 256));
    }

    /** Returns the public key of a new Ed25519 key pair as SPKI PEM. */
    public static String ed25519PublicPem() {
        return pem("PUBLIC KEY", ed25519().getPublic().getEncoded());
    }

    public static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** Wraps DER bytes in a PEM block of {@code type} with 64-character lines. */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /**
     * Returns a substring of a PEM's base64 body that is unique to this key: the last 24 characters, which
     * encode key bytes rather than the algorithm header that every key of a kind shares.
     */
    public static String distinctivePart(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return body.substring(body.length() - 24);
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " key pair", e);
        }
    }
}
