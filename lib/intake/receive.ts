// The callback endpoint's answer, kept apart from the route file so tests can drive it directly:
// record (lib/intake/callback.ts) → verify now or later → answer the browser or TwentyThree.
import "server-only";
import { env } from "@/lib/env";
import { htmlPage } from "@/lib/http/html-page";
import { enqueueReceived, noteCallback } from "@/lib/jobs/queue";
import { visitorTranslator } from "@/lib/i18n/server";
import { log } from "@/lib/log";
import { handleCallback } from "./callback";
import { verifyState } from "./signing";

/** The database is down: if the callback is genuinely ours (the signed state checks out without the
 * database), tell the visitor their upload arrived; reconciliation records it once the database is
 * back (it asks TwentyThree by upload_token). */
async function databaseDown(params: Record<string, string>): Promise<Response> {
  const ours = verifyState(params.state) !== null;
  const { locale, t } = await pageWords();
  if (ours && params.photo_id && !params.error_message) {
    return htmlPage(200, t("arrivedTitle"), t("arrivedBody"), { "retry-after": "60" }, locale, t("home"));
  }
  return htmlPage(503, t("unavailableTitle"), t("notRecorded"), { "retry-after": "60" }, locale, t("home"));
}

/** The visitor's browser reads these pages (TwentyThree redirects it here after the plain form's
 * upload): in its language (cookie or Accept-Language; the link is not known before the lookup). */
const pageWords = () => visitorTranslator("visitorRefusals");

export async function receiveCallback(method: string, params: Record<string, string>, ip?: string): Promise<Response> {
  let outcome: Awaited<ReturnType<typeof handleCallback>>;
  try {
    outcome = await handleCallback({ method, params, ip });
  } catch (err) {
    log.error("callback could not be recorded (database unavailable?)", { error: (err as Error).message.slice(0, 300) });
    return await databaseDown(params);
  }
  // While callbacks pour in, their follow-up waits for them (lib/jobs/index.ts afterBurst). Only
  // callbacks that carried a valid signed state and were recorded or repeated count: a flood of
  // junk or of refused requests, which anyone can send, must not hold the portal's background work.
  if (outcome.kind === "accepted" || outcome.kind === "duplicate") noteCallback();
  if (outcome.kind === "limited") {
    const { locale, t } = await pageWords();
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return htmlPage(429, t("tooManyTitle"), t("tooManyCallbacks", { minutes }), { "retry-after": String(outcome.retryAfterSeconds) }, locale, t("home"));
  }
  if (outcome.kind === "rejected") {
    const { locale, t } = await pageWords();
    return htmlPage(400, t("noMatchTitle"), t("noMatchBody"), {}, locale, t("home"));
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
