import type { Metadata } from "next";
import { PublicShell } from "@/components/public/shell";
import { UnsubscribeForm } from "@/components/public/unsubscribe-form";
import { unsubscribeTarget } from "@/lib/invitations/access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

// The unsubscribe link in an invitation's text. Opening it changes nothing (mail scanners open
// links); the one button does it, without signing in.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ t?: string | string[] }> }) {
  const t = (await searchParams).t;
  const token = typeof t === "string" ? t.slice(0, 300) : "";
  const target = token ? await unsubscribeTarget(token) : { ok: false as const };
  return (
    <PublicShell>
      {target.ok ? (
        <>
          <h1 className="text-2xl font-bold">Stop e-mails about “{target.linkTitle}”?</h1>
          {target.already ? <p className="mt-3 text-slate-700">You already unsubscribed: you will get nothing more.</p> : <UnsubscribeForm token={token} />}
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold">This unsubscribe link is not valid</h1>
          <p className="mt-3 text-slate-700">Open it from the e-mail again; the whole address is needed.</p>
        </>
      )}
    </PublicShell>
  );
}
