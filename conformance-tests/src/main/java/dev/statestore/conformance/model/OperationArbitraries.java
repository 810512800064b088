package dev.statestore.conformance.model;

import dev.statestore.api.Feature;
import dev.statestore.conformance.model.Operation.KeyValue;
import dev.statestore.conformance.model.Operation.TransactionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik generators of operation sequences for {@link ModelRun} and of client scripts for
 * {@link ConcurrentClients}. A sequence uses only operations whose feature the store declares.
 */
public final class OperationArbitraries {
    /**
     * The keys that sequences use. Few keys make operations collide often; each one needs different handling
     * by a store that escapes keys for a URL or a path.
     */
    public static final List<String> KEYS = List.of("a", "b c", "ü/d", "e%2Ff");

    /** Lower bound of generated TTLs, long enough that no value expires on a clock that runs in real time. */
    private static final Duration MIN_GENERATED_TTL = Duration.ofSeconds(60);

    private OperationArbitraries() {
    }

    /**
     * Returns sequences of up to {@code maxSteps} operations. TTL writes and clock steps appear only when the
     * store has {@link Feature#TTL} and {@code clockControl} is true, with TTLs no shorter than
     * {@code minTtl}.
     */
    public static Arbitrary<List<Operation>> sequences(Set<Feature> features, boolean clockControl, Duration minTtl,
            int maxSteps) {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<String> value = Arbitraries.strings().withChars("abü ").ofMaxLength(4);
        boolean timed = features.contains(Feature.TTL) && clockControl;
        Duration baseTtl = minTtl.compareTo(MIN_GENERATED_TTL) > 0 ? minTtl : MIN_GENERATED_TTL;
        Arbitrary<Duration> ttl = Arbitraries.of(baseTtl, baseTtl.multipliedBy(2), baseTtl.multipliedBy(5));

        List<Tuple2<Integer, Arbitrary<? extends Operation>>> choices = new ArrayList<>();
        choices.add(Tuple.of(5, Combinators.combine(key, value).as((k, v) -> new Operation.SetValue(k, v, null))));
        choices.add(Tuple.of(2, key.map(Operation.GetValue::new)));
        choices.add(Tuple.of(2, key.map(Operation.DeleteKey::new)));
        choices.add(Tuple.of(2, keyValues(key, value).map(Operation.BulkSet::new)));
        choices.add(Tuple.of(2, key.list().ofMaxSize(5).map(Operation.BulkGet::new)));
        choices.add(Tuple.of(1, key.list().uniqueElements().ofMaxSize(3).map(Operation.BulkDelete::new)));
        if (timed) {
            choices.add(Tuple.of(4, Combinators.combine(key, value, ttl).as(Operation.SetValue::new)));
            choices.add(Tuple.of(3, Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(30), baseTtl,
                    baseTtl.multipliedBy(3)).map(Operation.AdvanceClock::new)));
        }
        if (features.contains(Feature.TRANSACTIONAL)) {
            choices.add(Tuple.of(2, transactionSteps(key, value, timed ? ttl : null, features.contains(Feature.ETAG))
                    .list().ofMinSize(1).ofMaxSize(4).map(Operation.Transact::new)));
        }
        if (features.contains(Feature.ETAG)) {
            choices.add(Tuple.of(2, Combinators.combine(key, value).as(Operation.SetIfMatch::new)));
            choices.add(Tuple.of(1, key.map(Operation.DeleteIfMatch::new)));
            choices.add(Tuple.of(2, Combinators.combine(key, value).as(Operation.FirstWrite::new)));
        }
        return frequencyOf(choices).list().ofMaxSize(maxSteps);
    }

    /**
     * Returns scripts for 2 to {@code maxClients} concurrent clients, each of up to {@code maxOperations}
     * writes and deletes on its own keys and on keys that all clients share.
     */
    public static Arbitrary<List<List<ConcurrentClients.ClientOperation>>> clientScripts(int maxClients,
            int maxOperations) {
        Arbitrary<ConcurrentClients.ClientOperation> operation = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.integers().between(0, ConcurrentClients.KEYS_PER_GROUP - 1),
                Arbitraries.of(false, false, false, true)).as(ConcurrentClients.ClientOperation::new);
        return operation.list().ofMinSize(1).ofMaxSize(maxOperations).list().ofMinSize(2).ofMaxSize(maxClients);
    }

    private static Arbitrary<List<KeyValue>> keyValues(Arbitrary<String> key, Arbitrary<String> value) {
        return key.list().uniqueElements().ofMaxSize(3).flatMap(keys -> value.list().ofSize(keys.size())
                .map(values -> {
                    List<KeyValue> entries = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        entries.add(new KeyValue(keys.get(i), values.get(i)));
                    }
                    return entries;
                }));
    }

    /** Returns transaction steps; {@code ttl} is null when TTL writes are not generated. */
    private static Arbitrary<TransactionStep> transactionSteps(Arbitrary<String> key, Arbitrary<String> value,
            Arbitrary<Duration> ttl, boolean etags) {
        List<Tuple2<Integer, Arbitrary<? extends TransactionStep>>> choices = new ArrayList<>();
        choices.add(Tuple.of(3, Combinators.combine(key, value).as((k, v) -> new Operation.TxSet(k, v, null))));
        choices.add(Tuple.of(2, key.map(Operation.TxDelete::new)));
        if (ttl != null) {
            choices.add(Tuple.of(1, Combinators.combine(key, value, ttl).as(Operation.TxSet::new)));
        }
        if (etags) {
            choices.add(Tuple.of(2, Combinators.combine(key, value).as(Operation.TxSetIfMatch::new)));
        }
        return frequencyOf(choices);
    }

    @SuppressWarnings("unchecked")
    private static <T> Arbitrary<T> frequencyOf(List<Tuple2<Integer, Arbitrary<? extends T>>> choices) {
        return Arbitraries.frequencyOf(choices.toArray(new Tuple2[0]));
    }
}
