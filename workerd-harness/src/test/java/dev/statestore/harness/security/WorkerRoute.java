package dev.statestore.harness.security;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * One request per route of the Worker, each aimed at the entry {@value #VICTIM_KEY}: a forged token that got
 * through would read, overwrite, delete or list it.
 */
enum WorkerRoute {
    GET_KEY("GET", "/kv/{ns}/" + WorkerRoute.VICTIM_KEY, null),
    SET_KEY("POST", "/kv/{ns}/" + WorkerRoute.VICTIM_KEY, "forged"),
    SET_KEY_WITH_TTL("POST", "/kv/{ns}/" + WorkerRoute.VICTIM_KEY + "?ttl=60", "forged"),
    DELETE_KEY("DELETE", "/kv/{ns}/" + WorkerRoute.VICTIM_KEY, null),
    BATCH("POST", "/batch/{ns}", "{\"ops\":[{\"op\":\"set\",\"key\":\"" + WorkerRoute.VICTIM_KEY
            + "\",\"value\":\"Zm9yZ2Vk\"},{\"op\":\"get\",\"key\":\"" + WorkerRoute.VICTIM_KEY + "\"}]}"),
    LIST("GET", "/list/{ns}?prefix=", null),
    INFO("GET", "/.well-known/dapr/info", null),
    UNKNOWN_ROUTE("GET", "/admin", null),
    UNKNOWN_NAMESPACE("GET", "/kv/no-such-namespace/" + WorkerRoute.VICTIM_KEY, null);

    static final String VICTIM_KEY = "victim";
    static final String VICTIM_VALUE = "original";

    private final String method;
    private final String pathTemplate;
    private final String body;

    WorkerRoute(String method, String pathTemplate, String body) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.body = body;
    }

    /** Builds the request; {@code authorization} is the whole header value, or null to send none. */
    HttpRequest request(URI workerUrl, String namespace, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(workerUrl + pathTemplate.replace("{ns}",
                namespace)));
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    /** Tells whether the route, with a valid token, reaches the KV binding. */
    boolean reachesKv() {
        return this != INFO && this != UNKNOWN_ROUTE && this != UNKNOWN_NAMESPACE;
    }
}
