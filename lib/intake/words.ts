// The public actions' answers in the visitor's language (issue #18): the same decision as the
// page (lib/i18n/server.ts), so a refusal reads like the form it answers. createTranslator
// rather than getTranslations: the same code runs in actions and in the integration tests.
import "server-only";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import { visitorLocale } from "@/lib/i18n/server";
import type { DetailsWords } from "./details";
import type { MintFailure } from "./mint";

export type ClosedKind = "unknown" | "inactive" | "expired" | "full";

export async function visitorWords(linkLanguage?: string | null) {
  const locale = await visitorLocale(linkLanguage);
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages, namespace: "refusals" });
  const td = createTranslator({ locale, messages, namespace: "details" });
  const tc = createTranslator({ locale, messages, namespace: "closed" });
  // The refusals added after the first catalogue (recording checks, invitations, the 429 answers).
  const more = createTranslator({ locale, messages, namespace: "visitorRefusals" });
  const details: DetailsWords = (key, values) => td(key, values);
  return {
    locale,
    t,
    details,
    more,
    closed: (kind: ClosedKind) => `${tc(`${kind}Title`)}.`,
    mint: (f: Pick<MintFailure, "code" | "retryAfterSeconds">) =>
      f.code === "tooMany" ? t("tooMany", { minutes: Math.max(1, Math.ceil((f.retryAfterSeconds ?? 60) / 60)) }) : t(f.code),
  };
}
