// Accept-Language → one of our locales. Negotiator parses the header's q-values and
// @formatjs/intl-localematcher does the best-fit match (so "no", "nn" and "nb-NO" find Norwegian
// Bokmål, "de-AT" German): the same pair next-intl's own middleware uses, already installed with it.
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { defaultLocale, locales, type Locale } from "./locales";

// Norwegian browsers often say "no" or "nn"; both read Bokmål well enough and we have no Nynorsk.
const aliases: Record<string, string> = { no: "nb", nn: "nb" };

export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const asked = new Negotiator({ headers: { "accept-language": acceptLanguage } })
    .languages()
    .filter((l) => l !== "*")
    .map((l) => {
      const base = (l.split("-")[0] ?? "").toLowerCase();
      return aliases[base] ?? l;
    });
  try {
    return match(asked, [...locales], defaultLocale) as Locale;
  } catch {
    return defaultLocale; // a malformed tag: never a failure for the visitor
  }
}
