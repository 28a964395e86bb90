// The private link to a contributor's own page: /c/<receipt id>.<HMAC>. The HMAC (a key of its
// own, derived from AUTH_SECRET) makes the link unguessable and unalterable; the row makes it
// revocable and lets it expire. One receipt per upload token, i.e. per contributor visit, so
// the page only ever shows what that visit uploaded.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { Receipt } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", env().authSecret, "twentythree-portal", "contributor-receipt", 32));
  return cachedKey;
}
const mac = (id: string) => createHmac("sha256", key()).update(`receipt:${id}`).digest("base64url");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function signReceipt(id: string): string {
  return `${id}.${mac(id)}`;
}

/** The receipt id a well-formed, correctly signed link names; null otherwise. */
export function verifyReceiptSignature(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 200) return null;
  const [id, sig, ...rest] = raw.split(".");
  if (rest.length || !id || !sig || !UUID.test(id)) return null;
  const a = Buffer.from(sig);
  const b = Buffer.from(mac(id));
  return a.length === b.length && timingSafeEqual(a, b) ? id : null;
}

/** The `state` a replace token's callback repeats: binds it to one replacement row (id + nonce).
 * Its own purpose in the MAC, so an upload's state can never pass for a replacement's. */
export function signReplaceState(replacementId: string, nonce: string): string {
  return `${replacementId}.${nonce}.${createHmac("sha256", key()).update(`replace:${replacementId}.${nonce}`).digest("base64url")}`;
}

export function verifyReplaceState(state: string | null | undefined): { id: string; nonce: string } | null {
  if (!state || state.length > 200) return null;
  const [id, nonce, sig, ...rest] = state.split(".");
  if (rest.length || !id || !nonce || !sig || !UUID.test(id)) return null;
  const a = Buffer.from(sig);
  const b = Buffer.from(createHmac("sha256", key()).update(`replace:${id}.${nonce}`).digest("base64url"));
  return a.length === b.length && timingSafeEqual(a, b) ? { id, nonce } : null;
}

export const receiptUrl = (id: string) => `${env().appUrl}/c/${signReceipt(id)}`;

/** The receipt of an upload token, made once (a repeated event finds the same one). */
export async function ensureReceipt(tokenId: string, now = new Date()): Promise<Receipt> {
  const expiresAt = new Date(now.getTime() + env().CONTRIBUTOR_LINK_DAYS * 86_400_000);
  return db().receipt.upsert({ where: { tokenId }, create: { tokenId, expiresAt }, update: {} });
}

export type ReceiptCheck = { ok: true; receipt: Receipt } | { ok: false; reason: "invalid" | "expired" | "revoked" };

/** What a visitor's link is worth. Invalid covers guessed, altered and unknown links alike. */
export async function checkReceipt(raw: string | null | undefined, now = new Date()): Promise<ReceiptCheck> {
  const id = verifyReceiptSignature(raw);
  if (!id) return { ok: false, reason: "invalid" };
  const receipt = await db().receipt.findUnique({ where: { id } });
  if (!receipt) return { ok: false, reason: "invalid" };
  if (receipt.revokedAt) return { ok: false, reason: "revoked" };
  if (receipt.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, receipt };
}

/** Staff revoke a contributor's link (their uploads and agreements stay as they are). */
export async function revokeReceipt(receiptId: string, userId: string | null, now = new Date()): Promise<boolean> {
  const r = await db().receipt.updateMany({ where: { id: receiptId, revokedAt: null }, data: { revokedAt: now, revokedById: userId } });
  return r.count > 0;
}
