// Follows TwentyThree's processing of a confirmed upload (issue #16, protocol §7): re-reads the
// object through the listing by the row's own upload token (the same proof of ownership as
// verification, so a pingback or a stale job can only ever touch what this portal confirmed),
// asks get-transcoding-progress while it transcodes, and records the state, length, size and a
// thumbnail URL on the connection's own domain (a /api/photo/frame still until the real
// thumbnails exist). Called by the follow job (lib/jobs) and the pingback route.
import type { ProcessingState } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { listTokenObjects } from "@/lib/intake/ownership";
import { log } from "@/lib/log";
import { frameUrl, originOf } from "@/lib/twentythree";
import { announceUploadEvents, processingEvent, recordUploadEvent } from "./events";

export type FollowResult =
  { kind: "skipped" } | { kind: "unavailable" } | { kind: "followed"; state: ProcessingState; percent: number; changedTo: ProcessingState | null };

export const FINAL: ProcessingState[] = ["READY", "FAILED", "TIMED_OUT"];
export const GONE_MESSAGE = "TwentyThree no longer lists this video.";
export const TIMEOUT_MESSAGE = "TwentyThree had not finished processing this video in time.";

/** Rows a pingback or a job may follow: confirmed by TwentyThree's listing, not dismissed. */
export const followableWhere = { verifiedAt: { not: null }, photoId: { not: null }, state: { notIn: ["DISOWNED", "DELETED"] as ("DISOWNED" | "DELETED")[] } };

export async function followProcessing(uploadId: string, opts: { now?: Date; timeoutMs?: number } = {}): Promise<FollowResult> {
  const now = opts.now ?? new Date();
  const upload = await db().upload.findFirst({ where: { id: uploadId, ...followableWhere }, include: { token: { include: { connection: true } } } });
  if (!upload || !upload.photoId || (upload.processing && FINAL.includes(upload.processing))) return { kind: "skipped" };
  const conn = upload.token.connection;
  const since = upload.processingSince ?? now;

  let state: ProcessingState;
  let percent = 0;
  const data: Record<string, unknown> = {};
  try {
    const photo = (await listTokenObjects(upload.token, opts.timeoutMs ?? 10_000)).find((p) => p.photoId === upload.photoId);
    if (!photo) {
      state = "FAILED";
      data.processingError = GONE_MESSAGE;
    } else {
      if (photo.originalSize !== null) data.sizeBytes = BigInt(Math.round(photo.originalSize));
      const done = !photo.videoP || photo.videoEncoded;
      if (done) {
        state = "READY";
        percent = 100;
        if (photo.videoLength !== null) data.videoLength = photo.videoLength;
        data.thumbnailUrl = photo.smallDownload
          ? `${originOf(conn)}${photo.smallDownload}`
          : frameUrl({ apiUrl: conn.apiUrl, photoId: photo.photoId, token: photo.token });
      } else {
        const progress = await clientFor(conn, { timeoutMs: opts.timeoutMs ?? 10_000, retries: 0 }).getTranscodingProgress({ photoId: photo.photoId });
        // Never 100 while TwentyThree's own flag says it is still transcoding.
        percent = Math.min(99, Math.floor(progress.all * 100));
        const timedOut = now.getTime() - since.getTime() > env().PROCESSING_TIMEOUT_MINUTES * 60_000;
        state = timedOut ? "TIMED_OUT" : "PROCESSING";
        if (timedOut) data.processingError = TIMEOUT_MESSAGE;
        data.thumbnailUrl = frameUrl({ apiUrl: conn.apiUrl, photoId: photo.photoId, token: photo.token });
      }
    }
  } catch (err) {
    log.warn("processing: TwentyThree unavailable; will look again", { uploadId, error: (err as Error).name });
    return { kind: "unavailable" };
  }

  // Rows confirmed long before anyone followed them (data from before processing was followed)
  // are filled in quietly: no "ready" e-mail or webhook about an old video.
  const backfill =
    upload.processing === null && upload.processingSince === null && upload.verifiedAt!.getTime() < now.getTime() - env().PROCESSING_TIMEOUT_MINUTES * 60_000;
  const event = upload.processing !== state && !backfill ? processingEvent(state) : null;
  // Only a row still not final moves: a job and a pingback racing cannot take READY back. The
  // event it announces commits with it (the outbox): both or neither.
  const changed = await db().$transaction(async (tx) => {
    const r = await tx.upload.updateMany({
      where: { id: upload.id, OR: [{ processing: null }, { processing: "PROCESSING" }] },
      data: {
        ...data,
        processing: state,
        processingPercent: percent,
        processingSince: since,
        ...(state === "READY" ? { readyAt: now, processingError: null } : {}),
      },
    });
    if (r.count && event) await recordUploadEvent(tx, event, upload.id);
    return r.count;
  });
  const changedTo = changed && upload.processing !== state && !backfill ? state : null;
  if (event && changed) await announceUploadEvents(upload.id);
  if (changedTo) log.info("processing: state changed", { uploadId, state, percent });
  return { kind: "followed", state, percent, changedTo };
}

/** Staff's "check again" after a failure or time-out: the clock starts anew. */
export async function resetProcessing(uploadId: string): Promise<boolean> {
  const r = await db().upload.updateMany({
    where: { id: uploadId, ...followableWhere, processing: { in: ["FAILED", "TIMED_OUT"] } },
    // processing_since = now: the time-out counts from here, and the outcome is announced again.
    data: { processing: null, processingPercent: null, processingSince: new Date(), processingError: null },
  });
  return r.count > 0;
}

/** Confirmed rows whose processing is not final yet: the sweep makes sure each has a job. */
export async function pendingProcessing(limit = 200): Promise<string[]> {
  const rows = await db().upload.findMany({
    where: { ...followableWhere, OR: [{ processing: null }, { processing: "PROCESSING" }] },
    select: { id: true },
    orderBy: { verifiedAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}
