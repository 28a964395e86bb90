// One of the contributor's videos on their own page: what it is, how far TwentyThree has
// processed it, and what they can still do (replace, withdraw) unless they withdrew.
import { useTranslations } from "next-intl";
import type { ContributorView } from "@/lib/contributor/view";
import { visitorStateKey } from "@/lib/uploads/states";
import { ReplaceButton } from "./replace-button";
import { WithdrawForm } from "./withdraw-form";

type Video = ContributorView["uploads"][number];

function useStatus(): (v: Video) => string {
  const t = useTranslations("contributor");
  const ts = useTranslations("states");
  return (v) => {
    if (v.withdrawnAt) return t("withdrawnOn", { at: v.withdrawnAt });
    if (v.deleted) return t("removed");
    if (v.processing === "READY") return ts("ready");
    if (v.processing === "PROCESSING") return v.processingPercent ? ts("processingPercent", { percent: v.processingPercent }) : ts("processing");
    if (v.processing) return ts("processingFailed");
    return ts(visitorStateKey(v.state));
  };
}

export function VideoCard({ v, receipt, policy }: { v: Video; receipt: string; policy: string }) {
  const t = useTranslations("contributor");
  const status = useStatus();
  const tc = useTranslations("replaceCheck");
  const replaced = v.replacements.filter((r) => r.status === "done");
  const latest = v.replacements[0]?.status; // newest first
  return (
    <li className="space-y-2 p-4" data-testid="contributor-video" data-photo-id={v.photoId ?? ""}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-medium">{v.title || t("pageTitle")}</p>
          <p className="text-xs text-slate-500">{t("received", { at: v.createdAt })}</p>
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
          {t("replacedNote", { count: replaced.length, at: replaced[0]!.completedAt ?? v.createdAt })}
        </p>
      ) : null}
      {latest === "confirming" || latest === "unconfirmed" ? (
        <p className="text-sm text-slate-700" role="status" data-testid="replace-check-note">
          {latest === "confirming" ? tc("confirmingNote") : tc("refusedNote")}
        </p>
      ) : null}
      {v.withdrawnAt ? (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-800" role="status" data-testid="withdrawn-note">
          {v.deleted ? t("withdrawnDeleted") : t("withdrawnHidden")}
        </p>
      ) : null}
      {v.withdrawnAt || v.deleted ? null : (
        <>
          <ReplaceButton receipt={receipt} uploadId={v.id} />
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-red-800">{t("withdrawSummary")}</summary>
            <WithdrawForm receipt={receipt} uploadId={v.id} policy={policy} />
          </details>
        </>
      )}
    </li>
  );
}
