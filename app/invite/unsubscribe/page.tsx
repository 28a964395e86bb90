import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/public/shell";
import { UnsubscribeForm } from "@/components/public/unsubscribe-form";
import { loadMessages, pick } from "@/lib/i18n/messages";
import { setPublicLocale, visitorLocale } from "@/lib/i18n/server";
import { unsubscribeTarget } from "@/lib/invitations/access";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await visitorLocale(), namespace: "unsubscribe" });
  return { title: t("pageTitle"), robots: { index: false } };
}

// The unsubscribe link in an invitation's text. Opening it changes nothing (mail scanners open
// links); the one button does it, without signing in.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ t?: string | string[] }> }) {
  const t = (await searchParams).t;
  const token = typeof t === "string" ? t.slice(0, 300) : "";
  const target = token ? await unsubscribeTarget(token) : { ok: false as const };
  const locale = await setPublicLocale();
  const tr = await getTranslations("unsubscribe");
  return (
    <PublicShell>
      {target.ok ? (
        <>
          <h1 className="text-2xl font-bold">{tr("title", { link: target.linkTitle })}</h1>
          {target.already ? (
            <p className="mt-3 text-slate-700">{tr("already")}</p>
          ) : (
            <NextIntlClientProvider locale={locale} messages={pick(await loadMessages(locale), ["unsubscribe"])}>
              <UnsubscribeForm token={token} linkTitle={target.linkTitle} />
            </NextIntlClientProvider>
          )}
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold">{tr("invalidTitle")}</h1>
          <p className="mt-3 text-slate-700">{tr("invalidBody")}</p>
        </>
      )}
    </PublicShell>
  );
}
