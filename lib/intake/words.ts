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
  // Each translator is made when first used: a press that mints words nothing (issue #20).
  const once = <T>(make: () => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const refusals = once(() => createTranslator({ locale, messages, namespace: "refusals" }));
  const td = once(() => createTranslator({ locale, messages, namespace: "details" }));
  const tc = once(() => createTranslator({ locale, messages, namespace: "closed" }));
  // The refusals added after the first catalogue (recording checks, invitations, the 429 answers).
  const visitorRefusals = once(() => createTranslator({ locale, messages, namespace: "visitorRefusals" }));
  const t: ReturnType<typeof refusals> = ((...args: Parameters<ReturnType<typeof refusals>>) => refusals()(...args)) as never;
  const more: ReturnType<typeof visitorRefusals> = ((...args: Parameters<ReturnType<typeof visitorRefusals>>) => visitorRefusals()(...args)) as never;
  const details: DetailsWords = (key, values) => td()(key, values);
  return {
    locale,
    t,
    details,
    more,
    closed: (kind: ClosedKind) => `${tc()(`${kind}Title`)}.`,
    mint: (f: Pick<MintFailure, "code" | "retryAfterSeconds">) =>
      f.code === "tooMany" ? t("tooMany", { minutes: Math.max(1, Math.ceil((f.retryAfterSeconds ?? 60) / 60)) }) : t(f.code),
  };
}
