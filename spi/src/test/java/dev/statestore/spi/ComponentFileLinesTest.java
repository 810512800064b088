package dev.statestore.spi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentFileLinesTest {
    private static final String TWO_DOCUMENTS = """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: first
            spec:
              type: state.in-memory
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: second
            spec:
              type: state.in-memory
              metadata:
                - name: fine
                  value: "1"
                - name: broken
                  valeu: "2"
            """;

    @Test
    void unknownFieldNamesItsLine(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("components.yaml"), TWO_DOCUMENTS);
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> ComponentFiles.read(file, List.of()));
        assertTrue(error.getMessage().contains("line 18"), error.getMessage());
        assertTrue(error.getMessage().contains("document starting at line 8"), error.getMessage());
        assertTrue(error.getMessage().contains("valeu"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void entryWithoutNameNamesItsLine(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("components.yaml"),
                TWO_DOCUMENTS.replace("- name: broken\n      valeu: \"2\"", "- value: \"2\""));
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> ComponentFiles.read(file, List.of()));
        assertTrue(error.getMessage().contains("line 17"), error.getMessage());
        assertTrue(error.getMessage().contains("spec.metadata[1].name is missing"), error.getMessage());
    }

    @Test
    void wrongTypeNamesItsLine(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("components.yaml"),
                TWO_DOCUMENTS.replace("valeu: \"2\"", "value:\n        nested: true"));
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> ComponentFiles.read(file, List.of()));
        assertTrue(error.getMessage().contains("line 18"), error.getMessage());
        assertTrue(error.getMessage().contains("is a mapping"), error.getMessage());
    }
}
