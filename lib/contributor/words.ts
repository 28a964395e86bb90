// The contributor page's refusals and answers in the language that page speaks (issue #18): the
// visitor's choice or browser, as app/c decides it (lib/i18n/server.ts); English outside a request
// (jobs, the integration tests calling these functions directly).
import "server-only";
import { visitorTranslator } from "@/lib/i18n/server";

export async function contributorWords() {
  return (await visitorTranslator("visitorRefusals")).t;
}

/** Minutes to wait, at least one: the catalogue words the plural ("{minutes, plural, …}"). */
export const waitMinutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
