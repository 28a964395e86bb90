import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { auth } from "@/auth";
import { BrandText } from "@/components/public/brand";
import { PublicShell } from "@/components/public/shell";
import { brandingForLink } from "@/lib/branding/queries";
import { env } from "@/lib/env";
import { loadMessages, pick } from "@/lib/i18n/messages";
import { setPublicLocale, visitorLocale } from "@/lib/i18n/server";
import { openInvite } from "@/lib/invitations/access";
import { lookupLink, redeemApiUrl } from "@/lib/intake/links";
import { publicLinkView } from "@/lib/intake/view";
import { redeemUrl } from "@/lib/twentythree";
import { Intake } from "./intake";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams?: Promise<{ i?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const r = await lookupLink(slug);
  if (r.kind === "open") return { title: r.link.title, robots: { index: false } };
  const t = await getTranslations({ locale: await visitorLocale(), namespace: "intake" });
  return { title: t("defaultTitle"), robots: { index: false } };
}

export default async function IntakePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const r = await lookupLink(slug);
  if (r.kind === "unknown") notFound();
  const locale = await setPublicLocale(r.kind === "open" ? r.link.language : null);
  if (r.kind !== "open") {
    // Normally the gate answers a closed link (410, branded the same way); this is its fallback.
    const t = await getTranslations("closed");
    return (
      <PublicShell brand={await brandingForLink(r.link.id)}>
        <p className="mb-2 text-sm text-slate-600" data-testid="link-name">
          {r.link.title}
        </p>
        <h1 className="text-2xl font-bold">{t(`${r.kind}Title`)}</h1>
        <p className="mt-3 text-slate-700">{t(`${r.kind}Body`)}</p>
      </PublicShell>
    );
  }
  const t = await getTranslations("intake");
  const link = r.link;
  // A personal invitation (issue #17) greets and pre-fills. Refused: a guessed or altered one is
  // 404 (as if it did not exist), a revoked or expired one 403 (forbidden.tsx says why).
  const i = (await searchParams)?.i;
  const invite = i === undefined ? undefined : await openInvite(link.id, String(i));
  if (invite && !invite.ok) {
    if (invite.reason === "invalid") notFound();
    forbidden();
  }
  let member: { name: string; email: string } | undefined;
  if (link.membersOnly) {
    const session = await auth();
    if (!session?.user?.id) redirect(`/login?callbackUrl=${encodeURIComponent(`/u/${slug}`)}`);
    member = { name: session.user.name ?? "", email: session.user.email ?? "" };
  }
  // The redeem URL is public (the no-JS form posts to it); the uploader probes it for CORS first.
  const apiUrl = await redeemApiUrl(link.connectionId);
  const settings = env();
  const brand = await brandingForLink(link.id);
  return (
    <PublicShell brand={brand}>
      <h1 className="text-2xl font-bold leading-tight">{link.title}</h1>
      {invite?.ok ? (
        <p className="mt-3 text-lg" data-testid="invite-greeting">
          {t("greeting", { name: invite.name })}
        </p>
      ) : null}
      <BrandText html={brand.welcomeHtml} testId="brand-welcome" />
      {link.instructions ? <p className="mt-3 whitespace-pre-line text-slate-700">{link.instructions}</p> : null}
      {member ? (
        <p className="mt-3 text-sm text-slate-600">{t.rich("uploadingAs", { who: member.name || member.email, b: (c) => <strong>{c}</strong> })}</p>
      ) : null}
      {apiUrl ? (
        // Only the namespaces the details form, uploader and recorder read reach the browser.
        <NextIntlClientProvider locale={locale} messages={pick(await loadMessages(locale), ["details", "uploader", "uploaderNotes", "states", "recorder"])}>
          <Intake
            link={{
              ...publicLinkView(link, { member: Boolean(member) }),
              invite: invite?.ok ? { token: String(i), name: invite.name, email: invite.email } : undefined,
            }}
            redeemUrl={redeemUrl(apiUrl)}
            chunkBytes={settings.UPLOAD_CHUNK_BYTES}
            chunkThresholdBytes={settings.UPLOAD_CHUNK_THRESHOLD_BYTES}
            brand={{ thanksHtml: brand.thanksHtml, afterUrl: brand.afterUrl, embedOrigins: brand.embedOrigins }}
          />
        </NextIntlClientProvider>
      ) : (
        <p className="mt-6 text-slate-700">{t("notConnected")}</p>
      )}
    </PublicShell>
  );
}
