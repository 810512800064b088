package dev.statestore.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.spi.memory.InMemoryStateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceTargetTest {
    private final ConformanceTarget base = ConformanceTarget.of(() -> new InMemoryStateStore(Clock.systemUTC()));

    @Test
    void defaultsDeclareNothing() {
        assertTrue(base.clock().isEmpty());
        assertTrue(base.maxLengthKey().isEmpty());
        assertEquals(List.of(), base.rejectedKeys());
        assertTrue(base.maxValueBytes().isEmpty());
        assertEquals(Duration.ofSeconds(1), base.minTtl());
        assertTrue(base.malformedEtag().isEmpty());
        assertEquals(Map.of(), base.knownDefects());
    }

    @Test
    void withMethodsLeaveOriginalUnchanged() {
        ConformanceTarget declared = base.withMaxValueBytes(10).withRejectedKeys("", "..")
                .withMinTtl(Duration.ofMinutes(1)).withMaxLengthKey("kk").withMalformedEtag("x")
                .withKnownDefect("setThenGetReturnsValue", "why");

        assertEquals(10, declared.maxValueBytes().getAsInt());
        assertEquals(List.of("", ".."), declared.rejectedKeys());
        assertEquals(Duration.ofMinutes(1), declared.minTtl());
        assertEquals("kk", declared.maxLengthKey().orElseThrow());
        assertEquals("x", declared.malformedEtag().orElseThrow());
        assertEquals(Map.of("setThenGetReturnsValue", "why"), declared.knownDefects());
        assertTrue(base.maxValueBytes().isEmpty(), "the original target should be unchanged");
        assertEquals(List.of(), base.rejectedKeys(), "the original target should be unchanged");
    }

    @Test
    void invalidDeclarationsAreRejected() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> base.withMaxValueBytes(0));
        IllegalArgumentException ttl = assertThrows(IllegalArgumentException.class,
                () -> base.withMinTtl(Duration.ZERO));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> base.withMaxLengthKey(""));

        assertTrue(size.getMessage().contains("Invalid maximum value size 0"), size.getMessage());
        assertTrue(ttl.getMessage().contains("Invalid minimum TTL PT0S"), ttl.getMessage());
        assertTrue(key.getMessage().contains("Invalid maximum-length key"), key.getMessage());
        assertThrows(NullPointerException.class, () -> base.withRejectedKeys("a", null));
    }

    @Test
    void openStoreCallsFactoryEachTime() {
        InMemoryStateStore first = new InMemoryStateStore(Clock.systemUTC());
        InMemoryStateStore second = new InMemoryStateStore(Clock.systemUTC());
        List<InMemoryStateStore> stores = new ArrayList<>(List.of(first, second));
        ConformanceTarget target = ConformanceTarget.of(() -> stores.remove(0));

        assertSame(first, target.openStore());
        assertSame(second, target.openStore());
    }

    @Test
    void nullStoreFromFactoryIsReported() {
        ConformanceTarget target = ConformanceTarget.of(() -> null);

        IllegalStateException error = assertThrows(IllegalStateException.class, target::openStore);

        assertTrue(error.getMessage().contains("factory returned null"), error.getMessage());
    }

    @Test
    void closeClosesResourcesInReverseOrder() {
        List<String> closed = new ArrayList<>();
        ConformanceTarget target = base.withResource(() -> {
            closed.add("first");
            throw new IOException("first failed");
        }).withResource(() -> {
            closed.add("second");
            throw new IOException("second failed");
        });

        IOException error = assertThrows(IOException.class, target::close);

        assertEquals(List.of("second", "first"), closed, "every resource closes, the last added first");
        assertEquals("second failed", error.getMessage());
        assertArrayEquals(new String[] {"first failed"},
                java.util.Arrays.stream(error.getSuppressed()).map(Throwable::getMessage).toArray(String[]::new));
    }

    @Test
    void toStringGivesKeyLengthNotKey() {
        String text = base.withMaxLengthKey("secret-looking-key").toString();

        assertFalse(text.contains("secret-looking-key"), text);
        assertTrue(text.contains("maxLengthKey=18 chars"), text);
    }
}
