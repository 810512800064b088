package dev.statestore.harness.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Authorization headers that the Worker must reject. Each builds its header from the Worker's real key pair and
 * name (held by {@link Kit}), so the attack differs from a valid request in exactly one respect.
 */
enum TokenAttack {
    NO_HEADER {
        @Override
        String authorization(Kit kit) {
            return null;
        }
    },
    SCHEME_WITHOUT_TOKEN {
        @Override
        String authorization(Kit kit) {
            return "Bearer";
        }
    },
    BASIC_SCHEME {
        @Override
        String authorization(Kit kit) {
            return "Basic x";
        }
    },
    GARBAGE {
        @Override
        String authorization(Kit kit) {
            return "Bearer not-a-token";
        }
    },
    VALID_TOKEN_WITHOUT_SCHEME {
        @Override
        String authorization(Kit kit) {
            return kit.own().valid();
        }
    },
    VALID_TOKEN_WITH_BASIC_SCHEME {
        @Override
        String authorization(Kit kit) {
            return "Basic " + kit.own().valid();
        }
    },
    ALG_NONE_EMPTY_SIGNATURE {
        @Override
        String authorization(Kit kit) {
            ObjectNode header = TokenForge.header().put("alg", "none");
            return bearer(TokenForge.encode(header) + "." + TokenForge.encode(kit.own().claims(now())) + ".");
        }
    },
    ALG_NONE_WITH_VALID_SIGNATURE {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.own().signed(TokenForge.header().put("alg", "none"), kit.own().claims(now())));
        }
    },
    ALG_ED25519_INSTEAD_OF_EDDSA {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.own().signed(TokenForge.header().put("alg", "Ed25519"), kit.own().claims(now())));
        }
    },
    HS256_WITH_PUBLIC_KEY_PEM {
        @Override
        String authorization(Kit kit) {
            return bearer(TokenForge.hs256(TokenForge.header().put("alg", "HS256"), kit.own().claims(now()),
                    kit.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        }
    },
    HS256_WITH_PUBLIC_KEY_DER {
        @Override
        String authorization(Kit kit) {
            return bearer(TokenForge.hs256(TokenForge.header().put("alg", "HS256"), kit.own().claims(now()),
                    TokenForge.publicKeyDer(kit.publicKeyPem())));
        }
    },
    CRITICAL_HEADER {
        @Override
        String authorization(Kit kit) {
            ObjectNode header = TokenForge.header();
            header.putArray("crit").add("exp");
            return bearer(kit.own().signed(header, kit.own().claims(now())));
        }
    },
    SIGNED_BY_ANOTHER_KEY {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.stranger().valid());
        }
    },
    WRONG_AUDIENCE {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.own().signed(TokenForge.header(), kit.own().claims(now()).put("aud", Kit.OTHER_WORKER)));
        }
    },
    AUDIENCE_ARRAY_WITHOUT_WORKER {
        @Override
        String authorization(Kit kit) {
            ObjectNode claims = kit.own().claims(now());
            claims.putArray("aud").add(Kit.OTHER_WORKER).add(kit.workerName() + "-x");
            return bearer(kit.own().signed(TokenForge.header(), claims));
        }
    },
    MISSING_AUDIENCE {
        @Override
        String authorization(Kit kit) {
            ObjectNode claims = kit.own().claims(now());
            claims.remove("aud");
            return bearer(kit.own().signed(TokenForge.header(), claims));
        }
    },
    WRONG_ISSUER {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.own().signed(TokenForge.header(), kit.own().claims(now()).put("iss", "attacker")));
        }
    },
    MISSING_EXPIRY {
        @Override
        String authorization(Kit kit) {
            ObjectNode claims = kit.own().claims(now());
            claims.remove("exp");
            return bearer(kit.own().signed(TokenForge.header(), claims));
        }
    },
    EXPIRY_AS_TEXT {
        @Override
        String authorization(Kit kit) {
            ObjectNode claims = kit.own().claims(now());
            claims.put("exp", String.valueOf(now() + 60));
            return bearer(kit.own().signed(TokenForge.header(), claims));
        }
    },
    EXPIRED_BEYOND_SKEW {
        @Override
        String authorization(Kit kit) {
            // exp + 300 s of allowed skew is still 60 s in the past.
            return bearer(kit.own().signed(TokenForge.header(), kit.own().claims(now() - 420)));
        }
    },
    NOT_BEFORE_BEYOND_SKEW {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.own().signed(TokenForge.header(), kit.own().claims(now()).put("nbf", now() + 420)));
        }
    },
    ISSUED_IN_FUTURE_BEYOND_SKEW {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.own().signed(TokenForge.header(), kit.own().claims(now() + 420)));
        }
    },
    OVERSIZED {
        @Override
        String authorization(Kit kit) {
            // Correctly signed: only its length, over the 4096 characters the Worker reads, is wrong.
            return bearer(kit.own().signed(TokenForge.header(), kit.own().claims(now()).put("pad", "x".repeat(4200))));
        }
    },
    EXTRA_SEGMENT {
        @Override
        String authorization(Kit kit) {
            return bearer(kit.own().valid() + ".e30");
        }
    },
    TAMPERED_AUDIENCE_WITH_ORIGINAL_SIGNATURE {
        @Override
        String authorization(Kit kit) {
            // A genuine token of the same key for another worker, its audience rewritten and its signature kept.
            String[] issued = kit.ownForOtherWorker().valid().split("\\.");
            String claims = TokenForge.encode(TokenForge.decode(issued[1]).replace("\"aud\":\"" + Kit.OTHER_WORKER,
                    "\"aud\":\"" + kit.workerName()));
            return bearer(issued[0] + "." + claims + "." + issued[2]);
        }
    },
    RE_ENCODED_CLAIMS {
        @Override
        String authorization(Kit kit) {
            String[] token = kit.own().valid().split("\\.");
            // The same claims as JSON with other whitespace: equal meaning, other bytes, so the signature fails.
            String claims = TokenForge.encode(TokenForge.decode(token[1]).replace(",", ", "));
            return bearer(token[0] + "." + claims + "." + token[2]);
        }
    },
    RE_ENCODED_HEADER {
        @Override
        String authorization(Kit kit) {
            String[] token = kit.own().valid().split("\\.");
            String header = TokenForge.encode("{\"typ\":\"JWT\",\"alg\":\"EdDSA\"}");
            return bearer(header + "." + token[1] + "." + token[2]);
        }
    },
    PADDED_SEGMENTS {
        @Override
        String authorization(Kit kit) {
            String[] token = kit.own().valid().split("\\.");
            return bearer(token[0] + "=." + token[1] + "=." + token[2] + "==");
        }
    },
    TRUNCATED_SIGNATURE {
        @Override
        String authorization(Kit kit) {
            String token = kit.own().valid();
            return bearer(token.substring(0, token.length() - 4));
        }
    },
    FLIPPED_SIGNATURE_BIT {
        @Override
        String authorization(Kit kit) {
            String token = kit.own().valid();
            int last = token.lastIndexOf('.') + 1;
            char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
            return bearer(token.substring(0, last) + flipped + token.substring(last + 1));
        }
    };

    /** Returns the whole Authorization header value, or null to send none. */
    abstract String authorization(Kit kit);

    static long now() {
        return TokenForge.nowSeconds();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /**
     * What an attack is built from: forges with the Worker's own key for its audience and for another worker, a
     * forge with another key, the Worker's public key and its name.
     */
    record Kit(TokenForge own, TokenForge ownForOtherWorker, TokenForge stranger, String publicKeyPem,
            String workerName) {
        static final String OTHER_WORKER = "other-worker";
    }
}
