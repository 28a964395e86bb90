// An upload is "received" from its callback and "verified" once TwentyThree lists its object
// among those made with the row's own upload token (lib/intake/ownership.ts). A callback naming
// an invented photo_id, or another upload's object (photo_id + token leak from embed URLs),
// is therefore never verified: it is disowned instead, and never moderated on TwentyThree.
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { confirmOwnership, DISOWNED_REASON, listTokenObjects } from "./ownership";

export type VerifyResult = "verified" | "not_found" | "unavailable" | "skipped";

export async function verifyUpload(uploadId: string, opts: { timeoutMs?: number } = {}): Promise<VerifyResult> {
  const upload = await db().upload.findUnique({ where: { id: uploadId }, include: { token: { include: { connection: true } } } });
  if (!upload || upload.state !== "RECEIVED" || !upload.photoId) return "skipped";
  let photos;
  try {
    photos = await listTokenObjects(upload.token, opts.timeoutMs ?? 5000);
  } catch (err) {
    log.warn("verification postponed: TwentyThree unavailable", { uploadId, error: (err as Error).name });
    return "unavailable";
  }
  const match = photos.find((p) => p.photoId === upload.photoId);
  if (match) {
    await confirmOwnership(upload.token, match);
    return "verified";
  }
  // Not made with this token. Reconciliation still lists the token's objects until it expires,
  // so an honest row wrongly disowned (a stale listing) is confirmed again when the object shows.
  await db().upload.updateMany({ where: { id: upload.id, state: "RECEIVED" }, data: { state: "DISOWNED", errorMessage: DISOWNED_REASON } });
  log.warn("callback object not made by its token: disowned", { uploadId, tokenId: upload.tokenId });
  return "not_found";
}
