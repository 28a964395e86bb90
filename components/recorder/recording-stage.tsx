"use client";
// The live part: the mirrored preview (only the preview: the file is recorded as the camera sees),
// the 3-2-1 countdown over it, the current question large, time recorded and left, and the
// controls. Every control is a real button, so the recorder works by keyboard.
import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { Question } from "@/lib/recording/types";
import { clock } from "./handover";
import type { useTake } from "./use-take";

type Props = {
  stream: MediaStream | null;
  mirror: boolean;
  phase: "ready" | "countdown" | "recording" | "intro" | "review";
  count: number;
  take: ReturnType<typeof useTake>;
  capMs: number | null;
  question?: Question;
  questionNumber: number;
  questionCount: number;
  canNext: boolean;
  onStart: () => void;
  onNext: () => void;
  onPause: () => void;
  onStop: () => void;
  children?: ReactNode;
};

export function RecordingStage(p: Props) {
  const t = useTranslations("recorder");
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== p.stream) video.current.srcObject = p.stream;
  }, [p.stream]);
  const recording = p.phase === "recording";
  const left = p.capMs === null ? null : p.capMs - p.take.elapsedMs;
  return (
    <div className="space-y-3">
      {p.question ? (
        <div data-testid="recorder-question">
          <p className="text-sm font-medium text-slate-600">{t("questionOf", { n: p.questionNumber, total: p.questionCount })}</p>
          <p className="text-2xl font-bold leading-tight sm:text-3xl">{p.question.text}</p>
          {p.question.note ? <p className="mt-1 text-slate-700">{p.question.note}</p> : null}
        </div>
      ) : null}
      <div className="relative overflow-hidden rounded-lg bg-black">
        <video
          ref={video}
          autoPlay
          muted
          playsInline
          className={`aspect-video w-full object-cover ${p.mirror ? "-scale-x-100" : ""}`}
          aria-label={t("yourCamera")}
        />
        {p.phase === "countdown" ? (
          <div
            className="absolute inset-0 flex items-center justify-center bg-black/40 text-7xl font-bold text-white"
            aria-hidden="true"
            data-testid="countdown"
          >
            {p.count}
          </div>
        ) : null}
        {recording ? (
          <p className="absolute left-2 top-2 rounded bg-black/70 px-2 py-1 text-sm font-semibold text-white" data-testid="recorder-clock">
            <span aria-hidden="true" className={p.take.paused ? "" : "text-red-400"}>
              ●{" "}
            </span>
            {p.take.paused ? t("paused") : t("recording")} {clock(p.take.elapsedMs)}
            {left !== null ? ` · ${t("left", { time: clock(left) })}` : null}
          </p>
        ) : null}
      </div>
      {recording ? (
        <div className="flex flex-wrap gap-3">
          {p.canNext ? (
            <Button size="lg" onClick={p.onNext} className="grow">
              {t("nextQuestion")}
            </Button>
          ) : null}
          <Button size="lg" variant="secondary" onClick={p.onPause}>
            {p.take.paused ? t("resume") : t("pause")}
          </Button>
          <Button size="lg" variant="danger" onClick={p.onStop}>
            {t("stop")}
          </Button>
        </div>
      ) : p.phase === "ready" ? (
        <Button size="lg" onClick={p.onStart} className="w-full">
          {t("start")}
        </Button>
      ) : null}
      {p.children}
    </div>
  );
}
