// Fans upload events out to their listeners. Events come from the outbox (upload_events, written
// with the state change: lib/processing/events.ts). Each listener queues its own deliveries (rows
// with a dedupe key: the mail's kind + upload + address, the webhook's endpoint + event id), each
// sent by its own job with its own retries, so dispatching an event twice queues nothing new and
// a failing webhook endpoint never makes an e-mail go out twice, or the reverse.
import { db } from "@/lib/db";
import { recordInvitationUpload } from "@/lib/invitations/access";
import { log } from "@/lib/log";
import { queueReceipt } from "@/lib/contributor/mail";
import { insertMessages, queueUploadMail } from "@/lib/mail/outbox";
import { queueWebhooks } from "@/lib/webhooks/deliver";
import type { UploadEventType } from "@/lib/processing/event-types";

export async function dispatchUploadEvent(type: UploadEventType, uploadId: string, eventId: string): Promise<void> {
  const { enqueueMail, enqueueWebhook } = await import("@/lib/jobs/queue");
  const { enqueueChapters } = await import("@/lib/jobs/queue");
  // Queueing the sends is a nudge: the rows are stored, and the mail and webhook sweeps send
  // whatever is still pending should a job not get queued.
  const nudge = (p: Promise<void>) => p.catch((err: Error) => log.warn("events: could not queue a send; the sweep sends it", { error: err.message }));
  await recordInvitationUpload(type, uploadId); // an invitee's upload: funnel step, and no more reminders
  // Every way an upload gets confirmed (job, reconcile, thank-you page) emits upload.verified: a one-take recording's chapters follow (#15).
  if (type === "upload.verified") await nudge(enqueueChapters(uploadId));
  // The team hears of uploads TwentyThree confirmed (a forged callback sends nobody mail).
  const mailKind = type === "upload.verified" ? "new_upload" : type === "upload.ready" ? "ready" : null;
  if (mailKind) for (const id of await queueUploadMail(mailKind, uploadId)) await nudge(enqueueMail(id));
  // The contributor's receipt with the link to their own page (issue #17), if they gave an address.
  if (type === "upload.verified") for (const id of await queueReceipt(uploadId, insertMessages)) await nudge(enqueueMail(id));
  for (const id of await queueWebhooks(type, uploadId, eventId)) await nudge(enqueueWebhook(id));
  log.debug("event dispatched", { type, uploadId, eventId });
}

/**
 * Dispatch recorded events not dispatched yet, oldest first: all of one upload's (the job queued
 * after the state change) or, for the sweep, every one older than `olderThanMs` by the database's
 * clock (younger ones are left to their own job). Each row is marked in the transaction that
 * locked it, so no two dispatchers send the same row, and one upload's events go out in the order
 * they happened, across instances:
 * - an upload's job waits for a row another dispatcher (another instance's job, or a sweep) holds
 *   (FOR UPDATE, no SKIP LOCKED). When the holder ends, the row is checked again: skipped if the
 *   holder sent it, sent by the job otherwise, and the job goes on with the later ones. The wait
 *   is bounded (lock_timeout): a holder whose session hangs fails the job, which pg-boss retries.
 * - the sweep must not wait behind jobs, so it skips locked rows, and with them every later event
 *   of the same upload (the NOT EXISTS); it holds those later rows until its batch ends, and the
 *   upload's job (or the next sweep) sends them in order.
 */
export async function dispatchPendingEvents(opts: { uploadId?: string; olderThanMs?: number; limit?: number } = {}): Promise<number> {
  // Events are dated by the database (lib/processing/events.ts), so the sweep's grace is measured
  // on its clock too; an upload's own job takes all of its pending events.
  const graceMs = opts.olderThanMs ?? 0;
  const limit = opts.limit ?? 100;
  type Row = { id: string; type: UploadEventType; upload_id: string };
  return db().$transaction(
    async (tx) => {
      if (opts.uploadId) await tx.$executeRaw`SET LOCAL lock_timeout = '15s'`;
      const rows = opts.uploadId
        ? await tx.$queryRaw<Row[]>`
            SELECT id::text, type, upload_id::text FROM upload_events
            WHERE upload_id = ${opts.uploadId}::uuid AND dispatched_at IS NULL
            ORDER BY created_at, id LIMIT ${limit} FOR UPDATE`
        : await tx.$queryRaw<Row[]>`
            WITH picked AS (
              SELECT id, type, upload_id, created_at FROM upload_events
              WHERE dispatched_at IS NULL AND created_at <= now() - ${graceMs}::double precision * interval '1 millisecond'
              ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
            SELECT p.id::text, p.type, p.upload_id::text FROM picked p
            WHERE NOT EXISTS (
              SELECT 1 FROM upload_events o
              WHERE o.upload_id = p.upload_id AND o.dispatched_at IS NULL
                AND (o.created_at, o.id) < (p.created_at, p.id) AND o.id NOT IN (SELECT id FROM picked))
            ORDER BY p.created_at, p.id`;
      for (const e of rows) {
        await dispatchUploadEvent(e.type, e.upload_id, e.id);
        await tx.uploadEvent.update({ where: { id: e.id }, data: { dispatchedAt: new Date() } });
      }
      return rows.length;
    },
    { timeout: 120_000 },
  );
}

/** Dispatched events are kept 30 days (their deliveries and mails carry the record), then removed. */
export async function pruneDispatchedEvents(now = new Date()): Promise<number> {
  const r = await db().uploadEvent.deleteMany({ where: { dispatchedAt: { lt: new Date(now.getTime() - 30 * 86_400_000) } } });
  return r.count;
}
