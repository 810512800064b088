package dev.statestore.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes values for the typed methods of {@link StateStore}: {@code byte[]} unchanged, {@link String} as
 * UTF-8, any other object as JSON through Jackson, which is an optional dependency of this module.
 */
public final class Values {
    public static final String JSON_CONTENT_TYPE = "application/json";
    public static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private Values() {
    }

    /** Returns a set request builder holding the encoded value and its content type. */
    public static SetRequest.Builder toSetRequest(String key, Object value) {
        if (value instanceof byte[]) {
            return SetRequest.builder(key, (byte[]) value);
        }
        if (value instanceof String) {
            return SetRequest.builder(key, ((String) value).getBytes(StandardCharsets.UTF_8))
                    .contentType(TEXT_CONTENT_TYPE);
        }
        return SetRequest.builder(key, encodeJson(key, value)).contentType(JSON_CONTENT_TYPE);
    }

    /** Decodes stored bytes as {@code type}; see the class description for the rules. */
    public static <T> T decode(String key, byte[] value, Class<T> type) {
        if (type == byte[].class) {
            return type.cast(value);
        }
        if (type == String.class) {
            return type.cast(new String(value, StandardCharsets.UTF_8));
        }
        try {
            return Json.MAPPER.readValue(value, type);
        } catch (IOException e) {
            throw new InvalidRequestException("Value of key '" + key + "' is not JSON that maps to "
                    + type.getName() + ": " + e.getMessage() + ". Read it as byte[] or String instead.", e);
        } catch (NoClassDefFoundError e) {
            throw missingJackson(e);
        }
    }

    /** Encodes an object as JSON bytes. */
    public static byte[] encodeJson(String key, Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new InvalidRequestException("Value for key '" + key + "' of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + e.getMessage(), e);
        } catch (NoClassDefFoundError e) {
            throw missingJackson(e);
        }
    }

    private static StateStoreException missingJackson(NoClassDefFoundError e) {
        return new StateStoreException("Typed values need Jackson: add com.fasterxml.jackson.core:jackson-databind "
                + "to the class path, or pass byte[] or String values.", e);
    }

    /** Holder that loads Jackson only when a JSON value is first used. */
    private static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
    }
}
