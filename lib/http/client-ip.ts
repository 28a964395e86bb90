// The one answer to "which client is this?" for every per-address limit and audit line.
//
// Next 16 does not expose the peer address to app code: its server only does
// `x-forwarded-for ??= socket.remoteAddress`, so a client-sent X-Forwarded-For survives untouched
// and is not evidence of anything. The portal is therefore served by scripts/serve.ts, which sees
// the socket: for each request it computes the address with `stampClientIp()` (the socket's own
// address, or with TRUSTED_PROXY_HOPS = N the Nth X-Forwarded-For entry from the right, which is
// what the nearest trusted proxy saw) and writes it into a private header, overwriting any copy
// the client sent. App code (proxy.ts, route handlers, server actions, next-auth) reads it with
// `clientIp()`.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import { log } from "@/lib/log";

/** Private header carrying the address scripts/serve.ts computed; never trusted from a client. */
export const CLIENT_IP_HEADER = "x-portal-client-ip";
/**
 * Next forwards a server action posted to a page that does not own it with a fetch to itself
 * (loopback), copying the request headers. The copy carries this per-process secret next to the
 * stamp, so the wrapper keeps the original client's address instead of stamping 127.0.0.1 (which
 * would let anyone spend a shared budget instead of their own).
 */
const PROOF_HEADER = "x-portal-client-ip-proof";
// Set by the server wrapper in this process; a client cannot set it, so without it the private
// header may have come from the client (someone ran `next start` directly).
const STAMPED = Symbol.for("twentythree-portal.client-ip-proof");
type Marked = typeof globalThis & { [STAMPED]?: string };

function proof(): string {
  const g = globalThis as Marked;
  g[STAMPED] ??= randomBytes(24).toString("base64url");
  return g[STAMPED];
}
const sameProof = (sent: string | undefined, ours: string) =>
  sent !== undefined && sent.length === ours.length && timingSafeEqual(Buffer.from(sent), Buffer.from(ours));
const isLoopback = (addr: string | undefined) => Boolean(addr && ipaddr.isValid(addr) && ipaddr.process(addr).range() === "loopback");

/**
 * A limiter key for an address: IPv4 as is; IPv6 by its /64, because one subscriber usually holds a
 * whole /64 and could otherwise rotate through 2^64 addresses, each with a fresh budget.
 * Anything that is not an address (a misconfigured proxy's header) is kept, cut to 64 characters.
 */
export function normalizeAddress(raw: string): string {
  const text = raw.trim();
  if (!ipaddr.isValid(text)) return text.slice(0, 64);
  const addr = ipaddr.process(text); // ::ffff:1.2.3.4 → 1.2.3.4
  if (addr.kind() === "ipv4") return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}

/** Called by the server wrapper for every request, before Next sees it. */
export function stampClientIp(req: IncomingMessage, trustedHops: number): void {
  const ours = proof();
  const sent = req.headers[PROOF_HEADER];
  if (typeof sent === "string" && typeof req.headers[CLIENT_IP_HEADER] === "string" && isLoopback(req.socket.remoteAddress) && sameProof(sent, ours)) return;
  delete req.headers[CLIENT_IP_HEADER];
  req.headers[PROOF_HEADER] = ours;
  // proxy-addr walks [socket address, …X-Forwarded-For from the right] and stops at the first
  // address not trusted; trusting the first `trustedHops` of them is "N proxies in front of us".
  // With fewer entries than hops it answers the leftmost one the proxies passed on.
  const addr = proxyaddr(req, (_addr, i) => i < trustedHops);
  if (addr) req.headers[CLIENT_IP_HEADER] = normalizeAddress(addr);
}

let warned = false;

/** The client's address for limits and audit; always a non-empty string. */
export function clientIp(headers: Headers): string {
  const stamped = headers.get(CLIENT_IP_HEADER);
  const ours = (globalThis as Marked)[STAMPED];
  if (ours && stamped && sameProof(headers.get(PROOF_HEADER) ?? undefined, ours)) return stamped;
  // Served without scripts/serve.ts (plain `next start`): nothing here is proof of the peer.
  // The rightmost X-Forwarded-For entry is the best left (Next appends the socket address when
  // the client sent none); say so loudly once instead of pretending.
  if (!warned) {
    warned = true;
    log.error("client address unknown: the portal is not served by scripts/serve.ts, so per-address limits trust X-Forwarded-For");
  }
  const hops = headers.get("x-forwarded-for")?.split(",") ?? [];
  const last = hops[hops.length - 1]?.trim();
  return last ? normalizeAddress(last) : "no-address";
}
