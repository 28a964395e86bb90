import fs from "node:fs";
import { Decoder } from "ebml";
import { imageSizeFromFile } from "image-size/fromFile";
import { NO_INFO, type MediaInfo } from "./media-types.ts";
import { mp4Info } from "./mp4-info.ts";

/**
 * WebM/Matroska: Segment Info `Duration` (4- or 8-byte float, in TimecodeScale units, default
 * 1 ms) and the first video track's PixelWidth/PixelHeight, decoded by `ebml` from a stream
 * that stops at the first Cluster: everything needed precedes it. (music-metadata was tried
 * first; it throws on the unknown-size Clusters that Chrome's MediaRecorder writes, even after
 * fix-webm-duration has added a Duration.)
 */
function matroskaInfo(file: string): Promise<MediaInfo> {
  return new Promise((resolve) => {
    let scale = 1_000_000;
    let duration: number | null = null;
    let width = 0;
    let height = 0;
    let done = false;
    const rs = fs.createReadStream(file);
    const decoder = new Decoder();
    const finish = () => {
      if (done) return;
      done = true;
      rs.destroy();
      const length = duration !== null && Number.isFinite(duration) && duration > 0 ? (duration * scale) / 1e9 : null;
      resolve({ length, width, height });
    };
    decoder.on("data", ([kind, tag]) => {
      if (kind === "start" && tag.name === "Cluster") return finish();
      if (kind !== "tag") return;
      if (tag.name === "TimecodeScale" && typeof tag.value === "number" && tag.value > 0) scale = tag.value;
      else if (tag.name === "Duration" && typeof tag.value === "number") duration = tag.value;
      else if (tag.name === "PixelWidth" && !width) width = Number(tag.value) || 0;
      else if (tag.name === "PixelHeight" && !height) height = Number(tag.value) || 0;
    });
    decoder.on("error", finish);
    // Fed by hand, not piped: on a corrupt length the decoder throws from write() itself (found
    // by fuzzing), which through pipe() would be an uncaught exception in the emulator.
    rs.on("data", (chunk) => {
      if (done) return;
      try {
        decoder.write(chunk as Buffer);
      } catch {
        finish();
      }
    });
    rs.on("end", finish);
    rs.on("error", finish);
  });
}

/** Any image: dimensions from its header (image-size reads only the first bytes it needs). */
async function imageInfo(file: string): Promise<MediaInfo> {
  const d = await imageSizeFromFile(file);
  return { length: null, width: d.width ?? 0, height: d.height ?? 0 }; // as stored (EXIF rotation not applied)
}

/** Never throws: a file we cannot read still uploads, it just has an unknown length. */
export async function readMediaInfo(file: string, mime: string): Promise<MediaInfo> {
  try {
    if (mime === "video/mp4" || mime === "video/quicktime" || mime === "video/x-m4v" || mime.startsWith("video/3gpp")) return await mp4Info(file);
    if (mime === "video/webm" || mime === "video/x-matroska") return await matroskaInfo(file);
    if (mime.startsWith("image/")) return await imageInfo(file);
  } catch {
    /* unreadable container: unknown */
  }
  return NO_INFO;
}
