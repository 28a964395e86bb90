import fs from "node:fs";
import { createFile, Log, MP4BoxBuffer } from "mp4box";
import { Decoder } from "ebml";
import jpeg from "jpeg-js";

/** What the emulator learns from an uploaded file's container. `length` null = unknown. */
export interface MediaInfo { length: number | null; width: number; height: number }

export const NO_INFO: MediaInfo = { length: null, width: 0, height: 0 };
const MAX_MOOV = 64 << 20; // a moov this large is not a real upload; refuse to buffer it
const MAX_JPEG = 25 << 20;

// mp4box logs to the console, even errors about harmless unknown boxes (e.g. ffmpeg's '©swr'
// in MOV user data); the emulator only wants the answer.
Log.setLogLevel(Log.error);
Log.error = () => undefined;

// mp4box refuses a moov without an ftyp; old QuickTime files may have none.
const QT_FTYP = Buffer.from("00000010667479707174202000000000", "hex");

/**
 * Finds the top-level `ftyp` and `moov` boxes by reading box headers only (size + type, 64-bit
 * sizes too), so a moov after a multi-GB mdat costs a few reads, not the file. mp4box.js has
 * no random-access file reader for Node, which is the only reason this loop is hand-written;
 * the boxes themselves (mvhd v0/v1, tracks) are parsed by mp4box.
 */
async function readMoov(fh: fs.promises.FileHandle, fileSize: number): Promise<Buffer | null> {
  const hdr = Buffer.alloc(16);
  let ftyp = QT_FTYP;
  let pos = 0;
  while (pos + 8 <= fileSize) {
    const { bytesRead } = await fh.read(hdr, 0, 16, pos);
    if (bytesRead < 8) return null;
    let size = hdr.readUInt32BE(0);
    const type = hdr.toString("latin1", 4, 8);
    if (size === 1) {
      if (bytesRead < 16) return null;
      size = Number(hdr.readBigUInt64BE(8));
    } else if (size === 0) size = fileSize - pos; // box runs to the end of the file
    if (size < 8) return null;
    if (type === "ftyp" && size <= 4096) {
      ftyp = Buffer.alloc(size);
      await fh.read(ftyp, 0, size, pos);
    }
    if (type === "moov") {
      if (size > MAX_MOOV || pos + size > fileSize) return null;
      const buf = Buffer.alloc(size);
      await fh.read(buf, 0, size, pos);
      return Buffer.concat([ftyp, buf]);
    }
    pos += size;
  }
  return null;
}

async function mp4Info(file: string): Promise<MediaInfo> {
  const fh = await fs.promises.open(file, "r");
  let moov: Buffer | null; // ftyp + moov
  try {
    moov = await readMoov(fh, (await fh.stat()).size);
  } finally {
    await fh.close();
  }
  if (!moov) return NO_INFO;
  const mp4 = createFile();
  type Movie = { duration: number; timescale: number; fragment_duration?: { num: number; den: number } };
  const found: { info?: Movie } = {}; // set from the onReady callback
  let width = 0;
  let height = 0;
  mp4.onReady = (m) => {
    found.info = m;
    const v = m.videoTracks[0];
    if (v) { width = v.video?.width ?? v.track_width; height = v.video?.height ?? v.track_height; }
  };
  const ab = moov.buffer.slice(moov.byteOffset, moov.byteOffset + moov.length);
  mp4.appendBuffer(MP4BoxBuffer.fromArrayBuffer(ab, 0), true);
  mp4.flush();
  const m = found.info;
  if (!m) return NO_INFO;
  // Fragmented MP4 (Safari's MediaRecorder) has mvhd duration 0; mehd gives the total if present.
  let length: number | null = m.timescale > 0 && m.duration > 0 ? m.duration / m.timescale : null;
  if (length === null && m.fragment_duration && m.fragment_duration.den > 0 && m.fragment_duration.num > 0)
    length = m.fragment_duration.num / m.fragment_duration.den;
  return { length, width: Math.round(width), height: Math.round(height) };
}

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
    decoder.on("finish", finish);
    rs.on("error", finish);
    // @types/ebml declares write() narrower than Node's Writable; the runtime is a plain Transform.
    rs.pipe(decoder as unknown as NodeJS.WritableStream);
  });
}

function jpegInfo(file: string, size: number): MediaInfo {
  if (size > MAX_JPEG) return NO_INFO;
  const img = jpeg.decode(fs.readFileSync(file), { maxMemoryUsageInMB: 256, formatAsRGBA: true });
  return { length: null, width: img.width, height: img.height };
}

/** Never throws: a file we cannot read still uploads, it just has an unknown length. */
export async function readMediaInfo(file: string, mime: string, size: number): Promise<MediaInfo> {
  try {
    if (mime === "video/mp4" || mime === "video/quicktime" || mime === "video/x-m4v" || mime.startsWith("video/3gpp")) return await mp4Info(file);
    if (mime === "video/webm" || mime === "video/x-matroska") return await matroskaInfo(file);
    if (mime === "image/jpeg") return jpegInfo(file, size);
  } catch {
    /* unreadable container: unknown */
  }
  return NO_INFO;
}
