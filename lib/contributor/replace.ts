// Replacing a video from the contributor's page (issue #17, protocol §7). The portal mints a
// replace token for the upload's own photo_id, the browser posts the new file straight to
// TwentyThree (redeem-replace-token), and TwentyThree's callback is checked like an upload
// callback: the signed state names one replacement row, whose replace token, photo_id and the
// connection's domain must all match. So a replace callback can never move to another video,
// even with a genuine replace token of the contributor's own. photo_id and embeds stay the same.
// None of that is secret from the contributor, though, so the portal finally asks TwentyThree
// whether the object really changed (replace-check.ts) before it records, notifies or follows;
// when TwentyThree cannot answer right then, a job asks again (replace-confirm.ts).
import { randomBytes, randomUUID } from "node:crypto";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { connectionDomains } from "@/lib/intake/callback";
import { consume } from "@/lib/limits";
import { log } from "@/lib/log";
import { redeemReplaceUrl, twentyThreeErrorOf } from "@/lib/twentythree";
import { readObject } from "./replace-check";
import { confirmReplacement, deferConfirmation } from "./replace-confirm";
import { signReceipt, signReplaceState, verifyReplaceState } from "./receipt";
import { ownUpload } from "./withdraw";
import { contributorWords, waitMinutes } from "./words";

export const REPLACE_LIMIT = { max: 10, windowMs: 60 * 60_000 };
export const replaceCallbackUrl = () => `${env().appUrl}/api/twentythree/replace-callback`;

export type StartReplace = { ok: true; replacementId: string } | { ok: false; message: string };

/** `background`: TwentyThree calls the callback itself and answers the browser's upload in text
 * (the page's resumable uploader); otherwise it redirects the browser (the no-JavaScript form). */
export async function startReplace(input: { receiptId: string; uploadId: string; background?: boolean; timeoutMs?: number }): Promise<StartReplace> {
  const [upload, w] = await Promise.all([ownUpload(input.receiptId, input.uploadId), contributorWords()]);
  if (!upload || !upload.photoId) return { ok: false, message: w("notOnPage") };
  if (upload.withdrawnAt) return { ok: false, message: w("replaceWithdrawn") };
  if (upload.state === "DELETED") return { ok: false, message: w("replaceRemoved") };
  const limited = await consume([{ key: `replace:${input.receiptId}`, ...REPLACE_LIMIT }]);
  if (!limited.ok) return { ok: false, message: w("tooManyReplacements", { minutes: waitMinutes(limited.retryAfterSeconds) }) };

  const id = randomUUID();
  const nonce = randomBytes(12).toString("base64url");
  try {
    const timeoutMs = input.timeoutMs ?? 10_000;
    // What the object is now: the callback must find it changed from this.
    const before = await readObject(upload.connection, upload.photoId, timeoutMs);
    if (!before) return { ok: false, message: w("replaceGone") };
    const t = await clientFor(upload.connection, { timeoutMs }).getReplaceToken({
      photoId: upload.photoId,
      returnUrl: replaceCallbackUrl(),
      backgroundReturn: input.background ?? false,
      validMinutes: 180,
      extra: { state: signReplaceState(id, nonce) },
    });
    await db().replacement.create({
      data: {
        id,
        uploadId: upload.id,
        receiptId: input.receiptId,
        replaceToken: t.replaceToken,
        stateNonce: nonce,
        validUntil: t.validUntil,
        objectBefore: before,
      },
    });
    log.info("replace token minted", { uploadId: upload.id, replacementId: id });
    return { ok: true, replacementId: id };
  } catch (err) {
    log.warn("replace token not minted", { uploadId: upload.id, code: twentyThreeErrorOf(err)?.code ?? (err as Error).name });
    return { ok: false, message: w("replaceUnavailable") };
  }
}

export type ReplaceUpload =
  { ok: true; token: { uploadToken: string; redeemUrl: string; ticket: string; validUntil: string; maxUploads: number } } | { ok: false; message: string };

/** What the browser's uploader needs of a minted replacement (the ticket names the replacement). */
export async function replacementToken(receiptId: string, replacementId: string): Promise<ReplaceUpload> {
  const r = await pendingReplacement(receiptId, replacementId);
  if (!r) return { ok: false, message: (await contributorWords())("replaceNotPrepared") };
  const redeemUrl = redeemReplaceUrl(r.upload.connection.apiUrl);
  return { ok: true, token: { uploadToken: r.replaceToken, redeemUrl, ticket: r.id, validUntil: r.validUntil.toISOString(), maxUploads: 1 } };
}

/** pending | done | failed, for this receipt's own replacement only. */
export async function replacementStatus(receiptId: string, replacementId: string): Promise<string | null> {
  const r = await db().replacement.findFirst({ where: { id: replacementId, receiptId }, select: { status: true } });
  return r?.status ?? null;
}

/** A pending replacement of this receipt, for its upload form. */
export async function pendingReplacement(receiptId: string, replacementId: string, now = new Date()) {
  const r = await db().replacement.findFirst({
    where: { id: replacementId, receiptId, status: "pending", validUntil: { gt: now } },
    include: { upload: { include: { connection: { select: { apiUrl: true } } } } },
  });
  return r && !r.upload.withdrawnAt ? r : null;
}

export type ReplaceOutcome =
  { kind: "replaced" | "duplicate" | "failed" | "unconfirmed" | "confirming"; receipt: string; message?: string } | { kind: "rejected"; reason: string };

export async function handleReplaceCallback(params: Record<string, string>, now = new Date()): Promise<ReplaceOutcome> {
  const reject = (reason: string, replacementId?: string): ReplaceOutcome => {
    log.warn("replace callback rejected", { reason, replacementId });
    return { kind: "rejected", reason };
  };
  const state = verifyReplaceState(params.state);
  if (!state) return reject(params.state ? "state signature invalid" : "state missing");
  const r = await db().replacement.findUnique({ where: { id: state.id }, include: { upload: { include: { connection: true } } } });
  if (!r || r.stateNonce !== state.nonce) return reject("state does not match any replacement");
  if (params.replace_token !== r.replaceToken) return reject("replace_token does not belong to this state", r.id);
  const receipt = signReceipt(r.receiptId);
  if (now.getTime() > r.validUntil.getTime() + env().CALLBACK_GRACE_MINUTES * 60_000) return reject("replace token expired", r.id);
  if (params.error_message !== undefined && !params.photo_id) {
    await db().replacement.updateMany({ where: { id: r.id, status: "pending" }, data: { status: "failed", completedAt: now } });
    return { kind: "failed", receipt }; // the contributor's page words the failure
  }
  // The object must be the one this replacement was minted for: never another video's.
  if (!params.photo_id || params.photo_id !== r.upload.photoId) return reject("photo_id is not the video this replace token was made for", r.id);
  if (!connectionDomains(r.upload.connection).includes((params.domain ?? "").toLowerCase())) return reject("domain is not this connection's site", r.id);
  if (r.upload.withdrawnAt) return reject("consent was withdrawn for this video", r.id);
  if (r.status === "confirming") return { kind: "confirming", receipt }; // the job is asking TwentyThree
  if (r.status === "done" || r.status === "failed") return { kind: "duplicate", receipt };

  // Everything above can be forged by the contributor; TwentyThree's object cannot.
  const confirmed = await confirmReplacement(r, now);
  if (confirmed === "unreachable") {
    await deferConfirmation(r.id);
    return { kind: "confirming", receipt };
  }
  return { kind: confirmed, receipt };
}
