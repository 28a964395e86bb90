// The question timeline of one take, as pure functions of timestamps (ms, e.g. performance.now()).
// MediaRecorder leaves paused time out of the file, so every time here is *recorded* time: a
// "Next question" pressed after a pause is marked where the video resumes, not on the wall clock.
// The marks become the chapters on TwentyThree, so this is unit-tested on its own.

export type Timeline = {
  startedAt: number;
  /** Set while paused. */
  pausedAt: number | null;
  /** Paused time before the current pause. */
  pausedMs: number;
  /** Recorded ms at which each question after the first was shown (the first is at 0). */
  nextAt: number[];
  stoppedAt: number | null;
};

export function startTimeline(at: number): Timeline {
  return { startedAt: at, pausedAt: null, pausedMs: 0, nextAt: [], stoppedAt: null };
}

/** Recorded time so far: wall time since start, less every pause (the current one too). */
export function recordedMs(t: Timeline, now: number): number {
  const end = t.stoppedAt ?? t.pausedAt ?? now;
  return Math.max(0, end - t.startedAt - t.pausedMs);
}

export function pauseTimeline(t: Timeline, at: number): Timeline {
  return t.pausedAt !== null || t.stoppedAt !== null ? t : { ...t, pausedAt: at };
}

export function resumeTimeline(t: Timeline, at: number): Timeline {
  if (t.pausedAt === null || t.stoppedAt !== null) return t;
  return { ...t, pausedAt: null, pausedMs: t.pausedMs + Math.max(0, at - t.pausedAt) };
}

/** "Next question": marks the recorded time; ignored past the last question or after stop. */
export function nextQuestion(t: Timeline, at: number, questionCount: number): Timeline {
  if (t.stoppedAt !== null || currentQuestion(t) >= questionCount - 1) return t;
  return { ...t, nextAt: [...t.nextAt, recordedMs(t, at)] };
}

export function stopTimeline(t: Timeline, at: number): Timeline {
  if (t.stoppedAt !== null) return t;
  const resumed = resumeTimeline(t, at);
  return { ...resumed, stoppedAt: at };
}

/** Index of the question on screen. */
export function currentQuestion(t: Timeline): number {
  return t.nextAt.length;
}

/** The marks sent with the upload (RecordingMeta.marks): one per question shown, in seconds. */
export function timelineMarks(t: Timeline, questionIds: string[]): { questionId: string; startSeconds: number }[] {
  if (!questionIds.length) return [];
  const starts = [0, ...t.nextAt];
  return starts.slice(0, questionIds.length).map((ms, i) => ({ questionId: questionIds[i]!, startSeconds: Math.round(ms) / 1000 }));
}
