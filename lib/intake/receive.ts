// The callback endpoint's answer, kept apart from the route file so tests can drive it directly:
// record (lib/intake/callback.ts) → verify now or later → answer the browser or TwentyThree.
import "server-only";
import { env } from "@/lib/env";
import { htmlPage } from "@/lib/http/html-page";
import { enqueueReceived } from "@/lib/jobs/queue";
import { describeWait } from "@/lib/limits";
import { log } from "@/lib/log";
import { handleCallback } from "./callback";
import { verifyState } from "./signing";

/** The database is down: if the callback is genuinely ours (the signed state checks out without the
 * database), tell the visitor their upload arrived; reconciliation records it once the database is
 * back (it asks TwentyThree by upload_token). */
function databaseDown(params: Record<string, string>): Response {
  const ours = verifyState(params.state) !== null;
  if (ours && params.photo_id && !params.error_message) {
    return htmlPage(
      200,
      "Your upload has arrived",
      "Your file reached the video library. We could not write it down on our side just now, so it will be confirmed within a few minutes. You do not need to upload it again.",
      { "retry-after": "60" },
    );
  }
  return htmlPage(503, "Temporarily unavailable", "We cannot record this right now. Please try again in a few minutes.", { "retry-after": "60" });
}

export async function receiveCallback(method: string, params: Record<string, string>, ip?: string): Promise<Response> {
  let outcome: Awaited<ReturnType<typeof handleCallback>>;
  try {
    outcome = await handleCallback({ method, params, ip });
  } catch (err) {
    log.error("callback could not be recorded (database unavailable?)", { error: (err as Error).message.slice(0, 300) });
    return databaseDown(params);
  }
  if (outcome.kind === "limited") {
    return htmlPage(
      429,
      "Too many attempts",
      `This address received too many callbacks it could not match from here. Please try again in ${describeWait(outcome.retryAfterSeconds)}.`,
      { "retry-after": String(outcome.retryAfterSeconds) },
    );
  }
  if (outcome.kind === "rejected") {
    return htmlPage(
      400,
      "We could not match this upload",
      "This address only accepts results of uploads started from this portal, and this one does not match any of them. If you were uploading a video, go back to the link you were given and start again.",
    );
  }
  if (outcome.kind === "accepted") {
    // Ownership is confirmed off the request path (issue #20): a job for every accepted callback,
    // queued without waiting for it (the verify sweep finds any row whose job was never queued).
    // A visitor's browser goes on to the thank-you page, which asks TwentyThree briefly about its
    // own rows (lib/intake/confirm.ts) and says "being confirmed" until they are.
    // Its "upload.received" event was written with the claim (the outbox); the ownership check and the
    // event's dispatch go out batched with other callbacks' (lib/jobs/queue.ts enqueueReceived).
    enqueueReceived(outcome.uploadId);
  }
  if (outcome.background) return new Response("ok\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  const done = new URL(`/u/${encodeURIComponent(outcome.slug)}/done`, env().appUrl);
  done.searchParams.set("ticket", outcome.ticket);
  return new Response(null, { status: 303, headers: { location: done.toString(), "cache-control": "no-store" } });
}
