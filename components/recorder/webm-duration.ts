// MediaRecorder's WebM has no Duration in its header (it is written as a live stream), so
// TwentyThree, the emulator and most players would not know the length. `fix-webm-duration`
// (maintained, small) writes the Duration element before upload. MP4 from Safari is left alone.
import fixWebmDuration from "fix-webm-duration";
import { containerOf } from "./format";

export async function withDuration(blob: Blob, durationMs: number): Promise<Blob> {
  if (containerOf(blob.type) !== "video/webm" || durationMs <= 0) return blob;
  try {
    return await fixWebmDuration(blob, durationMs, { logger: false });
  } catch {
    return blob; // an unreadable header: better sent without a length than not at all
  }
}
