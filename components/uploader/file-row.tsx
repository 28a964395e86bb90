"use client";
// One chosen file: preview, checks, progress (percent, bytes, speed, time left), outcome.
import { useLocale, useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes, formatDuration } from "@/lib/format";
import { isVideo } from "@/components/uploader/client/checks";
import { visitorStateKey } from "@/lib/uploads/states";
import { ProgressBar } from "./progress-bar";
import type { Item } from "./types";
import { useUploadStatus } from "./use-upload-status";

type Props = {
  item: Item;
  onRemove: (id: string) => void;
  onCancel: (id: string) => void;
  onRetry: (id: string) => void;
  onSettled: (id: string, outcome: { ok: boolean; text: string }) => void;
};

export function FileRow({ item, onRemove, onCancel, onRetry, onSettled }: Props) {
  const t = useTranslations("uploader");
  const locale = useLocale();
  const ts = useTranslations("states");
  const { file, phase, reading } = item;
  // Still followed once "done": TwentyThree's processing comes after the confirmation.
  const status = useUploadStatus(phase === "confirming" || phase === "done" ? item.ticket : undefined, item.photoId);
  const upload = status.data?.uploads.find((u) => u.photoId === item.photoId);
  useEffect(() => {
    if (phase !== "confirming" || !upload) return;
    if (upload.state === "FAILED" || upload.state === "DISOWNED") onSettled(item.id, { ok: false, text: t("notConfirmed") });
    else if (upload.state !== "RECEIVED") onSettled(item.id, { ok: true, text: ts(visitorStateKey(upload.state)) });
  }, [phase, upload, item.id, onSettled, t, ts]);

  const percent = reading?.percent ?? 0;
  const progressText = reading
    ? [
        `${percent} %`,
        t("bytesOf", { sent: formatBytes(reading.bytes, locale), total: formatBytes(reading.total, locale) }),
        reading.bytesPerSecond ? t("perSecond", { size: formatBytes(reading.bytesPerSecond, locale) }) : null,
        reading.secondsLeft !== null && percent < 100 ? t("timeLeft", { duration: formatDuration(reading.secondsLeft, locale) }) : null,
      ]
        .filter(Boolean)
        .join(" · ")
    : t("waiting");
  const descId = `${item.id}-desc`;

  return (
    <li className="space-y-2 p-3" data-testid="file-item" data-phase={phase}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="break-all font-medium">{file.name}</p>
          <p className="text-xs text-slate-600">{formatBytes(file.size, locale)}</p>
        </div>
        {phase === "ready" || phase === "invalid" ? (
          <Button variant="ghost" size="sm" onClick={() => onRemove(item.id)} aria-label={t("removeLabel", { file: file.name })}>
            {t("remove")}
          </Button>
        ) : phase === "uploading" || phase === "queued" ? (
          <Button variant="dangerGhost" size="sm" onClick={() => onCancel(item.id)} aria-label={t("cancelLabel", { file: file.name })}>
            {t("cancel")}
          </Button>
        ) : phase === "failed" || phase === "cancelled" ? (
          <Button size="sm" onClick={() => onRetry(item.id)} aria-label={t("tryAgainLabel", { file: file.name })}>
            {t("tryAgain")}
          </Button>
        ) : null}
      </div>

      {item.previewUrl && phase !== "invalid" && phase !== "done" ? (
        isVideo(file) ? (
          <video
            src={item.previewUrl}
            controls
            muted
            playsInline
            preload="metadata"
            className="max-h-48 w-full rounded-md bg-black"
            aria-label={t("preview", { file: file.name })}
          />
        ) : file.type.startsWith("image/") ? (
          // eslint-disable-next-line @next/next/no-img-element -- a local object URL, nothing to optimise
          <img src={item.previewUrl} alt={t("preview", { file: file.name })} className="max-h-48 rounded-md" />
        ) : null
      ) : null}

      {phase === "checking" ? <p className="text-sm text-slate-600">{t("checking")}</p> : null}
      {phase === "invalid" || phase === "failed" ? (
        <p role="alert" className="text-sm text-red-700" data-testid="file-error">
          {item.message}
        </p>
      ) : null}
      {phase === "cancelled" ? <p className="text-sm text-slate-700">{t("cancelled")}</p> : null}

      {phase === "queued" || phase === "uploading" || phase === "confirming" ? (
        <div className="space-y-1">
          <ProgressBar
            percent={phase === "confirming" ? 100 : percent}
            label={t("progressLabel", { file: file.name })}
            valueText={phase === "confirming" ? t("sentValue") : progressText}
          />
          <p id={descId} className="text-xs text-slate-700 tabular-nums" data-testid="progress-text">
            {phase === "confirming" ? t("sentText", { size: formatBytes(file.size, locale) }) : progressText}
          </p>
          {item.note && phase === "uploading" ? <p className="text-xs text-amber-800">{item.note}</p> : null}
        </div>
      ) : null}
      {phase === "confirming" ? (
        <p className="text-sm text-slate-700" data-testid="upload-state">
          {upload ? ts(visitorStateKey(upload.state)) : t("waitingConfirm")}
        </p>
      ) : null}
      {phase === "done" ? (
        <p className="text-sm font-medium text-green-800" data-testid="upload-state">
          {item.stateText}
        </p>
      ) : null}
      {phase === "done" && upload?.processing ? (
        <p className="text-sm text-slate-700" data-testid="processing-state" aria-live="polite">
          {upload.processing === "READY"
            ? ts("ready")
            : upload.processing === "PROCESSING"
              ? upload.processingPercent
                ? ts("processingPercent", { percent: upload.processingPercent })
                : ts("processing")
              : ts("processingFailed")}
        </p>
      ) : null}
    </li>
  );
}
