// The public actions' answers in the visitor's language (issue #18): the same decision as the
// page (lib/i18n/server.ts), so a refusal reads like the form it answers. createTranslator
// rather than getTranslations: the same code runs in actions and in the integration tests.
import "server-only";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";
import { visitorLocale } from "@/lib/i18n/server";
import type { DetailsWords } from "./details";
import type { MintFailure } from "./mint";

export type ClosedKind = "unknown" | "inactive" | "expired" | "full";

export type VisitorWords = Awaited<ReturnType<typeof wordsFor>>;

// One set of translators per locale, made on first use and kept (issue #20: making the four on
// every press of Upload cost about 70 µs of the mint's CPU, and their garbage). A translator is a
// pure function of its locale and catalogue, both fixed for the life of the process, and the
// locales are the few this build ships (lib/i18n/locales.ts), so the map cannot grow.
const byLocale = new Map<Locale, Promise<VisitorWords>>();

export async function visitorWords(linkLanguage?: string | null): Promise<VisitorWords> {
  const locale = await visitorLocale(linkLanguage);
  let words = byLocale.get(locale);
  if (!words) {
    words = wordsFor(locale);
    byLocale.set(locale, words);
    words.catch(() => byLocale.delete(locale)); // a catalogue that failed to load is tried again next time
  }
  return words;
}

async function wordsFor(locale: Locale) {
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
