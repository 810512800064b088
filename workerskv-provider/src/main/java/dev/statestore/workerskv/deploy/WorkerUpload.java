package dev.statestore.workerskv.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statestore.worker.WorkerScript;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The body of a Workers script upload ({@code PUT /accounts/{account_id}/workers/scripts/{script_name}}): a
 * {@code metadata} JSON part and one ES module part.
 *
 * <p>Shapes relied on, from Cloudflare's "Multipart upload metadata" page
 * (https://developers.cloudflare.com/workers/configuration/multipart-upload-metadata/) and the API reference
 * of "Upload Worker Module" (https://developers.cloudflare.com/api/resources/workers/subresources/scripts/methods/update/):
 * {@code main_module} names the part that holds the entry module, {@code compatibility_date} is
 * {@code yyyy-mm-dd} (without it the API falls back to 2021-11-02), a {@code kv_namespace} binding has
 * {@code name} and {@code namespace_id}, and a {@code plain_text} binding has {@code name} and {@code text}.
 * NOTE: those pages do not name the module part's content type. {@value #MODULE_CONTENT_TYPE} is the type
 * that other clients of this API send for an ES module, for example the {@code content_type} of a module in
 * the Terraform resource {@code cloudflare_worker_version}.
 *
 * @param moduleName the module's part name and file name, also {@code main_module}
 * @param source the module's source text
 * @param compatibilityDate the Workers compatibility date
 * @param namespaceId the KV namespace ID, bound under the same name
 * @param publicKeyPem the SPKI PEM public key for the {@code PUBLIC_KEY} binding
 * @param tokenAudience the audience the Worker expects in tokens, for the {@code TOKEN_AUDIENCE} binding
 */
public record WorkerUpload(String moduleName, String source, String compatibilityDate, String namespaceId,
        String publicKeyPem, String tokenAudience) {
    public static final String METADATA_PART = "metadata";
    public static final String MODULE_CONTENT_TYPE = "application/javascript+module";
    public static final String PUBLIC_KEY_BINDING = "PUBLIC_KEY";
    public static final String TOKEN_AUDIENCE_BINDING = "TOKEN_AUDIENCE";

    private static final ObjectMapper JSON = new ObjectMapper();

    public WorkerUpload {
        Objects.requireNonNull(moduleName, "moduleName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(compatibilityDate, "compatibilityDate");
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(tokenAudience, "tokenAudience");
    }

    /** Returns the upload of the bundled {@code worker.js} for one namespace, key and Worker name. */
    public static WorkerUpload bundled(String namespaceId, String publicKeyPem, String workerName) {
        return new WorkerUpload(WorkerScript.MODULE_NAME, WorkerScript.source(), WorkerScript.COMPATIBILITY_DATE,
                namespaceId, publicKeyPem, workerName);
    }

    /** Returns the {@code metadata} part's JSON. */
    public ObjectNode metadata() {
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("main_module", moduleName);
        metadata.put("compatibility_date", compatibilityDate);
        ArrayNode bindings = metadata.putArray("bindings");
        bindings.addObject().put("type", "kv_namespace").put("name", namespaceId).put("namespace_id", namespaceId);
        bindings.addObject().put("type", "plain_text").put("name", PUBLIC_KEY_BINDING).put("text", publicKeyPem);
        bindings.addObject().put("type", "plain_text").put("name", TOKEN_AUDIENCE_BINDING).put("text", tokenAudience);
        return metadata;
    }

    /** Encodes the upload as the multipart body of the request: the metadata part first, then the module. */
    public MultipartBody toMultipartBody() {
        byte[] metadataJson;
        try {
            metadataJson = JSON.writeValueAsBytes(metadata());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode the Worker metadata as JSON", e);
        }
        return MultipartBody.builder()
                .addPart(METADATA_PART, null, "application/json", metadataJson)
                .addPart(moduleName, moduleName, MODULE_CONTENT_TYPE, source.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public String toString() {
        return "WorkerUpload{module='" + moduleName + "', sourceChars=" + source.length() + ", compatibilityDate='"
                + compatibilityDate + "', namespaceId='" + namespaceId + "', tokenAudience='" + tokenAudience + "'}";
    }
}
