// Which language a public page speaks, decided on the server for each request:
// the visitor's own choice (switcher cookie) → the link's fixed language → the browser's
// Accept-Language → English. The admin pages never call this: they stay English.
import "server-only";
import { cookies, headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { createTranslator } from "next-intl";
import { setRequestLocale } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, type Locale } from "./locales";
import { loadMessages, type Messages } from "./messages";
import { negotiateLocale } from "./negotiate";

export async function visitorLocale(linkLanguage?: string | null): Promise<Locale> {
  let asked: { cookie?: string; accept: string | null } = { accept: null };
  try {
    asked = { cookie: (await cookies()).get(LOCALE_COOKIE)?.value, accept: (await headers()).get("accept-language") };
  } catch (err) {
    // Outside a request (a job, a test calling an action directly) there is no visitor to ask.
    unstable_rethrow(err);
  }
  if (isLocale(asked.cookie)) return asked.cookie;
  if (isLocale(linkLanguage)) return linkLanguage;
  return negotiateLocale(asked.accept);
}

/** Decide the page's language and tell next-intl, so getTranslations() and the client provider follow it. */
export async function setPublicLocale(linkLanguage?: string | null): Promise<Locale> {
  const locale = await visitorLocale(linkLanguage);
  setRequestLocale(locale);
  return locale;
}

/** Words for a server answer outside a page (a refusal, a route's HTML answer) in the visitor's
 * language as decided above; English outside a request (jobs, integration tests). */
export async function visitorTranslator<N extends keyof Messages>(namespace: N, linkLanguage?: string | null) {
  const locale = await visitorLocale(linkLanguage);
  return { locale, t: createTranslator({ locale, messages: await loadMessages(locale), namespace }) };
}
