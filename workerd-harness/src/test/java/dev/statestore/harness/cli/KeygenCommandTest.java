package dev.statestore.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.workerskv.metadata.PrivateKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    @Test
    void writesUsableKeyPair(@TempDir Path directory) throws Exception {
        int exitCode = HarnessCommand.commandLine().execute("keygen", "--out", directory.toString());
        assertEquals(0, exitCode);

        String privatePem = Files.readString(directory.resolve("private.pem"));
        String publicPem = Files.readString(directory.resolve("public.pem"));
        PrivateKeys.parse(privatePem);
        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"), publicPem);
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("private.pem"))));
    }

    @Test
    void opensslReadsGeneratedKey(@TempDir Path directory) throws Exception {
        assertEquals(0, HarnessCommand.commandLine().execute("keygen", "--out", directory.toString()));
        Process openssl = new ProcessBuilder("openssl", "pkey", "-in", directory.resolve("private.pem").toString(),
                "-pubout").redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), output);
        assertEquals(Files.readString(directory.resolve("public.pem")).strip(), output.strip(),
                "openssl derives the same public key");
    }

    @Test
    void rejectsOverwriteWithoutForce(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("private.pem"), "keep me");
        int exitCode = HarnessCommand.commandLine().execute("keygen", "--out", directory.toString());
        assertEquals(2, exitCode);
        assertEquals("keep me", Files.readString(directory.resolve("private.pem")));

        assertEquals(0, HarnessCommand.commandLine().execute("keygen", "--out", directory.toString(), "--force"));
        PrivateKeys.parse(Files.readString(directory.resolve("private.pem")));
    }
}
