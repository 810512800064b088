/**
 * kv-simulator: a Worker that plays Workers KV for workerd `kvNamespace` bindings, with a
 * control API for tests. Plain ES module, no imports. Checked against workerd 2026-11-17.
 *
 * BINDING SIDE. A binding such as
 *   (name = "NS", kvNamespace = (name = "kv-simulator",
 *       props = (json = "{\"namespace\":\"ns1\",\"dataCentre\":\"a\"}")))
 * makes workerd send the requests below, host `fake-host`, with the JSON in `ctx.props`.
 * `namespace` is required; `dataCentre` is "a" (default) or "b". Keys in the path are
 * percent-encoded and decoded exactly once.
 *   get     GET /<key>?urlencoded=true[&cache_ttl=N]       200 value, header CF-KV-Metadata
 *                                                          (JSON, if set); 404 if absent/expired
 *   put     PUT /<key>?urlencoded=true[&expiration=S][&expiration_ttl=N]
 *           body = value, request header CF-KV-Metadata    200
 *   delete  DELETE /<key>?urlencoded=true                  200
 *   list    GET /?prefix=P&key_count_limit=N&cursor=C      200 {"keys":[{"name","expiration"?,
 *           (no urlencoded param)                          "metadata"?}],"list_complete",
 *                                                          "cursor"?,"cacheStatus":null}
 *   bulk    POST /bulk/get {"keys":[...],"type":"text"|"json","withMetadata":bool,"cacheTtl"?}
 *           200 {"<key>": value | {"value","metadata"} | null}: workerd turns the top-level
 *           object into the Map that `get(keys)` / `getWithMetadata(keys)` resolve to.
 * List order is by UTF-8 bytes; limit defaults to 1000. workerd itself returns expiration
 * from list() but not from getWithMetadata().
 * Errors carry the message in both the status text and the body, because workerd builds the
 * caller's exception from the status text: `Error: KV PUT failed: 400 <message>` (the verb is
 * GET, PUT, DELETE or GET_BULK). Limits: key 1-512 UTF-8 bytes, not "." or ".." (400, or 414
 * when too long); value <= 26214400 bytes (413); metadata <= 1024 bytes of JSON (413);
 * expiration_ttl >= 60 and expiration >= now + 60 s, both 32-bit signed integers (400);
 * cache_ttl >= 30 (400, otherwise ignored); bulk get <= 100 keys and type text or json (400).
 *
 * CONTROL SIDE, served when ctx.props.control === true. JSON in and out; errors are
 * {"error": "..."} with 400 (bad input, malformed JSON), 404 (unknown route) or 405.
 * `dc` is the query parameter dataCentre=a|b (default a); {ns} and {name} are URL-encoded.
 *   GET    /control/health                     {"ok":true}
 *   POST   /control/reset[?namespace=X]        {"ok":true}. Without X: all data, faults,
 *                                              pending replication, delay, clock and stats.
 *   GET    /control/clock                      {"now":ms,"offsetMs":n,"frozen":bool}
 *   POST   /control/clock {"advanceMs":n} | {"setMs":epochMs} | {"freeze":bool}  -> clock
 *   GET    /control/namespaces/{ns}/keys?dc&prefix=    {"keys":[{"name","expiration"?,"metadata"?}]}
 *   GET    /control/namespaces/{ns}/count?dc           {"count":n}
 *   GET    /control/namespaces/{ns}/dump?dc            {"entries":[{"name","valueBase64",
 *                                                      "expiration"?,"metadata"?}]}
 *   GET    /control/namespaces/{ns}/entries/{name}?dc  200 raw value, headers X-KV-Expiration
 *                                                      and CF-KV-Metadata if set; or 404
 *   PUT    /control/namespaces/{ns}/entries/{name}?dc[&expiration=S]  body = value, header
 *          CF-KV-Metadata optional -> 204. Any 32-bit expiration is accepted (no 60 s rule).
 *   DELETE /control/namespaces/{ns}/entries/{name}?dc  204
 *   POST   /control/faults {"operation":"get|put|delete|list|bulk|any","failNext":N,
 *          "failPercent":p,"seed":n,"status":503,"body":"...","latencyMs":n,
 *          "drop":true|"before"|"after"}                -> {"id":"f1"}
 *   GET    /control/faults                      {"faults":[{...spec,"id","remaining","fired"}]}
 *   DELETE /control/faults | /control/faults/{id}       {"ok":true}
 *   POST   /control/replication {"delayMs":n}   GET /control/replication
 *                                              -> {"delayMs":n,"pending":{"a":n,"b":n}}
 *   GET    /control/stats                      {"requests":{"a":{"get":n,...},"b":{...}},
 *                                               "errors":{...same shape}}
 * Control writes replicate like KV writes. Inspection routes hide expired entries.
 *
 * FAULTS apply to binding requests only. A fault fires on the next `failNext` matching
 * requests, or on `failPercent` of them (PRNG seeded by `seed`, default 1), or on every one.
 * When it fires it waits `latencyMs`, then fails with `status` (default 503 unless the fault
 * is latency-only or a drop) and `body`, or drops. A drop throws inside this Worker; the
 * caller's KV call then rejects with `Error: Network connection lost.` whose `remote` is true.
 * drop "after" applies a write before throwing. A get failing with 404 reads as a miss.
 *
 * REPLICATION: a write applies at once in its data centre and reaches the other one after
 * the delay, on the virtual clock. Pending changes apply lazily at the next request whose
 * virtual time is past due. Each write gets a global sequence number; a replicated change
 * older than what the target holds is dropped, so both data centres converge on the write
 * that arrived last.
 *
 * PERSISTENCE (optional): with a `PERSIST` binding to a writable workerd disk service, each
 * acknowledged write is on disk before the answer. workerd disk services replace whole files
 * on PUT (no append), so every entry is one file, namespaces/<hex ns>/<sha256 key>, holding
 * a JSON header line and the raw value. Disk holds the converged state, so after a restart
 * both data centres load the same data and pending replication counts as done. clock.json
 * keeps the clock; faults, stats and the replication delay are not persisted.
 */

const MAX_KEY_BYTES = 512;
const MAX_VALUE_BYTES = 25 * 1024 * 1024;
const MAX_METADATA_BYTES = 1024;
const MIN_EXPIRATION_TTL_SECONDS = 60;
const MIN_CACHE_TTL_SECONDS = 30;
const MAX_LIST_LIMIT = 1000;
const MAX_BULK_KEYS = 100;
const DATA_CENTRES = ["a", "b"];
const OPERATIONS = ["get", "put", "delete", "list", "bulk"];
const DROP_MESSAGE = "Network connection lost.";

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

// Module state lives for the life of the isolate, which serves every namespace and both sides.
let stores;        // dataCentre -> namespace -> Map(key -> entry); a deleted key keeps {seq, value: null}
let pending;       // dataCentre -> changes waiting to replicate into it
let replicationDelayMs;
let clock;         // {offsetMs, frozenAtMs}; frozenAtMs is null while the clock runs
let faults;
let stats;
let nextSeq = 1;
let nextFaultId = 1;
const diskWrites = new Map(); // file path -> promise of the last write, to keep writes in order
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
  constructor(status, message) {
    super(message);
    this.status = status;
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

/** Returns the live entry for a key, or null; an expired entry becomes a tombstone. */
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

// Code point order equals UTF-8 byte order; plain `<` compares UTF-16 units and differs for
// characters above U+FFFF.
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

function describeEntry(key, entry, withValue = false) {
  const item = { name: key };
  if (withValue) item.valueBase64 = bytesToBase64(entry.value);
  if (entry.expiration !== undefined) item.expiration = entry.expiration;
  if (entry.metadata !== undefined) item.metadata = JSON.parse(entry.metadata);
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
  if (savedClock) clock = savedClock;
  const directories = (await readDiskJson(env, "namespaces")) ?? [];
  for (const directory of directories.filter((item) => item.type === "directory")) {
    const namespace = utf8Decoder.decode(hexToBytes(directory.name));
    const files = (await readDiskJson(env, `namespaces/${directory.name}`)) ?? [];
    await Promise.all(files.map((file) => loadEntryFile(env, namespace, `namespaces/${directory.name}/${file.name}`)));
  }
}

async function loadEntryFile(env, namespace, path) {
  const response = await env.PERSIST.fetch(diskUrl(path));
  if (!response.ok) throw new Error(`GET ${path} returned ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const newline = bytes.indexOf(10);
  const header = JSON.parse(utf8Decoder.decode(bytes.subarray(0, newline)));
  const entry = { seq: 0, value: bytes.slice(newline + 1), expiration: header.expiration, metadata: header.metadata };
  for (const dc of DATA_CENTRES) namespaceStore(dc, namespace).set(header.name, entry);
}

async function readDiskJson(env, path) {
  const response = await env.PERSIST.fetch(diskUrl(path));
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET ${path} returned ${response.status}`);
  return response.json();
}

async function writeDisk(env, path, method, body) {
  const previous = diskWrites.get(path) ?? Promise.resolve();
  const write = previous.catch(() => {}).then(async () => {
    const response = await env.PERSIST.fetch(diskUrl(path), { method, body });
    if (!response.ok && !(method === "DELETE" && response.status === 404)) {
      throw new KvError(500, `Failed to persist ${method} ${path}: disk service returned ${response.status}`);
    }
  });
  diskWrites.set(path, write);
  return write;
}

// Set per request, because `env` reaches a Worker only through its handlers.
let persistEnv = null;

async function persistChange({ namespace, key, entry }) {
  if (!persistEnv) return;
  const path = `namespaces/${bytesToHex(utf8Encoder.encode(namespace))}/${await sha256Hex(key)}`;
  if (!entry) return writeDisk(persistEnv, path, "DELETE");
  const header = JSON.stringify({ name: key, expiration: entry.expiration, metadata: entry.metadata });
  const headerBytes = utf8Encoder.encode(header + "\n");
  const file = new Uint8Array(headerBytes.length + entry.value.length);
  file.set(headerBytes);
  file.set(entry.value, headerBytes.length);
  return writeDisk(persistEnv, path, "PUT", file);
}

async function persistClock() {
  if (persistEnv) await writeDisk(persistEnv, "clock.json", "PUT", JSON.stringify(clock));
}

async function wipeDisk(namespace) {
  if (!persistEnv) return;
  if (namespace === undefined) {
    await writeDisk(persistEnv, "namespaces", "DELETE");
    await writeDisk(persistEnv, "clock.json", "DELETE");
  } else {
    await writeDisk(persistEnv, `namespaces/${bytesToHex(utf8Encoder.encode(namespace))}`, "DELETE");
  }
}

// ---------------------------------------------------------------- faults

function createFault(spec) {
  const operation = spec.operation ?? "any";
  if (operation !== "any" && !OPERATIONS.includes(operation)) {
    throw new KvError(400, `Invalid operation "${operation}": expected one of ${OPERATIONS.join(", ")}, any.`);
  }
  if (spec.failNext !== undefined && spec.failPercent !== undefined) {
    throw new KvError(400, "Set failNext or failPercent, not both.");
  }
  requireInteger(spec, "failNext", 1, 1e9);
  requireInteger(spec, "failPercent", 0, 100);
  requireInteger(spec, "status", 100, 599);
  requireInteger(spec, "latencyMs", 0, 600000);
  requireInteger(spec, "seed", -2147483648, 4294967295);
  if (![undefined, false, true, "before", "after"].includes(spec.drop)) {
    throw new KvError(400, `Invalid drop ${JSON.stringify(spec.drop)}: expected true, false, "before" or "after".`);
  }
  const drop = spec.drop === true ? "before" : spec.drop || null;
  const latencyOnly = spec.latencyMs !== undefined && spec.status === undefined && !drop;
  const fault = {
    id: `f${nextFaultId++}`, operation, failNext: spec.failNext, failPercent: spec.failPercent,
    seed: spec.seed ?? 1, status: latencyOnly || drop ? spec.status : (spec.status ?? 503),
    body: spec.body === undefined ? undefined : String(spec.body), latencyMs: spec.latencyMs ?? 0,
    drop, remaining: spec.failNext ?? null, fired: 0,
  };
  fault.random = seededRandom(fault.seed);
  faults.push(fault);
  return fault;
}

function requireInteger(spec, field, min, max) {
  const value = spec[field];
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
    throw new KvError(400, `Invalid ${field} ${JSON.stringify(value)}: expected an integer from ${min} to ${max}.`);
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
  if (request.method === "GET") return url.pathname === "/" && !url.searchParams.has("urlencoded") ? "list" : "get";
  return null;
}

async function handleKv(request, props) {
  const url = new URL(request.url);
  const operation = operationOf(request, url);
  if (!operation) return textResponse(405, `Method ${request.method} is not supported on ${url.pathname}.`);
  const dc = props.dataCentre ?? "a";
  if (!DATA_CENTRES.includes(dc)) return textResponse(400, `Invalid dataCentre "${dc}" in binding props: expected "a" or "b".`);
  if (typeof props.namespace !== "string" || props.namespace === "") {
    return textResponse(400, 'Missing "namespace" in binding props.');
  }
  stats.requests[dc][operation]++;
  try {
    const fault = await applyFaults(operation);
    if (fault?.drop === "before") throw new Error(DROP_MESSAGE);
    if (fault && !fault.drop) throw new KvError(fault.status, fault.body ?? "");
    const response = await KV_HANDLERS[operation](request, url, dc, props.namespace);
    if (fault) throw new Error(DROP_MESSAGE);
    return response;
  } catch (error) {
    stats.errors[dc][operation]++;
    if (error instanceof KvError) return textResponse(error.status, error.message);
    throw error;
  }
}

const KV_HANDLERS = {
  async get(request, url, dc, namespace) {
    const key = keyFromPath(url);
    validateCacheTtl(url.searchParams.get("cache_ttl"));
    const entry = readEntry(dc, namespace, key);
    if (!entry) return new Response("Not Found", { status: 404 });
    const headers = entry.metadata === undefined ? {} : { "CF-KV-Metadata": asciiJson(entry.metadata) };
    return new Response(entry.value, { headers });
  },

  async put(request, url, dc, namespace) {
    const key = keyFromPath(url);
    const expiration = expirationFromQuery(url.searchParams);
    const metadata = validateMetadata(request.headers.get("CF-KV-Metadata"));
    const value = await readValue(request);
    await commitWrite(dc, namespace, key, { value, expiration, metadata });
    return new Response(null);
  },

  async delete(request, url, dc, namespace) {
    await commitWrite(dc, namespace, keyFromPath(url), null);
    return new Response(null);
  },

  async list(request, url, dc, namespace) {
    const limit = parseInt32(url.searchParams.get("key_count_limit") ?? String(MAX_LIST_LIMIT), "key_count_limit");
    if (limit < 1 || limit > MAX_LIST_LIMIT) {
      // NOTE: real KV may clamp instead; this rejects so a caller's bad limit shows in tests.
      throw new KvError(400, `Invalid key_count_limit of ${limit}. Please specify an integer from 1 to ${MAX_LIST_LIMIT}.`);
    }
    const after = decodeCursor(url.searchParams.get("cursor"));
    const matching = liveEntries(dc, namespace, url.searchParams.get("prefix") ?? "")
      .filter(([key]) => after === null || compareUtf8(key, after) > 0);
    const page = matching.slice(0, limit);
    const body = { keys: page.map(([key, entry]) => describeEntry(key, entry)), list_complete: matching.length <= limit };
    if (!body.list_complete) body.cursor = bytesToBase64(utf8Encoder.encode(page[page.length - 1][0]));
    body.cacheStatus = null;
    return Response.json(body);
  },

  async bulk(request, url, dc, namespace) {
    const { keys, type = "text", withMetadata = false, cacheTtl } = await readJson(request);
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
      throw new KvError(400, "At least one of the requested keys holds a value that is not valid JSON.");
    }
  }
  if (!withMetadata) return value;
  return { value, metadata: entry.metadata === undefined ? null : JSON.parse(entry.metadata) };
}

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
      throw new KvError(400, `Invalid expiration_ttl of ${ttl}. Expiration TTL must be at least ${MIN_EXPIRATION_TTL_SECONDS}.`);
    }
    return nowSec + ttl;
  }
  if (expirationText === null) return undefined;
  const expiration = parseInt32(expirationText, "expiration");
  if (expiration < nowSec + MIN_EXPIRATION_TTL_SECONDS) {
    throw new KvError(400, `Invalid expiration of ${expiration}. Expiration times must be at least ${MIN_EXPIRATION_TTL_SECONDS} seconds in the future.`);
  }
  return expiration;
}

function parseInt32(text, name) {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < -2147483648 || value > 2147483647) {
    throw new KvError(400, `Invalid ${name} of ${text}. Please specify a 32-bit signed integer.`);
  }
  return value;
}

function validateCacheTtl(text) {
  if (text === null) return;
  // NOTE: the 30 s minimum is the documented cacheTtl limit; the error wording is not real KV's.
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

async function readValue(request) {
  const value = new Uint8Array(await request.arrayBuffer());
  if (value.length > MAX_VALUE_BYTES) {
    throw new KvError(413, `Value length of ${value.length} exceeds limit of ${MAX_VALUE_BYTES}.`);
  }
  return value;
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
  ["POST", /^\/control\/faults$/, async (request) => ({ id: createFault(await readJson(request)).id })],
  ["DELETE", /^\/control\/faults$/, () => { faults = []; return { ok: true }; }],
  ["DELETE", /^\/control\/faults\/([^/]+)$/, controlDeleteFault],
  ["GET", /^\/control\/replication$/, replicationState],
  ["POST", /^\/control\/replication$/, controlSetReplication],
  ["GET", /^\/control\/stats$/, () => stats],
];

async function handleControl(request) {
  const url = new URL(request.url);
  const routes = CONTROL_ROUTES.filter(([, pattern]) => pattern.test(url.pathname));
  if (routes.length === 0) return Response.json({ error: `No control route ${url.pathname}.` }, { status: 404 });
  const route = routes.find(([method]) => method === request.method);
  if (!route) return Response.json({ error: `Method ${request.method} is not allowed on ${url.pathname}.` }, { status: 405 });
  try {
    const params = url.pathname.match(route[1]).slice(1).map(decodeSegment);
    const result = await route[2](request, url, ...params);
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    if (!(error instanceof KvError)) throw error;
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

async function readJson(request) {
  try {
    const value = await request.json();
    if (value === null || typeof value !== "object") throw new Error("not an object");
    return value;
  } catch {
    throw new KvError(400, "Malformed JSON: the request body must be a JSON object.");
  }
}

function dataCentreOf(url) {
  const dc = url.searchParams.get("dataCentre") ?? "a";
  if (!DATA_CENTRES.includes(dc)) throw new KvError(400, `Invalid dataCentre "${dc}": expected "a" or "b".`);
  return dc;
}

async function controlReset(request, url) {
  const namespace = url.searchParams.get("namespace") ?? undefined;
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
  const { advanceMs, setMs, freeze } = await readJson(request);
  const given = [advanceMs, setMs, freeze].filter((value) => value !== undefined);
  if (given.length !== 1) throw new KvError(400, "Pass exactly one of advanceMs, setMs or freeze.");
  if (advanceMs !== undefined || setMs !== undefined) {
    const value = advanceMs ?? setMs;
    if (!Number.isSafeInteger(value)) throw new KvError(400, `Invalid clock value ${JSON.stringify(value)}: expected an integer of milliseconds.`);
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
  return { keys: liveEntries(dataCentreOf(url), namespace, prefix).map(([key, entry]) => describeEntry(key, entry)) };
}

function controlCount(request, url, namespace) {
  return { count: liveEntries(dataCentreOf(url), namespace).length };
}

function controlDump(request, url, namespace) {
  return { entries: liveEntries(dataCentreOf(url), namespace).map(([key, entry]) => describeEntry(key, entry, true)) };
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
  const dc = dataCentreOf(url);
  validateKey(key);
  const expirationText = url.searchParams.get("expiration");
  const expiration = expirationText === null ? undefined : parseInt32(expirationText, "expiration");
  const metadata = validateMetadata(request.headers.get("CF-KV-Metadata"));
  const value = await readValue(request);
  await commitWrite(dc, namespace, key, { value, expiration, metadata });
  return new Response(null, { status: 204 });
}

async function controlDeleteEntry(request, url, namespace, key) {
  const dc = dataCentreOf(url);
  validateKey(key);
  await commitWrite(dc, namespace, key, null);
  return new Response(null, { status: 204 });
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
  const { delayMs } = await readJson(request);
  if (!Number.isSafeInteger(delayMs) || delayMs < 0) {
    throw new KvError(400, `Invalid delayMs ${JSON.stringify(delayMs)}: expected a non-negative integer of milliseconds.`);
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
      console.error(error.message);
      return textResponse(500, error.message);
    }
    replicateDueChanges();
    return props.control === true ? handleControl(request) : handleKv(request, props);
  },
};
