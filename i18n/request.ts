// next-intl's request configuration (found by the plugin in next.config.ts). `requestLocale` is
// the link's own language: set by the proxy for /u/<slug>/… (lib/security/gate.ts) or by a page's
// setPublicLocale(). The visitor's switcher cookie still wins, then that, then the browser.
import { getRequestConfig } from "next-intl/server";
import { isLocale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { visitorLocale } from "@/lib/i18n/server";

export default getRequestConfig(async ({ requestLocale }) => {
  const asked = await requestLocale;
  const locale = await visitorLocale(isLocale(asked) ? asked : null);
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
