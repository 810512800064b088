package dev.statestore.harness.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An Ed25519 key pair in the PEM forms the Worker and the provider use: PKCS#8 {@code PRIVATE KEY} for the
 * component's {@code key} field, SPKI {@code PUBLIC KEY} for the Worker's {@code PUBLIC_KEY} binding.
 * {@link #toString()} shows only the public key.
 *
 * @param privateKeyPem the private key; never log it
 * @param publicKeyPem the public key
 */
public record Ed25519KeyPair(String privateKeyPem, String publicKeyPem) {

    /** Generates a fresh key pair. */
    public static Ed25519KeyPair generate() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            byte[] privateInfo = PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded();
            byte[] publicInfo = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()).getEncoded();
            return new Ed25519KeyPair(pem("PRIVATE KEY", privateInfo), pem("PUBLIC KEY", publicInfo));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a generated Ed25519 key", e);
        }
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair{privateKey=(redacted), publicKey=" + publicKeyPem.replace("\n", "\\n") + "}";
    }

    private static String pem(String type, byte[] content) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, content));
        }
        return text.toString();
    }
}
