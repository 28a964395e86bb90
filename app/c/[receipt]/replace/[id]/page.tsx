import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { ReceiptRefusal } from "@/components/contributor/refusal";
import { PublicShell } from "@/components/public/shell";
import { ReplaceUploader } from "@/components/contributor/replace-uploader";
import { ButtonLink } from "@/components/ui/button";
import { loadReplacement } from "@/lib/contributor/queries";
import { env } from "@/lib/env";
import { loadMessages, pick } from "@/lib/i18n/messages";
import { setPublicLocale, visitorLocale } from "@/lib/i18n/server";
import { redeemReplaceUrl } from "@/lib/twentythree";

export const dynamic = "force-dynamic";
// same-origin, not no-referrer: the private link still never reaches another site, but the page's
// own forms keep a real Origin (under no-referrer Chromium sends "Origin: null", and Next refuses
// the no-JavaScript server action posts, replace and withdraw, as forged).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await visitorLocale(), namespace: "replace" });
  return { title: t("pageTitle"), robots: { index: false }, referrer: "same-origin" };
}

type Props = { params: Promise<{ receipt: string; id: string }> };

/** The new file goes straight from the browser to TwentyThree (redeem-replace-token) through the
 * resumable uploader; without JavaScript the plain form, which TwentyThree answers by sending the
 * browser to the replace callback and back to the contributor's page. */
export default async function ReplacePage({ params }: Props) {
  const { receipt, id } = await params;
  const r = await loadReplacement(receipt, id);
  const settings = env();
  const locale = await setPublicLocale();
  const t = await getTranslations("replace");
  if (!r) {
    return (
      <PublicShell>
        <h1 className="mb-4 text-2xl font-bold">{t("pageTitle")}</h1>
        <ReceiptRefusal reason="invalid" />
        <ButtonLink href={`/c/${receipt}`} variant="secondary" className="mt-4">
          {t("back")}
        </ButtonLink>
      </PublicShell>
    );
  }
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">{t("heading", { title: r.upload.title || t("yourVideo") })}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      {/* The uploader is a client component: only its own words reach the browser. */}
      <NextIntlClientProvider locale={locale} messages={pick(await loadMessages(locale), ["replace", "uploaderNotes"])}>
        <ReplaceUploader
          receipt={receipt}
          replacementId={r.id}
          uploadId={r.uploadId}
          redeemUrl={redeemReplaceUrl(r.upload.connection.apiUrl)}
          replaceToken={r.replaceToken}
          validUntil={r.validUntil.toUTCString()}
          chunkBytes={settings.UPLOAD_CHUNK_BYTES}
          chunkThresholdBytes={settings.UPLOAD_CHUNK_THRESHOLD_BYTES}
        />
      </NextIntlClientProvider>
    </PublicShell>
  );
}
