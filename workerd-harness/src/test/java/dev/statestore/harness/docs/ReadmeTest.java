package dev.statestore.harness.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.spi.MetadataTables;
import dev.statestore.spi.StateStores;
import dev.statestore.workerskv.WorkersKvProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's metadata table identical to what the provider describes through the SPI. */
class ReadmeTest {

    @Test
    void readmeHasProviderMetadataTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = MetadataTables.markdown(StateStores.provider(WorkersKvProvider.TYPE).metadataFields());
        assertTrue(readme.contains(table), "README.md must contain this table, generated from "
                + "WorkersKvMetadata.FIELDS; paste it in place of the old one:\n" + table);
    }
}
