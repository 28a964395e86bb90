// What the thank-you page needs (issue #20): the callback only records a claim and queues its
// verification (lib/intake/receive.ts), so the page a visitor lands on asks TwentyThree once,
// briefly, about that visitor's own still-unconfirmed uploads. What is still unconfirmed after
// that shows as "being confirmed" and the page reloads itself; the verify job finishes the rest.
import { db } from "@/lib/db";
import { enqueueFollow } from "@/lib/jobs/queue";
import { verifyUpload } from "./verify";

export async function confirmReceived(tokenId: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  const pending = await db().upload.findMany({ where: { tokenId, state: "RECEIVED", photoId: { not: null } }, select: { id: true }, take: 100 });
  // One listing answers every row of the token (verifyUpload lists by upload_token), so the first
  // call decides all of them in practice; later calls skip rows that are no longer RECEIVED.
  for (const u of pending) {
    const result = await verifyUpload(u.id, { timeoutMs: opts.timeoutMs ?? 3000 }).catch(() => "unavailable" as const);
    // Confirmed here rather than by the verify job (which then skips the row): follow
    // TwentyThree's processing, as the job does (the confirmation announced its own event).
    if (result === "verified") await enqueueFollow(u.id).catch(() => {});
  }
}
