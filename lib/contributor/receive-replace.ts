// The replace callback's answer (kept beside the logic so tests can drive it without Next):
// the contributor's browser goes back to their page, with what happened.
import { env } from "@/lib/env";
import { htmlPage } from "@/lib/http/html-page";
import { log } from "@/lib/log";
import { handleReplaceCallback } from "./replace";

export async function receiveReplaceCallback(params: Record<string, string>): Promise<Response> {
  let outcome;
  try {
    outcome = await handleReplaceCallback(params);
  } catch (err) {
    log.error("replace callback could not be recorded", { error: (err as Error).message.slice(0, 300) });
    return htmlPage(
      503,
      "Temporarily unavailable",
      "We cannot record this right now. Your new file reached the video library; please open your page again in a few minutes.",
    );
  }
  if (outcome.kind === "rejected") {
    return htmlPage(
      400,
      "We could not match this replacement",
      "This address only accepts replacements started from a contributor's own page, and this one does not match any of them.",
    );
  }
  const page = new URL(`/c/${outcome.receipt}`, env().appUrl);
  page.searchParams.set("replaced", ["failed", "unconfirmed", "confirming"].includes(outcome.kind) ? outcome.kind : "1");
  return new Response(null, { status: 303, headers: { location: page.toString(), "cache-control": "no-store" } });
}
