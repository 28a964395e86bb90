// The callback from TwentyThree (browser redirect, auto-submitted POST, or background call):
// limit → verify → parse → record idempotently → answer. A callback only *claims* an object:
// the row stays RECEIVED until TwentyThree lists the object under the row's own upload token
// (lib/intake/verify.ts, lib/intake/ownership.ts). Every callback is audited (callback-audit.ts).
import "server-only";
import type { Connection } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { bump, bumpDirect, CALLBACK_LIMITS, overLimit } from "@/lib/limits";
import { log } from "@/lib/log";
import { recordUploadEvent } from "@/lib/processing/events";
import { audit, storable, type AuditInput } from "./callback-audit";
import { behindClaims, claimCallback } from "./callback-claim";
import { signTicket, verifyState } from "./signing";

export type CallbackOutcome =
  | { kind: "accepted" | "duplicate"; slug: string; ticket: string; background: boolean; uploadId: string }
  | { kind: "upload_failed"; slug: string; ticket: string; background: boolean; message: string }
  | { kind: "rejected"; reason: string }
  | { kind: "limited"; retryAfterSeconds: number };

const PHOTO_ID = /^[0-9]{1,20}$/;
const TREE_ID = /^[0-9]{1,20}$/;
const OBJECT_TOKEN = /^[A-Za-z0-9]{8,64}$/;
const MAX_PARAMS = 60;
const MAX_VALUE = 2000;

/** The domains a connection's own callbacks carry: what its signed site check reported, and the
 * host of its API URL (the site answers there). Anything else is another site's object. */
export function connectionDomains(c: Pick<Connection, "domain" | "apiUrl">): string[] {
  const out = new Set<string>();
  if (c.domain) out.add(c.domain.toLowerCase());
  try {
    out.add(new URL(c.apiUrl).host.toLowerCase());
  } catch {
    // an unparsable stored URL adds nothing
  }
  return [...out];
}

export async function handleCallback(input: { method: string; params: Record<string, string>; ip?: string; now?: Date }): Promise<CallbackOutcome> {
  const { method, ip } = input;
  const now = input.now ?? new Date();
  const raw = Object.entries(input.params);
  const params = Object.fromEntries(raw.slice(0, MAX_PARAMS).map(([k, v]) => [storable(k, 100), storable(v, MAX_VALUE)]));
  const clientKey = `callback:client:${ip ?? "unknown"}`;

  // The common case in one database round trip (callback-claim.ts): checks that need no database
  // first; whatever the SQL function would refuse comes back as 'fallback' and goes the way below.
  const state = verifyState(params.state);
  const plain = raw.length <= MAX_PARAMS && !raw.some(([k, v]) => k.length > 100 || v.length > MAX_VALUE);
  if (
    plain &&
    state &&
    params.error_message === undefined &&
    PHOTO_ID.test(params.photo_id ?? "") &&
    TREE_ID.test(params.tree_id ?? "") &&
    OBJECT_TOKEN.test(params.token ?? "")
  ) {
    const claim = await claimCallback({ tokenId: state.tokenId, nonce: state.nonce, params, raw, method, ip, clientKey, now });
    if (claim.outcome === "limited") return { kind: "limited", retryAfterSeconds: claim.retryAfterSeconds };
    if (claim.outcome !== "fallback") {
      if (claim.outcome === "accepted") log.info("upload received", { link: claim.slug, uploadId: claim.uploadId });
      // A repeat is spent against its token after it was answered for (a second statement on
      // this path only), as below: copies arriving together all see the budget they arrived to.
      // Queued behind the claims that arrived before it, and sent once they have finished
      // (lib/intake/callback-claim.ts behindClaims), on their pool (lib/db-direct.ts). The repeat
      // is answered without waiting for it: claims that arrive later queue behind it, so they
      // still see it. It only counts, so a failure loses nothing but that count, and is logged.
      else
        void behindClaims(() => bumpDirect(`callback:token:${state.tokenId}`, CALLBACK_LIMITS.perToken.windowMs, now)).catch((err: unknown) =>
          log.warn("a repeated callback could not be counted against its token", {
            tokenId: state.tokenId,
            error: String(err instanceof Error ? err.message : err).slice(0, 300),
          }),
        );
      return { kind: claim.outcome, slug: claim.slug, ticket: signTicket(state.tokenId), background: claim.background, uploadId: claim.uploadId };
    }
  }
  return handleCallbackChecked({ method, ip, now, raw, params, clientKey });
}

/** The reference path: every refusal, failed uploads, and anything the SQL function passes back. */
async function handleCallbackChecked(input: {
  method: string;
  ip?: string;
  now: Date;
  raw: Array<[string, string]>;
  params: Record<string, string>;
  clientKey: string;
}): Promise<CallbackOutcome> {
  const { method, ip, now, raw, params, clientKey } = input;
  const record = (a: Omit<AuditInput, "method" | "raw" | "params" | "ip">) => audit({ ...a, method, raw, params, ip });

  // A client that already sent too many callbacks we could not match is refused before any work.
  const limited = await overLimit(clientKey, CALLBACK_LIMITS.perClient, now);
  if (!limited.ok) return { kind: "limited", retryAfterSeconds: limited.retryAfterSeconds };

  const reject = async (reason: string, tokenId?: string): Promise<CallbackOutcome> => {
    // Without a valid state the client pays; under a valid state the token does (see CALLBACK_LIMITS).
    if (tokenId) await bump(`callback:token:${tokenId}`, CALLBACK_LIMITS.perToken.windowMs, now);
    else await bump(clientKey, CALLBACK_LIMITS.perClient.windowMs, now);
    await record({ outcome: "rejected", reason, tokenId });
    log.warn("callback rejected", { reason, tokenId });
    return { kind: "rejected", reason };
  };
  if (raw.length > MAX_PARAMS || raw.some(([k, v]) => k.length > 100 || v.length > MAX_VALUE)) return reject("oversized callback");

  const state = verifyState(params.state);
  if (!state) return reject(params.state ? "state signature invalid" : "state missing");
  const token = await db().uploadToken.findUnique({ where: { id: state.tokenId }, include: { link: true, connection: true } });
  if (!token || token.stateNonce !== state.nonce) return reject("state does not match any token");
  if (params.upload_token !== token.uploadToken) return reject("upload_token does not belong to this state", token.id);

  const tokenKey = `callback:token:${token.id}`;
  const tokenLimited = await overLimit(tokenKey, CALLBACK_LIMITS.perToken, now);
  if (!tokenLimited.ok) return { kind: "limited", retryAfterSeconds: tokenLimited.retryAfterSeconds };
  // Repeats and failures under a valid state are counted against the token, stored bounded.
  const spend = () => bump(tokenKey, CALLBACK_LIMITS.perToken.windowMs, now);

  const domains = connectionDomains(token.connection);
  const domain = (params.domain ?? "").toLowerCase();
  if (!domains.includes(domain)) return reject(domain ? "domain is not this connection's site" : "domain missing", token.id);
  // Uploads that started in time may finish late, but not forever (CALLBACK_GRACE_MINUTES).
  if (now.getTime() > token.validUntil.getTime() + env().CALLBACK_GRACE_MINUTES * 60_000) return reject("upload token expired", token.id);
  const base = { slug: token.link.slug, ticket: signTicket(token.id), background: token.backgroundReturn };

  if (params.error_message !== undefined && !params.photo_id) {
    // TwentyThree's own words, possibly none: the visitor's page words the failure in their language
    // and quotes TwentyThree only when it said something.
    const message = params.error_message.slice(0, 500);
    await spend();
    await db().uploadToken.update({ where: { id: token.id }, data: { errorMessage: message, status: token.status === "USED" ? "USED" : "FAILED" } });
    await record({ background: token.backgroundReturn, outcome: "upload_failed", reason: message || "error_message was empty", tokenId: token.id });
    return { kind: "upload_failed", ...base, message };
  }

  const photoId = params.photo_id ?? "";
  const treeId = params.tree_id ?? "";
  const objectToken = params.token ?? "";
  if (!PHOTO_ID.test(photoId) || !TREE_ID.test(treeId) || !OBJECT_TOKEN.test(objectToken))
    return reject("photo_id, tree_id or token missing or malformed", token.id);

  // One transaction per token, rows locked, so concurrent copies of a callback (or callbacks for
  // several files of one token) are counted correctly against max_uploads. Another token's
  // unconfirmed claim on the same photo_id does not block this one: TwentyThree decides later.
  const result = await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM upload_tokens WHERE id = ${token.id}::uuid FOR UPDATE`;
    const existing = await tx.upload.findUnique({ where: { tokenId_photoId: { tokenId: token.id, photoId } } });
    if (existing) return { kind: "duplicate" as const, uploadId: existing.id };
    const owned = await tx.upload.findFirst({
      where: { connectionId: token.connectionId, photoId, verifiedAt: { not: null }, state: { not: "DISOWNED" } },
      select: { id: true },
    });
    if (owned) return { kind: "owned" as const };
    const count = await tx.upload.count({ where: { tokenId: token.id, photoId: { not: null } } });
    if (count >= token.maxUploads) return { kind: "over" as const };
    const upload = await tx.upload.create({
      data: {
        connectionId: token.connectionId,
        linkId: token.linkId,
        tokenId: token.id,
        photoId,
        treeId,
        photoToken: objectToken,
        // The checked domain in the connection's spelling, never the client's text.
        domain: token.connection.domain ?? domains[0] ?? null,
        source: token.backgroundReturn ? "BACKGROUND" : "CALLBACK",
        contributorName: token.contributorName,
        contributorEmail: token.contributorEmail,
        title: token.title,
      },
    });
    await tx.uploadToken.update({
      where: { id: token.id },
      data: { stateUsedAt: token.stateUsedAt ?? now, status: count + 1 >= token.maxUploads ? "USED" : token.status === "FAILED" ? "ACTIVE" : token.status },
    });
    await recordUploadEvent(tx, "upload.received", upload.id); // the outbox, as the SQL claim does
    return { kind: "accepted" as const, uploadId: upload.id };
  });

  if (result.kind === "owned") return reject("photo_id already confirmed for another upload", token.id);
  if (result.kind === "over") return reject("more uploads than the token allows", token.id);
  if (result.kind === "duplicate") await spend();
  await record({ background: token.backgroundReturn, outcome: result.kind, tokenId: token.id, uploadId: result.uploadId });
  if (result.kind === "accepted") log.info("upload received", { link: token.link.slug, uploadId: result.uploadId });
  return { kind: result.kind, ...base, uploadId: result.uploadId };
}
