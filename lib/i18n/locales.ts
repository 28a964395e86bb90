// The visitor-facing languages (issue #18). Browser-safe: no server imports. Adding one: a
// catalogue messages/<code>.json with every key of en.json, its code and name here (README).
export const locales = ["en", "da", "de", "sv", "nb", "fr", "es", "nl"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** Each language named in itself, for the switcher (a visitor looks for their own word). */
export const localeNames: Record<Locale, string> = {
  en: "English",
  da: "Dansk",
  de: "Deutsch",
  sv: "Svenska",
  nb: "Norsk",
  fr: "Français",
  es: "Español",
  nl: "Nederlands",
};

export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (locales as readonly string[]).includes(v);

/** The cookie the language switcher sets; it wins over the link's setting and the browser's. */
export const LOCALE_COOKIE = "portal_locale";
