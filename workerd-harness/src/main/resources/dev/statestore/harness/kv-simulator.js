/**
 * kv-simulator: a Worker that plays Workers KV for workerd `kvNamespace` bindings, with a
 * control API for tests. Plain ES module without imports, checked against workerd 2026-11-17.
 *
 * BINDING SIDE. A binding such as
 *   (name = "NS", kvNamespace = (name = "kv-simulator",
 *       props = (json = "{\"namespace\":\"ns1\",\"dataCentre\":\"a\"}")))
 * makes workerd send the requests below to host `fake-host`, with that JSON in `ctx.props`.
 * `namespace` is required, and `dataCentre` is "a" (the default) or "b". Keys in the path are
 * percent-encoded and are decoded exactly once.
 *   get     GET /<key>?urlencoded=true[&cache_ttl=N]       200 value, header CF-KV-Metadata
 *                                                          (JSON, if set). 404 if absent/expired
 *   put     PUT /<key>?urlencoded=true[&expiration=S][&expiration_ttl=N]
 *           body = value, request header CF-KV-Metadata    200
 *   delete  DELETE /<key>?urlencoded=true                  200
 *   list    GET /?prefix=P&key_count_limit=N&cursor=C      200 {"keys":[{"name","expiration"?,
 *           (no urlencoded parameter)                      "metadata"?}],"list_complete",
 *                                                          "cursor"?,"cacheStatus":null}
 *   bulk    POST /bulk/get {"keys":[...],"type":"text"|"json","withMetadata":true,"cacheTtl":"N"}
 *           (type, withMetadata and cacheTtl only when set) -> 200 {"<key>": value or
 *           {"value","metadata"} or null}. workerd turns that object into the Map returned by
 *           get(keys) and getWithMetadata(keys). It skips array-index names, so a key such as
 *           "1" or "42" is missing from that Map.
 * List order is by UTF-8 bytes and the limit defaults to 1000. In the calling Worker, list()
 * returns expiration but getWithMetadata() does not.
 * An error carries its message in the status text and the body, because workerd builds the
 * caller's exception from the status text: `Error: KV PUT failed: 400 <message>` (GET, PUT,
 * DELETE or GET_BULK). Limits: key of 1 to 512 UTF-8 bytes, not "." or ".." (400, or 414 when
 * too long); value up to 26214400 bytes (413); metadata up to 1024 bytes of JSON (413);
 * expiration_ttl >= 60 and expiration >= now + 60 s, 32-bit signed integers like
 * now + expiration_ttl (400); cache_ttl >= 30, otherwise ignored (400); bulk get of at most
 * 100 keys with type text or json (400).
 *
 * CONTROL SIDE, served when ctx.props.control === true. JSON in and out. Errors are
 * {"error": "..."} with 400 (invalid input), 404 (unknown route or entry), 405, or 500
 * (persistence failed). `dc` stands for the query parameter dataCentre=a|b, default a.
 * {ns} and {name} are URL-encoded path segments.
 *   GET    /control/health                     {"ok":true,"instance":<props.instance or null>}
 *   POST   /control/reset[?namespace=X]        {"ok":true}. Without X it clears all data,
 *                                              faults, pending replication, delay, clock, stats.
 *   GET    /control/clock                      {"now":ms,"offsetMs":n,"frozen":bool}
 *   POST   /control/clock {"advanceMs":n} | {"setMs":epochMs} | {"freeze":bool}  -> clock
 *   GET    /control/namespaces/{ns}/keys?dc&prefix=P   {"keys":[{"name","expiration"?,"metadata"?}]}
 *   GET    /control/namespaces/{ns}/count?dc           {"count":n}
 *   GET    /control/namespaces/{ns}/dump?dc            {"entries":[{"name","valueBase64",
 *                                                      "expiration"?,"metadata"?}]}
 *   GET    /control/namespaces/{ns}/entries/{name}?dc  200 raw value, headers X-KV-Expiration
 *                                                      and CF-KV-Metadata if set, or 404
 *   PUT    /control/namespaces/{ns}/entries/{name}?dc[&expiration=S]  body = value, header
 *          CF-KV-Metadata optional -> 204. Any 32-bit expiration is accepted (no 60 s rule).
 *   DELETE /control/namespaces/{ns}/entries/{name}?dc  204
 *   POST   /control/faults {"operation":"get|put|delete|list|bulk|any","failNext":N,
 *          "failPercent":p,"seed":n,"status":400-599,"body":"...","latencyMs":n,
 *          "drop":true|"before"|"after"}       -> {"id":"f1"}
 *   GET    /control/faults                      {"faults":[{...spec,"id","remaining","fired"}]}
 *   DELETE /control/faults or /control/faults/{id}     {"ok":true}
 *   POST   /control/replication {"delayMs":n}, GET /control/replication
 *                                              -> {"delayMs":n,"pending":{"a":n,"b":n}}
 *   GET    /control/stats                      {"requests":{"a":{"get":n,...},"b":{...}},
 *                                               "errors":{...same shape}}
 * Stats count binding requests with valid props and a known operation. Errors are answers of
 * status >= 400 other than a get miss, plus drops. Control writes replicate like KV writes.
 * Inspection routes hide expired entries.
 *
 * CLOCK: now = real time + offset, or the frozen time. Expiry and TTLs use it, and so does
 * replication. workerd advances Date.now() only across I/O, so time stands still within a
 * request.
 *
 * FAULTS apply to binding requests only. A fault fires on the next `failNext` matching
 * requests, on `failPercent` of them (a PRNG seeded by `seed`, default 1), or on every one.
 * When it fires it waits `latencyMs` and then drops or fails with `status` and `body`. The
 * status defaults to 503 unless the fault is latency-only or a drop. The first failing fault
 * in creation order decides the outcome, and the latencies of all faults that fire add up.
 * A drop throws inside this Worker, so the caller's KV call rejects with
 * `Error: Network connection lost.` whose `remote` property is true. Drop "after" applies a
 * write before throwing. A get that fails with 404 reads as a miss in the caller.
 *
 * REPLICATION: a write applies at once in its data centre and reaches the other one after
 * the delay. Pending changes apply lazily at the next request after they fall due. Each write
 * gets a global sequence number, and a replicated change older than what the target holds is
 * dropped, so both data centres converge on the write that arrived last.
 *
 * PERSISTENCE (optional): with a `PERSIST` binding to a writable workerd disk service, each
 * acknowledged write is on disk before the answer. A disk service PUT replaces the whole file
 * and cannot append, so every entry is one file, namespaces/<hex of namespace>/<sha256 of key>,
 * with a JSON header line followed by the raw value. The disk holds the converged state, so
 * after a restart both data centres load the same data and pending replication counts as
 * done. clock.json keeps the clock. Faults, stats and the replication delay are not persisted.
 */

const MAX_KEY_BYTES = 512;
const MAX_VALUE_BYTES = 25 * 1024 * 1024;
const MAX_METADATA_BYTES = 1024;
const MIN_EXPIRATION_TTL_SECONDS = 60;
const MIN_CACHE_TTL_SECONDS = 30;
const MAX_LIST_LIMIT = 1000;
const MAX_BULK_KEYS = 100;
const MAX_INT32 = 2147483647;
const DATA_CENTRES = ["a", "b"];
const OPERATIONS = ["get", "put", "delete", "list", "bulk"];
const DROP_MESSAGE = "Network connection lost.";

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

// Module state lives for the life of the isolate, which serves every namespace and both sides.
// stores: dataCentre -> namespace -> Map(key -> entry). Deleted and expired keys stay as
// tombstones {seq, value: null}, so an older replicated change cannot bring them back.
let stores;
let pending;       // dataCentre -> changes waiting to replicate into it
let replicationDelayMs;
let clock;         // {offsetMs, frozenAtMs}, where frozenAtMs is null while the clock runs
let faults;
let stats;
let nextSeq = 1;
let nextFaultId = 1;
const diskWrites = new Map(); // queue key -> promise of the last disk write queued under it
let loading = null;

function resetAll() {
  stores = { a: new Map(), b: new Map() };
  pending = { a: [], b: [] };
  replicationDelayMs = 0;
  clock = { offsetMs: 0, frozenAtMs: null };
  faults = [];
  stats = { requests: emptyCounters(), errors: emptyCounters() };
}
resetAll();

function emptyCounters() {
  const counters = {};
  for (const dc of DATA_CENTRES) counters[dc] = Object.fromEntries(OPERATIONS.map((op) => [op, 0]));
  return counters;
}

class KvError extends Error {
  constructor(status, message, faultId = undefined) {
    super(message);
    this.status = status;
    this.faultId = faultId;
  }
}

// Thrown instead of returning a response, so that the caller sees a dropped connection.
class ConnectionDrop extends Error {
  constructor(faultId) {
    super(DROP_MESSAGE);
    this.faultId = faultId;
  }
}

// ---------------------------------------------------------------- clock and entries

function nowMs() {
  return clock.frozenAtMs ?? Date.now() + clock.offsetMs;
}

function nowSeconds() {
  return Math.floor(nowMs() / 1000);
}

function namespaceStore(dc, namespace) {
  let store = stores[dc].get(namespace);
  if (!store) stores[dc].set(namespace, (store = new Map()));
  return store;
}

/** Returns the live entry for a key, or null. An expired entry is replaced by a tombstone. */
function readEntry(dc, namespace, key) {
  const store = namespaceStore(dc, namespace);
  const entry = store.get(key);
  if (!entry || entry.value === null) return null;
  if (entry.expiration !== undefined && entry.expiration <= nowSeconds()) {
    store.set(key, { seq: entry.seq, value: null });
    return null;
  }
  return entry;
}

/** Returns [key, entry] pairs of live entries with the prefix, sorted by UTF-8 bytes. */
function liveEntries(dc, namespace, prefix = "") {
  const result = [];
  for (const key of namespaceStore(dc, namespace).keys()) {
    if (!key.startsWith(prefix)) continue;
    const entry = readEntry(dc, namespace, key);
    if (entry) result.push([key, entry]);
  }
  return result.sort(([x], [y]) => compareUtf8(x, y));
}

// Code point order equals UTF-8 byte order. Plain `<` compares UTF-16 code units, which order
// characters above U+FFFF differently.
function compareUtf8(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Describes an entry as {name, valueBase64?, expiration?, metadata?}. Metadata is the parsed
 * value, or the stored JSON text when `metadataAsText` is set.
 */
function describeEntry(key, entry, { withValue = false, metadataAsText = false } = {}) {
  const item = { name: key };
  if (withValue) item.valueBase64 = bytesToBase64(entry.value);
  if (entry.expiration !== undefined) item.expiration = entry.expiration;
  if (entry.metadata !== undefined) {
    item.metadata = metadataAsText ? entry.metadata : JSON.parse(entry.metadata);
  }
  return item;
}

// ---------------------------------------------------------------- writes and replication

/**
 * Applies a put (entry) or delete (null) in one data centre, persists it, and queues it for
 * the other data centre. Resolves once the write is acknowledged.
 */
async function commitWrite(dc, namespace, key, entry) {
  const change = { namespace, key, seq: nextSeq++, entry };
  await persistChange(change);
  applyChange(dc, change);
  for (const target of DATA_CENTRES) {
    if (target === dc) continue;
    if (replicationDelayMs === 0) applyChange(target, change);
    else pending[target].push({ ...change, dueMs: nowMs() + replicationDelayMs });
  }
}

function applyChange(dc, { namespace, key, seq, entry }) {
  const store = namespaceStore(dc, namespace);
  const current = store.get(key);
  if (current && current.seq > seq) return;
  store.set(key, entry ? { ...entry, seq } : { seq, value: null });
}

function replicateDueChanges() {
  const now = nowMs();
  for (const dc of DATA_CENTRES) {
    const due = pending[dc].filter((change) => change.dueMs <= now);
    if (due.length === 0) continue;
    pending[dc] = pending[dc].filter((change) => change.dueMs > now);
    due.sort((x, y) => x.seq - y.seq).forEach((change) => applyChange(dc, change));
  }
}

// ---------------------------------------------------------------- persistence

function diskUrl(path) {
  return `http://disk/${path}`;
}

async function ensureLoaded(env) {
  if (!env.PERSIST) return;
  loading ??= loadFromDisk(env).catch((error) => {
    loading = null;
    throw new Error(`Failed to load persisted state: ${error.message}`);
  });
  await loading;
}

async function loadFromDisk(env) {
  const savedClock = await readDiskJson(env, "clock.json");
  if (savedClock) {
    clock = { offsetMs: savedClock.offsetMs ?? 0, frozenAtMs: savedClock.frozenAtMs ?? null };
  }
  const directories = (await readDiskJson(env, "namespaces")) ?? [];
  for (const directory of directories.filter((item) => item.type === "directory")) {
    const namespace = utf8Decoder.decode(hexToBytes(directory.name));
    const directoryPath = `namespaces/${directory.name}`;
    const files = (await readDiskJson(env, directoryPath)) ?? [];
    await Promise.all(files.map((file) => loadEntryFile(env, namespace, `${directoryPath}/${file.name}`)));
  }
}

async function loadEntryFile(env, namespace, path) {
  const response = await env.PERSIST.fetch(diskUrl(path));
  if (!response.ok) throw new Error(`Failed to read ${path}: disk service returned ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const newline = bytes.indexOf(10);
  let header;
  try {
    header = JSON.parse(utf8Decoder.decode(bytes.subarray(0, newline)));
  } catch (error) {
    throw new Error(`${path} is not a valid entry file (${error.message}). Fix or delete it.`);
  }
  const value = bytes.slice(newline + 1);
  const entry = { seq: 0, value, expiration: header.expiration, metadata: header.metadata };
  for (const dc of DATA_CENTRES) namespaceStore(dc, namespace).set(header.name, entry);
}

async function readDiskJson(env, path) {
  const response = await env.PERSIST.fetch(diskUrl(path));
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Failed to read ${path}: disk service returned ${response.status}`);
  return response.json();
}

// Set per request, because `env` reaches a Worker only through its handlers.
let persistEnv = null;

// Queues a disk write behind the previous one with the same queue key, so writes of one entry
// reach the disk in commit order even though hashing the key name is asynchronous.
function queueDiskWrite(queueKey, write) {
  const previous = diskWrites.get(queueKey) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(write);
  diskWrites.set(queueKey, next);
  next.catch(() => {}).finally(() => {
    if (diskWrites.get(queueKey) === next) diskWrites.delete(queueKey);
  });
  return next;
}

async function diskRequest(path, method, body) {
  const response = await persistEnv.PERSIST.fetch(diskUrl(path), { method, body });
  if (!response.ok && !(method === "DELETE" && response.status === 404)) {
    throw new KvError(500, `Failed to persist ${method} ${path}: disk service returned ${response.status}`);
  }
}

function namespaceDirectory(namespace) {
  return `namespaces/${bytesToHex(utf8Encoder.encode(namespace))}`;
}

function persistChange({ namespace, key, entry }) {
  if (!persistEnv) return;
  return queueDiskWrite(`${namespace}\n${key}`, async () => {
    const path = `${namespaceDirectory(namespace)}/${await sha256Hex(key)}`;
    if (!entry) return diskRequest(path, "DELETE");
    const header = JSON.stringify({ name: key, expiration: entry.expiration, metadata: entry.metadata });
    const headerBytes = utf8Encoder.encode(header + "\n");
    const file = new Uint8Array(headerBytes.length + entry.value.length);
    file.set(headerBytes);
    file.set(entry.value, headerBytes.length);
    return diskRequest(path, "PUT", file);
  });
}

function persistClock() {
  if (!persistEnv) return;
  const body = JSON.stringify(clock);
  return queueDiskWrite("clock.json", () => diskRequest("clock.json", "PUT", body));
}

// NOTE: a write still queued when a reset runs can recreate its file after the wipe.
async function wipeDisk(namespace) {
  if (!persistEnv) return;
  if (namespace !== undefined) return diskRequest(namespaceDirectory(namespace), "DELETE");
  await diskRequest("namespaces", "DELETE");
  await diskRequest("clock.json", "DELETE");
}

// ---------------------------------------------------------------- faults

function createFault(spec) {
  const operation = spec.operation ?? "any";
  if (operation !== "any" && !OPERATIONS.includes(operation)) {
    const expected = [...OPERATIONS, "any"].join(", ");
    throw new KvError(400, `Invalid operation "${operation}": expected one of ${expected}.`);
  }
  if (spec.failNext !== undefined && spec.failPercent !== undefined) {
    throw new KvError(400, "Invalid fault: set failNext or failPercent, not both.");
  }

  requireNumber(spec, "failNext", 1, 1e9);
  requireNumber(spec, "failPercent", 0, 100, { integer: false });
  requireNumber(spec, "status", 400, 599);
  requireNumber(spec, "latencyMs", 0, 600000);
  requireNumber(spec, "seed", -2147483648, 4294967295);
  if (![undefined, false, true, "before", "after"].includes(spec.drop)) {
    const drop = JSON.stringify(spec.drop);
    throw new KvError(400, `Invalid drop ${drop}: expected true, false, "before" or "after".`);
  }

  const drop = spec.drop === true ? "before" : spec.drop || null;
  const latencyOnly = spec.latencyMs !== undefined && spec.status === undefined && !drop;
  const fault = {
    id: `f${nextFaultId++}`,
    operation,
    failNext: spec.failNext,
    failPercent: spec.failPercent,
    seed: spec.seed ?? 1,
    status: latencyOnly || drop ? spec.status : (spec.status ?? 503),
    body: spec.body === undefined ? undefined : String(spec.body),
    latencyMs: spec.latencyMs ?? 0,
    drop,
    remaining: spec.failNext ?? null,
    fired: 0,
  };
  fault.random = seededRandom(fault.seed);

  faults.push(fault);
  return fault;
}

function requireNumber(spec, field, min, max, { integer = true } = {}) {
  const value = spec[field];
  if (value === undefined) return;
  const valid = typeof value === "number" && (integer ? Number.isInteger(value) : Number.isFinite(value));
  if (!valid || value < min || value > max) {
    const kind = integer ? "an integer" : "a number";
    throw new KvError(400, `Invalid ${field} ${JSON.stringify(value)}: expected ${kind} from ${min} to ${max}.`);
  }
}

// mulberry32, a small 32-bit PRNG, so a fixed seed gives the same failure pattern every run.
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function faultFires(fault) {
  if (fault.remaining !== null) {
    if (fault.remaining === 0) return false;
    fault.remaining--;
    return true;
  }
  if (fault.failPercent !== undefined) return fault.random() * 100 < fault.failPercent;
  return true;
}

/**
 * Fires the faults that match the operation, waits out their latency and returns the first
 * failing fault (status or drop) or null. Latency-only faults never stop the operation.
 */
async function applyFaults(operation) {
  let latencyMs = 0;
  let failure = null;
  for (const fault of faults) {
    if (fault.operation !== "any" && fault.operation !== operation) continue;
    if (failure && (fault.status !== undefined || fault.drop)) continue;
    if (!faultFires(fault)) continue;
    fault.fired++;
    latencyMs += fault.latencyMs;
    if (fault.status !== undefined || fault.drop) failure = fault;
  }
  if (latencyMs > 0) await sleep(latencyMs);
  return failure;
}

function sleep(ms) {
  if (globalThis.scheduler?.wait) return scheduler.wait(ms);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------- binding side

function operationOf(request, url) {
  if (request.method === "PUT") return "put";
  if (request.method === "DELETE") return "delete";
  if (request.method === "POST" && url.pathname === "/bulk/get") return "bulk";
  if (request.method !== "GET") return null;
  return url.pathname === "/" && !url.searchParams.has("urlencoded") ? "list" : "get";
}

async function handleKv(request, props) {
  // If the response to a PUT goes out before its body is read, the caller's put() never
  // completes (workerd 2026-11-17), so every body is read first.
  const body = new Uint8Array(await request.arrayBuffer());
  const url = new URL(request.url);
  const operation = operationOf(request, url);
  if (!operation) return rejectRequest(405, `Method ${request.method} is not supported on ${url.pathname}.`);
  const dc = props.dataCentre ?? "a";
  if (!DATA_CENTRES.includes(dc)) {
    return rejectRequest(400, `Invalid dataCentre "${dc}" in binding props: expected "a" or "b".`);
  }
  if (typeof props.namespace !== "string" || props.namespace === "") {
    return rejectRequest(400, 'Missing "namespace" in binding props.');
  }
  stats.requests[dc][operation]++;
  try {
    const fault = await applyFaults(operation);
    if (fault?.drop === "before") throw new ConnectionDrop(fault.id);
    if (fault && !fault.drop) throw new KvError(fault.status, fault.body ?? "", fault.id);
    const response = await KV_HANDLERS[operation]({ request, url, body, dc, namespace: props.namespace });
    if (fault) throw new ConnectionDrop(fault.id);
    return response;
  } catch (error) {
    stats.errors[dc][operation]++;
    console.warn(`kv-simulator: ${operation} in ${props.namespace}/${dc} failed: ${describeFailure(error)}`);
    if (error instanceof KvError) return textResponse(error.status, error.message);
    throw error;
  }
}

function rejectRequest(status, message) {
  console.warn(`kv-simulator: rejected a binding request (${status}): ${message}`);
  return textResponse(status, message);
}

function describeFailure(error) {
  const cause = error.faultId ? `injected fault ${error.faultId}` : error.message;
  if (error instanceof KvError) return `${error.status} ${cause}`;
  if (error instanceof ConnectionDrop) return `connection dropped by ${cause}`;
  return `uncaught ${error.stack}`;
}

const KV_HANDLERS = {
  async get({ url, dc, namespace }) {
    const key = keyFromPath(url);
    validateCacheTtl(url.searchParams.get("cache_ttl"));
    const entry = readEntry(dc, namespace, key);
    if (!entry) return new Response("Not Found", { status: 404 });
    const headers = entry.metadata === undefined ? {} : { "CF-KV-Metadata": asciiJson(entry.metadata) };
    return new Response(entry.value, { headers });
  },

  async put({ request, url, body, dc, namespace }) {
    const key = keyFromPath(url);
    const expiration = expirationFromQuery(url.searchParams);
    const metadata = validateMetadata(request.headers.get("CF-KV-Metadata"));
    validateValueSize(body);
    await commitWrite(dc, namespace, key, { value: body, expiration, metadata });
    return new Response(null);
  },

  async delete({ url, dc, namespace }) {
    await commitWrite(dc, namespace, keyFromPath(url), null);
    return new Response(null);
  },

  async list({ url, dc, namespace }) {
    const limitText = url.searchParams.get("key_count_limit") ?? String(MAX_LIST_LIMIT);
    const limit = parseInt32(limitText, "key_count_limit");
    if (limit < 1 || limit > MAX_LIST_LIMIT) {
      // NOTE: real KV may clamp an out-of-range limit instead. This rejects it so that a
      // caller's bad limit shows up in tests.
      throw new KvError(400, `Invalid key_count_limit of ${limit}. Specify an integer from 1 to ${MAX_LIST_LIMIT}.`);
    }
    const after = decodeCursor(url.searchParams.get("cursor"));
    const matching = liveEntries(dc, namespace, url.searchParams.get("prefix") ?? "")
      .filter(([key]) => after === null || compareUtf8(key, after) > 0);
    const page = matching.slice(0, limit);
    // workerd parses each string `metadata` in a list result as JSON. The stored JSON text goes
    // out unparsed, because a metadata value that is itself a string would fail that parse.
    const keys = page.map(([key, entry]) => describeEntry(key, entry, { metadataAsText: true }));
    const body = { keys, list_complete: matching.length <= limit };
    if (!body.list_complete) body.cursor = bytesToBase64(utf8Encoder.encode(page[page.length - 1][0]));
    body.cacheStatus = null;
    return Response.json(body);
  },

  async bulk({ body, dc, namespace }) {
    const { keys, type = "text", withMetadata = false, cacheTtl } = parseJsonObject(utf8Decoder.decode(body));
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string")) {
      throw new KvError(400, 'Invalid bulk get: "keys" must be an array of strings.');
    }
    if (keys.length > MAX_BULK_KEYS) {
      throw new KvError(400, `Too many keys: ${keys.length}. A bulk get accepts at most ${MAX_BULK_KEYS} keys.`);
    }
    if (type !== "text" && type !== "json") {
      throw new KvError(400, `Invalid type "${type}": a bulk get supports only "text" and "json".`);
    }
    validateCacheTtl(cacheTtl === undefined ? null : String(cacheTtl));
    keys.forEach(validateKey);
    const values = {};
    for (const key of keys) {
      const entry = readEntry(dc, namespace, key);
      values[key] = entry && bulkValue(entry, type, withMetadata);
    }
    return Response.json(values);
  },
};

function bulkValue(entry, type, withMetadata) {
  let value = utf8Decoder.decode(entry.value);
  if (type === "json") {
    try {
      value = JSON.parse(value);
    } catch {
      throw new KvError(400, "Bulk get with type json failed: at least one requested value is not valid JSON.");
    }
  }
  if (!withMetadata) return value;
  return { value, metadata: entry.metadata === undefined ? null : JSON.parse(entry.metadata) };
}

// URL parsing drops "." and ".." path segments (also %2E), so a direct request for the key "."
// arrives here as an empty key and gets the empty-key error.
function keyFromPath(url) {
  let key;
  try {
    key = decodeURIComponent(url.pathname.slice(1));
  } catch {
    throw new KvError(400, "Invalid key: the percent-encoding in the URL path is malformed.");
  }
  validateKey(key);
  return key;
}

function validateKey(key) {
  if (key === "") throw new KvError(400, "Key name cannot be empty.");
  if (key === "." || key === "..") throw new KvError(400, `"${key}" is not allowed as a key name.`);
  const length = utf8Encoder.encode(key).length;
  if (length > MAX_KEY_BYTES) {
    throw new KvError(414, `UTF-8 encoded length of ${length} exceeds key length limit of ${MAX_KEY_BYTES}.`);
  }
}

/** Returns the absolute expiration in unix seconds from expiration or expiration_ttl, or undefined. */
function expirationFromQuery(params) {
  const ttlText = params.get("expiration_ttl");
  const expirationText = params.get("expiration");
  const nowSec = nowSeconds();
  if (ttlText !== null) {
    const ttl = parseInt32(ttlText, "expiration_ttl");
    if (ttl < MIN_EXPIRATION_TTL_SECONDS) {
      const message = `Expiration TTL must be at least ${MIN_EXPIRATION_TTL_SECONDS}.`;
      throw new KvError(400, `Invalid expiration_ttl of ${ttl}. ${message}`);
    }
    if (nowSec + ttl > MAX_INT32) {
      throw new KvError(400, `Invalid expiration_ttl of ${ttl}. The resulting expiration exceeds ${MAX_INT32}.`);
    }
    return nowSec + ttl;
  }
  if (expirationText === null) return undefined;
  const expiration = parseInt32(expirationText, "expiration");
  if (expiration < nowSec + MIN_EXPIRATION_TTL_SECONDS) {
    const message = `Expiration times must be at least ${MIN_EXPIRATION_TTL_SECONDS} seconds in the future.`;
    throw new KvError(400, `Invalid expiration of ${expiration}. ${message}`);
  }
  return expiration;
}

function parseInt32(text, name) {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < -MAX_INT32 - 1 || value > MAX_INT32) {
    throw new KvError(400, `Invalid ${name} of ${text}. Specify a 32-bit signed integer.`);
  }
  return value;
}

function validateCacheTtl(text) {
  if (text === null) return;
  if (parseInt32(text, "cache_ttl") < MIN_CACHE_TTL_SECONDS) {
    throw new KvError(400, `Invalid cache_ttl of ${text}. Cache TTL must be at least ${MIN_CACHE_TTL_SECONDS}.`);
  }
}

/** Returns the metadata as a JSON string, or undefined when the header is absent. */
function validateMetadata(header) {
  if (header === null) return undefined;
  try {
    JSON.parse(header);
  } catch {
    throw new KvError(400, "Invalid metadata: the CF-KV-Metadata header is not valid JSON.");
  }
  const length = utf8Encoder.encode(header).length;
  // NOTE: real KV's status and wording for oversized values and metadata are not verified.
  if (length > MAX_METADATA_BYTES) {
    throw new KvError(413, `Metadata length of ${length} exceeds limit of ${MAX_METADATA_BYTES}.`);
  }
  return header;
}

function validateValueSize(value) {
  if (value.length > MAX_VALUE_BYTES) {
    throw new KvError(413, `Value length of ${value.length} exceeds limit of ${MAX_VALUE_BYTES}.`);
  }
}

function decodeCursor(cursor) {
  if (cursor === null || cursor === "") return null;
  try {
    return utf8Decoder.decode(base64ToBytes(cursor));
  } catch {
    throw new KvError(400, "Invalid cursor: pass the cursor from the previous list response unchanged.");
  }
}

// Header values must be ASCII to travel safely, so non-ASCII characters become \u escapes,
// which parse to the same JSON value.
function asciiJson(json) {
  return json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// workerd reports the status text in the caller's exception, so the message goes there too,
// reduced to the characters a reason phrase may contain.
function textResponse(status, message) {
  const init = { status, headers: { "Content-Type": "text/plain;charset=UTF-8" } };
  if (message !== "") init.statusText = message.replace(/[^\x20-\x7e]/g, "?");
  return new Response(message, init);
}

// ---------------------------------------------------------------- control side

const CONTROL_ROUTES = [
  ["GET", /^\/control\/health$/, () => ({ ok: true })],
  ["POST", /^\/control\/reset$/, controlReset],
  ["GET", /^\/control\/clock$/, clockState],
  ["POST", /^\/control\/clock$/, controlSetClock],
  ["GET", /^\/control\/namespaces\/([^/]+)\/keys$/, controlKeys],
  ["GET", /^\/control\/namespaces\/([^/]+)\/count$/, controlCount],
  ["GET", /^\/control\/namespaces\/([^/]+)\/dump$/, controlDump],
  ["GET", /^\/control\/namespaces\/([^/]+)\/entries\/([^/]+)$/, controlGetEntry],
  ["PUT", /^\/control\/namespaces\/([^/]+)\/entries\/([^/]+)$/, controlPutEntry],
  ["DELETE", /^\/control\/namespaces\/([^/]+)\/entries\/([^/]+)$/, controlDeleteEntry],
  ["GET", /^\/control\/faults$/, () => ({ faults: faults.map(({ random, ...fault }) => fault) })],
  ["POST", /^\/control\/faults$/, controlCreateFault],
  ["DELETE", /^\/control\/faults$/, () => { faults = []; return { ok: true }; }],
  ["DELETE", /^\/control\/faults\/([^/]+)$/, controlDeleteFault],
  ["GET", /^\/control\/replication$/, replicationState],
  ["POST", /^\/control\/replication$/, controlSetReplication],
  ["GET", /^\/control\/stats$/, () => stats],
];

async function handleControl(request, props) {
  const url = new URL(request.url);
  // The instance ID lets a harness tell its own simulator from another one on a port it expected to own.
  if (url.pathname === "/control/health" && request.method === "GET") {
    return Response.json({ ok: true, instance: props.instance ?? null });
  }
  const routes = CONTROL_ROUTES.filter(([, pattern]) => pattern.test(url.pathname));
  if (routes.length === 0) {
    return Response.json({ error: `No control route ${url.pathname}.` }, { status: 404 });
  }
  const route = routes.find(([method]) => method === request.method);
  if (!route) {
    const message = `Method ${request.method} is not allowed on ${url.pathname}.`;
    return Response.json({ error: message }, { status: 405 });
  }
  try {
    const params = url.pathname.match(route[1]).slice(1).map(decodeSegment);
    const result = await route[2](request, url, ...params);
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    if (!(error instanceof KvError)) throw error;
    const route = `${request.method} ${url.pathname}`;
    console.warn(`kv-simulator: control ${route} failed (${error.status}): ${error.message}`);
    return Response.json({ error: error.message }, { status: error.status });
  }
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new KvError(400, `Invalid path segment ${segment}: the percent-encoding is malformed.`);
  }
}

function parseJsonObject(text) {
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
    return value;
  } catch {
    throw new KvError(400, "Invalid request body: expected a JSON object.");
  }
}

function dataCentreOf(url) {
  const dc = url.searchParams.get("dataCentre") ?? "a";
  if (!DATA_CENTRES.includes(dc)) throw new KvError(400, `Invalid dataCentre "${dc}": expected "a" or "b".`);
  return dc;
}

async function controlReset(request, url) {
  const namespace = url.searchParams.get("namespace") ?? undefined;
  if (namespace === "") throw new KvError(400, "Invalid namespace: the namespace parameter is empty.");
  if (namespace === undefined) {
    resetAll();
  } else {
    for (const dc of DATA_CENTRES) {
      stores[dc].delete(namespace);
      pending[dc] = pending[dc].filter((change) => change.namespace !== namespace);
    }
  }
  await wipeDisk(namespace);
  return { ok: true };
}

function clockState() {
  const now = nowMs();
  return { now, offsetMs: now - Date.now(), frozen: clock.frozenAtMs !== null };
}

async function controlSetClock(request) {
  const { advanceMs, setMs, freeze } = parseJsonObject(await request.text());
  const fieldsSet = [advanceMs, setMs, freeze].filter((value) => value !== undefined);
  if (fieldsSet.length !== 1) {
    throw new KvError(400, "Invalid clock request: set exactly one of advanceMs, setMs or freeze.");
  }
  if (advanceMs !== undefined || setMs !== undefined) {
    const value = advanceMs ?? setMs;
    if (!Number.isSafeInteger(value)) {
      throw new KvError(400, `Invalid clock value ${JSON.stringify(value)}: expected an integer of milliseconds.`);
    }
    const target = advanceMs !== undefined ? nowMs() + advanceMs : setMs;
    if (clock.frozenAtMs !== null) clock.frozenAtMs = target;
    else clock.offsetMs = target - Date.now();
  } else if (typeof freeze !== "boolean") {
    throw new KvError(400, "Invalid freeze: expected true or false.");
  } else if (freeze !== (clock.frozenAtMs !== null)) {
    const now = nowMs();
    clock = freeze ? { offsetMs: 0, frozenAtMs: now } : { offsetMs: now - Date.now(), frozenAtMs: null };
  }
  await persistClock();
  replicateDueChanges();
  return clockState();
}

function controlKeys(request, url, namespace) {
  const prefix = url.searchParams.get("prefix") ?? "";
  const entries = liveEntries(dataCentreOf(url), namespace, prefix);
  return { keys: entries.map(([key, entry]) => describeEntry(key, entry)) };
}

function controlCount(request, url, namespace) {
  return { count: liveEntries(dataCentreOf(url), namespace).length };
}

function controlDump(request, url, namespace) {
  const entries = liveEntries(dataCentreOf(url), namespace);
  return { entries: entries.map(([key, entry]) => describeEntry(key, entry, { withValue: true })) };
}

function controlGetEntry(request, url, namespace, key) {
  const entry = readEntry(dataCentreOf(url), namespace, key);
  if (!entry) return Response.json({ error: "Key not found." }, { status: 404 });
  const headers = {};
  if (entry.expiration !== undefined) headers["X-KV-Expiration"] = String(entry.expiration);
  if (entry.metadata !== undefined) headers["CF-KV-Metadata"] = asciiJson(entry.metadata);
  return new Response(entry.value, { headers });
}

async function controlPutEntry(request, url, namespace, key) {
  const value = new Uint8Array(await request.arrayBuffer());
  const dc = dataCentreOf(url);
  validateKey(key);
  validateValueSize(value);
  const expirationText = url.searchParams.get("expiration");
  const expiration = expirationText === null ? undefined : parseInt32(expirationText, "expiration");
  const metadata = validateMetadata(request.headers.get("CF-KV-Metadata"));
  await commitWrite(dc, namespace, key, { value, expiration, metadata });
  return new Response(null, { status: 204 });
}

async function controlDeleteEntry(request, url, namespace, key) {
  const dc = dataCentreOf(url);
  validateKey(key);
  await commitWrite(dc, namespace, key, null);
  return new Response(null, { status: 204 });
}

async function controlCreateFault(request) {
  return { id: createFault(parseJsonObject(await request.text())).id };
}

function controlDeleteFault(request, url, id) {
  const before = faults.length;
  faults = faults.filter((fault) => fault.id !== id);
  if (faults.length === before) throw new KvError(404, `No fault with id ${id}.`);
  return { ok: true };
}

function replicationState() {
  return { delayMs: replicationDelayMs, pending: { a: pending.a.length, b: pending.b.length } };
}

async function controlSetReplication(request) {
  const { delayMs } = parseJsonObject(await request.text());
  if (!Number.isSafeInteger(delayMs) || delayMs < 0) {
    const delayText = JSON.stringify(delayMs) ?? "(missing)";
    throw new KvError(400, `Invalid delayMs ${delayText}: expected a non-negative integer of milliseconds.`);
  }
  replicationDelayMs = delayMs;
  return replicationState();
}

// ---------------------------------------------------------------- encoding helpers

function bytesToBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function base64ToBytes(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function bytesToHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function hexToBytes(hex) {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

async function sha256Hex(text) {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8Encoder.encode(text))));
}

// ---------------------------------------------------------------- entry point

export default {
  async fetch(request, env, ctx) {
    const props = ctx.props ?? {};
    persistEnv = env.PERSIST ? env : null;
    try {
      await ensureLoaded(env);
    } catch (error) {
      console.error(`kv-simulator: ${error.message}`);
      if (props.control === true) return Response.json({ error: error.message }, { status: 500 });
      return textResponse(500, error.message);
    }
    replicateDueChanges();
    return props.control === true ? handleControl(request, props) : handleKv(request, props);
  },
};
