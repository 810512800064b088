package dev.statestore.workerskv.metadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS trust of the provider's HTTP client from PEM certificates, given inline or as a file path,
 * so that a Worker behind a private CA (or a local workerd with a test certificate) can be verified.
 */
public final class TrustedCertificates {
    private static final String PEM_MARKER = "-----BEGIN CERTIFICATE-----";

    private TrustedCertificates() {
    }

    /** Returns an SSL context that trusts exactly the given certificates. */
    public static SSLContext sslContext(String pemOrPath) {
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int index = 0;
            for (Certificate certificate : read(pemOrPath)) {
                trustStore.setCertificateEntry("trusted-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot build a trust store from tlsTrustedCertificates: " + e.getMessage(), e);
        }
    }

    /** Returns what is wrong with the setting, or empty when it contains at least one readable certificate. */
    static Optional<String> problem(String pemOrPath) {
        try {
            return read(pemOrPath).isEmpty()
                    ? Optional.of("holds no certificate: give PEM text or the path of a PEM file with "
                            + "-----BEGIN CERTIFICATE----- blocks")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be used: " + e.getMessage() + "; give PEM certificate text or the path of a "
                    + "PEM file");
        } catch (GeneralSecurityException e) {
            return Optional.of("is not valid PEM certificates: " + e.getMessage());
        }
    }

    private static Collection<? extends Certificate> read(String pemOrPath) throws IOException, GeneralSecurityException {
        byte[] pem;
        if (pemOrPath.contains("PRIVATE KEY-----")) {
            throw new IOException("it contains a private key; give only CA certificates (BEGIN CERTIFICATE)");
        }
        if (pemOrPath.contains(PEM_MARKER)) {
            pem = pemOrPath.replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII);
        } else {
            try {
                pem = Files.readAllBytes(Path.of(pemOrPath));
            } catch (InvalidPathException e) {
                throw new IOException("it is neither PEM certificates nor a file path", e);
            }
        }
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
    }
}
