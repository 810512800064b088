package dev.statestore.harness.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
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
    /** Object identifier of Ed25519 keys (RFC 8410). */
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    /** Generates a fresh key pair. */
    public static Ed25519KeyPair generate() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            // PKCS#8 version 1 without the optional public key, the form 'openssl genpkey' writes: OpenSSL 3,
            // Node.js and Python's cryptography reject BouncyCastle's default version 2 encoding of Ed25519.
            Ed25519PrivateKeyParameters privateKey = (Ed25519PrivateKeyParameters) pair.getPrivate();
            byte[] privateInfo = new PrivateKeyInfo(new AlgorithmIdentifier(ED25519),
                    new DEROctetString(privateKey.getEncoded())).getEncoded();
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
