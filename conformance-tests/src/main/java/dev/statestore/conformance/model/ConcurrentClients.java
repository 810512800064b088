package dev.statestore.conformance.model;

import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs several clients at once against one store, each on a thread of its own, and checks afterwards that no
 * acknowledged write was lost. Every client writes to keys of its own and to keys that all clients share.
 * <ul>
 *   <li>A key of one client must end with that client's last acknowledged operation on it.</li>
 *   <li>A shared key must end with the last acknowledged operation of one of the clients that touched it,
 *       because a client's later write replaces its earlier ones. This is stricter than "one of the
 *       acknowledged values" and holds for every store whose single-key operations are linearizable.</li>
 * </ul>
 * Any error from the store fails the check, because a failed write leaves its effect unknown.
 */
public final class ConcurrentClients {
    /** Number of keys in each group: each client's own keys, and the shared keys. */
    public static final int KEYS_PER_GROUP = 2;
    /** Upper bound of one run, so that a store that hangs fails the property instead of blocking the build. */
    private static final long TIMEOUT_SECONDS = 120;
    private static final String ABSENT = "<absent>";

    private ConcurrentClients() {
    }

    /** Runs one script per client at once, then checks the final value of every key. */
    public static void run(StateStore store, List<List<ClientOperation>> scripts) throws InterruptedException {
        List<List<String>> acknowledged = runClients(store, scripts);

        for (int client = 0; client < scripts.size(); client++) {
            for (int slot = 0; slot < KEYS_PER_GROUP; slot++) {
                String key = ownKey(client, slot);
                String expected = lastOperationOn(scripts.get(client), acknowledged.get(client), key, client);
                String actual = read(store, key);
                if (!actual.equals(expected)) {
                    throw new AssertionError("Lost write on key '" + key + "' of client " + client + ": expected its "
                            + "last acknowledged operation " + expected + ", but the store contains " + actual
                            + "; scripts " + scripts);
                }
            }
        }
        for (int slot = 0; slot < KEYS_PER_GROUP; slot++) {
            String key = sharedKey(slot);
            Set<String> allowed = new LinkedHashSet<>();
            for (int client = 0; client < scripts.size(); client++) {
                String last = lastOperationOn(scripts.get(client), acknowledged.get(client), key, client);
                if (touches(scripts.get(client), key, client)) {
                    allowed.add(last);
                }
            }
            if (allowed.isEmpty()) {
                allowed.add(ABSENT);
            }
            String actual = read(store, key);
            if (!allowed.contains(actual)) {
                throw new AssertionError("Lost write on shared key '" + key + "': the store contains " + actual
                        + ", but only the clients' last acknowledged operations " + allowed + " can be final; scripts "
                        + scripts);
            }
        }
    }

    /** Runs the scripts and returns, per client, the value each operation wrote, or {@value #ABSENT} for deletes. */
    private static List<List<String>> runClients(StateStore store, List<List<ClientOperation>> scripts)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(scripts.size());
        try {
            CountDownLatch ready = new CountDownLatch(scripts.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> clients = new ArrayList<>();
            for (int client = 0; client < scripts.size(); client++) {
                int number = client;
                clients.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return runScript(store, number, scripts.get(number));
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("client threads did not start within " + TIMEOUT_SECONDS + " s");
            }
            start.countDown();
            List<List<String>> acknowledged = new ArrayList<>();
            for (int client = 0; client < clients.size(); client++) {
                acknowledged.add(result(clients.get(client), client));
            }
            return acknowledged;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> runScript(StateStore store, int client, List<ClientOperation> script) {
        List<String> written = new ArrayList<>();
        for (int index = 0; index < script.size(); index++) {
            ClientOperation operation = script.get(index);
            String key = operation.key(client);
            if (operation.delete()) {
                store.delete(key);
                written.add(ABSENT);
            } else {
                String value = "client " + client + " write " + index;
                store.set(key, value.getBytes(StandardCharsets.UTF_8));
                written.add(value);
            }
        }
        return written;
    }

    private static List<String> result(Future<List<String>> future, int client) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("client " + client + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("client " + client + " did not finish within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private static String lastOperationOn(List<ClientOperation> script, List<String> written, String key, int client) {
        String last = ABSENT;
        for (int index = 0; index < script.size(); index++) {
            if (script.get(index).key(client).equals(key)) {
                last = written.get(index);
            }
        }
        return last;
    }

    private static boolean touches(List<ClientOperation> script, String key, int client) {
        return script.stream().anyMatch(operation -> operation.key(client).equals(key));
    }

    private static String read(StateStore store, String key) {
        Optional<StateItem> item = store.get(key);
        return item.map(StateItem::valueAsString).orElse(ABSENT);
    }

    static String ownKey(int client, int slot) {
        return "client " + client + "/key " + slot;
    }

    static String sharedKey(int slot) {
        return "shared/key " + slot;
    }

    /**
     * One operation of a client script.
     *
     * @param shared whether the key is one of the shared keys, rather than one of the client's own
     * @param slot which key of the group, from 0 to {@link #KEYS_PER_GROUP} - 1
     * @param delete whether to delete the key rather than write a value unique to this operation
     */
    public record ClientOperation(boolean shared, int slot, boolean delete) {

        String key(int client) {
            return shared ? sharedKey(slot) : ownKey(client, slot);
        }

        @Override
        public String toString() {
            return (delete ? "delete " : "set ") + (shared ? "shared " : "own ") + slot;
        }
    }
}
