// Nothing lost: for tokens whose callback never came (browser closed before the redirect,
// callback dropped, database down at the time), ask TwentyThree which objects were uploaded with
// the token and record the missing ones. TwentyThree's listing is the proof of ownership, so an
// object found here becomes the token's confirmed row even when another token's (squatting)
// callback claimed its photo_id first; that claim is disowned (lib/intake/ownership.ts).
// Idempotent: a second run, or a late callback, finds the confirmed row and changes nothing.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { confirmOwnership, listTokenObjects } from "@/lib/intake/ownership";

/** How long after valid_until we keep looking: uploads that started just before expiry finish
 * late. The same grace as callbacks (CALLBACK_GRACE_MINUTES), so what one accepts the other finds. */
export const reconcileGraceMs = () => env().CALLBACK_GRACE_MINUTES * 60_000;

/** `confirmed`: rows this run confirmed (their processing is followed next); not logged. */
export type ReconcileReport = { tokensChecked: number; recorded: number; expired: number; unavailable: number; confirmed: string[] };

export async function reconcileOnce(opts: { now?: Date; batch?: number; minAgeMs?: number } = {}): Promise<ReconcileReport> {
  const now = opts.now ?? new Date();
  const report: ReconcileReport = { tokensChecked: 0, recorded: 0, expired: 0, unavailable: 0, confirmed: [] };
  const horizon = new Date(now.getTime() - reconcileGraceMs());

  // Tokens past valid_until + grace are done: nothing more can arrive.
  const expired = await db().uploadToken.updateMany({
    where: { status: { in: ["ACTIVE", "FAILED"] }, validUntil: { lt: horizon } },
    data: { status: "EXPIRED" },
  });
  report.expired = expired.count;

  const candidates = await db().uploadToken.findMany({
    where: {
      status: { in: ["ACTIVE", "FAILED"] },
      validUntil: { gte: horizon },
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
      photos = await listTokenObjects(token, 10_000);
    } catch (err) {
      report.unavailable++;
      log.warn("reconcile: TwentyThree unavailable", { tokenId: token.id, error: (err as Error).name });
      continue;
    }
    for (const p of photos) {
      const r = await confirmOwnership(token, p, { source: "RECONCILED", now });
      if (r.changed) report.confirmed.push(r.uploadId);
      if (r.created) {
        report.recorded++;
        log.info("reconcile: recorded an upload whose callback never came", { tokenId: token.id, photoId: p.photoId });
      }
    }
    const uploaded = await db().upload.count({ where: { tokenId: token.id, photoId: { not: null }, state: { not: "DISOWNED" } } });
    await db().uploadToken.update({
      where: { id: token.id },
      data: { reconciledAt: now, ...(uploaded >= token.maxUploads ? { status: "USED" } : {}) },
    });
  }
  return report;
}

/** Verify every upload still "received" (TwentyThree was down at callback time, or the job failed). */
export async function pendingVerifications(limit = 100): Promise<string[]> {
  const rows = await db().upload.findMany({
    where: { state: "RECEIVED", photoId: { not: null } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}
