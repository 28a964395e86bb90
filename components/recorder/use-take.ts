"use client";
// One recording: MediaRecorder with a 1 s timeslice, every chunk written to IndexedDB as it
// arrives (take-store.ts), the question timeline kept beside it, and the stops the visitor does
// not choose: the length cap and the size limit (stopped with room to spare, chunks come every
// second). The finished take is handed back with its bytes, recorded length and marks.
import { useCallback, useEffect, useRef, useState } from "react";
import type { RecordingMeta } from "@/lib/recording/types";
import { containerOf, type RecordingFormat } from "./format";
import { capReached, nearSizeLimit } from "./handover";
import { appendChunk, createTake, setTakeDuration } from "./take-store";
import { nextQuestion, pauseTimeline, recordedMs, resumeTimeline, startTimeline, stopTimeline, timelineMarks, type Timeline } from "./timeline";

export type StopReason = "visitor" | "time" | "size" | "ended";
export type TakeInfo = {
  slug: string;
  meta: Omit<RecordingMeta, "durationSeconds" | "marks">;
  label: string;
  /** One take: the questions in order (marks); clip mode: empty. */
  questionIds: string[];
  capMs: number | null;
  maxBytes: number | null;
};
export type FinishedTake = { takeId: string; blob: Blob; durationMs: number; marks: RecordingMeta["marks"]; stoppedBy: StopReason; saved: boolean };

type Running = {
  mr: MediaRecorder;
  takeId: string;
  info: TakeInfo;
  chunks: Blob[];
  bytes: number;
  writes: Promise<void>;
  saved: boolean;
  stoppedBy: StopReason;
};

export function useTake(onFinished: (take: FinishedTake) => void) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [now, setNow] = useState(0);
  const [bytes, setBytes] = useState(0);
  const tl = useRef<Timeline | null>(null);
  const run = useRef<Running | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const update = (t: Timeline) => {
    tl.current = t;
    setTimeline(t);
  };

  const stop = useCallback((why: StopReason = "visitor") => {
    const r = run.current;
    if (!r || !tl.current || r.mr.state === "inactive") return;
    r.stoppedBy = why;
    update(stopTimeline(tl.current, performance.now()));
    r.mr.stop();
  }, []);

  const start = useCallback(
    async (stream: MediaStream, format: RecordingFormat, info: TakeInfo) => {
      const takeId = crypto.randomUUID();
      let saved = true;
      try {
        await createTake({ id: takeId, slug: info.slug, mimeType: containerOf(format.mimeType), createdAt: Date.now(), meta: info.meta, label: info.label });
      } catch {
        saved = false; // no IndexedDB (private mode in some browsers): record in memory only
      }
      const mr = new MediaRecorder(stream, { mimeType: format.mimeType, videoBitsPerSecond: 2_500_000 });
      const r: Running = { mr, takeId, info, chunks: [], bytes: 0, writes: Promise.resolve(), saved, stoppedBy: "visitor" };
      run.current = r;
      mr.ondataavailable = (e) => {
        if (!e.data.size) return;
        const seq = r.chunks.push(e.data) - 1;
        r.bytes += e.data.size;
        setBytes(r.bytes);
        const ms = tl.current ? recordedMs(tl.current, performance.now()) : 0;
        if (r.saved) r.writes = r.writes.then(() => appendChunk(takeId, seq, e.data, ms)).catch(() => void (r.saved = false));
        if (nearSizeLimit(r.bytes, e.data.size, info.maxBytes)) stop("size");
      };
      mr.onstop = () => {
        const t = tl.current!;
        const durationMs = recordedMs(t, performance.now());
        const marks = info.questionIds.length ? timelineMarks(t, info.questionIds) : undefined;
        void r.writes
          .then(() => (r.saved ? setTakeDuration(takeId, durationMs, marks) : undefined))
          .catch(() => undefined)
          .then(() => {
            run.current = null;
            finished.current({
              takeId,
              blob: new Blob(r.chunks, { type: containerOf(format.mimeType) }),
              durationMs,
              marks,
              stoppedBy: r.stoppedBy,
              saved: r.saved,
            });
          });
      };
      // A camera unplugged or a screen share ended from the browser's own bar ends the take.
      stream.getVideoTracks().forEach((t) => t.addEventListener("ended", () => stop("ended")));
      setBytes(0);
      mr.start(1000);
      update(startTimeline(performance.now()));
    },
    [stop],
  );

  const pause = useCallback(() => {
    if (run.current?.mr.state !== "recording" || !tl.current) return;
    run.current.mr.pause();
    update(pauseTimeline(tl.current, performance.now()));
  }, []);
  const resume = useCallback(() => {
    if (run.current?.mr.state !== "paused" || !tl.current) return;
    run.current.mr.resume();
    update(resumeTimeline(tl.current, performance.now()));
  }, []);
  const next = useCallback(() => {
    const r = run.current;
    if (!r || !tl.current) return;
    const t = nextQuestion(tl.current, performance.now(), r.info.questionIds.length);
    update(t);
    // Saved now too: a reload before Stop keeps the questions' times.
    if (r.saved)
      r.writes = r.writes.then(() => setTakeDuration(r.takeId, recordedMs(t, performance.now()), timelineMarks(t, r.info.questionIds))).catch(() => undefined);
  }, []);

  // The clock on screen and the length cap.
  const active = timeline !== null && timeline.stoppedAt === null;
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      const t = tl.current;
      const n = performance.now();
      setNow(n);
      const cap = run.current?.info.capMs ?? null;
      if (t && capReached(recordedMs(t, n), cap)) stop("time");
    }, 250);
    return () => window.clearInterval(timer);
  }, [active, stop]);

  // Leaving the page or the recorder mid-take stops the recorder (its chunks are already saved).
  useEffect(() => () => (run.current?.mr.state !== "inactive" ? run.current?.mr.stop() : undefined), []);

  return {
    timeline,
    active,
    paused: timeline?.pausedAt != null && timeline.stoppedAt === null,
    elapsedMs: timeline ? recordedMs(timeline, Math.max(now, timeline.startedAt)) : 0,
    bytes,
    start,
    pause,
    resume,
    next,
    stop,
  };
}
