import fs from "node:fs";
import { createFile, Log, MP4BoxBuffer } from "mp4box";
import { NO_INFO, type MediaInfo } from "./media-types.ts";

const MAX_HEADERS = 64 << 20; // moov + moofs this large are not a real upload; refuse to buffer them

// mp4box logs to the console, even errors about harmless unknown boxes (e.g. ffmpeg's '©swr'
// in MOV user data); the emulator only wants the answer.
Log.setLogLevel(Log.error);
Log.error = () => undefined;

// mp4box refuses a moov without an ftyp; old QuickTime files may have none.
const QT_FTYP = Buffer.from("00000010667479707174202000000000", "hex");

/** Whether a moov box (whole, header included) has an `mvex` child: the file is fragmented. */
function hasMvex(moov: Buffer): boolean {
  for (let p = 8; p + 8 <= moov.length;) {
    const size = moov.readUInt32BE(p);
    if (moov.toString("latin1", p + 4, p + 8) === "mvex") return true;
    if (size < 8) return false;
    p += size;
  }
  return false;
}

/**
 * Collects the top-level `ftyp`, `moov` and, for a fragmented file, every `moof`, reading box
 * headers only (size + type, 64-bit sizes too) and skipping `mdat`s, so a moov after a multi-GB
 * mdat costs a few reads, not the file. mp4box.js has no random-access file reader for Node,
 * which is the only reason this loop is hand-written; the boxes themselves (mvhd v0/v1, tracks,
 * fragment runs) are parsed by mp4box.
 */
async function headerBoxes(fh: fs.promises.FileHandle, fileSize: number): Promise<Buffer | null> {
  const hdr = Buffer.alloc(16);
  let ftyp = QT_FTYP;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let fragmented = false;
  let pos = 0;
  while (pos + 8 <= fileSize) {
    const { bytesRead } = await fh.read(hdr, 0, 16, pos);
    if (bytesRead < 8) break;
    let size = hdr.readUInt32BE(0);
    const type = hdr.toString("latin1", 4, 8);
    if (size === 1) {
      if (bytesRead < 16) break;
      size = Number(hdr.readBigUInt64BE(8));
    } else if (size === 0) size = fileSize - pos; // box runs to the end of the file
    if (size < 8 || pos + size > fileSize) break;
    const wanted = (type === "ftyp" && size <= 4096) || type === "moov" || (fragmented && type === "moof");
    if (wanted) {
      if ((keptBytes += size) > MAX_HEADERS) return null;
      const buf = Buffer.alloc(size);
      await fh.read(buf, 0, size, pos);
      if (type === "ftyp") ftyp = buf;
      else kept.push(buf);
      if (type === "moov") {
        fragmented = hasMvex(buf);
        if (!fragmented) break; // a plain file says all in its moov
      }
    }
    pos += size;
  }
  return kept.length ? Buffer.concat([ftyp, ...kept]) : null;
}

/** More samples than ten hours at 120 fps: not a real upload, and too many for mp4box (below). */
export const MAX_SAMPLES = 5_000_000;
const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "moof", "traf"]);

/**
 * mp4box believes the sample counts it reads: an stsz claiming four billion samples makes it
 * fill a JS array that large, which aborts the whole process (V8 "invalid size", found by
 * fuzzing; no try/catch can stop it). So the counts that size its arrays and loops (stsz, stts,
 * trun) are checked against the box sizes and MAX_SAMPLES before mp4box sees them.
 */
export function saneSampleTables(buf: Buffer, from = 0, to = buf.length): boolean {
  for (let p = from; p + 8 <= to;) {
    const size = buf.readUInt32BE(p);
    const type = buf.toString("latin1", p + 4, p + 8);
    if (size < 8 || p + size > to) return false; // 64-bit sizes never occur inside moov/moof
    const body = p + 8; // after the box header; full boxes then have 4 bytes of version/flags
    const payload = size - 8;
    if (CONTAINERS.has(type)) {
      if (!saneSampleTables(buf, body, p + size)) return false;
    } else if (type === "stsz") {
      if (payload < 12) return false;
      const sampleSize = buf.readUInt32BE(body + 4);
      const count = buf.readUInt32BE(body + 8);
      if (count > MAX_SAMPLES || (sampleSize === 0 && 12 + 4 * count > payload)) return false;
    } else if (type === "stts") {
      if (payload < 8) return false;
      const entries = buf.readUInt32BE(body + 4);
      if (8 + 8 * entries > payload) return false;
      let total = 0;
      for (let i = 0; i < entries; i++) total += buf.readUInt32BE(body + 8 + 8 * i);
      if (total > MAX_SAMPLES) return false;
    } else if (type === "trun") {
      if (payload < 8 || buf.readUInt32BE(body + 4) > MAX_SAMPLES) return false;
    }
    p += size;
  }
  return true;
}

interface Trak {
  samples_duration?: number;
  mdia?: { mdhd?: { timescale?: number } };
}

/** MP4/MOV: the mvhd's duration/timescale; for fragmented files (Safari's MediaRecorder, mvhd 0) the longest track's fragments. */
export async function mp4Info(file: string): Promise<MediaInfo> {
  const fh = await fs.promises.open(file, "r");
  let boxes: Buffer | null;
  try {
    boxes = await headerBoxes(fh, (await fh.stat()).size);
  } finally {
    await fh.close();
  }
  if (!boxes || !saneSampleTables(boxes)) return NO_INFO;
  const mp4 = createFile();
  const found: { duration?: number; timescale?: number } = {};
  let width = 0;
  let height = 0;
  mp4.onReady = (m) => {
    found.duration = m.duration;
    found.timescale = m.timescale;
    const v = m.videoTracks[0];
    if (v) {
      width = v.video?.width ?? v.track_width;
      height = v.video?.height ?? v.track_height;
    }
  };
  const ab = boxes.buffer.slice(boxes.byteOffset, boxes.byteOffset + boxes.length);
  mp4.appendBuffer(MP4BoxBuffer.fromArrayBuffer(ab, 0), true);
  mp4.flush();
  if (found.duration === undefined) return NO_INFO;
  let length: number | null = found.timescale! > 0 && found.duration > 0 ? found.duration / found.timescale! : null;
  if (length === null) {
    // mp4box has added each moof's sample durations to its track.
    const traks = (mp4 as unknown as { moov?: { traks?: Trak[] } }).moov?.traks ?? [];
    const secs = traks.map((t) => (t.samples_duration ?? 0) / (t.mdia?.mdhd?.timescale || Infinity)).filter((x) => x > 0);
    length = secs.length ? Math.max(...secs) : null;
  }
  return { length, width: Math.round(width), height: Math.round(height) };
}
