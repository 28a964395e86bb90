// The link form's live preview (issue #18): the public intake page (or its thank-you page) as
// visitors will see it, drawn from the link's saved branding and then from the unsaved edits the
// admin's form sends (live-preview.tsx). Admin only; framed by the portal itself (and nothing
// else, lib/security/frame-ancestors.ts). The draft lives in the admin's browser: it is never
// stored and never reaches the public page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { setRequestLocale } from "next-intl/server";
import { requireAdmin } from "@/lib/auth/guard";
import { previewBasis } from "@/lib/branding/queries";
import { env } from "@/lib/env";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";
import { loadMessages, pick } from "@/lib/i18n/messages";
import { redeemApiUrl } from "@/lib/intake/links";
import { publicLinkView } from "@/lib/intake/view";
import { linkById } from "@/lib/links/queries";
import { redeemUrl } from "@/lib/twentythree";
import { LivePreview } from "./live-preview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Preview", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ lang?: string; view?: string }> };

export default async function PreviewPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/links/${id}`);
  const link = await linkById(id);
  if (!link) notFound();
  const asked = await searchParams;
  // The language the admin picked for the preview, else the link's own, else English.
  const locale = isLocale(asked.lang) ? asked.lang : isLocale(link.language) ? link.language : defaultLocale;
  setRequestLocale(locale);
  const [{ saved, site }, apiUrl, messages] = await Promise.all([previewBasis(link.id), redeemApiUrl(link.connectionId), loadMessages(locale)]);
  const settings = env();
  return (
    <NextIntlClientProvider locale={locale} messages={pick(messages, ["shell", "intake", "details", "uploader", "states", "recorder", "done"])}>
      <LivePreview
        view={asked.view === "thanks" ? "thanks" : "intake"}
        title={link.title}
        instructions={link.instructions}
        saved={{ logoUrl: saved.logoUrl, color: saved.color, welcomeHtml: saved.welcomeHtml, thanksHtml: saved.thanksHtml, afterUrl: saved.afterUrl }}
        site={{ logoUrl: site.logoUrl, color: site.color, welcomeHtml: site.welcomeHtml, thanksHtml: site.thanksHtml, afterUrl: site.afterUrl }}
        intake={
          apiUrl
            ? {
                link: publicLinkView(link),
                redeemUrl: redeemUrl(apiUrl),
                chunkBytes: settings.UPLOAD_CHUNK_BYTES,
                chunkThresholdBytes: settings.UPLOAD_CHUNK_THRESHOLD_BYTES,
              }
            : null
        }
      />
    </NextIntlClientProvider>
  );
}
