import type { Emu } from "./context.ts";
import type { ObjectRow } from "./store.ts";
import { pingback } from "./pingback.ts";

/**
 * Pretend transcoding. Format k of N finishes at (k+1)/N of the configured time, each growing
 * linearly from 0, so progress moves visibly and the formats finish one after another.
 * The state is computed from the clock (it survives restarts); a timer only marks the end
 * so the "encoding status changed" pingback goes out.
 */
export const VIDEO_FORMATS = ["video_mobile_high", "video_medium", "video_hd", "video_1080p"] as const;

type Transcodable = Pick<ObjectRow, "video_p" | "transcode_started_at">;

/** A start time far beyond any clock: the stallTranscoding fault (progress stays 0 for good). */
const STALLED = 8.64e15;

function fraction(emu: Emu, o: Transcodable, k: number): number {
  if (!o.video_p) return 1;
  if (o.transcode_started_at >= STALLED) return 0;
  const span = (emu.transcodeMs * (k + 1)) / VIDEO_FORMATS.length;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (emu.now() - o.transcode_started_at) / span));
}

export function isEncoded(emu: Emu, o: Transcodable): boolean {
  return !o.video_p || fraction(emu, o, VIDEO_FORMATS.length - 1) >= 1;
}

/** `{format: 0..1, ..., all}`; `all` is the mean, 1 only when every format is done. Photos: `{all: 1}`. */
export function progress(emu: Emu, o: Transcodable): Record<string, number> {
  if (!o.video_p) return { all: 1 };
  const out: Record<string, number> = {};
  let sum = 0;
  VIDEO_FORMATS.forEach((f, k) => {
    const x = fraction(emu, o, k);
    out[f] = x;
    sum += x;
  });
  out.all = isEncoded(emu, o) ? 1 : sum / VIDEO_FORMATS.length;
  return out;
}

function schedule(emu: Emu, photoId: number, startedAt: number): void {
  const wait = Math.max(0, startedAt + emu.transcodeMs - emu.now());
  const timer = setTimeout(() => {
    emu.timers.delete(timer);
    // Guarded by the start time: a replacement that restarted transcoding has its own timer.
    const r = emu.db
      .prepare("UPDATE objects SET encoded_notified = 1 WHERE photo_id = ? AND transcode_started_at = ? AND encoded_notified = 0")
      .run(photoId, startedAt);
    if (r.changes === 1) pingback(emu, photoId, "encoded");
  }, wait);
  timer.unref();
  emu.timers.add(timer);
}

/** (Re)starts transcoding of a video object now. */
export function startTranscode(emu: Emu, photoId: number): void {
  if (emu.faults.current.stallTranscoding) {
    emu.db.prepare("UPDATE objects SET transcode_started_at = ?, encoded_notified = 0 WHERE photo_id = ?").run(STALLED, photoId);
    return; // no timer: it never ends (a replacement restarts it)
  }
  const startedAt = emu.now();
  emu.db.prepare("UPDATE objects SET transcode_started_at = ?, encoded_notified = 0 WHERE photo_id = ?").run(startedAt, photoId);
  schedule(emu, photoId, startedAt);
}

/** After a restart: objects that were still transcoding get their end timers back. */
export function resumeTranscodes(emu: Emu): void {
  const rows = emu.db.prepare("SELECT photo_id, transcode_started_at FROM objects WHERE encoded_notified = 0 AND transcode_started_at < ?").all(STALLED) as {
    photo_id: number;
    transcode_started_at: number;
  }[];
  for (const r of rows) schedule(emu, r.photo_id, r.transcode_started_at);
}

export function stopTimers(emu: Emu): void {
  for (const t of emu.timers) clearTimeout(t);
  emu.timers.clear();
}

/** Decimal seconds as the API writes them: "2.52", "3", never "2.5200000001". */
export function seconds(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
