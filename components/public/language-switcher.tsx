// The visible language switcher of every public page: a plain form (works without JavaScript)
// that posts to /api/language, which sets the cookie and sends the visitor back to this page.
import { useLocale, useTranslations } from "next-intl";
import { localeNames, locales } from "@/lib/i18n/locales";

export function LanguageSwitcher() {
  const t = useTranslations("shell");
  const locale = useLocale();
  return (
    <form method="post" action="/api/language" className="mt-3 flex items-center justify-center gap-2 text-xs text-slate-600" data-testid="language-switcher">
      <label htmlFor="language-select">{t("language")}</label>
      <select id="language-select" name="locale" defaultValue={locale} className="rounded border border-slate-300 bg-white px-1 py-0.5">
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-slate-300 bg-white px-2 py-0.5 font-medium text-slate-800 hover:bg-slate-100">
        {t("change")}
      </button>
    </form>
  );
}
