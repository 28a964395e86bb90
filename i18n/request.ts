// next-intl's request configuration (found by the plugin in next.config.ts). Public pages call
// setPublicLocale() first (lib/i18n/server.ts), which is the `requestLocale` here; a page that did
// not (a not-found or error boundary) gets the visitor's cookie or browser language.
import { getRequestConfig } from "next-intl/server";
import { isLocale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { visitorLocale } from "@/lib/i18n/server";

export default getRequestConfig(async ({ requestLocale }) => {
  const asked = await requestLocale;
  const locale = isLocale(asked) ? asked : await visitorLocale();
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
