// Who owns an object on TwentyThree is decided by TwentyThree: /api/photo/list?upload_token=<t>
// lists exactly the objects made with token t (protocol §7). A photo_id + token pair proves
// nothing (any embed URL leaks one), and neither does arriving first. This module turns such a
// listing into rows: the listed token's row is confirmed (created if its callback never came),
// every other claim on the same object is disowned.
import type { Connection, Upload, UploadState, UploadToken } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { announceUploadEvents, recordUploadEvent } from "@/lib/processing/events";
import type { Photo } from "@/lib/twentythree";

export const DISOWNED_REASON = "TwentyThree does not list this video among the uploads made with this upload's token.";

/** Every object TwentyThree made with this token (max_uploads ≤ 100, so one page holds them). */
export async function listTokenObjects(token: Pick<UploadToken, "uploadToken"> & { connection: Connection }, timeoutMs: number): Promise<Photo[]> {
  const client = clientFor(token.connection, { timeoutMs, retries: 0 });
  return (await client.listPhotos({ uploadToken: token.uploadToken, includeUnpublished: true, size: 100 })).photos;
}

/** States that mean "TwentyThree confirmed this row's token made the object" (with verified_at set). */
export const CONFIRMED_STATES: UploadState[] = ["VERIFIED", "PUBLISHED", "REJECTED", "DELETED"];
export const isConfirmed = (u: Pick<Upload, "verifiedAt" | "state" | "photoId">) => u.photoId !== null && u.verifiedAt !== null && u.state !== "DISOWNED";

type TokenForClaim = Pick<UploadToken, "id" | "connectionId" | "linkId" | "contributorName" | "contributorEmail" | "title">;

/**
 * TwentyThree lists `photo` under `token`: make the token's row the one confirmed row for the
 * object and disown the others. Serialised per (connection, photo_id) with a transaction-scoped
 * advisory lock, so a callback, the verify job and reconciliation racing on one object agree.
 */
export async function confirmOwnership(
  token: TokenForClaim,
  photo: Photo,
  opts: { source?: "RECONCILED"; now?: Date } = {},
): Promise<{ uploadId: string; created: boolean; changed: boolean }> {
  const now = opts.now ?? new Date();
  const result = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${token.connectionId}:${photo.photoId}`}, 0))`;
    const mine = await tx.upload.findUnique({ where: { tokenId_photoId: { tokenId: token.id, photoId: photo.photoId } } });
    if (mine && isConfirmed(mine)) return { uploadId: mine.id, created: false, changed: false };

    // Other tokens' claims on this object lose. A confirmed one can only come from data verified
    // before ownership was checked by upload_token (the old photo_id + token check): demote it too.
    const others = { connectionId: token.connectionId, photoId: photo.photoId, tokenId: { not: token.id } };
    const demoted = await tx.upload.updateMany({
      where: { ...others, verifiedAt: { not: null } },
      data: { verifiedAt: null, state: "DISOWNED", errorMessage: DISOWNED_REASON },
    });
    const disowned = await tx.upload.updateMany({ where: { ...others, state: "RECEIVED" }, data: { state: "DISOWNED", errorMessage: DISOWNED_REASON } });
    if (demoted.count) log.warn("ownership: a previously verified row was not made by its token; disowned", { photoId: photo.photoId, rows: demoted.count });
    if (disowned.count) log.warn("ownership: disowned claims on an object another token made", { photoId: photo.photoId, rows: disowned.count });

    const confirmed = {
      state: (photo.publishedP ? "PUBLISHED" : "VERIFIED") as UploadState,
      verifiedAt: now,
      treeId: photo.treeId || null,
      photoToken: photo.token,
      errorMessage: null,
    };
    if (mine) {
      // A row dismissed by staff stays dismissed; anything else becomes the confirmed row.
      if (mine.state === "DELETED") return { uploadId: mine.id, created: false, changed: false };
      await tx.upload.update({ where: { id: mine.id }, data: { ...confirmed, title: photo.title || mine.title } });
      await recordUploadEvent(tx, "upload.verified", mine.id); // the outbox: commits with the confirmation
      return { uploadId: mine.id, created: false, changed: true };
    }
    const row = await tx.upload.create({
      data: {
        ...confirmed,
        connectionId: token.connectionId,
        linkId: token.linkId,
        tokenId: token.id,
        photoId: photo.photoId,
        source: opts.source ?? "RECONCILED",
        contributorName: token.contributorName,
        contributorEmail: token.contributorEmail,
        title: photo.title || token.title,
      },
    });
    await recordUploadEvent(tx, "upload.verified", row.id);
    return { uploadId: row.id, created: true, changed: true };
  });
  // Whoever confirmed it (the verify job, reconciliation, the thank-you page), the team hears of it.
  if (result.changed) await announceUploadEvents(result.uploadId);
  return result;
}
