package dev.statestore.workerskv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP server on 127.0.0.1 that replaces a Worker in tests. It records every request and replies with
 * what the test's {@link Responder} returns. Closing it ends the requests that got {@link Reply#untilClose()}.
 */
public final class LocalWorker implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> countsByPath = new ConcurrentHashMap<>();
    private final Responder responder;

    /** One request as the server received it. */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .findFirst().map(entry -> entry.getValue().get(0)).orElse(null);
        }
    }

    /** A reply: a status, a body and headers, or no reply until the server closes. */
    public record Reply(int status, String body, Map<String, String> headers, boolean silent) {
        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), false);
        }

        public static Reply of(int status) {
            return of(status, "");
        }

        public static Reply untilClose() {
            return new Reply(200, "", Map.of(), true);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, body, Map.copyOf(all), silent);
        }
    }

    /** Chooses the reply. {@code attempt} counts the requests to the same path, from 1. */
    @FunctionalInterface
    public interface Responder {
        Reply reply(Request request, int attempt);
    }

    private LocalWorker(Responder responder) throws IOException {
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LocalWorker start(Responder responder) {
        try {
            return new LocalWorker(responder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a local HTTP server on the loopback address", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Returns a copy of the requests received so far. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Returns how many requests arrived for a raw path. */
    public int count(String rawPath) {
        AtomicInteger count = countsByPath.get(rawPath);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            AtomicInteger count = countsByPath.computeIfAbsent(request.rawPath(), path -> new AtomicInteger());
            int attempt = count.incrementAndGet();

            Reply reply = responder.reply(request, attempt);
            if (reply.silent()) {
                awaitRelease();
                return;
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private void awaitRelease() {
        try {
            released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
