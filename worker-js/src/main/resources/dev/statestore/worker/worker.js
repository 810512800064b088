// State-store Worker for Cloudflare Workers KV, wire-compatible with the Worker that Dapr deploys.
//
// Every request must carry "Authorization: Bearer <JWT>" (EdDSA, verified with the PUBLIC_KEY binding).
// Authentication runs before routing, so an unauthenticated caller gets 401 on every path and
// learns nothing about routes or namespaces.
//
//   GET    /.well-known/dapr/info        200 {"version","kv":[binding names],"queues":[],"extensions":{...}}
//   GET    /kv/{ns}/{key}                200 raw value (X-KV-Expiration, X-KV-Content-Type), 404 absent
//   POST   /kv/{ns}/{key}[?ttl=seconds]  201; body is the value, X-KV-Content-Type is stored
//   DELETE /kv/{ns}/{key}                204
//   POST   /batch/{ns}                   200 {"results":[...]}, one result per op
//   GET    /list/{ns}?prefix=&limit=&cursor=  200 {"keys":[{"key","expiration"?}],"cursor","complete"}
//
// Errors have a short text/plain body: 400 malformed request or KV limit violation, 401 missing or
// invalid token, 404 any other route or method (no 405, because Dapr's Worker also returns 404),
// 412 no KV binding named {ns}, 502 the KV binding threw, 500 PUBLIC_KEY or TOKEN_AUDIENCE unusable.
// A batch result carries the status that the single-key route would return, or 413 when the
// values in the response would exceed the batch maxBytes.
// Query values are form-decoded, so a literal "+" must be sent as %2B.

const WORKER_VERSION = "20261204";

const MAX_KEY_BYTES = 512;
const MAX_VALUE_BYTES = 25 * 1024 * 1024;
const MIN_TTL_SECONDS = 60;
const MAX_EXPIRATION_SECONDS = 2147483647;
const MAX_CONTENT_TYPE_LENGTH = 256;
const BATCH_MAX_OPS = 128;
// Bounds both the batch request body and the sum of value bytes in one batch response. A batch
// keeps the body text, the parsed JSON and the decoded values in memory at once, and an isolate
// may use 128 MB.
const BATCH_MAX_BYTES = 16 * 1024 * 1024;
const LIST_MAX_LIMIT = 1000;

const TOKEN_ISSUER = "dapr.io/cloudflare";
const CLOCK_SKEW_SECONDS = 300;
const MAX_AUTHORIZATION_LENGTH = 4096;
const TOKEN_CACHE_SIZE = 1000;

const encoder = new TextEncoder();

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export default {
  async fetch(request, env) {
    try {
      if (!(await authenticate(request, env))) {
        return new Response("unauthorized", {
          status: 401,
          headers: { "Content-Type": "text/plain", "WWW-Authenticate": "Bearer" },
        });
      }
      return await route(request, env);
    } catch (err) {
      if (err instanceof HttpError) return textResponse(err.status, err.message);
      console.error(`unexpected error on ${request.method} ${new URL(request.url).pathname}:`, err);
      return textResponse(500, "internal error");
    }
  },
};

async function route(request, env) {
  const url = new URL(request.url);
  // The URL parser keeps percent-escapes in the pathname, so a key's "%2F" is not a separator here.
  const segments = url.pathname.split("/");
  const [, first, second, third] = segments;
  const method = request.method;

  if (segments.length === 4 && first === "kv") {
    if (method === "GET") return getEntry(requireNamespace(env, second), keyFromSegment(third));
    if (method === "POST") return putEntry(request, url, requireNamespace(env, second), keyFromSegment(third));
    if (method === "DELETE") return deleteEntry(requireNamespace(env, second), keyFromSegment(third));
  }
  if (segments.length === 3 && first === "batch" && method === "POST") {
    return runBatch(request, requireNamespace(env, second));
  }
  if (segments.length === 3 && first === "list" && method === "GET") {
    return listEntries(url, requireNamespace(env, second));
  }
  if (url.pathname === "/.well-known/dapr/info" && method === "GET") {
    return Response.json(describeWorker(env));
  }
  return textResponse(404, "not found");
}

function describeWorker(env) {
  return {
    version: WORKER_VERSION,
    kv: kvBindingNames(env),
    queues: [],
    extensions: {
      batch: { maxKeys: BATCH_MAX_OPS, maxBytes: BATCH_MAX_BYTES },
      expiration: true,
      list: { maxLimit: LIST_MAX_LIMIT },
      contentType: true,
    },
  };
}

// ---- Authentication ----

let verifier = null; // { pem, key: Promise<CryptoKey>, tokens: Map<token, claims> } for this isolate

// Returns whether the request carries a valid token, or throws a 500 HttpError when PUBLIC_KEY or
// TOKEN_AUDIENCE is unusable. Verified signatures are cached, but the claim checks run every time.
async function authenticate(request, env) {
  const header = request.headers.get("Authorization");
  if (header === null || header.length > MAX_AUTHORIZATION_LENGTH) return false;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(header);
  if (match === null) return false;

  const token = match[1];
  const state = loadVerifier(env);
  let claims = state.tokens.get(token);
  if (claims === undefined) {
    claims = await verifyToken(token, await state.key);
    if (claims === null) return false;
    if (state.tokens.size >= TOKEN_CACHE_SIZE) state.tokens.delete(state.tokens.keys().next().value);
    state.tokens.set(token, claims);
  }
  return claimsAreValid(claims, env.TOKEN_AUDIENCE, nowSeconds());
}

function loadVerifier(env) {
  const pem = env.PUBLIC_KEY;
  if (typeof pem !== "string" || typeof env.TOKEN_AUDIENCE !== "string" || env.TOKEN_AUDIENCE === "") {
    throw new HttpError(500, "worker is misconfigured: set PUBLIC_KEY and TOKEN_AUDIENCE as text bindings");
  }
  if (verifier === null || verifier.pem !== pem) {
    const key = importPublicKey(pem);
    key.catch(() => {}); // the rejection is reported by the request that awaits it
    verifier = { pem, key, tokens: new Map() };
  }
  return verifier;
}

async function importPublicKey(pem) {
  try {
    const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
    // NOTE: Uint8Array.fromBase64 and toBase64 are recent additions to JavaScript. workerd 2026-11-17 has them.
    const der = Uint8Array.fromBase64(base64);
    return await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, false, ["verify"]);
  } catch (err) {
    console.error("cannot import PUBLIC_KEY:", err);
    throw new HttpError(500, "worker is misconfigured: PUBLIC_KEY must be an Ed25519 public key in PEM (SPKI) form");
  }
}

// Returns the claims of a well-formed EdDSA token with a valid signature, otherwise null.
async function verifyToken(token, key) {
  const [encodedHeader, encodedClaims, encodedSignature] = token.split(".");
  const header = decodeJsonSegment(encodedHeader);
  const claims = decodeJsonSegment(encodedClaims);
  const signature = decodeBase64Url(encodedSignature);
  if (header === null || claims === null || signature === null || signature.length !== 64) return null;

  const typeIsValid = header.typ === undefined || String(header.typ).toUpperCase() === "JWT";
  if (header.alg !== "EdDSA" || !typeIsValid || header.crit !== undefined) return null;

  const signedData = encoder.encode(`${encodedHeader}.${encodedClaims}`);
  return (await crypto.subtle.verify("Ed25519", key, signature, signedData)) ? claims : null;
}

function claimsAreValid(claims, audience, now) {
  const { iss, aud, iat, exp, nbf } = claims;
  if (iss !== TOKEN_ISSUER) return false;
  if (aud !== audience && !(Array.isArray(aud) && aud.includes(audience))) return false;
  if (!Number.isFinite(iat) || !Number.isFinite(exp)) return false;
  if (nbf !== undefined && !Number.isFinite(nbf)) return false;
  const started = iat - CLOCK_SKEW_SECONDS <= now && (nbf === undefined || nbf - CLOCK_SKEW_SECONDS <= now);
  return started && exp + CLOCK_SKEW_SECONDS > now;
}

function decodeJsonSegment(segment) {
  const bytes = decodeBase64Url(segment);
  if (bytes === null) return null;
  try {
    const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

// Decodes unpadded base64url and rejects every non-canonical spelling (padding, non-zero spare bits).
function decodeBase64Url(segment) {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return null;
  const bytes = Uint8Array.fromBase64(segment, { alphabet: "base64url" });
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true }) === segment ? bytes : null;
}

// ---- Keys and namespaces ----

// Every UTF-8 byte becomes %XX except these ASCII characters. Go's url.PathEscape, which Dapr's
// client applies to the key, keeps the same set, so both clients address the same KV entries.
const KEEP_UNESCAPED = /^[A-Za-z0-9\-_.~$&+:=@]$/;
const BYTE_ESCAPES = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte);
  return KEEP_UNESCAPED.test(char) ? char : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
});

function escapeKey(raw) {
  let escaped = "";
  for (const byte of encoder.encode(raw)) escaped += BYTE_ESCAPES[byte];
  return escaped;
}

// Returns the KV key for a raw key: the canonical escaped form, checked against KV's limits.
function canonicalKey(raw) {
  if (!raw.isWellFormed()) throw new HttpError(400, "key is not well-formed Unicode (lone surrogate)");
  if (raw === "" || raw === "." || raw === "..") throw new HttpError(400, 'key must not be empty, "." or ".."');
  const key = escapeKey(raw);
  if (key.length > MAX_KEY_BYTES) {
    const rawBytes = encoder.encode(raw).length;
    throw new HttpError(400, `key is ${key.length} bytes once escaped (${rawBytes} bytes raw), but KV allows at most ${MAX_KEY_BYTES}`);
  }
  return key;
}

function keyFromSegment(segment) {
  let raw;
  try {
    raw = decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "key has an invalid percent-escape or is not UTF-8");
  }
  return canonicalKey(raw);
}

// Returns the raw key of a KV name, or the name itself when it is not in canonical escaped form.
function rawKeyOf(name) {
  try {
    const raw = decodeURIComponent(name);
    if (escapeKey(raw) === name) return raw;
  } catch {
    // fall through: the name was not written through the canonical escaping
  }
  return name;
}

// A KV binding is detected by its methods. In workerd 2026-11-17 a service binding also has
// functions named get, put, delete, list and getWithMetadata, so a binding with fetch() is excluded.
function isKvNamespace(binding) {
  if (binding === null || typeof binding !== "object" || typeof binding.fetch === "function") return false;
  return ["get", "getWithMetadata", "put", "delete", "list"].every((name) => typeof binding[name] === "function");
}

function kvBindingNames(env) {
  return Object.keys(env).filter((name) => isKvNamespace(env[name])).sort();
}

function requireNamespace(env, name) {
  if (!Object.hasOwn(env, name) || !isKvNamespace(env[name])) {
    throw new HttpError(412, `no KV namespace is bound to this Worker under the name "${name}"`);
  }
  return env[name];
}

// ---- Single-key routes ----

async function getEntry(namespace, key) {
  const { value, metadata } = await callKv("get", `key=${key}`, () => namespace.getWithMetadata(key, { type: "stream" }));
  if (value === null) return textResponse(404, "key not found");

  const { expiration, contentType } = readMetadata(metadata);
  const headers = { "Content-Type": "application/octet-stream" };
  if (expiration !== undefined) headers["X-KV-Expiration"] = String(expiration);
  if (contentType !== undefined) headers["X-KV-Content-Type"] = contentType;
  return new Response(value, { status: 200, headers });
}

async function putEntry(request, url, namespace, key) {
  const ttl = parseQueryTtl(queryParam(url, "ttl"));
  const contentType = checkContentType(request.headers.get("X-KV-Content-Type"));
  const declaredLength = request.headers.get("Content-Length");
  if (declaredLength !== null && !/^\d+$/.test(declaredLength)) throw new HttpError(400, `invalid Content-Length ${declaredLength}`);
  if (declaredLength !== null && Number(declaredLength) > MAX_VALUE_BYTES) throw valueTooLarge();

  // A body with a Content-Length streams into KV, because the stream then has a known length.
  // A chunked body is read into memory first: workerd 2026-11-17 stored a chunked stream that
  // errored at the size limit as a complete, cut-off value.
  let value = request.body ?? "";
  if (declaredLength === null && request.body !== null) {
    value = await readBody(request, MAX_VALUE_BYTES, valueTooLarge());
  }
  await callKv("put", `key=${key}`, () => namespace.put(key, value, putOptions(ttl, contentType)));
  return new Response(null, { status: 201 });
}

async function deleteEntry(namespace, key) {
  await callKv("delete", `key=${key}`, () => namespace.delete(key));
  return new Response(null, { status: 204 });
}

// The absolute expiration goes into the metadata because KV's get does not return it. It is
// computed from this isolate's clock, so it may differ from KV's own expiry by the clock error.
function putOptions(ttl, contentType) {
  const options = {};
  const metadata = {};
  if (ttl !== undefined) {
    options.expirationTtl = ttl;
    metadata.exp = nowSeconds() + ttl;
  }
  if (contentType !== undefined) metadata.ct = contentType;
  // Plain puts carry no metadata, so their entries match what Dapr's Worker writes.
  if (Object.keys(metadata).length > 0) options.metadata = metadata;
  return options;
}

function readMetadata(metadata) {
  const result = {};
  if (!isPlainObject(metadata)) return result;
  if (Number.isSafeInteger(metadata.exp)) result.expiration = metadata.exp;
  if (typeof metadata.ct === "string" && isPrintableAscii(metadata.ct)) result.contentType = metadata.ct;
  return result;
}

function parseQueryTtl(text) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new HttpError(400, `ttl "${text.slice(0, 20)}" is not a whole number of seconds`);
  return checkTtl(Number(text));
}

function checkTtl(ttl) {
  if (ttl === undefined || ttl === null) return undefined;
  if (!Number.isInteger(ttl)) throw new HttpError(400, `ttl ${JSON.stringify(ttl)} is not a whole number of seconds`);
  if (ttl < MIN_TTL_SECONDS) throw new HttpError(400, `ttl ${ttl} is too short: KV requires at least ${MIN_TTL_SECONDS} seconds`);
  // KV stores the absolute expiration as a 32-bit signed integer, so now + ttl must fit too (until 2038).
  const maxTtl = MAX_EXPIRATION_SECONDS - nowSeconds();
  if (ttl > maxTtl) throw new HttpError(400, `ttl ${ttl} is too long: the expiration would pass ${MAX_EXPIRATION_SECONDS} (Unix seconds), so the maximum now is ${maxTtl} seconds`);
  return ttl;
}

// Returns the content type to store, or undefined when none was given. An empty one counts as none.
function checkContentType(contentType) {
  if (contentType === undefined || contentType === null || contentType === "") return undefined;
  if (typeof contentType !== "string" || contentType.length > MAX_CONTENT_TYPE_LENGTH || !isPrintableAscii(contentType)) {
    throw new HttpError(400, `content type must be printable ASCII of at most ${MAX_CONTENT_TYPE_LENGTH} characters`);
  }
  return contentType;
}

// ---- Batch ----

// Runs the ops concurrently, except that ops on the same key run in request order.
async function runBatch(request, namespace) {
  const tooLarge = new HttpError(400, `batch body exceeds ${BATCH_MAX_BYTES} bytes`);
  const body = parseJson(await readBody(request, BATCH_MAX_BYTES, tooLarge));
  if (!isPlainObject(body) || !Array.isArray(body.ops)) throw new HttpError(400, 'batch body must be {"ops":[...]}');
  if (body.ops.length > BATCH_MAX_OPS) throw new HttpError(400, `batch has ${body.ops.length} ops, but the maximum is ${BATCH_MAX_OPS}`);

  const budget = { remaining: BATCH_MAX_BYTES };
  const lastOpByKey = new Map();
  const results = body.ops.map((op) => {
    let prepared;
    try {
      prepared = prepareOp(op);
    } catch (err) {
      return Promise.resolve(errorResult(err));
    }
    const previous = lastOpByKey.get(prepared.key) ?? Promise.resolve();
    const result = previous.then(() => runOp(namespace, prepared, budget).catch(errorResult));
    lastOpByKey.set(prepared.key, result);
    return result;
  });
  return Response.json({ results: await Promise.all(results) });
}

function prepareOp(op) {
  if (!isPlainObject(op)) throw new HttpError(400, "op must be a JSON object");
  if (!["get", "set", "delete"].includes(op.op)) throw new HttpError(400, 'op must be "get", "set" or "delete"');
  if (typeof op.key !== "string") throw new HttpError(400, "key must be a string");
  const prepared = { op: op.op, key: canonicalKey(op.key) };
  if (op.op === "set") {
    if (typeof op.value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(op.value)) {
      throw new HttpError(400, "value must be a base64 string");
    }
    try {
      prepared.value = Uint8Array.fromBase64(op.value, { lastChunkHandling: "strict" });
    } catch {
      throw new HttpError(400, "value must be a base64 string");
    }
    if (prepared.value.length > MAX_VALUE_BYTES) throw valueTooLarge();
    prepared.ttl = checkTtl(op.ttl);
    prepared.contentType = checkContentType(op.contentType);
  }
  return prepared;
}

async function runOp(namespace, op, budget) {
  if (op.op === "set") {
    await callKv("put", `key=${op.key}`, () => namespace.put(op.key, op.value, putOptions(op.ttl, op.contentType)));
    return { status: 201 };
  }
  if (op.op === "delete") {
    await callKv("delete", `key=${op.key}`, () => namespace.delete(op.key));
    return { status: 204 };
  }
  return callKv("get", `key=${op.key}`, async () => {
    const { value, metadata } = await namespace.getWithMetadata(op.key, { type: "stream" });
    if (value === null) return { status: 404 };
    let reserved = 0;
    const bytes = await readStream(value, (length) => {
      reserved += length;
      budget.remaining -= length;
      return budget.remaining >= 0;
    });
    if (bytes === null) {
      budget.remaining += reserved;
      return { status: 413, error: `values in one batch response may total at most ${BATCH_MAX_BYTES} bytes, so get this key on its own` };
    }
    return { status: 200, value: bytes.toBase64(), ...readMetadata(metadata) };
  });
}

function errorResult(err) {
  if (!(err instanceof HttpError)) throw err;
  return { status: err.status, error: err.message };
}

// ---- List ----

async function listEntries(url, namespace) {
  const prefix = escapeKey(queryParam(url, "prefix") ?? "");
  if (prefix.length > MAX_KEY_BYTES) throw new HttpError(400, `prefix is ${prefix.length} bytes once escaped, but KV allows at most ${MAX_KEY_BYTES}`);
  const limitText = queryParam(url, "limit") ?? String(LIST_MAX_LIMIT);
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > LIST_MAX_LIMIT) {
    throw new HttpError(400, `limit "${limitText.slice(0, 20)}" is invalid: use a whole number from 1 to ${LIST_MAX_LIMIT}`);
  }

  const options = { limit };
  if (prefix !== "") options.prefix = prefix;
  const cursor = queryParam(url, "cursor");
  if (cursor !== undefined && cursor !== "") options.cursor = cursor;
  const page = await callKv("list", `prefix=${prefix}`, () => namespace.list(options));

  const keys = page.keys.map(({ name, expiration, metadata }) => {
    const entry = { key: rawKeyOf(name) };
    const knownExpiration = expiration ?? readMetadata(metadata).expiration;
    if (knownExpiration !== undefined) entry.expiration = knownExpiration;
    return entry;
  });
  return Response.json({ keys, cursor: page.list_complete ? "" : page.cursor, complete: page.list_complete });
}

// ---- Helpers ----

// Runs one KV binding call and turns its failure into a logged 502 HttpError. The subject names
// the escaped key or prefix, which is ASCII and safe to log.
async function callKv(operation, subject, action) {
  try {
    return await action();
  } catch (err) {
    const reason = String(err?.message ?? err).slice(0, 200);
    // workerd reports a KV error response as "KV <VERB> failed: <status> <text>". A 4xx other than 429 (rate
    // limited) means KV rejected what the caller sent, such as an invalid cursor, so it is the caller's 400.
    if (/ failed: 4(?!29)\d\d /.test(reason)) throw new HttpError(400, `KV ${operation} rejected the request: ${reason}`);
    console.error(`KV ${operation} failed (${subject}):`, err);
    throw new HttpError(502, `KV ${operation} failed: ${reason}`);
  }
}

function valueTooLarge() {
  return new HttpError(400, `value exceeds the KV limit of ${MAX_VALUE_BYTES} bytes (25 MiB)`);
}

// Returns the first value of a query parameter, strictly percent-decoded, or undefined when absent.
function queryParam(url, name) {
  for (const pair of url.search.slice(1).split("&")) {
    const separator = pair.indexOf("=");
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    if (rawName !== name) continue;
    const rawValue = separator === -1 ? "" : pair.slice(separator + 1);
    try {
      return decodeURIComponent(rawValue.replaceAll("+", " "));
    } catch {
      throw new HttpError(400, `query parameter ${name} has an invalid percent-escape or is not UTF-8`);
    }
  }
  return undefined;
}

// Reads the whole request body, throwing tooLarge once it exceeds maxBytes.
async function readBody(request, maxBytes, tooLarge) {
  const declaredLength = request.headers.get("Content-Length");
  if (declaredLength !== null && Number(declaredLength) > maxBytes) throw tooLarge;
  if (request.body === null) return new Uint8Array(0);
  let total = 0;
  const bytes = await readStream(request.body, (length) => (total += length) <= maxBytes);
  if (bytes === null) throw tooLarge;
  return bytes;
}

// Reads a stream into one array. Returns null, after cancelling the stream, as soon as
// reserve(chunkLength) returns false.
async function readStream(stream, reserve) {
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!reserve(value.byteLength)) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
    length += value.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseJson(bytes) {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, "request body is not valid UTF-8 JSON");
  }
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isPrintableAscii(text) {
  return /^[\x20-\x7E]*$/.test(text);
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

function textResponse(status, message) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
