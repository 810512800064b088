package dev.statestore.harness.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.harness.runtime.WorkerdBinary;
import dev.statestore.spi.MetadataTables;
import dev.statestore.spi.StateStores;
import dev.statestore.workerskv.WorkersKvProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's metadata table and workerd version identical to what the code uses. */
class ReadmeTest {

    @Test
    void readmeHasProviderMetadataTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = MetadataTables.markdown(StateStores.provider(WorkersKvProvider.TYPE).metadataFields());
        assertTrue(readme.contains(table), "README.md must contain this table, generated from "
                + "WorkersKvMetadata.FIELDS; paste it in place of the old one:\n" + table);
    }

    @Test
    void pinnedWorkerdVersionMatchesPackageJson() throws IOException {
        String packageJson = Files.readString(Path.of("..", "package.json"));
        assertTrue(packageJson.contains("\"workerd\": \"" + WorkerdBinary.PINNED_VERSION + "\""),
                "WorkerdBinary.PINNED_VERSION must equal the workerd version of package.json");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("workerd@" + WorkerdBinary.PINNED_VERSION), "README names another workerd version");
    }
}
