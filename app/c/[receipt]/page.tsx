import type { Metadata } from "next";
import { ConsentRecord } from "@/components/contributor/consent-record";
import { ReceiptRefusal } from "@/components/contributor/refusal";
import { VideoCard } from "@/components/contributor/video-card";
import { PublicShell } from "@/components/public/shell";
import { Notice } from "@/components/ui/notice";
import { loadContributorPage } from "@/lib/contributor/queries";

export const dynamic = "force-dynamic";
// same-origin, not no-referrer: the private link still never reaches another site, but the page's
// own forms keep a real Origin (under no-referrer Chromium sends "Origin: null", and Next refuses
// the no-JavaScript server action posts, replace and withdraw, as forged).
export const metadata: Metadata = { title: "Your video", robots: { index: false }, referrer: "same-origin" };

type Props = { params: Promise<{ receipt: string }>; searchParams: Promise<{ replaced?: string }> };

/** The contributor's own page (issue #17), reached only through the signed link in their receipt. */
export default async function ContributorPage({ params, searchParams }: Props) {
  const { receipt } = await params;
  const { replaced } = await searchParams;
  const page = await loadContributorPage(receipt);
  if (!page.ok) {
    return (
      <PublicShell>
        <h1 className="mb-4 text-2xl font-bold">Your video</h1>
        <ReceiptRefusal reason={page.reason} />
      </PublicShell>
    );
  }
  const { view } = page;
  const processing = view.uploads.some((u) => u.processing === "PROCESSING" && !u.withdrawnAt);
  return (
    <PublicShell>
      {processing ? <meta httpEquiv="refresh" content="10" /> : null}
      <h1 className="text-2xl font-bold">{view.contributor.name ? `Hello, ${view.contributor.name}` : "Your video"}</h1>
      <p className="mt-2 text-slate-700">What you sent to “{view.link.title}”.</p>
      {replaced === "1" ? (
        <div className="mt-4">
          <Notice tone="success" title="Your new file has arrived">
            It replaces the old one everywhere the video is shown. The video library is processing it now.
          </Notice>
        </div>
      ) : replaced === "failed" ? (
        <div className="mt-4">
          <Notice tone="error" title="The replacement did not go through">
            Your video was not changed. Check that you picked a video file and try again.
          </Notice>
        </div>
      ) : replaced === "unconfirmed" ? (
        <div className="mt-4">
          <Notice tone="error" title="We could not confirm the replacement">
            The video library does not show a new file for this video, so nothing was changed here. If you did send one, please try again.
          </Notice>
        </div>
      ) : null}
      <h2 className="mt-6 text-lg font-semibold">Your videos</h2>
      {view.uploads.length ? (
        <ul className="mt-2 divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
          {view.uploads.map((v) => (
            <VideoCard key={v.id} v={v} receipt={receipt} policy={view.link.withdrawPolicy} />
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-600">The video library has not confirmed your upload yet. Come back in a few minutes.</p>
      )}
      <h2 className="mt-6 text-lg font-semibold">Your consent</h2>
      <div className="mt-2">
        <ConsentRecord consent={view.consent} />
      </div>
      <h2 className="mt-6 text-lg font-semibold">Your data</h2>
      <p className="mt-2 text-sm text-slate-700">
        <a className="font-medium text-blue-700 underline" href={`/c/${receipt}/data`} download="my-data.json">
          Download what we store about you (JSON)
        </a>
      </p>
      <p className="mt-6 text-xs text-slate-500">
        This page is private: anyone with its link can see it. It works until {view.receipt.expiresAt.toUTCString()}.
      </p>
    </PublicShell>
  );
}
