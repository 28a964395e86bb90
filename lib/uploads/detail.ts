// Everything the review page shows about one upload: the object, who sent it and what they
// agreed to, the token it came through, the callback audit and the moderation history.
import "server-only";
import { db } from "@/lib/db";
import { clientFor } from "@/lib/connections";
import { isConfirmed } from "@/lib/intake/ownership";
import { log } from "@/lib/log";
import { playerUrl, safeMessageOf, twentyThreeErrorOf, type Photo } from "@/lib/twentythree";

export async function uploadDetail(id: string) {
  const upload = await db().upload.findUnique({
    where: { id },
    include: {
      link: { select: { id: true, title: true, slug: true } },
      connection: { select: { id: true, name: true, apiUrl: true, domain: true, credentialsEnc: true } },
      token: {
        select: {
          id: true,
          status: true,
          contributorName: true,
          contributorEmail: true,
          title: true,
          description: true,
          consentText: true,
          consentAt: true,
          params: true,
          validUntil: true,
          createdAt: true,
          errorMessage: true,
          maxUploads: true,
          detailsDeferred: true,
          detailsAppliedAt: true,
        },
      },
      moderation: { orderBy: { createdAt: "desc" }, take: 100, include: { user: { select: { name: true, email: true } } } },
    },
  });
  if (!upload) return null;
  // Callbacks recorded against the upload, or against its token before the upload existed.
  const callbacks = await db().callbackEvent.findMany({
    where: { OR: [{ uploadId: id }, { tokenId: upload.tokenId }] },
    orderBy: { receivedAt: "desc" },
    take: 100,
  });
  // An unconfirmed row may name anybody's video: neither play nor look it up as if it were this upload.
  const player =
    upload.photoId && upload.photoToken && upload.state !== "DELETED" && isConfirmed(upload)
      ? playerUrl({ apiUrl: upload.connection.apiUrl, photoId: upload.photoId, token: upload.photoToken })
      : null;
  return { upload, callbacks, player };
}

export type UploadDetail = NonNullable<Awaited<ReturnType<typeof uploadDetail>>>;

/** What TwentyThree holds now (title, description, tags, published), or why we could not ask. */
export async function remotePhoto(d: UploadDetail, timeoutMs = 4_000): Promise<{ photo: Photo | null; error?: string }> {
  const { upload } = d;
  if (!upload.photoId || !upload.photoToken || upload.state === "DELETED" || !isConfirmed(upload)) return { photo: null };
  try {
    const client = clientFor(upload.connection, { timeoutMs, retries: 0 });
    const { photos } = await client.listPhotos({ photoId: upload.photoId, token: upload.photoToken, includeUnpublished: true });
    const photo = photos.find((p) => p.photoId === upload.photoId) ?? null;
    return photo ? { photo } : { photo: null, error: "TwentyThree no longer lists this video." };
  } catch (err) {
    if (!twentyThreeErrorOf(err)) log.warn("photo lookup failed", { uploadId: upload.id, error: err instanceof Error ? err.message : String(err) });
    return { photo: null, error: safeMessageOf(err, "TwentyThree could not be asked about this video.") };
  }
}
