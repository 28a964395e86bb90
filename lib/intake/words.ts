// The public actions' answers in the visitor's language (issue #18): the same decision as the
// page (lib/i18n/server.ts), so a refusal reads like the form it answers.
import "server-only";
import { getTranslations } from "next-intl/server";
import { visitorLocale } from "@/lib/i18n/server";
import type { DetailsWords } from "./details";
import type { MintFailure } from "./mint";

export type ClosedKind = "unknown" | "inactive" | "expired" | "full";

export async function visitorWords(linkLanguage?: string | null) {
  const locale = await visitorLocale(linkLanguage);
  const [t, td, tc] = await Promise.all([
    getTranslations({ locale, namespace: "refusals" }),
    getTranslations({ locale, namespace: "details" }),
    getTranslations({ locale, namespace: "closed" }),
  ]);
  const details: DetailsWords = (key, values) => td(key, values);
  return {
    locale,
    t,
    details,
    closed: (kind: ClosedKind) => `${tc(`${kind}Title`)}.`,
    mint: (f: MintFailure) => (f.code === "tooMany" ? t("tooMany", { minutes: Math.max(1, Math.ceil((f.retryAfterSeconds ?? 60) / 60)) }) : t(f.code)),
  };
}
