// HMAC-signed values that travel through the browser and TwentyThree:
// - `state`: an extra parameter of get-upload-token, repeated by TwentyThree in the callback; it
//   binds the callback to our token row (id + a per-token nonce), so a callback cannot be
//   pointed at someone else's token.
// - `ticket`: lets the visitor's browser see its own upload step and thank-you page.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", env().authSecret, "twentythree-portal", "intake-signing", 32));
  return cachedKey;
}

const mac = (purpose: string, value: string) => createHmac("sha256", key()).update(`${purpose}:${value}`).digest("base64url");

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newStateNonce(): string {
  return randomBytes(12).toString("base64url");
}

export function signState(tokenId: string, nonce: string): string {
  return `${tokenId}.${nonce}.${mac("state", `${tokenId}.${nonce}`)}`;
}

export function verifyState(state: string | null | undefined): { tokenId: string; nonce: string } | null {
  if (!state || state.length > 200) return null;
  const [tokenId, nonce, sig, ...rest] = state.split(".");
  if (rest.length || !tokenId || !nonce || !sig || !UUID.test(tokenId)) return null;
  return sameMac(sig, mac("state", `${tokenId}.${nonce}`)) ? { tokenId, nonce } : null;
}

export function signTicket(tokenId: string): string {
  return `${tokenId}.${mac("ticket", tokenId)}`;
}

export function verifyTicket(ticket: string | null | undefined): string | null {
  if (!ticket || ticket.length > 200) return null;
  const [tokenId, sig, ...rest] = ticket.split(".");
  if (rest.length || !tokenId || !sig || !UUID.test(tokenId)) return null;
  return sameMac(sig, mac("ticket", tokenId)) ? tokenId : null;
}
