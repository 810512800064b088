package dev.statestore.harness.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.dockerfile.DockerfileBuilder;

/**
 * Builds the workerd image locally, {@code FROM scratch}, from the pinned {@code workerd} binary, the shared
 * libraries {@code ldd} lists for it and this machine's CA bundle (workerd refuses to start without CA
 * certificates). Nothing is pulled from a registry. The tag contains a hash of the binary, so an image is
 * built once per workerd version and reused.
 */
public final class WorkerdImage {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerdImage.class);
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[^\\s]*)");
    private static final Path CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    static final String REPOSITORY = "statestore/workerd";
    /** Raised whenever the Dockerfile below changes, so that stale local images are not reused. */
    private static final String IMAGE_RECIPE_VERSION = "2";

    private WorkerdImage() {
    }

    /** Returns the name of a local image with {@code binary}, building it when it is missing. */
    public static synchronized String ensure(Path binary) {
        String tag = REPOSITORY + ":" + IMAGE_RECIPE_VERSION + "-" + hash(binary);
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(tag).exec();
            LOG.debug("Using the existing image {}", tag);
            return tag;
        } catch (NotFoundException e) {
            LOG.info("Building image {} from {} ({} MB); this takes a few seconds once per workerd version", tag,
                    binary, size(binary) / (1024 * 1024));
        }
        ImageFromDockerfile image = new ImageFromDockerfile(tag, false)
                .withFileFromPath("workerd", binary);
        List<String> libraries = sharedLibraries(binary);
        for (String library : libraries) {
            // ldd lists the names the loader opens, often symbolic links, so the image gets the real file there.
            image.withFileFromPath("rootfs" + library, realPath(library));
        }
        if (Files.isReadable(CA_BUNDLE)) {
            image.withFileFromPath("rootfs" + CA_BUNDLE, CA_BUNDLE);
        } else {
            LOG.warn("No CA bundle at {}: workerd in the container may refuse to start", CA_BUNDLE);
        }
        image.withDockerfileFromBuilder(WorkerdImage::dockerfile);
        String built = image.get();
        LOG.info("Built image {}", built);
        return built;
    }

    private static void dockerfile(DockerfileBuilder builder) {
        builder.from("scratch")
                .copy("rootfs/", "/")
                .copy("workerd", "/usr/bin/workerd")
                .entryPoint("[\"/usr/bin/workerd\"]")
                .build();
    }

    private static Path realPath(String library) {
        try {
            return Path.of(library).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve " + library, e);
        }
    }

    /** Returns the absolute paths of the shared libraries {@code ldd} lists for {@code binary}. */
    static List<String> sharedLibraries(Path binary) {
        List<String> libraries = new ArrayList<>();
        try {
            Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            try (InputStream in = ldd.getInputStream();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    Matcher matcher = LIBRARY.matcher(line);
                    if (matcher.find()) {
                        libraries.add(matcher.group(1));
                    }
                }
            }
            if (ldd.waitFor() != 0) {
                throw new IllegalStateException("ldd " + binary + " failed with exit code " + ldd.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run ldd on " + binary + "; install it (Debian package libc-bin)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running ldd", e);
        }
        return libraries;
    }

    private static String hash(Path binary) {
        try (InputStream in = Files.newInputStream(binary)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + binary, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path binary) {
        try {
            return Files.size(binary);
        } catch (IOException e) {
            return 0;
        }
    }
}
