import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BrandText } from "@/components/public/brand";
import { PublicShell } from "@/components/public/shell";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { brandingForLink } from "@/lib/branding/queries";
import { confirmReceived } from "@/lib/intake/confirm";
import { verifyTicket } from "@/lib/intake/signing";
import { loadTicket } from "@/lib/intake/tickets";
import { visitorStateText } from "@/lib/uploads/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Thank you", robots: { index: false } };

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
  if (received.length === 0 && token.errorMessage) {
    return (
      <PublicShell brand={brand}>
        <h1 className="text-2xl font-bold">Your upload did not go through</h1>
        <div className="mt-4">
          <Notice tone="error" title="The video library said:">
            <span data-testid="upload-error">{token.errorMessage}</span>
          </Notice>
        </div>
        <p className="mt-4 text-slate-700">Nothing was saved. Check that you picked a video or photo file, then try again with a fresh upload form.</p>
        <ButtonLink href={`/u/${slug}`} size="lg" className="mt-6">
          Try again
        </ButtonLink>
      </PublicShell>
    );
  }
  return (
    <PublicShell brand={brand}>
      {/* Reload while an upload of the last 10 minutes is being confirmed (lib/intake/confirm.ts). */}
      {received.some((u) => u.state === "RECEIVED" && u.createdAt.getTime() > now - 10 * 60_000) ? <meta httpEquiv="refresh" content="3" /> : null}
      <h1 className="text-2xl font-bold">Thank you!</h1>
      {received.length === 0 ? (
        <p className="mt-3 text-slate-700">We have not heard back about your file yet. If you just uploaded it, this page will know in a moment — reload it.</p>
      ) : (
        <>
          <p className="mt-3 text-slate-700">
            {received.length === 1 ? "Your file has" : `Your ${received.length} files have`} reached {token.link.title ? `“${token.link.title}”` : "the team"}.
            The team will review it; you do not need to do anything else.
          </p>
          <BrandText html={brand.thanksHtml} testId="brand-thanks" />
          {brand.afterUrl ? (
            <p className="mt-3">
              <a href={brand.afterUrl} target="_top" className="font-semibold text-blue-800 underline" data-testid="after-upload">
                Continue to {new URL(brand.afterUrl).host}
              </a>
            </p>
          ) : null}
          <ul className="mt-5 divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
            {received.map((u) => (
              <li key={u.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="received-upload" data-photo-id={u.photoId ?? ""}>
                <span className="font-medium">{u.title ?? "Your upload"}</span>
                <span className="text-sm text-slate-600" data-testid="upload-state">
                  {visitorStateText(u.state)}
                </span>
                {u.processing === "READY" || u.processing === "PROCESSING" ? (
                  <span className="w-full text-sm text-slate-600" data-testid="processing-state">
                    {u.processing === "READY" ? "Ready to watch" : "Being processed by the video library (reload to see when it is ready)"}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-6 text-sm text-slate-600">
        Want to send another?{" "}
        <Link className="text-blue-700 underline" href={`/u/${slug}`}>
          Start a new upload
        </Link>
        .
      </p>
    </PublicShell>
  );
}
