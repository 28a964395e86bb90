// The catalogues, loaded on the server. Also used outside a request (e-mails sent by jobs) through
// createTranslator, so it does not depend on next-intl's request config.
import "server-only";
import { createTranslator } from "next-intl";
import { defaultLocale, isLocale, type Locale } from "./locales";
import type en from "@/messages/en.json";

export type Messages = typeof en;

export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await import(`../../messages/${locale}.json`)).default as Messages;
}

/** A translator for a stored locale (e.g. the one an upload was made in), English when unknown. */
export async function translatorFor<N extends keyof Messages>(stored: string | null | undefined, namespace: N) {
  const locale = isLocale(stored) ? stored : defaultLocale;
  const messages = await loadMessages(locale);
  return { locale, t: createTranslator({ locale, messages, namespace, timeZone: "UTC" }) };
}

/** Only the namespaces a client component needs, so the page does not ship every catalogue entry. */
export function pick<K extends keyof Messages>(messages: Messages, keys: readonly K[]): Pick<Messages, K> {
  const out = {} as Pick<Messages, K>;
  for (const k of keys) out[k] = messages[k];
  return out;
}
