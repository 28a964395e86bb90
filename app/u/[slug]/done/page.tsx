import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { BrandText } from "@/components/public/brand";
import { PublicShell } from "@/components/public/shell";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { brandingForLink } from "@/lib/branding/queries";
import { setPublicLocale, visitorLocale } from "@/lib/i18n/server";
import { visitorStateKey } from "@/lib/uploads/states";
import { confirmReceived } from "@/lib/intake/confirm";
import { verifyTicket } from "@/lib/intake/signing";
import { loadTicket } from "@/lib/intake/tickets";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await visitorLocale(), namespace: "done" });
  return { title: t("pageTitle"), robots: { index: false } };
}

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ ticket?: string }> };

export default async function DonePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { ticket } = await searchParams;
  const tokenId = verifyTicket(ticket);
  if (tokenId) await confirmReceived(tokenId).catch(() => {});
  const now = Date.now();
  const token = await loadTicket(slug, ticket);
  if (!token) notFound();
  const received = token.uploads.filter((u) => u.photoId);
  const brand = await brandingForLink(token.link.id);
  await setPublicLocale(token.link.language);
  const t = await getTranslations("done");
  const ts = await getTranslations("states");
  if (received.length === 0 && token.errorMessage !== null) {
    return (
      <PublicShell brand={brand}>
        <h1 className="text-2xl font-bold">{t("failedTitle")}</h1>
        {token.errorMessage ? (
          <div className="mt-4">
            <Notice tone="error" title={t("librarySaid")}>
              <span data-testid="upload-error">{token.errorMessage}</span>
            </Notice>
          </div>
        ) : null}
        <p className="mt-4 text-slate-700">{t("failedBody")}</p>
        <ButtonLink href={`/u/${slug}`} size="lg" className="mt-6">
          {t("tryAgain")}
        </ButtonLink>
      </PublicShell>
    );
  }
  return (
    <PublicShell brand={brand}>
      {/* Reload while an upload of the last 10 minutes is being confirmed (lib/intake/confirm.ts). */}
      {received.some((u) => u.state === "RECEIVED" && u.createdAt.getTime() > now - 10 * 60_000) ? <meta httpEquiv="refresh" content="3" /> : null}
      <h1 className="text-2xl font-bold">{t("thanks")}</h1>
      {received.length === 0 ? (
        <p className="mt-3 text-slate-700">{t("notYet")}</p>
      ) : (
        <>
          <p className="mt-3 text-slate-700">
            {token.link.title ? t("reached", { count: received.length, title: `“${token.link.title}”` }) : t("reachedTeam", { count: received.length })}
          </p>
          <BrandText html={brand.thanksHtml} testId="brand-thanks" />
          {brand.afterUrl ? (
            <p className="mt-3">
              <a href={brand.afterUrl} target="_top" className="font-semibold text-blue-800 underline" data-testid="after-upload">
                {t("continueTo", { host: new URL(brand.afterUrl).host })}
              </a>
            </p>
          ) : null}
          <ul className="mt-5 divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
            {received.map((u) => (
              <li key={u.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="received-upload" data-photo-id={u.photoId ?? ""}>
                <span className="font-medium">{u.title ?? t("yourUpload")}</span>
                <span className="text-sm text-slate-600" data-testid="upload-state">
                  {ts(visitorStateKey(u.state))}
                </span>
                {u.processing === "READY" || u.processing === "PROCESSING" ? (
                  <span className="w-full text-sm text-slate-600" data-testid="processing-state">
                    {u.processing === "READY" ? ts("ready") : t("processing")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-6 text-sm text-slate-600">
        {t("another")}{" "}
        <Link className="text-blue-700 underline" href={`/u/${slug}`}>
          {t("startNew")}
        </Link>
        .
      </p>
    </PublicShell>
  );
}
