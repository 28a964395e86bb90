// From finished takes to what the uploader sends: the WebM length fixed, a File with a name the
// visitor recognises in the list, and the RecordingMeta the mint checks against the link.
import type { RecordingMeta } from "@/lib/recording/types";
import { withDuration } from "./webm-duration";

export type RecordedTake = { file: File; recording: RecordingMeta; takeId: string | null };
type Input = { blob: Blob; durationMs: number; label: string; takeId: string | null; meta: Omit<RecordingMeta, "durationSeconds"> };

export async function toUpload({ blob, durationMs, label, takeId, meta }: Input): Promise<RecordedTake> {
  const fixed = await withDuration(blob, durationMs);
  const ext = blob.type.includes("mp4") ? "mp4" : "webm";
  const name = `${label.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "Recording"}.${ext}`;
  return {
    file: new File([fixed], name, { type: blob.type, lastModified: Date.now() }),
    recording: { ...meta, durationSeconds: Math.round(durationMs) / 1000 },
    takeId,
  };
}

/** The cap for one recording in ms: the smallest of the limits that are set, or none. */
export function capMs(...seconds: (number | null | undefined)[]): number | null {
  const set = seconds.filter((s): s is number => typeof s === "number" && s > 0);
  return set.length ? Math.min(...set) * 1000 : null;
}

/** "1:05" for a recorded time or a remaining time. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The cap of the recording about to start. One take: the link's recording cap or its video length
 * limit, whichever is smaller. A clip: its question's limit, and never more than what the other
 * clips left of that overall cap (at least a second, so the last clip can still start).
 */
export function recordingCapMs(o: {
  clips: boolean;
  questionSeconds?: number | null;
  linkSeconds?: number | null;
  fileSeconds: number | null;
  usedMs: number;
}): number | null {
  const overall = capMs(o.linkSeconds, o.fileSeconds);
  if (!o.clips) return overall;
  return capMs(o.questionSeconds, overall === null ? null : Math.max(1, (overall - o.usedMs) / 1000));
}

/** The length cap is reached (checked four times a second while recording). */
export const capReached = (recordedMs: number, cap: number | null): boolean => cap !== null && recordedMs >= cap;

/**
 * Stop before the link's size limit, not after: chunks come every second, so the take stops when
 * two more chunks like the last one would reach it (the stop itself flushes one more).
 */
export const nearSizeLimit = (bytes: number, lastChunk: number, maxBytes: number | null): boolean => maxBytes !== null && bytes + 2 * lastChunk >= maxBytes;
