"use client";
// After a reload, a crash or a closed tab: recordings saved on this device for this link are
// offered for upload or deletion. Clips of one response are offered together.
import { useLocale, useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format";
import { clock, toUpload, type RecordedTake } from "./handover";
import { deleteTake, listTakes, pruneTakes, takeBlob, type SavedTake } from "./take-store";

export type SavedTakesProps = { slug: string; onTakes: (takes: RecordedTake[]) => void };

function byResponse(takes: SavedTake[]): SavedTake[][] {
  const groups = new Map<string, SavedTake[]>();
  for (const t of takes) groups.set(t.meta.responseId, [...(groups.get(t.meta.responseId) ?? []), t]);
  return [...groups.values()];
}

export function SavedTakes({ slug, onTakes }: SavedTakesProps) {
  const t = useTranslations("recorder");
  const locale = useLocale();
  const format = useFormatter();
  const [groups, setGroups] = useState<SavedTake[][]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    pruneTakes()
      .then(() => listTakes(slug))
      .then((t) => live && setGroups(byResponse(t)))
      .catch(() => undefined); // no IndexedDB: nothing was saved either
    return () => {
      live = false;
    };
  }, [slug]);
  if (!groups.length) return null;

  const drop = (group: SavedTake[]) => setGroups((g) => g.filter((x) => x !== group));
  const upload = async (group: SavedTake[]) => {
    setBusy(true);
    const out: RecordedTake[] = [];
    for (const t of group) {
      const blob = await takeBlob(t.id);
      if (blob?.size) out.push(await toUpload({ blob, durationMs: t.durationMs, label: t.label, takeId: t.id, meta: t.meta }));
    }
    drop(group);
    setBusy(false);
    onTakes(out);
  };
  const remove = async (group: SavedTake[]) => {
    for (const t of group) await deleteTake(t.id);
    drop(group);
  };

  return (
    <div className="space-y-3">
      {groups.map((group) => {
        const ms = group.reduce((s, t) => s + t.durationMs, 0);
        const bytes = group.reduce((s, t) => s + t.bytes, 0);
        const when = new Date(Math.max(...group.map((g) => g.updatedAt)));
        return (
          <div
            key={group[0]!.id}
            role="region"
            aria-label={t("savedLabel")}
            className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200"
            data-testid="saved-take"
          >
            <p className="font-semibold">{t("savedTitle")}</p>
            <p className="mt-1 text-sm text-slate-700">
              {t("savedBody", {
                answers: group.length,
                length: clock(ms),
                size: formatBytes(bytes, locale),
                when: format.dateTime(when, { dateStyle: "medium", timeStyle: "short" }),
              })}
            </p>
            <div className="mt-3 flex flex-wrap gap-3">
              <Button onClick={() => void upload(group)} disabled={busy}>
                {t("savedUpload")}
              </Button>
              <Button variant="danger" onClick={() => void remove(group)} disabled={busy}>
                {t("savedDelete")}
              </Button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
