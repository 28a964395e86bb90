// The Content-Security-Policy of every page: scripts only from us (with a per-request nonce), and
// TwentyThree's origins allowed exactly where the portal needs them — as a form target (direct
// upload without JavaScript), for XHR uploads, and for the embedded player and previews.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { originOf } from "@/lib/twentythree";

let cache: { at: number; origins: string[] } | undefined;
const TTL_MS = 30_000;

/** Origins of every stored connection (cached briefly; the settings' default if the DB is down). */
export async function connectionOrigins(now = Date.now()): Promise<string[]> {
  if (cache && now - cache.at < TTL_MS) return cache.origins;
  let urls: string[];
  try {
    urls = (await db().connection.findMany({ select: { apiUrl: true } })).map((c) => c.apiUrl);
  } catch {
    urls = [env().twentythree.apiUrl];
  }
  const origins = [...new Set(urls.map((u) => safeOrigin(u)).filter((o): o is string => o !== null))];
  cache = { at: now, origins };
  return origins;
}

function safeOrigin(url: string): string | null {
  try {
    const o = originOf(url);
    // Only plain http(s) origins go into the header; anything else could break out of it.
    return /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(o) ? o : null;
  } catch {
    return null;
  }
}

/** frameAncestors: the sites allowed to embed this page (a link's embed origins, checked by
 * lib/branding/origins.ts when saved); none means no site may frame it. */
export function buildCsp(nonce: string, origins: string[], opts: { dev?: boolean; frameAncestors?: string[] } = {}): string {
  const t = origins.join(" ");
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: ${t}`,
    `media-src 'self' blob: ${t}`,
    `connect-src 'self' ${t}`,
    // 'self': the admin's branding preview frames the link's own public page.
    `frame-src 'self' ${t}`,
    `form-action 'self' ${t}`,
    `font-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `frame-ancestors ${opts.frameAncestors?.length ? opts.frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");
}
