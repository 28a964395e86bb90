"use client";
// The uploader's way into recording: a "Record a video" button that loads the recorder on demand
// (its own chunk, so neither the public page nor the uploader grows), and, after a reload or a
// crash, the offer to upload or delete a take saved on this device (also loaded on demand).
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState, type ComponentType } from "react";
import { Button } from "@/components/ui/button";
import type { RecordingSettings } from "@/lib/recording/types";
import type { RecordedTake } from "./handover";
import type { RecorderProps } from "./recorder";
import type { SavedTakesProps } from "./saved-takes";

type Props = {
  slug: string;
  settings: RecordingSettings;
  maxFileBytes: number | null;
  maxDurationSeconds: number | null;
  disabled: boolean;
  onTakes: (takes: RecordedTake[]) => void;
  /** Recording is impossible here: the uploader shows the file picker even on record-only links. */
  onUnavailable: () => void;
};

export function RecordEntry(p: Props) {
  const t = useTranslations("recorder");
  const [Recorder, setRecorder] = useState<ComponentType<RecorderProps> | null>(null);
  const [Saved, setSaved] = useState<ComponentType<SavedTakesProps> | null>(null);
  const [open, setOpen] = useState(false);
  const [loadError, setLoadError] = useState(false);
  useEffect(() => {
    let live = true;
    import("./saved-takes").then((m) => live && setSaved(() => m.SavedTakes)).catch(() => undefined); // no offer, nothing else lost
    return () => {
      live = false;
    };
  }, []);
  const start = () => {
    setOpen(true);
    import("./recorder")
      .then((m) => setRecorder(() => m.Recorder))
      .catch(() => {
        setLoadError(true);
        p.onUnavailable();
      });
  };
  const { onTakes } = p;
  const take = useCallback(
    (t: RecordedTake[]) => {
      setOpen(false);
      onTakes(t);
    },
    [onTakes],
  );
  return (
    <div className="space-y-3">
      {Saved ? <Saved slug={p.slug} onTakes={onTakes} /> : null}
      {open && Recorder ? (
        <Recorder
          slug={p.slug}
          settings={p.settings}
          maxFileBytes={p.maxFileBytes}
          maxDurationSeconds={p.maxDurationSeconds}
          onTakes={take}
          onUnavailable={p.onUnavailable}
          onClose={() => setOpen(false)}
        />
      ) : open && !loadError ? (
        <p role="status" className="text-slate-700">
          {t("loading")}
        </p>
      ) : (
        <Button size="lg" className="w-full" onClick={start} disabled={p.disabled} data-testid="record-button">
          {t("record")}
        </Button>
      )}
      {loadError ? <p className="text-sm text-red-700">{t("loadFailed")}</p> : null}
    </div>
  );
}
