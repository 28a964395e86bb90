import crypto from "node:crypto";
import { hmacsign, rfc3986 } from "oauth-sign";
import type { Db } from "./store.ts";

export const LEVELS = ["none", "anonymous", "read", "write", "admin", "super"] as const;
export type Level = (typeof LEVELS)[number];

export function levelAtLeast(have: Level, need: Level): boolean {
  return LEVELS.indexOf(have) >= LEVELS.indexOf(need);
}

export const enc = rfc3986;

/** scheme://host[:port]/path, lowercased host, default port dropped, no query (RFC 5849 3.4.1.2). */
export function baseUri(url: string): string {
  const u = new URL(url);
  const defPort = (u.protocol === "http:" && u.port === "80") || (u.protocol === "https:" && u.port === "443");
  const host = u.hostname.toLowerCase() + (u.port && !defPort ? ":" + u.port : "");
  return `${u.protocol.toLowerCase()}//${host}${u.pathname}`;
}

/** The OAuth 1.0a signature base string; exported so tests can check it against the spec example. */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  const norm = params
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return [enc(method.toUpperCase()), enc(baseUri(url)), enc(norm)].join("&");
}

/** Authorization: OAuth k="v", ... → pairs (percent-decoded). */
export function parseAuthHeader(h: string | undefined): [string, string][] {
  if (!h || !/^OAuth\s/i.test(h)) return [];
  const out: [string, string][] = [];
  const re = /([\w.~-]+)\s*=\s*"([^"]*)"/g;
  for (let m; (m = re.exec(h.slice(6)));) {
    try {
      out.push([decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)]);
    } catch {
      out.push([m[1]!, m[2]!]);
    }
  }
  return out;
}

export type AuthResult = { ok: true; level: Level; userId: string; consumerKey: string | null } | { ok: false; message: string };

interface CredRow {
  consumer_key: string;
  consumer_secret: string;
  access_token: string;
  access_secret: string;
  level: Level;
  user_id: string;
}

const WINDOW_SEC = 300;

/**
 * headerParams: oauth_* from the Authorization header; signedParams: GET query or form body
 * pairs (which may also carry oauth_*). Requests with no oauth_consumer_key are anonymous.
 */
export function authenticate(
  db: Db,
  method: string,
  url: string,
  headerParams: [string, string][],
  signedParams: [string, string][],
  nowSec: number,
): AuthResult {
  const oauth = new Map<string, string>();
  for (const [k, v] of [...signedParams, ...headerParams]) if (k.startsWith("oauth_")) oauth.set(k, v);
  const ck = oauth.get("oauth_consumer_key");
  if (!ck) {
    if (oauth.size) return { ok: false, message: "Missing oauth_consumer_key" };
    return { ok: true, level: "anonymous", userId: "", consumerKey: null };
  }
  const sigMethod = oauth.get("oauth_signature_method");
  if (sigMethod !== "HMAC-SHA1") return { ok: false, message: "Only HMAC-SHA1 signatures are supported" };
  const version = oauth.get("oauth_version");
  if (version !== undefined && version !== "1.0") return { ok: false, message: "Unsupported oauth_version" };
  const signature = oauth.get("oauth_signature");
  const ts = oauth.get("oauth_timestamp");
  const nonce = oauth.get("oauth_nonce");
  if (!signature || !ts || !nonce) return { ok: false, message: "Missing oauth_signature, oauth_timestamp or oauth_nonce" };

  const cred = db.prepare("SELECT * FROM credentials WHERE consumer_key = ?").get(ck) as CredRow | undefined;
  if (!cred) return { ok: false, message: "Unknown consumer key" };
  const token = oauth.get("oauth_token");
  if (token !== undefined && token !== "" && token !== cred.access_token) return { ok: false, message: "Invalid access token" };
  const tokenSecret = token ? cred.access_secret : "";

  const params: Record<string, string[]> = {};
  const add = (k: string, v: string) => (params[k] ??= []).push(v);
  for (const [k, v] of headerParams) if (k !== "realm" && k !== "oauth_signature") add(k, v);
  for (const [k, v] of signedParams) if (k !== "oauth_signature") add(k, v);
  const expected = hmacsign(method, baseUri(url), params, cred.consumer_secret, tokenSecret);
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return { ok: false, message: "Invalid signature" };

  const tsNum = Number(ts);
  if (!/^\d+$/.test(ts) || Math.abs(nowSec - tsNum) > WINDOW_SEC)
    return { ok: false, message: `Timestamp is outside the allowed window of ${WINDOW_SEC} seconds` };
  db.prepare("DELETE FROM nonces WHERE ts < ?").run(nowSec - 2 * WINDOW_SEC);
  const ins = db.prepare("INSERT OR IGNORE INTO nonces (consumer_key, nonce, ts) VALUES (?,?,?)").run(ck, nonce, tsNum);
  if (ins.changes !== 1) return { ok: false, message: "Nonce has already been used" };

  return { ok: true, level: token ? cred.level : "anonymous", userId: cred.user_id, consumerKey: ck };
}
