// The replace callback's answer (kept beside the logic so tests can drive it without Next):
// the contributor's browser goes back to their page, with what happened.
import { env } from "@/lib/env";
import { htmlPage } from "@/lib/http/html-page";
import { visitorTranslator } from "@/lib/i18n/server";
import { log } from "@/lib/log";
import { handleReplaceCallback } from "./replace";

export async function receiveReplaceCallback(params: Record<string, string>): Promise<Response> {
  let outcome;
  // The contributor's browser reads these answers (TwentyThree redirects it here).
  const { locale, t } = await visitorTranslator("visitorRefusals");
  try {
    outcome = await handleReplaceCallback(params);
  } catch (err) {
    log.error("replace callback could not be recorded", { error: (err as Error).message.slice(0, 300) });
    return htmlPage(503, t("unavailableTitle"), t("replaceNotRecorded"), {}, locale, t("home"));
  }
  if (outcome.kind === "rejected") {
    return htmlPage(400, t("replaceNoMatchTitle"), t("replaceNoMatchBody"), {}, locale, t("home"));
  }
  const page = new URL(`/c/${outcome.receipt}`, env().appUrl);
  page.searchParams.set("replaced", ["failed", "unconfirmed", "confirming"].includes(outcome.kind) ? outcome.kind : "1");
  return new Response(null, { status: 303, headers: { location: page.toString(), "cache-control": "no-store" } });
}
