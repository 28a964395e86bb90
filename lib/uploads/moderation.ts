// Moderation applied on TwentyThree first, then recorded here. TwentyThree is the source of
// truth for what the public sees, so the local state only moves after TwentyThree said yes; a
// refusal or outage leaves it as it was. Every attempt, good or bad, is a ModerationAction row.
// Only objects TwentyThree confirmed as made by this portal's tokens (lib/intake/ownership.ts)
// are ever changed there: an unconfirmed row may name anybody's video, so it can only be
// dismissed here, which touches nothing on TwentyThree.
import "server-only";
import type { Upload, UploadState } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { overrideReasonSchema } from "@/lib/contributor/schema";
import { isConfirmed } from "@/lib/intake/ownership";
import { log } from "@/lib/log";
import { announceUploadEvents } from "@/lib/processing/events";
import { safeMessageOf, twentyThreeErrorOf } from "@/lib/twentythree";
import { MAX_BULK, type BulkActionName, type EditInput, type ModerationActionName } from "@/lib/uploads/schema";

export type ModerationResult = { ok: true; state: UploadState; message: string } | { ok: false; message: string };

const TARGET: Record<Exclude<ModerationActionName, "edit">, UploadState> = {
  approve: "PUBLISHED",
  unpublish: "VERIFIED",
  reject: "REJECTED",
  delete: "DELETED",
  dismiss: "DELETED",
};

const DONE: Record<ModerationActionName, string> = {
  approve: "Published on TwentyThree.",
  unpublish: "Unpublished on TwentyThree.",
  reject: "Rejected and unpublished on TwentyThree.",
  delete: "Deleted from TwentyThree.",
  edit: "Saved on TwentyThree.",
  dismiss: "Dismissed here. Nothing was changed on TwentyThree.",
};

/** Why TwentyThree-side actions are unavailable for this row, or null when they are allowed. */
export function unconfirmedReason(u: Pick<Upload, "state" | "verifiedAt" | "photoId">): string | null {
  if (!u.photoId || isConfirmed(u)) return null;
  if (u.state === "RECEIVED")
    return "TwentyThree has not yet confirmed that this video was uploaded through this portal, so it cannot be published, changed or deleted from here yet. It is checked automatically; you can dismiss it.";
  return "TwentyThree does not list this video among the uploads made with this upload's token: the callback named a video this portal did not upload. It can only be dismissed here; nothing on TwentyThree will be touched.";
}

export type ModerateInput = {
  uploadId: string;
  userId: string | null;
  action: ModerationActionName;
  edit?: EditInput;
  /** Required to publish a video whose contributor withdrew consent; recorded with the action. */
  overrideReason?: string;
  timeoutMs?: number;
};

export async function moderate(input: ModerateInput): Promise<ModerationResult> {
  const { uploadId, userId, action } = input;
  const upload = await db().upload.findUnique({ where: { id: uploadId }, include: { connection: true } });
  if (!upload) return { ok: false, message: "That upload no longer exists." };

  const record = (ok: boolean, error: string | null, detail: Record<string, unknown> = {}) =>
    db().moderationAction.create({ data: { uploadId, userId, action, ok, error, detail: { from: upload.state, ...detail } as object } });
  const refuse = async (message: string) => {
    await record(false, message);
    return { ok: false as const, message };
  };

  if (upload.state === "DELETED") return refuse("This upload was deleted; there is nothing left to change.");
  if (action === "edit" && !input.edit) return refuse("Nothing to save.");
  // Withdrawn consent (issue #17): publishing again is a staff override with a recorded reason.
  const override = upload.withdrawnAt && action === "approve" ? overrideReasonSchema.safeParse(input.overrideReason ?? "") : null;
  if (override && !override.success) return refuse(override.error.issues[0]?.message ?? "Give a reason for the override.");

  const photoId = upload.photoId;
  const unconfirmed = unconfirmedReason(upload);
  let alreadyGone = false;
  if (action === "dismiss") {
    // Local only. A confirmed video is TwentyThree's business: reject or delete it instead.
    if (photoId && !unconfirmed) return refuse("This video was confirmed on TwentyThree: reject or delete it instead of dismissing it.");
  } else if (unconfirmed) {
    return refuse(unconfirmed);
  } else if (!photoId) {
    // A failed attempt never reached TwentyThree: only removing it from the list makes sense.
    if (action !== "delete") return refuse("This upload has no video on TwentyThree to change.");
  } else {
    const client = clientFor(upload.connection, { timeoutMs: input.timeoutMs ?? 15_000, retries: 0 });
    try {
      if (action === "approve") await client.updatePhoto({ photoId, published: true });
      else if (action === "unpublish" || action === "reject") await client.updatePhoto({ photoId, published: false });
      else if (action === "edit") await client.updatePhoto({ photoId, title: input.edit!.title, description: input.edit!.description, tags: input.edit!.tags });
      else await client.deletePhoto({ photoId });
    } catch (err) {
      const tt = twentyThreeErrorOf(err);
      if (action === "delete" && tt?.code === "no_such_photo") {
        alreadyGone = true; // removed on TwentyThree already: the goal of the action is met
      } else {
        const message = safeMessageOf(err, "Could not reach TwentyThree. Try again in a moment.");
        if (!tt) log.error("moderation failed unexpectedly", { uploadId, action, error: err instanceof Error ? err.message : String(err) });
        else log.warn("moderation refused by TwentyThree", { uploadId, action, code: tt.code });
        return refuse(message);
      }
    }
  }

  const state = action === "edit" ? upload.state : TARGET[action];
  const detail =
    action === "edit"
      ? { to: state, ...input.edit }
      : { to: state, ...(alreadyGone ? { alreadyGone } : {}), ...(override?.success ? { override: override.data } : {}) };
  // Webhooks hear of it (dismissing an unconfirmed claim is local bookkeeping, not an event); the
  // event is written with the change (the outbox) and dispatched after the commit.
  const event = action === "dismiss" ? null : state === "DELETED" ? "upload.deleted" : "upload.moderated";
  await db().$transaction([
    db().upload.update({ where: { id: uploadId }, data: { state, ...(action === "edit" ? { title: input.edit!.title } : {}) } }),
    db().moderationAction.create({ data: { uploadId, userId, action, ok: true, detail: { from: upload.state, ...detail } as object } }),
    ...(event ? [db().uploadEvent.create({ data: { type: event, uploadId } })] : []),
  ]);
  log.info("upload moderated", { uploadId, action, userId, state });
  if (event) await announceUploadEvents(uploadId);
  return { ok: true, state, message: alreadyGone ? "It was already gone from TwentyThree; marked as deleted." : DONE[action] };
}

export type BulkResult = { done: number; failed: Array<{ uploadId: string; message: string }> };

/** One at a time: TwentyThree sees a polite sequence, and each result is recorded on its own. */
export async function moderateMany(ids: string[], action: BulkActionName, userId: string | null): Promise<BulkResult> {
  const out: BulkResult = { done: 0, failed: [] };
  for (const uploadId of [...new Set(ids)].slice(0, MAX_BULK)) {
    const r = await moderate({ uploadId, userId, action });
    if (r.ok) out.done++;
    else out.failed.push({ uploadId, message: r.message });
  }
  return out;
}
