"use client";
// What the visitor reads before the browser's permission prompt (what will happen, that nothing
// is sent before they choose), and why recording is not possible when it is not.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Question } from "@/lib/recording/types";
import { unavailableKey, type Unavailable } from "./availability";

type IntroProps = { questions: Question[]; clips: boolean; onTurnOn: () => void; onCancel: () => void };

export function RecorderIntro({ questions, clips, onTurnOn, onCancel }: IntroProps) {
  const t = useTranslations("recorder");
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-bold">{t("introTitle")}</h2>
      <p className="text-slate-700">{t("introBody")}</p>
      {questions.length ? (
        <div>
          <p className="font-medium">{clips ? t("introClips") : t("introQuestions")}</p>
          <ol className="mt-1 list-decimal pl-6 text-slate-700">
            {questions.map((q) => (
              <li key={q.id}>{q.text}</li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button size="lg" onClick={onTurnOn}>
          {t("turnOn")}
        </Button>
        <Button size="lg" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}

export function RecorderUnavailable({ why, onClose }: { why: Unavailable; onClose: () => void }) {
  const t = useTranslations("recorder");
  const key = unavailableKey[why];
  return (
    <div data-testid="recorder-unavailable" className="space-y-3">
      <Notice tone="error" title={t(`${key}Title`)}>
        {t(`${key}Body`)}
      </Notice>
      <Button variant="ghost" onClick={onClose} className="px-0">
        {t("close")}
      </Button>
    </div>
  );
}
