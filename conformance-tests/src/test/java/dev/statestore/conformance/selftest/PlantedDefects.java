package dev.statestore.conformance.selftest;

import dev.statestore.conformance.ConformanceTarget;
import dev.statestore.conformance.ManualClock;
import dev.statestore.conformance.StateStoreConformance;
import dev.statestore.spi.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Assumptions;

/**
 * Conformance classes whose store has one planted {@link Defect} each, which {@link SuiteDetectsDefectsTest}
 * and {@link KnownDefectDeclarationTest} run in parts. Surefire leaves nested classes out by default, and each
 * class here skips itself outside {@link SuiteRunner}.
 */
final class PlantedDefects {

    private PlantedDefects() {
    }

    /**
     * The base of the classes here. They run only inside {@link SuiteRunner}, and skip themselves when a build
     * selects them directly, for example with a {@code -Dtest} pattern that matches nested classes.
     */
    abstract static class PlantedConformance extends StateStoreConformance {
        abstract ConformanceTarget plantedTarget();

        @Override
        protected final ConformanceTarget target() {
            Assumptions.assumeTrue(SuiteRunner.isRunning(), "runs only inside SuiteDetectsDefectsTest and "
                    + "KnownDefectDeclarationTest, because its store is broken on purpose");
            return plantedTarget();
        }
    }

    /** The base of the defective classes: the in-memory store on a manual clock, with one defect planted. */
    abstract static class DefectiveConformance extends PlantedConformance {
        abstract Defect defect();

        @Override
        ConformanceTarget plantedTarget() {
            ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
            Clock storeClock = defect() == Defect.NEVER_EXPIRES ? Clock.fixed(clock.instant(), ZoneOffset.UTC) : clock;
            return ConformanceTarget.of(() -> new DefectiveStore(storeClock, defect()))
                    .withClock(clock)
                    .withRejectedKeys("")
                    .withMalformedEtag("not-a-version");
        }
    }

    static class BulkGetDropsMissingKeys extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.BULK_GET_DROPS_MISSING_KEYS;
        }
    }

    static class BulkDeleteSkipsLastKey extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.BULK_DELETE_SKIPS_LAST_KEY;
        }
    }

    static class IgnoresEtag extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.IGNORES_ETAG;
        }
    }

    static class NeverExpires extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.NEVER_EXPIRES;
        }
    }

    static class IgnoresUndeclaredTtl extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.IGNORES_UNDECLARED_TTL;
        }
    }

    static class DecodesKeys extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.DECODES_KEYS;
        }
    }

    static class EmptyValueReadsAsAbsent extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.EMPTY_VALUE_READS_AS_ABSENT;
        }
    }

    static class TransactionNotAtomic extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.TRANSACTION_NOT_ATOMIC;
        }
    }

    static class WriteBehindPerThread extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.WRITE_BEHIND_PER_THREAD;
        }
    }

    /** Declares a scenario as a known defect that the planted defect does make fail. */
    static class DeclaresFailingScenario extends DefectiveConformance {
        @Override
        Defect defect() {
            return Defect.BULK_GET_DROPS_MISSING_KEYS;
        }

        @Override
        ConformanceTarget plantedTarget() {
            return super.plantedTarget().withKnownDefect("bulkGetOfOnlyMissingKeys",
                    "planted: bulk get drops missing keys");
        }
    }

    /** Declares a scenario as a known defect although the store passes it. */
    static class DeclaresPassingScenario extends PlantedConformance {
        @Override
        ConformanceTarget plantedTarget() {
            return ConformanceTarget.of(() -> new InMemoryStateStore(Clock.systemUTC()))
                    .withKnownDefect("setThenGetReturnsValue", "not a defect at all");
        }
    }

    /** Declares a known defect for a scenario name that does not exist. */
    static class DeclaresUnknownScenario extends PlantedConformance {
        @Override
        ConformanceTarget plantedTarget() {
            return ConformanceTarget.of(() -> new InMemoryStateStore(Clock.systemUTC()))
                    .withKnownDefect("setThenGetReturnsValu", "misspelt");
        }
    }
}
