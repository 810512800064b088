package dev.statestore.spi;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the component files under src/test/resources/components. */
final class TestComponents {

    private TestComponents() {
    }

    static Path path(String name) {
        URL url = TestComponents.class.getResource("/components/" + name);
        if (url == null) {
            throw new IllegalArgumentException("Test component file components/" + name + " not found");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
