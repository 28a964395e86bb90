import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { BrandText } from "@/components/public/brand";
import { PublicShell } from "@/components/public/shell";
import { brandingForLink } from "@/lib/branding/queries";
import { env } from "@/lib/env";
import { closedMessages, lookupLink, redeemApiUrl } from "@/lib/intake/links";
import { publicLinkView } from "@/lib/intake/view";
import { redeemUrl } from "@/lib/twentythree";
import { Intake } from "./intake";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const r = await lookupLink(slug);
  return { title: r.kind === "open" ? r.link.title : "Upload link", robots: { index: false } };
}

export default async function IntakePage({ params }: Props) {
  const { slug } = await params;
  const r = await lookupLink(slug);
  if (r.kind === "unknown") notFound();
  if (r.kind !== "open") {
    const m = closedMessages[r.kind];
    return (
      <PublicShell>
        <h1 className="text-2xl font-bold">{m.title}</h1>
        <p className="mt-3 text-slate-700">{m.body}</p>
      </PublicShell>
    );
  }
  const link = r.link;
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
      <BrandText html={brand.welcomeHtml} testId="brand-welcome" />
      {link.instructions ? <p className="mt-3 whitespace-pre-line text-slate-700">{link.instructions}</p> : null}
      {member ? (
        <p className="mt-3 text-sm text-slate-600">
          Uploading as <strong>{member.name || member.email}</strong>.
        </p>
      ) : null}
      {apiUrl ? (
        <Intake
          link={publicLinkView(link, { member: Boolean(member) })}
          redeemUrl={redeemUrl(apiUrl)}
          chunkBytes={settings.UPLOAD_CHUNK_BYTES}
          chunkThresholdBytes={settings.UPLOAD_CHUNK_THRESHOLD_BYTES}
          brand={{ thanksHtml: brand.thanksHtml, afterUrl: brand.afterUrl, embedOrigins: brand.embedOrigins }}
        />
      ) : (
        <p className="mt-6 text-slate-700">This upload link is not connected to a video library yet. Please tell the team that sent it.</p>
      )}
    </PublicShell>
  );
}
