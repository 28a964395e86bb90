"use client";
// The in-browser recorder (#15), loaded only when the visitor chooses "Record". It explains
// before the browser's permission prompt, previews the camera (mirrored, the recording is not),
// counts 3-2-1, shows the question large with the time recorded and left, and hands finished
// takes to the uploader. One take: "Next question" marks each answer's start. Clip mode: one
// recording per question, each re-recordable before moving on. Every chunk is kept in IndexedDB
// until the upload is confirmed (use-take.ts, take-store.ts). Over 200 lines: the phases and their
// hand-offs read as one flow; the views are in their own files.
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { RecordingSettings } from "@/lib/recording/types";
import { checkSupport, type Unavailable } from "./availability";
import { composeScreen, type Composition } from "./compose";
import { DeviceControls } from "./device-controls";
import { pickFormat } from "./format";
import { recordingCapMs, toUpload, type RecordedTake } from "./handover";
import { LevelMeter } from "./level-meter";
import { RecorderIntro, RecorderUnavailable } from "./recorder-intro";
import { RecordingStage } from "./recording-stage";
import { deleteTake } from "./take-store";
import { TakeReview } from "./take-review";
import { useCamera } from "./use-camera";
import { useTake, type FinishedTake } from "./use-take";

export type { RecordedTake };
export type RecorderProps = {
  slug: string;
  settings: RecordingSettings;
  maxFileBytes: number | null;
  maxDurationSeconds: number | null;
  onTakes: (takes: RecordedTake[]) => void;
  onUnavailable: () => void;
  onClose: () => void;
};
type Phase = "intro" | "ready" | "countdown" | "recording" | "review";

const stopWords = { time: "stopTime", size: "stopSize", ended: "stopEnded" } as const;

export function Recorder({ slug, settings, maxFileBytes, maxDurationSeconds, onTakes, onUnavailable, onClose }: RecorderProps) {
  const t = useTranslations("recorder");
  const cam = useCamera();
  const format = useMemo(() => (typeof MediaRecorder === "undefined" ? null : pickFormat((t) => MediaRecorder.isTypeSupported(t))), []);
  const [phase, setPhase] = useState<Phase>("intro");
  const [unavailable, setUnavailable] = useState<Unavailable | null>(null);
  const [count, setCount] = useState(3);
  const [say, setSay] = useState("");
  const [screen, setScreen] = useState(false);
  const [clip, setClip] = useState(0);
  const [takes, setTakes] = useState<(FinishedTake | undefined)[]>([]);
  const [stopNote, setStopNote] = useState<string>();
  const composition = useRef<Composition | null>(null);
  const sources = useRef<("camera" | "screen")[]>([]);
  const responseId = useMemo(() => crypto.randomUUID(), []);
  const clips = settings.mode === "CLIPS" && settings.questions.length > 0;
  const questions = settings.questions;
  const slot = clips ? clip : 0;
  const take = useTake((done) => {
    composition.current?.stop();
    composition.current = null;
    setTakes((all) => Object.assign([...all], { [slot]: done }));
    setStopNote(done.stoppedBy === "visitor" ? undefined : t(stopWords[done.stoppedBy]));
    setPhase("review");
    setSay(t("saidStopped", { seconds: Math.round(done.durationMs / 1000) }));
  });

  useEffect(() => {
    const why = checkSupport({
      isSecureContext: window.isSecureContext,
      hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === "function",
      hasMediaRecorder: typeof MediaRecorder !== "undefined",
      hasFormat: format !== null,
    });
    if (why) setUnavailable(why);
  }, [format]);
  useEffect(() => {
    if (cam.error) setUnavailable(cam.error);
  }, [cam.error]);
  useEffect(() => {
    if (unavailable) onUnavailable();
  }, [unavailable, onUnavailable]);

  const usedMs = takes.reduce((sum, t, i) => (t && i !== slot ? sum + t.durationMs : sum), 0);
  const cap = recordingCapMs({
    clips,
    questionSeconds: questions[clip]?.limitSeconds,
    linkSeconds: settings.maxSeconds,
    fileSeconds: maxDurationSeconds,
    usedMs,
  });

  const turnOn = async () => {
    setSay(t("saidAsking"));
    if (await cam.start()) {
      setPhase("ready");
      setSay(t("saidOn"));
    }
  };

  const begin = async () => {
    if (!cam.stream || !format) return;
    let stream = cam.stream;
    if (screen) {
      try {
        composition.current = await composeScreen(cam.stream, () => take.stop("ended"));
        stream = composition.current.stream;
      } catch {
        setSay(t("saidNoScreen"));
      }
    }
    setStopNote(undefined);
    setPhase("countdown");
    for (const n of [3, 2, 1]) {
      setCount(n);
      setSay(String(n));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const q = questions[slot];
    sources.current[slot] = composition.current ? "screen" : "camera";
    const label = clips ? `Answer ${clip + 1} of ${questions.length}` : "Recording";
    await take.start(stream, format, {
      slug,
      label,
      meta: { responseId, kind: clips ? "clip" : "take", questionId: clips ? q?.id : undefined, source: sources.current[slot]! },
      questionIds: clips ? [] : questions.map((x) => x.id),
      capMs: cap,
      maxBytes: maxFileBytes,
    });
    setPhase("recording");
    setSay(q ? t("saidRecordingQuestion", { n: slot + 1, total: questions.length, text: q.text }) : t("saidRecording"));
  };

  const retake = () => {
    const old = takes[slot];
    if (old?.saved) void deleteTake(old.takeId).catch(() => undefined);
    setTakes((all) => Object.assign([...all], { [slot]: undefined }));
    setPhase("ready");
    setSay(t("saidDeleted"));
  };

  const nextClip = () => {
    setClip((c) => c + 1);
    setPhase("ready");
    setSay(t("saidNext", { n: clip + 2, total: questions.length, text: questions[clip + 1]?.text ?? "" }));
  };

  const send = async () => {
    const done = takes.map((t, i) => ({ t, i })).filter((x): x is { t: FinishedTake; i: number } => x.t !== undefined);
    const ready = await Promise.all(
      done.map(({ t, i }) =>
        toUpload({
          blob: t.blob,
          durationMs: t.durationMs,
          takeId: t.saved ? t.takeId : null,
          label: clips ? `Answer ${i + 1} of ${questions.length}` : "Recording",
          meta: {
            responseId,
            kind: clips ? "clip" : "take",
            questionId: clips ? questions[i]?.id : undefined,
            marks: t.marks,
            source: sources.current[i] ?? "camera",
          },
        }),
      ),
    );
    cam.stop();
    onTakes(ready);
  };

  const close = () => {
    take.stop();
    cam.stop();
    for (const t of takes) if (t?.saved) void deleteTake(t.takeId).catch(() => undefined);
    onClose();
  };

  if (unavailable) return <RecorderUnavailable why={unavailable} onClose={onClose} />;

  const current = takes[slot];
  return (
    <section aria-label={t("introTitle")} data-testid="recorder" data-phase={phase} className="space-y-4 rounded-xl p-3 ring-1 ring-slate-200 sm:p-4">
      <p role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="recorder-status">
        {say}
      </p>
      {phase === "intro" ? (
        <RecorderIntro questions={questions} clips={clips} onTurnOn={() => void turnOn()} onCancel={close} />
      ) : phase === "review" && current ? (
        <TakeReview
          take={current}
          question={clips ? questions[clip] : undefined}
          note={stopNote}
          isLastClip={!clips || clip === questions.length - 1}
          clips={clips}
          onRetake={retake}
          onNext={nextClip}
          onUse={() => void send()}
        />
      ) : (
        <RecordingStage
          stream={cam.stream}
          mirror={cam.facing === "user" && !composition.current}
          phase={phase}
          count={count}
          take={take}
          capMs={cap}
          question={clips ? questions[clip] : questions[take.timeline ? Math.min(take.timeline.nextAt.length, questions.length - 1) : 0]}
          questionNumber={clips ? clip + 1 : (take.timeline?.nextAt.length ?? 0) + 1}
          questionCount={questions.length}
          canNext={!clips && phase === "recording" && (take.timeline?.nextAt.length ?? 0) < questions.length - 1}
          onStart={() => void begin()}
          onNext={() => {
            take.next();
            const n = (take.timeline?.nextAt.length ?? 0) + 1;
            setSay(t("questionSay", { n: n + 1, total: questions.length, text: questions[n]?.text ?? "" }));
          }}
          onPause={() => (take.paused ? (take.resume(), setSay(t("recordingAgain"))) : (take.pause(), setSay(t("pausedSay"))))}
          onStop={() => take.stop()}
        >
          {phase === "ready" ? (
            <>
              <LevelMeter stream={cam.stream} />
              <DeviceControls
                devices={cam.devices}
                cameraId={cam.cameraId}
                micId={cam.micId}
                facing={cam.facing}
                allowScreen={settings.allowScreen}
                screen={screen}
                onCamera={(id) => void cam.pickCamera(id)}
                onMic={(id) => void cam.pickMic(id)}
                onFlip={() => void cam.flip()}
                onScreen={setScreen}
              />
              <Button variant="ghost" onClick={close} className="px-0">
                {t("cancelRecording")}
              </Button>
            </>
          ) : null}
        </RecordingStage>
      )}
    </section>
  );
}
