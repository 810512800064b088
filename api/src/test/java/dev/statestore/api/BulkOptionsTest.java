package dev.statestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BulkOptionsTest {

    @Test
    void zeroParallelismRejected() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> new BulkOptions(0));

        assertTrue(error.getMessage().contains("parallelism 0"), error.getMessage());
    }

    @Test
    void negativeParallelismRejected() {
        assertThrows(InvalidRequestException.class, () -> new BulkOptions(-3));
    }

    @Test
    void parallelismOneAccepted() {
        assertEquals(1, new BulkOptions(1).parallelism());
    }
}
