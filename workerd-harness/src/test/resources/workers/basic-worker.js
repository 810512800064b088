// A Worker that speaks only the basic state-store protocol, the way an older Worker or one deployed by
// Dapr does: info, get, set with ttl and delete, no extensions. Like Dapr's Worker, it stores the key
// path segment exactly as received, without decoding it. Tests use it to check that the provider falls
// back to single requests and writes the same stored entries as with the full worker.js.

const encoder = new TextEncoder();
let keyPromise = null;

export default {
  async fetch(request, env) {
    if (!(await authorized(request, env))) return new Response("unauthorized", { status: 401 });
    const url = new URL(request.url);
    if (url.pathname === "/.well-known/dapr/info" && request.method === "GET") {
      const kv = Object.keys(env).filter((name) => typeof env[name]?.list === "function");
      return Response.json({ version: "20221219", kv, queues: [] });
    }
    const parts = url.pathname.split("/");
    if (parts.length !== 4 || parts[1] !== "kv") return new Response("not found", { status: 404 });
    const namespace = env[parts[2]];
    if (!namespace || typeof namespace.list !== "function") return new Response("no such namespace", { status: 412 });
    const key = parts[3];
    if (request.method === "GET") {
      const value = await namespace.get(key, { type: "arrayBuffer" });
      return value === null ? new Response("not found", { status: 404 }) : new Response(value);
    }
    if (request.method === "POST") {
      const ttl = url.searchParams.get("ttl");
      const options = ttl ? { expirationTtl: Number(ttl) } : {};
      await namespace.put(key, await request.arrayBuffer(), options);
      return new Response(null, { status: 201 });
    }
    if (request.method === "DELETE") {
      await namespace.delete(key);
      return new Response(null, { status: 204 });
    }
    return new Response("not found", { status: 404 });
  },
};

async function authorized(request, env) {
  const header = request.headers.get("Authorization") ?? "";
  const parts = header.startsWith("Bearer ") ? header.slice(7).split(".") : [];
  if (parts.length !== 3) return false;
  try {
    const head = JSON.parse(atob(parts[0].replace(/-/g, "+").replace(/_/g, "/")));
    const claims = JSON.parse(atob(parts[1].replace(/-/g, "+").replace(/_/g, "/")));
    if (head.alg !== "EdDSA") return false;
    const now = Math.floor(Date.now() / 1000);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.iss !== "dapr.io/cloudflare" || !audiences.includes(env.TOKEN_AUDIENCE) || claims.exp + 300 < now) return false;
    keyPromise ??= crypto.subtle.importKey("spki", pemBody(env.PUBLIC_KEY), { name: "Ed25519" }, false, ["verify"]);
    const signature = Uint8Array.from(atob(parts[2].replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    return await crypto.subtle.verify("Ed25519", await keyPromise, signature, encoder.encode(parts[0] + "." + parts[1]));
  } catch {
    return false;
  }
}

function pemBody(pem) {
  const base64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
