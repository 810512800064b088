package dev.statestore.workerskv.metadata;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads Ed25519 private keys from PEM. Messages describe the problem and never include the key. */
public final class PrivateKeys {

    private PrivateKeys() {
    }

    /** Parses a PKCS#8 PEM Ed25519 private key. */
    public static Ed25519PrivateKeyParameters parse(String pem) {
        Object result = read(pem);
        if (result instanceof String problem) {
            throw new IllegalArgumentException("The private key " + problem);
        }
        return (Ed25519PrivateKeyParameters) result;
    }

    /** Returns what is wrong with a PEM key, or empty when it is a usable Ed25519 private key. */
    static Optional<String> problem(String pem) {
        Object result = read(pem);
        return result instanceof String problem ? Optional.of(problem) : Optional.empty();
    }

    private static Object read(String pem) {
        // Component files sometimes carry the PEM on one line with literal "\n" sequences.
        String text = pem.replace("\\n", "\n").trim();
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            return "is not valid PEM: paste the whole key including the BEGIN and END lines";
        }
        if (object == null) {
            return "is not PEM: expected a block starting with -----BEGIN PRIVATE KEY-----";
        }
        if (!object.getType().equals("PRIVATE KEY")) {
            return "is a PEM block of type '" + object.getType() + "': expected an unencrypted PKCS#8 "
                    + "'PRIVATE KEY' (convert with 'openssl pkey -in old.pem -out key.pem')";
        }
        try {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(object.getContent()));
            if (!(key instanceof Ed25519PrivateKeyParameters)) {
                return "is not an Ed25519 key: generate one with 'openssl genpkey -algorithm ed25519'";
            }
            return key;
        } catch (IOException | RuntimeException e) {
            return "cannot be decoded as a PKCS#8 private key: generate one with 'openssl genpkey -algorithm ed25519'";
        }
    }
}
