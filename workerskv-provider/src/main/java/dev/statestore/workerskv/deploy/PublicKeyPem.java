package dev.statestore.workerskv.deploy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Derives the PEM (SPKI, {@code -----BEGIN PUBLIC KEY-----}) public key that the Worker's PUBLIC_KEY binding holds. */
final class PublicKeyPem {

    private PublicKeyPem() {
    }

    /** Returns the SPKI PEM of the public half of {@code privateKey}. */
    static String of(Ed25519PrivateKeyParameters privateKey) {
        try {
            byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(privateKey.generatePublicKey())
                    .getEncoded();
            StringWriter text = new StringWriter();
            try (PemWriter writer = new PemWriter(text)) {
                writer.writeObject(new PemObject("PUBLIC KEY", spki));
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the Ed25519 public key as PEM", e);
        }
    }
}
