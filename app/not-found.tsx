// Any address that names nothing (and every notFound() without a closer not-found page):
// a plain page that says so and offers a way on, answered with status 404 by Next. A plain <a>,
// not next/link: this boundary loads with every page, and Link's chunk (3.3 KiB gzip) with it.
import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { PublicShell } from "@/components/public/shell";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  const t = useTranslations("errors");
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("notFoundBody")}</p>
      <p className="mt-4">
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain link on purpose, see the top */}
        <a href="/" className="font-semibold text-blue-700 underline underline-offset-2 hover:text-blue-900">
          {t("startPage")}
        </a>
      </p>
    </PublicShell>
  );
}
