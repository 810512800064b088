package dev.statestore.workerskv.metadata;

import dev.statestore.spi.Component;
import dev.statestore.spi.InvalidComponentException;
import dev.statestore.spi.MetadataField;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validated metadata of a {@code state.cloudflare.workerskv} component. Field names are those of Dapr's
 * component of the same type. {@link #toString()} never prints the private key or the API token.
 */
public final class WorkersKvMetadata {
    public static final String KV_NAMESPACE_ID = "kvNamespaceID";
    public static final String WORKER_NAME = "workerName";
    public static final String KEY = "key";
    public static final String CF_ACCOUNT_ID = "cfAccountID";
    public static final String CF_API_TOKEN = "cfAPIToken";
    public static final String WORKER_URL = "workerUrl";
    public static final String TIMEOUT_IN_SECONDS = "timeoutInSeconds";
    public static final String CF_API_URL = "cfAPIURL";
    public static final String TLS_TRUSTED_CERTIFICATES = "tlsTrustedCertificates";

    /** Default per-request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** Default bound on start-up, including a managed deploy, when the component sets no initTimeout. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(120);
    public static final String DEFAULT_CF_API_URL = "https://api.cloudflare.com/client/v4";

    private static final Pattern NAMESPACE_ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    // Cloudflare Worker names: lower-case letters, digits and dashes, at most 63 characters, no dash at the ends.
    private static final Pattern WORKER_NAME_PATTERN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PRIVATE_KEY_PEM = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|(?=')|$)", Pattern.DOTALL);
    private static final Set<String> FRAMEWORK_FIELDS = Set.of("keyPrefix", "appID");

    /** Descriptions of every field, used for documentation and redaction. */
    public static final List<MetadataField> FIELDS = List.of(
            field(KV_NAMESPACE_ID, true, false, null, "ID of the KV namespace (not its title); the Worker's KV "
                    + "binding has this name.", "a7c1d9e3f5b24c6d8e0f1a2b3c4d5e6f"),
            field(WORKER_NAME, true, false, null, "Name of the Worker; also the audience of the tokens.",
                    "statestore-kv"),
            field(KEY, true, true, null, "Ed25519 private key in PEM (PKCS#8, BEGIN PRIVATE KEY); the Worker "
                    + "holds the matching public key as PUBLIC_KEY.", "-----BEGIN PRIVATE KEY-----..."),
            field(CF_ACCOUNT_ID, false, false, null, "Cloudflare account ID; with cfAPIToken, the provider "
                    + "deploys and upgrades the Worker itself.", "0123456789abcdef0123456789abcdef"),
            field(CF_API_TOKEN, false, true, null, "Cloudflare API token with the permission Workers Scripts: "
                    + "Edit; goes with cfAccountID.", "(secret)"),
            field(WORKER_URL, false, false, null, "URL of the Worker. Required for a Worker deployed outside "
                    + "the provider; with cfAccountID and cfAPIToken it replaces the workers.dev URL, for a custom "
                    + "route.", "https://statestore-kv.example.workers.dev"),
            field(TIMEOUT_IN_SECONDS, false, false, "20", "Per-request timeout in seconds, from 1 to 3600.", "20"),
            field(CF_API_URL, false, false, DEFAULT_CF_API_URL, "Base URL of the Cloudflare API, for tests "
                    + "against a fake API.", "http://127.0.0.1:8790/client/v4"),
            field(TLS_TRUSTED_CERTIFICATES, false, false, null, "PEM certificates (a file path or the PEM text) "
                    + "that HTTPS connections trust instead of the JVM's default trust store, for a Worker behind "
                    + "a private CA.", "/etc/statestore/ca.pem"));

    private final String namespaceId;
    private final String workerName;
    private final String privateKeyPem;
    private final Optional<String> accountId;
    private final Optional<String> apiToken;
    private final Optional<URI> workerUrl;
    private final Duration timeout;
    private final Duration initTimeout;
    private final URI apiUrl;
    private final Optional<String> trustedCertificates;

    private WorkersKvMetadata(Builder builder) {
        this.namespaceId = builder.namespaceId;
        this.workerName = builder.workerName;
        this.privateKeyPem = builder.privateKeyPem;
        this.accountId = Optional.ofNullable(builder.accountId);
        this.apiToken = Optional.ofNullable(builder.apiToken);
        this.workerUrl = Optional.ofNullable(builder.workerUrl);
        this.timeout = builder.timeout;
        this.initTimeout = builder.initTimeout;
        this.apiUrl = builder.apiUrl;
        this.trustedCertificates = Optional.ofNullable(builder.trustedCertificates);
    }

    /**
     * Validates a component's metadata without any network call and reports every problem at once, each
     * naming the field and the fix.
     */
    public static WorkersKvMetadata parse(Component component) {
        Map<String, String> metadata = component.metadata();
        List<String> problems = new ArrayList<>();
        Builder builder = new Builder();

        for (String name : metadata.keySet()) {
            boolean known = FIELDS.stream().anyMatch(field -> field.name().equals(name));
            if (!known && !FRAMEWORK_FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "': remove it or fix its spelling (known fields: "
                        + FIELDS.stream().map(MetadataField::name).toList() + ")");
            }
        }

        builder.namespaceId = required(metadata, KV_NAMESPACE_ID, problems);
        if (builder.namespaceId != null && (!NAMESPACE_ID.matcher(builder.namespaceId).matches()
                || builder.namespaceId.equals(".") || builder.namespaceId.equals(".."))) {
            problems.add(KV_NAMESPACE_ID + " '" + builder.namespaceId + "' is invalid: use the namespace ID "
                    + "(letters, digits, '_', '.', '-'), as printed by 'wrangler kv namespace list'");
        }

        builder.workerName = required(metadata, WORKER_NAME, problems);
        if (builder.workerName != null && !WORKER_NAME_PATTERN.matcher(builder.workerName).matches()) {
            problems.add(WORKER_NAME + " '" + builder.workerName + "' is invalid: use 1 to 63 lower-case "
                    + "letters, digits and dashes, not starting or ending with a dash");
        }

        builder.privateKeyPem = metadata.get(KEY);
        if (builder.privateKeyPem == null || builder.privateKeyPem.isBlank()) {
            problems.add(KEY + " is missing: set it to an Ed25519 private key in PEM form "
                    + "(generate one with 'openssl genpkey -algorithm ed25519')");
            builder.privateKeyPem = null;
        } else {
            PrivateKeys.problem(builder.privateKeyPem).ifPresent(problem -> problems.add(KEY + " " + problem));
        }

        builder.accountId = optional(metadata, CF_ACCOUNT_ID);
        builder.apiToken = optional(metadata, CF_API_TOKEN);
        String workerUrl = optional(metadata, WORKER_URL);
        if ((builder.accountId == null) != (builder.apiToken == null)) {
            String missing = builder.accountId == null ? CF_ACCOUNT_ID : CF_API_TOKEN;
            problems.add(missing + " is missing: " + CF_ACCOUNT_ID + " and " + CF_API_TOKEN
                    + " go together; set both to let the provider manage the Worker, or neither and set "
                    + WORKER_URL);
        }
        if (workerUrl == null && builder.accountId == null && builder.apiToken == null) {
            problems.add("no Worker to talk to: set " + WORKER_URL + " (a Worker you deployed) or "
                    + CF_ACCOUNT_ID + " and " + CF_API_TOKEN + " (the provider deploys it)");
        }
        if (workerUrl != null) {
            builder.workerUrl = httpUrl(WORKER_URL, workerUrl, problems);
        }

        builder.timeout = positiveSeconds(metadata, TIMEOUT_IN_SECONDS, DEFAULT_TIMEOUT, problems);
        builder.initTimeout = component.initTimeout().orElse(DEFAULT_INIT_TIMEOUT);
        if (builder.initTimeout.isNegative() || builder.initTimeout.isZero()) {
            problems.add("initTimeout " + builder.initTimeout + " is invalid: use a positive duration such as 120s");
        }
        String apiUrl = Optional.ofNullable(optional(metadata, CF_API_URL)).orElse(DEFAULT_CF_API_URL);
        builder.apiUrl = httpUrl(CF_API_URL, apiUrl, problems);
        builder.trustedCertificates = optional(metadata, TLS_TRUSTED_CERTIFICATES);
        if (builder.trustedCertificates != null) {
            TrustedCertificates.problem(builder.trustedCertificates)
                    .ifPresent(problem -> problems.add(TLS_TRUSTED_CERTIFICATES + " " + problem));
        }

        if (!problems.isEmpty()) {
            String message = "Invalid metadata for state.cloudflare.workerskv in " + component.origin() + ":\n  - "
                    + String.join("\n  - ", problems);
            throw new InvalidComponentException(redact(message, metadata));
        }
        return new WorkersKvMetadata(builder);
    }

    public String namespaceId() {
        return namespaceId;
    }

    public String workerName() {
        return workerName;
    }

    /** Returns the private key PEM; never log it. */
    public String privateKeyPem() {
        return privateKeyPem;
    }

    public Optional<String> accountId() {
        return accountId;
    }

    /** Returns the API token; never log it. */
    public Optional<String> apiToken() {
        return apiToken;
    }

    /**
     * Returns the URL of the Worker: the Worker to use when it is deployed outside the provider, and in managed
     * mode the URL to use in place of {@code https://{workerName}.{subdomain}.workers.dev}.
     */
    public Optional<URI> workerUrl() {
        return workerUrl;
    }

    /** Tells whether the provider deploys and upgrades the Worker itself. */
    public boolean isManaged() {
        return accountId.isPresent();
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration initTimeout() {
        return initTimeout;
    }

    /** Returns the PEM certificates (or a path to them) that HTTPS connections trust, when set. */
    public Optional<String> trustedCertificates() {
        return trustedCertificates;
    }

    public URI apiUrl() {
        return apiUrl;
    }

    @Override
    public String toString() {
        return "WorkersKvMetadata{kvNamespaceID='" + namespaceId + "', workerName='" + workerName
                + "', key=(redacted)" + accountId.map(id -> ", cfAccountID='" + id + "'").orElse("")
                + apiToken.map(token -> ", cfAPIToken=(redacted)").orElse("")
                + workerUrl.map(url -> ", workerUrl='" + url + "'").orElse("")
                + ", timeout=" + timeout + ", initTimeout=" + initTimeout + "}";
    }

    /**
     * Removes secrets from a message: the values of the sensitive fields, and any private key PEM, which a user
     * may have pasted into the wrong field.
     */
    private static String redact(String message, Map<String, String> metadata) {
        String redacted = PRIVATE_KEY_PEM.matcher(message).replaceAll("(a private key, redacted)");
        for (MetadataField field : FIELDS) {
            String value = metadata.get(field.name());
            if (field.sensitive() && value != null && value.strip().length() >= 8) {
                redacted = redacted.replace(value.strip(), "(" + field.name() + ", redacted)");
            }
        }
        return redacted;
    }

    private static String required(Map<String, String> metadata, String name, List<String> problems) {
        String value = optional(metadata, name);
        if (value == null) {
            problems.add(name + " is missing: set it in the component's spec.metadata");
        }
        return value;
    }

    private static String optional(Map<String, String> metadata, String name) {
        String value = metadata.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI httpUrl(String field, String text, List<String> problems) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add(field + " '" + text + "' is invalid: use an http:// or https:// URL");
                return null;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problems.add(field + " '" + text + "' is invalid: the URL has no host");
                return null;
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(field + " '" + text + "' is invalid: remove the query and fragment");
                return null;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            problems.add(field + " '" + text + "' is invalid: " + e.getReason());
            return null;
        }
    }

    private static Duration positiveSeconds(Map<String, String> metadata, String name, Duration defaultValue,
            List<String> problems) {
        String text = optional(metadata, name);
        if (text == null) {
            return defaultValue;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        problems.add(name + " '" + text + "' is invalid: use a whole number of seconds from 1 to 3600");
        return defaultValue;
    }

    private static MetadataField field(String name, boolean required, boolean sensitive, String defaultValue,
            String description, String example) {
        return new MetadataField(name, required, sensitive, Optional.ofNullable(defaultValue), description, example);
    }

    private static final class Builder {
        private String namespaceId;
        private String workerName;
        private String privateKeyPem;
        private String accountId;
        private String apiToken;
        private URI workerUrl;
        private Duration timeout;
        private Duration initTimeout;
        private URI apiUrl;
        private String trustedCertificates;
    }
}
