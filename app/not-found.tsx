// Any address that names nothing (and every notFound() without a closer not-found page):
// a plain page that says so and offers a way on, answered with status 404 by Next.
import type { Metadata } from "next";
import Link from "next/link";
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
        <Link href="/" className="font-semibold text-blue-700 underline underline-offset-2 hover:text-blue-900">
          {t("startPage")}
        </Link>
      </p>
    </PublicShell>
  );
}
