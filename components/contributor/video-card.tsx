// One of the contributor's videos on their own page: what it is, how far TwentyThree has
// processed it, and what they can still do (replace, withdraw) unless they withdrew.
import type { ContributorView } from "@/lib/contributor/view";
import { processingText, visitorStateText } from "@/lib/uploads/states";
import { ReplaceButton } from "./replace-button";
import { WithdrawForm } from "./withdraw-form";

type Video = ContributorView["uploads"][number];

function status(v: Video): string {
  if (v.withdrawnAt) return `Consent withdrawn on ${v.withdrawnAt.toUTCString()}`;
  if (v.deleted) return "Removed";
  if (v.processing) return processingText(v.processing, v.processingPercent);
  return visitorStateText(v.state);
}

export function VideoCard({ v, receipt, policy }: { v: Video; receipt: string; policy: string }) {
  const replaced = v.replacements.filter((r) => r.status === "done");
  return (
    <li className="space-y-2 p-4" data-testid="contributor-video" data-photo-id={v.photoId ?? ""}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-medium">{v.title || "Your video"}</p>
          <p className="text-xs text-slate-500">Received {v.createdAt.toUTCString()}</p>
        </div>
        <span className="text-sm text-slate-700" data-testid="contributor-video-status">
          {status(v)}
        </span>
      </div>
      {v.thumbnailUrl && !v.withdrawnAt && !v.deleted ? (
        // eslint-disable-next-line @next/next/no-img-element -- a TwentyThree URL on the site's own domain
        <img src={v.thumbnailUrl} alt="" width={200} height={150} className="rounded-md" />
      ) : null}
      {replaced.length ? (
        <p className="text-sm text-slate-600" data-testid="replaced-note">
          Replaced {replaced.length === 1 ? "once" : `${replaced.length} times`}, last on {replaced[0]!.completedAt?.toUTCString()}.
        </p>
      ) : null}
      {v.withdrawnAt ? (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-800" role="status" data-testid="withdrawn-note">
          You withdrew your consent for this video{v.deleted ? " and it was deleted" : "; it is no longer public"}. This cannot be undone from this page.
        </p>
      ) : null}
      {v.withdrawnAt || v.deleted ? null : (
        <>
          <ReplaceButton receipt={receipt} uploadId={v.id} />
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-red-800">Withdraw my consent</summary>
            <WithdrawForm receipt={receipt} uploadId={v.id} policy={policy} />
          </details>
        </>
      )}
    </li>
  );
}
