// Confirming a replacement with TwentyThree and recording it once (issue #17). The callback tries
// at once; when TwentyThree cannot be asked right then (down, timing out), the replacement is kept
// as "confirming" and a pg-boss job asks again with backoff, then does exactly what a confirmed
// callback does, or records the refusal ("unconfirmed") when the object did not change. The claim
// (status from pending/confirming/unconfirmed to done, in one UPDATE) makes every path record,
// follow and notify once, however many callbacks, jobs and sweeps race.
import type { Connection, Replacement, Upload } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { enqueueFollow, enqueueMail, enqueueReplaceCheck } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { insertMessages } from "@/lib/mail/outbox";
import { queueTeamNotice } from "./mail";
import { isPrint, readObject, replacedSince, type ObjectPrint } from "./replace-check";

export type Claimable = Replacement & { upload: Upload & { connection: Connection } };
export type Confirmation = "replaced" | "duplicate" | "unconfirmed" | "unreachable";

/** Statuses a replacement may still be confirmed from (an "unconfirmed" one by a later genuine callback). */
const OPEN = ["pending", "confirming", "unconfirmed"];
/** How long after its token ran out the job keeps asking an unreachable TwentyThree. */
const GIVE_UP_MS = 2 * 24 * 60 * 60_000;

/** What the object looked like last: this replacement's mint, or a later confirmed replacement. */
async function baselineOf(r: { id: string; uploadId: string; createdAt: Date; objectBefore: unknown }): Promise<ObjectPrint | null> {
  const later = await db().replacement.findFirst({
    where: { uploadId: r.uploadId, status: "done", completedAt: { gt: r.createdAt }, NOT: { id: r.id } },
    orderBy: { completedAt: "desc" },
  });
  const base = later?.objectAfter ?? r.objectBefore;
  return isPrint(base) ? base : null;
}

/** Ask TwentyThree whether the object changed and, if it did, record the replacement once. */
export async function confirmReplacement(r: Claimable, now = new Date()): Promise<Confirmation> {
  const baseline = await baselineOf(r);
  const current = await readObject(r.upload.connection, r.upload.photoId!).catch(() => undefined);
  if (current === undefined) return "unreachable";
  if (!baseline || !current || !replacedSince(baseline, current)) {
    log.warn("replace callback not confirmed by TwentyThree", { replacementId: r.id });
    return "unconfirmed";
  }
  const done = await db().$transaction(async (tx) => {
    const claimed = await tx.replacement.updateMany({
      where: { id: r.id, status: { in: OPEN } },
      data: { status: "done", completedAt: now, objectAfter: current },
    });
    if (claimed.count === 0) return null;
    // TwentyThree transcodes the new file: follow it again from the start.
    await tx.upload.update({
      where: { id: r.uploadId },
      data: {
        processing: "PROCESSING",
        processingPercent: 0,
        processingSince: now,
        processingError: null,
        readyAt: null,
        videoLength: null,
        thumbnailUrl: null,
      },
    });
    const outcome = "The new file was uploaded to the same video on TwentyThree (same id and embeds); it is being processed again.";
    return tx.moderationAction.create({
      data: { uploadId: r.uploadId, action: "replace", ok: true, detail: { by: "contributor", replacementId: r.id, outcome } },
    });
  });
  if (!done) return "duplicate";
  log.info("video replaced by contributor", { uploadId: r.uploadId, replacementId: r.id });
  await enqueueFollow(r.uploadId).catch(() => {});
  for (const id of await queueTeamNotice("replaced", r.uploadId, done.id, insertMessages)) await enqueueMail(id).catch(() => {});
  return "replaced";
}

/** The callback arrived but TwentyThree could not be asked: keep it and let the job ask again. */
export async function deferConfirmation(replacementId: string): Promise<void> {
  await db().replacement.updateMany({ where: { id: replacementId, status: { in: ["pending", "unconfirmed"] } }, data: { status: "confirming" } });
  log.warn("replace callback kept until TwentyThree answers", { replacementId });
  await enqueueReplaceCheck(replacementId).catch(() => {}); // the sweep queues it again if this is lost
}

export type Recheck = "replaced" | "settled" | "refused" | "retry";

/** The job's work: "retry" means TwentyThree is still unreachable (the job throws, pg-boss backs off). */
export async function recheckReplacement(replacementId: string, now = new Date()): Promise<Recheck> {
  const r = await db().replacement.findUnique({ where: { id: replacementId }, include: { upload: { include: { connection: true } } } });
  if (!r || r.status !== "confirming") return "settled"; // confirmed, refused or failed meanwhile
  const refuse = async (reason: string) => {
    await db().replacement.updateMany({ where: { id: r.id, status: "confirming" }, data: { status: "unconfirmed", completedAt: now } });
    log.warn("replace callback refused after re-checking", { replacementId: r.id, reason });
    return "refused" as const;
  };
  if (r.upload.withdrawnAt || !r.upload.photoId) return refuse("consent was withdrawn meanwhile");
  const outcome = await confirmReplacement(r, now);
  if (outcome === "unreachable") return now.getTime() - r.validUntil.getTime() > GIVE_UP_MS ? refuse("TwentyThree unreachable for days") : "retry";
  if (outcome === "unconfirmed") return refuse("TwentyThree shows no new file");
  return outcome === "replaced" ? "replaced" : "settled";
}

/** Replacements still waiting for TwentyThree, for the sweep (their job may have been lost). */
export async function confirmingReplacements(): Promise<string[]> {
  const rows = await db().replacement.findMany({ where: { status: "confirming" }, select: { id: true }, take: 500 });
  return rows.map((r) => r.id);
}
