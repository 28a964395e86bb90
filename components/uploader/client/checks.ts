// Checks made in the browser before any byte is sent: type, the link's size limit, and its
// duration limit (read from the file's own metadata by a <video> element).
import { formatBytes, formatDuration } from "@/lib/format";
import { englishUploaderWords, type UploaderWords } from "../words";

/** The link's limits, and the visitor's language for the sizes and lengths its refusals name. */
export type Limits = { maxFileBytes: number | null; maxDurationSeconds: number | null; locale?: string };

const MEDIA_EXTENSIONS = /\.(mp4|m4v|mov|qt|webm|mkv|avi|wmv|mpg|mpeg|3gp|3g2|mts|m2ts|ts|flv|ogv|jpg|jpeg|png|gif|webp|heic|heif|tif|tiff|bmp)$/i;

export function isVideo(file: { type: string; name: string }): boolean {
  return file.type.startsWith("video/") || (!file.type && /\.(mp4|m4v|mov|webm|mkv|avi|3gp|mts|m2ts|ogv)$/i.test(file.name));
}

/** The first problem that stops this file, in plain words, or null. */
export function checkFileSync(file: { name: string; type: string; size: number }, limits: Limits, w: UploaderWords = englishUploaderWords): string | null {
  const media = file.type.startsWith("video/") || file.type.startsWith("image/") || (!file.type && MEDIA_EXTENSIONS.test(file.name));
  if (!media) return w("notMedia");
  if (file.size === 0) return w("empty");
  if (limits.maxFileBytes !== null && file.size > limits.maxFileBytes)
    return w("tooBig", { size: formatBytes(file.size, limits.locale), max: formatBytes(limits.maxFileBytes, limits.locale) });
  return null;
}

/** Duration in seconds from the file's metadata, or null when the browser cannot read it. */
export function readDuration(file: Blob, timeoutMs = 8000): Promise<number | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const video = document.createElement("video");
    const finish = (v: number | null) => {
      clearTimeout(timer);
      video.removeAttribute("src");
      video.load();
      URL.revokeObjectURL(url);
      resolve(v);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    video.preload = "metadata";
    video.muted = true;
    video.onloadedmetadata = () => finish(Number.isFinite(video.duration) ? video.duration : null);
    video.onerror = () => finish(null);
    video.src = url;
  });
}

export async function checkFile(
  file: File,
  limits: Limits,
  duration: (f: File) => Promise<number | null> = readDuration,
  w: UploaderWords = englishUploaderWords,
): Promise<string | null> {
  const problem = checkFileSync(file, limits, w);
  if (problem || limits.maxDurationSeconds === null || !isVideo(file)) return problem;
  const seconds = await duration(file);
  // Unreadable metadata (a codec this browser lacks) is not the visitor's fault: let it through.
  if (seconds !== null && seconds > limits.maxDurationSeconds + 0.5)
    return w("tooLong", { length: formatDuration(seconds, limits.locale), max: formatDuration(limits.maxDurationSeconds, limits.locale) });
  return null;
}
