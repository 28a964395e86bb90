// Withdrawing consent from the contributor's own page (issue #17). TwentyThree first (unpublish,
// or delete per the link's policy), then the row: withdrawn_at is set once and nothing the
// contributor's link can do clears it; only staff can publish again, with a recorded reason
// (lib/uploads/moderation.ts). Every attempt is a moderation_actions row (who: the contributor).
import type { UploadState } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { receiptTokenIds } from "./visit";
import { enqueueMail } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { insertMessages } from "@/lib/mail/outbox";
import { announceUploadEvents, recordUploadEvent } from "@/lib/processing/events";
import { safeMessageOf, twentyThreeErrorOf } from "@/lib/twentythree";
import { queueTeamNotice } from "./mail";
import { contributorWords } from "./words";

export type ContributorResult = { ok: boolean; message: string };

/** The upload, only if it belongs to this receipt's visit and TwentyThree confirmed it. */
export async function ownUpload(receiptId: string, uploadId: string) {
  const tokenIds = await receiptTokenIds(receiptId);
  return db().upload.findFirst({
    where: { id: uploadId, verifiedAt: { not: null }, state: { not: "DISOWNED" }, tokenId: { in: tokenIds } },
    include: { connection: true, link: { select: { withdrawPolicy: true } } },
  });
}

export async function withdrawConsent(input: { receiptId: string; uploadId: string; reason: string; timeoutMs?: number }): Promise<ContributorResult> {
  const [upload, t] = await Promise.all([ownUpload(input.receiptId, input.uploadId), contributorWords()]);
  if (!upload) return { ok: false, message: t("notOnPage") };
  if (upload.withdrawnAt) return { ok: true, message: t("alreadyWithdrawn") };
  const policy = upload.link.withdrawPolicy === "delete" ? "delete" : "unpublish";
  const reason = input.reason.trim() || null;
  const base = { by: "contributor", policy, reason, from: upload.state };

  let gone = upload.state === "DELETED"; // staff already deleted it: nothing left to change there
  if (!gone && upload.photoId) {
    const client = clientFor(upload.connection, { timeoutMs: input.timeoutMs ?? 15_000, retries: 0 });
    try {
      if (policy === "delete") await client.deletePhoto({ photoId: upload.photoId });
      else await client.updatePhoto({ photoId: upload.photoId, published: false });
    } catch (err) {
      if (twentyThreeErrorOf(err)?.code === "no_such_photo") gone = true;
      else {
        const error = safeMessageOf(err, "The video library could not be reached.");
        await db().moderationAction.create({ data: { uploadId: upload.id, action: "withdraw", ok: false, error, detail: base } });
        log.warn("withdrawal not applied on TwentyThree", { uploadId: upload.id, code: twentyThreeErrorOf(err)?.code });
        return { ok: false, message: t("withdrawUnavailable") };
      }
    }
  }

  const state: UploadState = policy === "delete" || gone ? "DELETED" : upload.state === "PUBLISHED" ? "VERIFIED" : upload.state;
  const outcome = state === "DELETED" ? "The video was deleted from TwentyThree." : "The video was unpublished on TwentyThree.";
  const now = new Date();
  const action = await db().$transaction(async (tx) => {
    const r = await tx.upload.updateMany({ where: { id: upload.id, withdrawnAt: null }, data: { withdrawnAt: now, withdrawnReason: reason, state } });
    if (r.count === 0) return null; // a second click won the race: it recorded the withdrawal
    // The event is written with the change (the outbox, #16) and dispatched after the commit.
    await recordUploadEvent(tx, state === "DELETED" ? "upload.deleted" : "upload.moderated", upload.id);
    return tx.moderationAction.create({ data: { uploadId: upload.id, action: "withdraw", ok: true, detail: { ...base, to: state, outcome } } });
  });
  if (!action) return { ok: true, message: t("alreadyWithdrawn") };
  log.info("consent withdrawn by contributor", { uploadId: upload.id, policy, state });
  await announceUploadEvents(upload.id);
  for (const id of await queueTeamNotice("withdrawn", upload.id, action.id, insertMessages)) await enqueueMail(id).catch(() => {});
  return {
    ok: true,
    message: t(state === "DELETED" ? "withdrawnDeleted" : "withdrawnHidden"),
  };
}
