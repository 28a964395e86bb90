import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/public/shell";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { brandingForLink } from "@/lib/branding/queries";
import { setPublicLocale, visitorLocale } from "@/lib/i18n/server";
import { loadTicket } from "@/lib/intake/tickets";
import { redeemUrl } from "@/lib/twentythree";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await visitorLocale(), namespace: "uploadStep" });
  return { title: t("pageTitle"), robots: { index: false } };
}

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ ticket?: string }> };

/** Step two without JavaScript: a plain form that posts the file straight to TwentyThree. */
export default async function UploadStep({ params, searchParams }: Props) {
  const { slug } = await params;
  const { ticket } = await searchParams;
  const token = await loadTicket(slug, ticket);
  if (!token) notFound();
  const expired = token.validUntil.getTime() <= Date.now();
  const used = token.status === "USED";
  const brand = await brandingForLink(token.link.id);
  await setPublicLocale(token.link.language);
  const t = await getTranslations("uploadStep");
  return (
    <PublicShell brand={brand}>
      <h1 className="text-2xl font-bold leading-tight">{token.link.title}</h1>
      {expired || used ? (
        <div className="mt-6 space-y-4">
          <Notice tone="error" title={expired ? t("expiredTitle") : t("usedTitle")}>
            {expired ? t("expiredBody") : t("usedBody")}
          </Notice>
          <ButtonLink href={`/u/${slug}`} size="lg">
            {t("startAgain")}
          </ButtonLink>
        </div>
      ) : (
        <form action={redeemUrl(token.connection.apiUrl)} method="post" encType="multipart/form-data" className="mt-6 space-y-4">
          <input type="hidden" name="upload_token" value={token.uploadToken} />
          <TextField id="file" label={t("choose")} name="file" type="file" required accept="video/*,image/*" hint={t("hint", { until: token.validUntil })} />
          <Button type="submit" size="lg" className="w-full">
            {t("upload")}
          </Button>
          <p className="text-xs text-slate-500">{t("keepOpen")}</p>
        </form>
      )}
    </PublicShell>
  );
}
