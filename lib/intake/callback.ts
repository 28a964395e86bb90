// The callback from TwentyThree (browser redirect, auto-submitted POST, or background call):
// verify → parse → record idempotently → answer. Every callback, accepted or not, is kept in
// callback_events.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { signTicket, verifyState } from "./signing";

export type CallbackOutcome =
  | { kind: "accepted" | "duplicate"; slug: string; ticket: string; background: boolean; uploadId: string }
  | { kind: "upload_failed"; slug: string; ticket: string; background: boolean; message: string }
  | { kind: "rejected"; reason: string };

const PHOTO_ID = /^[0-9]{1,20}$/;
const TREE_ID = /^[0-9]{1,20}$/;
const OBJECT_TOKEN = /^[A-Za-z0-9]{8,64}$/;
const MAX_PARAMS = 60;
const MAX_VALUE = 2000;

async function audit(data: { method: string; background?: boolean; params: Record<string, string>; outcome: string; reason?: string; tokenId?: string; uploadId?: string; ip?: string }) {
  await db().callbackEvent.create({ data: { ...data, params: data.params as Prisma.InputJsonValue } });
}

export async function handleCallback(input: { method: string; params: Record<string, string>; ip?: string }): Promise<CallbackOutcome> {
  const { method, ip } = input;
  const entries = Object.entries(input.params);
  // Keep the audit row bounded and storable whatever arrives: PostgreSQL's jsonb refuses NUL and
  // unpaired surrogates, which would otherwise turn a forged callback into a failed write.
  const clean = (s: string, max: number) => s.slice(0, max).toWellFormed().replace(/\u0000/g, "\uFFFD");
  const params = Object.fromEntries(entries.slice(0, MAX_PARAMS).map(([k, v]) => [clean(k, 100), clean(v, MAX_VALUE)]));
  const reject = async (reason: string, tokenId?: string): Promise<CallbackOutcome> => {
    await audit({ method, params, outcome: "rejected", reason, tokenId, ip });
    log.warn("callback rejected", { reason, tokenId });
    return { kind: "rejected", reason };
  };
  if (entries.length > MAX_PARAMS || entries.some(([k, v]) => k.length > 100 || v.length > MAX_VALUE)) return reject("oversized callback");

  const state = verifyState(params.state);
  if (!state) return reject(params.state ? "state signature invalid" : "state missing");
  const token = await db().uploadToken.findUnique({ where: { id: state.tokenId }, include: { link: true } });
  if (!token || token.stateNonce !== state.nonce) return reject("state does not match any token");
  if (params.upload_token !== token.uploadToken) return reject("upload_token does not belong to this state", token.id);
  const base = { slug: token.link.slug, ticket: signTicket(token.id), background: token.backgroundReturn };

  if (params.error_message !== undefined && !params.photo_id) {
    const message = params.error_message.slice(0, 500) || "The upload failed.";
    await db().uploadToken.update({ where: { id: token.id }, data: { errorMessage: message, status: token.status === "USED" ? "USED" : "FAILED" } });
    await audit({ method, background: token.backgroundReturn, params, outcome: "upload_failed", reason: message, tokenId: token.id, ip });
    return { kind: "upload_failed", ...base, message };
  }

  const photoId = params.photo_id ?? "";
  const treeId = params.tree_id ?? "";
  const objectToken = params.token ?? "";
  if (!PHOTO_ID.test(photoId) || !TREE_ID.test(treeId) || !OBJECT_TOKEN.test(objectToken)) return reject("photo_id, tree_id or token missing or malformed", token.id);

  // One transaction per token, rows locked, so concurrent copies of a callback (or callbacks for
  // several files of one token) are counted correctly against max_uploads.
  const result = await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM upload_tokens WHERE id = ${token.id}::uuid FOR UPDATE`;
    const existing = await tx.upload.findUnique({ where: { connectionId_photoId: { connectionId: token.connectionId, photoId } } });
    if (existing) {
      return existing.tokenId === token.id ? { kind: "duplicate" as const, uploadId: existing.id } : { kind: "foreign" as const };
    }
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
        domain: params.domain?.slice(0, 255) ?? null,
        source: token.backgroundReturn ? "BACKGROUND" : "CALLBACK",
        contributorName: token.contributorName,
        contributorEmail: token.contributorEmail,
        title: token.title,
      },
    });
    await tx.uploadToken.update({
      where: { id: token.id },
      data: { stateUsedAt: token.stateUsedAt ?? new Date(), status: count + 1 >= token.maxUploads ? "USED" : token.status === "FAILED" ? "ACTIVE" : token.status },
    });
    return { kind: "accepted" as const, uploadId: upload.id };
  });

  if (result.kind === "foreign") return reject("photo_id already recorded for another token", token.id);
  if (result.kind === "over") return reject("more uploads than the token allows", token.id);
  await audit({ method, background: token.backgroundReturn, params, outcome: result.kind, tokenId: token.id, uploadId: result.uploadId, ip });
  if (result.kind === "accepted") log.info("upload received", { link: token.link.slug, uploadId: result.uploadId });
  return { kind: result.kind, ...base, uploadId: result.uploadId };
}
