package dev.statestore.harness.cli;

import dev.statestore.harness.keys.Ed25519KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Generates the Ed25519 key pair of a Worker deployment. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write private.pem and public.pem (Ed25519) and print the PUBLIC_KEY line for wrangler.toml.")
public final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = ".", description = "Folder to write the key files into. Default: ${DEFAULT-VALUE}.")
    Path directory;

    @Option(names = "--force", description = "Overwrite existing key files.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Path privateFile = directory.resolve("private.pem");
        Path publicFile = directory.resolve("public.pem");
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file) && !force) {
                System.err.println(file + " already exists: pass --force to overwrite it, or choose another --out.");
                return 2;
            }
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--out " + directory + " is a file: give a folder for private.pem and "
                    + "public.pem.");
        }
        Files.createDirectories(directory);
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        Files.deleteIfExists(privateFile);
        try {
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(privateFile);
        }
        Files.writeString(privateFile, pair.privateKeyPem());
        Files.writeString(publicFile, pair.publicKeyPem());
        System.out.println("Wrote " + privateFile + " (keep it secret; it is the component's 'key') and " + publicFile);
        System.out.println("Add this to the [vars] of wrangler.toml:");
        System.out.println("PUBLIC_KEY = \"\"\"\n" + pair.publicKeyPem().strip() + "\n\"\"\"");
        return 0;
    }
}
