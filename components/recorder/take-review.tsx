"use client";
// After a recording: watch it (not mirrored: as it will be sent), then record it again or use
// it. In clip mode one answer at a time, re-recordable before moving on to the next question.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Question } from "@/lib/recording/types";
import { clock } from "./handover";
import type { FinishedTake } from "./use-take";

type Props = {
  take: FinishedTake;
  question?: Question;
  note?: string;
  clips: boolean;
  isLastClip: boolean;
  onRetake: () => void;
  onNext: () => void;
  onUse: () => void;
};

export function TakeReview({ take, question, note, clips, isLastClip, onRetake, onNext, onUse }: Props) {
  const t = useTranslations("recorder");
  const [url, setUrl] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const u = URL.createObjectURL(take.blob);
    setUrl(u);
    heading.current?.focus();
    return () => URL.revokeObjectURL(u);
  }, [take.blob]);
  return (
    <div className="space-y-3" data-testid="take-review">
      <h2 ref={heading} tabIndex={-1} className="text-xl font-bold outline-none">
        {question ? t("answerTo", { question: question.text, length: clock(take.durationMs) }) : t("yourRecording", { length: clock(take.durationMs) })}
      </h2>
      {note ? <Notice title={note}>{t("useOrAgain")}</Notice> : null}
      {url ? <video src={url} controls playsInline className="aspect-video w-full rounded-lg bg-black" data-testid="take-playback" /> : null}
      <div className="flex flex-wrap gap-3">
        <Button size="lg" variant="secondary" onClick={onRetake}>
          {clips ? t("againAnswer") : t("again")}
        </Button>
        {clips && !isLastClip ? (
          <Button size="lg" onClick={onNext} className="grow">
            {t("keepNext")}
          </Button>
        ) : (
          <Button size="lg" onClick={onUse} className="grow">
            {clips ? t("useAnswers") : t("useRecording")}
          </Button>
        )}
      </div>
    </div>
  );
}
