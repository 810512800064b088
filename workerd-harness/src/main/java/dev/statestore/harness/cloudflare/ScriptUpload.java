package dev.statestore.harness.cloudflare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated body of {@code PUT /accounts/{account_id}/workers/scripts/{script_name}}: the {@code metadata}
 * JSON part and the module it names in {@code main_module}.
 *
 * <p>Checks what Cloudflare documents for such an upload: a {@code metadata} part holding a JSON object, a
 * {@code main_module} that names a part, a {@code compatibility_date} of the form {@code yyyy-mm-dd} when
 * present, and bindings with a {@code type} and a unique {@code name}, where a {@code kv_namespace} binding has a
 * {@code namespace_id} and a {@code plain_text} binding has a {@code text}. The fake then needs what it takes to
 * run {@code worker.js} in workerd, and rejects anything else with a message that names the limitation: an ES module part
 * ({@value #MODULE_CONTENT_TYPE}), exactly one {@code kv_namespace} binding whose name equals its namespace ID,
 * and the {@code PUBLIC_KEY} and {@code TOKEN_AUDIENCE} text bindings; no other binding types.
 *
 * @param metadata the metadata part
 * @param deployment what the fake runs for this upload
 * @param compatibilityDate the compatibility date, or null when the metadata has none
 */
record ScriptUpload(JsonNode metadata, WorkerDeployment deployment, String compatibilityDate) {
    static final String MODULE_CONTENT_TYPE = "application/javascript+module";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NAMESPACE_ID = Pattern.compile("[a-zA-Z0-9_.-]+");

    /** Parses and validates an upload; throws {@link ApiFailure} (HTTP 400) describing the first problem. */
    static ScriptUpload parse(String contentType, byte[] body) {
        MultipartForm form;
        try {
            form = MultipartForm.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            throw ApiFailure.invalidUpload("Invalid multipart upload: " + e.getMessage());
        }

        MultipartForm.Part metadataPart = form.part("metadata")
                .orElseThrow(() -> ApiFailure.invalidUpload("The upload has no 'metadata' part."));
        JsonNode metadata;
        try {
            metadata = JSON.readTree(metadataPart.content());
        } catch (JsonProcessingException e) {
            throw ApiFailure.invalidUpload("could not read content for part metadata: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiFailure.invalidUpload("could not read content for part metadata: " + e.getMessage());
        }
        if (metadata == null || !metadata.isObject()) {
            throw ApiFailure.invalidUpload("could not read content for part metadata: expected a JSON object");
        }

        String mainModule = metadata.path("main_module").asText("");
        if (mainModule.isEmpty()) {
            throw ApiFailure.invalidUpload("The metadata is missing main_module: set it to the name of the part "
                    + "that contains the Worker's entry module.");
        }
        MultipartForm.Part module = form.part(mainModule).orElseThrow(() -> ApiFailure.invalidUpload(
                "main_module '" + mainModule + "' names no part of the upload."));
        if (!module.mediaType().equals(MODULE_CONTENT_TYPE)) {
            throw ApiFailure.invalidUpload("Part '" + mainModule + "' has content type '" + module.contentType()
                    + "': FakeCloudflareApi runs ES modules only, sent as " + MODULE_CONTENT_TYPE + ".");
        }

        String compatibilityDate = null;
        if (metadata.has("compatibility_date")) {
            compatibilityDate = metadata.get("compatibility_date").asText("");
            if (!DATE.matcher(compatibilityDate).matches()) {
                throw ApiFailure.invalidUpload("Invalid compatibility_date '" + compatibilityDate
                        + "': use yyyy-mm-dd.");
            }
        }

        Bindings bindings = bindings(metadata.path("bindings"));
        WorkerDeployment deployment = new WorkerDeployment(module.text(), bindings.namespaceId, bindings.publicKeyPem,
                bindings.tokenAudience);
        return new ScriptUpload(metadata, deployment, compatibilityDate);
    }

    private static Bindings bindings(JsonNode array) {
        if (!array.isArray()) {
            throw ApiFailure.invalidUpload("The metadata has no bindings array: FakeCloudflareApi needs a "
                    + "kv_namespace binding and the PUBLIC_KEY and TOKEN_AUDIENCE plain_text bindings.");
        }
        Bindings found = new Bindings();
        Set<String> names = new HashSet<>();
        for (JsonNode binding : array) {
            String type = binding.path("type").asText("");
            String name = binding.path("name").asText("");
            if (type.isEmpty() || name.isEmpty()) {
                throw ApiFailure.invalidUpload("Binding " + binding + " needs a type and a name.");
            }
            if (!names.add(name)) {
                throw ApiFailure.invalidUpload("Binding name '" + name + "' is used twice.");
            }
            switch (type) {
                case "kv_namespace" -> found.addKv(name, required(binding, "namespace_id"));
                case "plain_text" -> found.addText(name, required(binding, "text"));
                default -> throw ApiFailure.invalidUpload("Binding '" + name + "' has type '" + type
                        + "': FakeCloudflareApi supports only kv_namespace and plain_text bindings.");
            }
        }
        found.requireComplete();
        return found;
    }

    private static String required(JsonNode binding, String field) {
        JsonNode value = binding.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiFailure.invalidUpload("Binding '" + binding.path("name").asText() + "' of type '"
                    + binding.path("type").asText() + "' needs a string field " + field + ".");
        }
        return value.asText();
    }

    /** The bindings the fake needs to run an upload, collected while reading the metadata. */
    private static final class Bindings {
        private String namespaceId;
        private String publicKeyPem;
        private String tokenAudience;

        void addKv(String name, String id) {
            if (!NAMESPACE_ID.matcher(id).matches()) {
                throw ApiFailure.invalidUpload("Invalid namespace_id '" + id + "' in binding '" + name + "'.");
            }
            if (namespaceId != null) {
                throw ApiFailure.invalidUpload("FakeCloudflareApi runs a Worker with one kv_namespace binding; "
                        + "the upload has more.");
            }
            if (!name.equals(id)) {
                throw ApiFailure.invalidUpload("kv_namespace binding '" + name + "' has namespace_id '" + id
                        + "': FakeCloudflareApi binds a namespace under its own ID, so name and namespace_id must "
                        + "be equal.");
            }
            namespaceId = id;
        }

        void addText(String name, String text) {
            if (name.equals("PUBLIC_KEY")) {
                publicKeyPem = text;
            } else if (name.equals("TOKEN_AUDIENCE")) {
                tokenAudience = text;
            } else {
                throw ApiFailure.invalidUpload("plain_text binding '" + name + "': FakeCloudflareApi runs a Worker "
                        + "with only the PUBLIC_KEY and TOKEN_AUDIENCE text bindings.");
            }
        }

        void requireComplete() {
            if (namespaceId == null) {
                throw ApiFailure.invalidUpload("The upload has no kv_namespace binding.");
            }
            if (publicKeyPem == null || tokenAudience == null) {
                throw ApiFailure.invalidUpload("The upload lacks the PUBLIC_KEY or TOKEN_AUDIENCE plain_text "
                        + "binding.");
            }
        }
    }
}
