// Signed values of a personal invitation (issue #17), in the style of lib/intake/signing.ts:
// - the invite in `/u/<slug>?i=<invite>`: the invitation's id and an HMAC over it with a key
//   derived from AUTH_SECRET, so nobody can make one up or change the id. The database keeps only
//   its SHA-256 (`token_hash`) and decides the rest: revoked, expired, for this link.
// - the unsubscribe token of its e-mails: another HMAC purpose, so neither can stand in for the other.
// The values are derived, not random, so a reminder or a resend carries the same link as the first mail.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", env().authSecret, "twentythree-portal", "invitation-signing", 32));
  return cachedKey;
}

const mac = (purpose: string, value: string) => createHmac("sha256", key()).update(`${purpose}:${value}`).digest("base64url");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sign(purpose: string, id: string): string {
  return `${id}.${mac(purpose, id)}`;
}

function verify(purpose: string, value: string | null | undefined): string | null {
  if (!value || value.length > 200) return null;
  const [id, sig, ...rest] = value.split(".");
  if (rest.length || !id || !sig || !UUID.test(id)) return null;
  return sameText(sig, mac(purpose, id)) ? id : null;
}

export const signInvite = (invitationId: string) => sign("invite", invitationId);
/** The invitation id of a well-signed invite, or null (guessed, altered, malformed). */
export const verifyInvite = (invite: string | null | undefined) => verify("invite", invite);
export const signUnsubscribe = (invitationId: string) => sign("unsubscribe", invitationId);
export const verifyUnsubscribe = (token: string | null | undefined) => verify("unsubscribe", token);

/** What the database stores of an invite. */
export const inviteHash = (invite: string) => createHash("sha256").update(invite).digest("hex");
export const sameHash = sameText;
