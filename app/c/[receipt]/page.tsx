import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { ConsentRecord } from "@/components/contributor/consent-record";
import { ReceiptRefusal } from "@/components/contributor/refusal";
import { VideoCard } from "@/components/contributor/video-card";
import { PublicShell } from "@/components/public/shell";
import { Notice } from "@/components/ui/notice";
import { loadContributorPage } from "@/lib/contributor/queries";
import { loadMessages, pick } from "@/lib/i18n/messages";
import { setPublicLocale, visitorLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";
// same-origin, not no-referrer: the private link still never reaches another site, but the page's
// own forms keep a real Origin (under no-referrer Chromium sends "Origin: null", and Next refuses
// the no-JavaScript server action posts, replace and withdraw, as forged).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await visitorLocale(), namespace: "contributor" });
  return { title: t("pageTitle"), robots: { index: false }, referrer: "same-origin" };
}

type Props = { params: Promise<{ receipt: string }>; searchParams: Promise<{ replaced?: string }> };

/** The contributor's own page (issue #17), reached only through the signed link in their receipt. */
export default async function ContributorPage({ params, searchParams }: Props) {
  const { receipt } = await params;
  const { replaced } = await searchParams;
  const page = await loadContributorPage(receipt);
  const locale = await setPublicLocale();
  const t = await getTranslations("contributor");
  const tc = await getTranslations("replaceCheck");
  if (!page.ok) {
    return (
      <PublicShell>
        <h1 className="mb-4 text-2xl font-bold">{t("pageTitle")}</h1>
        <ReceiptRefusal reason={page.reason} />
      </PublicShell>
    );
  }
  const { view } = page;
  // Look again while TwentyThree processes a video or a replacement waits for its confirmation;
  // the "confirming" notice stays only while one does (then the video's card says how it ended).
  const confirming = view.uploads.some((u) => u.replacements[0]?.status === "confirming" && !u.withdrawnAt);
  const processing = confirming || view.uploads.some((u) => u.processing === "PROCESSING" && !u.withdrawnAt);
  return (
    <PublicShell>
      {processing ? <meta httpEquiv="refresh" content="10" /> : null}
      <h1 className="text-2xl font-bold">{view.contributor.name ? t("hello", { name: view.contributor.name }) : t("pageTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("sentTo", { link: view.link.title })}</p>
      {replaced === "1" ? (
        <div className="mt-4">
          <Notice tone="success" title={t("replacedTitle")}>
            {t("replacedBody")}
          </Notice>
        </div>
      ) : replaced === "failed" ? (
        <div className="mt-4">
          <Notice tone="error" title={t("replaceFailedTitle")}>
            {t("replaceFailedBody")}
          </Notice>
        </div>
      ) : replaced === "confirming" && confirming ? (
        <div className="mt-4" data-testid="replace-confirming">
          <Notice title={tc("confirmingTitle")}>{tc("confirmingBody")}</Notice>
        </div>
      ) : replaced === "unconfirmed" ? (
        <div className="mt-4">
          <Notice tone="error" title={t("replaceUnconfirmedTitle")}>
            {t("replaceUnconfirmedBody")}
          </Notice>
        </div>
      ) : null}
      <h2 className="mt-6 text-lg font-semibold">{t("videos")}</h2>
      {view.uploads.length ? (
        // The replace and withdraw forms are client components: only their words reach the browser.
        <NextIntlClientProvider locale={locale} messages={pick(await loadMessages(locale), ["contributor", "details", "replaceCheck"])}>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
            {view.uploads.map((v) => (
              <VideoCard key={v.id} v={v} receipt={receipt} policy={view.link.withdrawPolicy} />
            ))}
          </ul>
        </NextIntlClientProvider>
      ) : (
        <p className="mt-2 text-slate-600">{t("notConfirmed")}</p>
      )}
      <h2 className="mt-6 text-lg font-semibold">{t("consent")}</h2>
      <div className="mt-2">
        <ConsentRecord consent={view.consent} />
      </div>
      <h2 className="mt-6 text-lg font-semibold">{t("data")}</h2>
      <p className="mt-2 text-sm text-slate-700">
        <a className="font-medium text-blue-700 underline" href={`/c/${receipt}/data`} download="my-data.json">
          {t("download")}
        </a>
      </p>
      <p className="mt-6 text-xs text-slate-500">{t("private", { until: view.receipt.expiresAt })}</p>
    </PublicShell>
  );
}
