// Which container and codecs to record in: the first the browser says it records well.
// Chromium and Firefox record WebM (VP9 or VP8 with Opus); Safari records MP4 (H.264 with AAC).
export type RecordingFormat = { mimeType: string; extension: "webm" | "mp4" };

const CANDIDATES: RecordingFormat[] = [
  { mimeType: "video/webm;codecs=vp9,opus", extension: "webm" },
  { mimeType: "video/webm;codecs=vp8,opus", extension: "webm" },
  { mimeType: "video/webm", extension: "webm" },
  { mimeType: "video/mp4;codecs=avc1.42E01E,mp4a.40.2", extension: "mp4" },
  { mimeType: "video/mp4", extension: "mp4" },
];

/** null when MediaRecorder records none of them (an old browser: the file picker is offered). */
export function pickFormat(isTypeSupported: (type: string) => boolean): RecordingFormat | null {
  return CANDIDATES.find((c) => isTypeSupported(c.mimeType)) ?? null;
}

/** The container part of a MIME type ("video/webm;codecs=vp9" -> "video/webm"). */
export function containerOf(mimeType: string): string {
  return mimeType.split(";")[0]!.trim();
}
