// Nothing lost: for tokens whose callback never came (browser closed before the redirect,
// callback dropped, database down at the time), ask TwentyThree which objects were uploaded with
// the token and record the missing ones. Idempotent: the (connection, photo_id) unique key makes
// a second run, or a late callback, a no-op.
import { Prisma } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

/** How long after valid_until we keep looking: uploads that started just before expiry finish late. */
export const RECONCILE_GRACE_MS = 60 * 60_000;

export type ReconcileReport = { tokensChecked: number; recorded: number; expired: number; unavailable: number };

export async function reconcileOnce(opts: { now?: Date; batch?: number; minAgeMs?: number } = {}): Promise<ReconcileReport> {
  const now = opts.now ?? new Date();
  const report: ReconcileReport = { tokensChecked: 0, recorded: 0, expired: 0, unavailable: 0 };

  // Tokens past valid_until + grace are done: nothing more can arrive.
  const expired = await db().uploadToken.updateMany({
    where: { status: { in: ["ACTIVE", "FAILED"] }, validUntil: { lt: new Date(now.getTime() - RECONCILE_GRACE_MS) } },
    data: { status: "EXPIRED" },
  });
  report.expired = expired.count;

  const candidates = await db().uploadToken.findMany({
    where: {
      status: { in: ["ACTIVE", "FAILED"] },
      validUntil: { gte: new Date(now.getTime() - RECONCILE_GRACE_MS) },
      // A token minted seconds ago is still being used; give the browser its chance first.
      createdAt: { lt: new Date(now.getTime() - (opts.minAgeMs ?? 60_000)) },
    },
    include: { connection: true },
    orderBy: [{ reconciledAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    take: opts.batch ?? 50,
  });

  for (const token of candidates) {
    report.tokensChecked++;
    let photos;
    try {
      photos = (await clientFor(token.connection, { timeoutMs: 10_000 }).listPhotos({ uploadToken: token.uploadToken, includeUnpublished: true, size: 100 })).photos;
    } catch (err) {
      report.unavailable++;
      log.warn("reconcile: TwentyThree unavailable", { tokenId: token.id, error: (err as Error).name });
      continue;
    }
    let found = 0;
    for (const p of photos) {
      const created = await db().upload.createMany({
        data: [
          {
            connectionId: token.connectionId,
            linkId: token.linkId,
            tokenId: token.id,
            photoId: p.photoId,
            treeId: p.treeId || null,
            photoToken: p.token,
            state: p.publishedP ? "PUBLISHED" : "VERIFIED",
            source: "RECONCILED",
            contributorName: token.contributorName,
            contributorEmail: token.contributorEmail,
            title: p.title || token.title,
            verifiedAt: now,
          },
        ],
        skipDuplicates: true,
      });
      found++;
      if (created.count > 0) {
        report.recorded++;
        log.info("reconcile: recorded an upload whose callback never came", { tokenId: token.id, photoId: p.photoId });
      }
    }
    const uploaded = await db().upload.count({ where: { tokenId: token.id, photoId: { not: null } } });
    await db().uploadToken.update({
      where: { id: token.id },
      data: { reconciledAt: now, ...(uploaded >= token.maxUploads ? { status: "USED" } : {}) },
    });
    if (found === 0) continue;
  }
  return report;
}

/** Verify every upload still "received" (TwentyThree was down at callback time, or the job failed). */
export async function pendingVerifications(limit = 100): Promise<string[]> {
  const rows = await db().upload.findMany({ where: { state: "RECEIVED", photoId: { not: null } }, select: { id: true }, orderBy: { createdAt: "asc" }, take: limit });
  return rows.map((r) => r.id);
}

export const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
