// Fans one upload event out to its listeners. Each listener queues its own deliveries (rows with
// a dedupe key, each sent by its own job with its own retries), so this job can be retried
// safely and a failing webhook endpoint never makes an e-mail go out twice, or the reverse.
import { recordInvitationUpload } from "@/lib/invitations/access";
import { log } from "@/lib/log";
import { queueReceipt } from "@/lib/contributor/mail";
import { insertMessages, queueUploadMail } from "@/lib/mail/outbox";
import { queueWebhooks } from "@/lib/webhooks/deliver";
import type { UploadEventType } from "@/lib/processing/event-types";

export async function dispatchUploadEvent(type: UploadEventType, uploadId: string, eventId: string): Promise<void> {
  const { enqueueMail, enqueueWebhook } = await import("@/lib/jobs/queue");
  await recordInvitationUpload(type, uploadId); // an invitee's upload: funnel step, and no more reminders
  // The team hears of uploads TwentyThree confirmed (a forged callback sends nobody mail).
  const mailKind = type === "upload.verified" ? "new_upload" : type === "upload.ready" ? "ready" : null;
  if (mailKind) for (const id of await queueUploadMail(mailKind, uploadId)) await enqueueMail(id);
  // The contributor's receipt with the link to their own page (issue #17), if they gave an address.
  if (type === "upload.verified") for (const id of await queueReceipt(uploadId, insertMessages)) await enqueueMail(id);
  for (const id of await queueWebhooks(type, uploadId, eventId)) await enqueueWebhook(id);
  log.debug("event dispatched", { type, uploadId, eventId });
}
