// What the rest of the portal hears about an upload's life (issue #16): the event names are the
// webhook event names. Events are queued as jobs (lib/jobs) and fanned out there to e-mail and
// webhooks, so a slow recipient never holds up a callback, a pingback or a processing check.
import type { ProcessingState } from "@/generated/prisma/client";

import { enqueueUploadEvent } from "@/lib/jobs/queue";
import type { UploadEventType } from "./event-types";

export { UPLOAD_EVENTS, type UploadEventType } from "./event-types";

export async function emitUploadEvent(type: UploadEventType, uploadId: string): Promise<void> {
  await enqueueUploadEvent(type, uploadId).catch(() => {});
}

export async function emitProcessingChange(uploadId: string, state: ProcessingState): Promise<void> {
  if (state === "READY") await emitUploadEvent("upload.ready", uploadId);
  else if (state === "FAILED" || state === "TIMED_OUT") await emitUploadEvent("upload.failed", uploadId);
}
