// What the rest of the portal hears about an upload's life (issue #16): the event names are the
// webhook event names. The event outbox: a state change writes its event row (upload_events) in
// the same transaction (recordUploadEvent, or the callback claim's SQL function), and only after
// the commit asks for it to be dispatched (announceUploadEvents). If that request is lost (pg-boss
// or the database unreachable at that instant), the minute sweep (lib/notify/dispatch.ts)
// dispatches the row anyway, so no event is lost and none is sent twice.
import type { Prisma, ProcessingState } from "@/generated/prisma/client";
import { enqueueUploadEvents } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import type { UploadEventType } from "./event-types";

export { UPLOAD_EVENTS, type UploadEventType } from "./event-types";

/**
 * Write the event in the caller's transaction, after the state change it records. Its
 * `created_at` is the database's clock at that moment (`clock_timestamp()`), not the writing
 * instance's (Prisma fills `now()` itself) nor the transaction's start (`now()`, the column
 * default): one upload's events are dispatched in `created_at` order, and a transaction that
 * began before another but waited for the upload's row lock changes the upload after it.
 */
export async function recordUploadEvent(tx: Prisma.TransactionClient, type: UploadEventType, uploadId: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO upload_events (id, upload_id, type, created_at) VALUES (gen_random_uuid(), ${uploadId}::uuid, ${type}, clock_timestamp())`;
}

/** After the commit: dispatch the upload's recorded events now. Never throws: the sweep is the net. */
export async function announceUploadEvents(uploadId: string): Promise<void> {
  await enqueueUploadEvents(uploadId).catch((err: Error) =>
    log.warn("events: could not queue the dispatch; the sweep sends it", { uploadId, error: err.message }),
  );
}

/** The event a change of processing state announces, if any. */
export function processingEvent(state: ProcessingState): UploadEventType | null {
  if (state === "READY") return "upload.ready";
  if (state === "FAILED" || state === "TIMED_OUT") return "upload.failed";
  return null;
}
