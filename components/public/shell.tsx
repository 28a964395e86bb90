// The frame of every public (visitor) page: readable on a 360 px phone, one column, in the
// visitor's language (lang on <main>: the admin pages around the same root layout stay English).
import { useLocale, useTranslations } from "next-intl";
import { BrandLogo, brandStyle, type BrandLook } from "./brand";
import { LanguageSwitcher } from "./language-switcher";

export function PublicShell({ children, brand }: { children: React.ReactNode; brand?: BrandLook | null }) {
  const t = useTranslations("shell");
  const locale = useLocale();
  return (
    <main id="main" lang={locale} className="mx-auto w-full max-w-xl px-4 py-8 sm:py-12" data-brand={brand?.color ? "" : undefined} style={brandStyle(brand)}>
      <BrandLogo brand={brand} />
      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">{children}</div>
      <p className="mt-6 text-center text-xs text-slate-500">{t("footer")}</p>
      <LanguageSwitcher />
    </main>
  );
}
