// The sites allowed to embed a link (CSP frame-ancestors). Each entry must be exactly an origin:
// https://host[:port] (plain http only for this machine, for local testing), no path, no
// wildcard, no keyword; the header is built from what this returns, so nothing else can get in.
export const MAX_EMBED_ORIGINS = 20;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type OriginsResult = { ok: true; origins: string[] } | { ok: false; message: string };

export function parseEmbedOrigins(text: string): OriginsResult {
  const entries = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return { ok: false, message: `“${entry.slice(0, 80)}” is not a web address. Enter origins such as https://www.example.com, one per line.` };
    }
    const loopback = url.protocol === "http:" && LOOPBACK.has(url.hostname);
    if (url.protocol !== "https:" && !loopback) return { ok: false, message: `${url.origin} must start with https://.` };
    if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
      return { ok: false, message: `Enter only the site's origin for “${entry.slice(0, 80)}”, such as ${url.origin}, without a path.` };
    }
    if (url.hostname.includes("*") || !/^(\[::1\]|[a-z0-9.-]+)$/i.test(url.hostname))
      return { ok: false, message: `“${entry.slice(0, 80)}” is not a site's origin (no wildcards).` };
    if (!out.includes(url.origin)) out.push(url.origin);
  }
  if (out.length > MAX_EMBED_ORIGINS) return { ok: false, message: `At most ${MAX_EMBED_ORIGINS} sites can embed one link.` };
  return { ok: true, origins: out };
}
