// An upload is "received" from its callback and "verified" once TwentyThree itself confirms the
// object (photo_id + its token). A callback with an invented photo_id therefore never verifies.
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { TwentyThreeNoSuchPhotoError, TwentyThreeInvalidPhotoTokenError } from "@/lib/twentythree";

export type VerifyResult = "verified" | "not_found" | "unavailable" | "skipped";

export async function verifyUpload(uploadId: string, opts: { timeoutMs?: number } = {}): Promise<VerifyResult> {
  const upload = await db().upload.findUnique({ where: { id: uploadId }, include: { connection: true } });
  if (!upload || upload.state !== "RECEIVED" || !upload.photoId || !upload.photoToken) return "skipped";
  try {
    const client = clientFor(upload.connection, { timeoutMs: opts.timeoutMs ?? 5000, retries: 0 });
    const { photos } = await client.listPhotos({ photoId: upload.photoId, token: upload.photoToken, includeUnpublished: true });
    const match = photos.find((p) => p.photoId === upload.photoId && p.token === upload.photoToken);
    if (!match) return "not_found";
    const published = match.publishedP;
    await db().upload.updateMany({
      where: { id: upload.id, state: "RECEIVED" },
      data: { state: published ? "PUBLISHED" : "VERIFIED", verifiedAt: new Date(), treeId: match.treeId || upload.treeId, title: match.title || upload.title },
    });
    return "verified";
  } catch (err) {
    if (err instanceof TwentyThreeNoSuchPhotoError || err instanceof TwentyThreeInvalidPhotoTokenError) return "not_found";
    log.warn("verification postponed: TwentyThree unavailable", { uploadId, error: (err as Error).name });
    return "unavailable";
  }
}
