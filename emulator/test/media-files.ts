import fs from "node:fs";
import path from "node:path";

/**
 * Real media made once with ffmpeg's test source (testsrc 320×180 at 25 fps, no audio, so the
 * container's own duration is what the emulator must find) and committed in ./fixtures, so the
 * tests need no ffmpeg on the machine (the recipes are in fixtures/README.md), plus byte-level
 * variants of them made here for header forms ffmpeg does not write by itself (mvhd version 1,
 * a 4-byte Matroska Duration, another TimecodeScale).
 */
const dir = path.join(import.meta.dirname, "fixtures");
const FILES = {
  /** 2.52 s in mvhd (ffmpeg's edit list rounds 2.5 s of 25 fps up), moov after mdat. */
  "a.mp4": "media-a.mp4",
  /** 1.5 s QuickTime. */
  "a.mov": "media-a.mov",
  /** Fragmented MP4 as Safari's MediaRecorder writes it: mvhd duration 0, no mehd, the time is in the moofs. */
  "frag.mp4": "media-frag.mp4",
  /** WebM with Segment Info Duration (3.2 s, 8-byte float, TimecodeScale 1 ms). */
  "a.webm": "media-a.webm",
  /** WebM as MediaRecorder writes it: no Duration at all. */
  "live.webm": "media-live.webm",
  "still.png": "media-still.png",
};

const read = (name: keyof typeof FILES) => fs.readFileSync(path.join(dir, FILES[name]));
export const mp4 = () => read("a.mp4");
export const mov = () => read("a.mov");
export const fragmentedMp4 = () => read("frag.mp4");
export const webm = () => read("a.webm");
export const liveWebm = () => read("live.webm");
export const png = () => read("still.png");

function box(buf: Buffer, type: string, from = 0, to = buf.length): number {
  for (let p = from; p + 8 <= to; p += buf.readUInt32BE(p)) if (buf.toString("latin1", p + 4, p + 8) === type) return p;
  throw new Error(`no ${type} box`);
}

/** The MP4 with its mvhd rewritten as version 1 (64-bit times) with the given timescale/duration. */
export function mp4MvhdV1(timescale: number, duration: bigint): Buffer {
  const src = mp4();
  const moov = box(src, "moov");
  const moovEnd = moov + src.readUInt32BE(moov);
  const mvhd = box(src, "mvhd", moov + 8, moovEnd);
  if (src[mvhd + 8] !== 0) throw new Error("expected an mvhd v0 to convert");
  const rest = src.subarray(mvhd + 28, mvhd + 108); // rate, volume, matrix, next_track_ID
  const v1 = Buffer.alloc(120);
  v1.writeUInt32BE(120, 0);
  v1.write("mvhd", 4, "latin1");
  v1.writeUInt32BE(0x01000000, 8); // version 1, flags 0
  v1.writeBigUInt64BE(0n, 12);
  v1.writeBigUInt64BE(0n, 20);
  v1.writeUInt32BE(timescale, 28);
  v1.writeBigUInt64BE(duration, 32);
  rest.copy(v1, 40);
  // moov sits after mdat, so growing it by 12 bytes moves no sample offsets.
  const head = Buffer.from(src.subarray(0, mvhd));
  head.writeUInt32BE(src.readUInt32BE(moov) + 12, moov);
  return Buffer.concat([head, v1, src.subarray(mvhd + 108)]);
}

const DURATION_F64 = Buffer.from([0x44, 0x89, 0x88]);
const TIMECODE_SCALE_1MS = Buffer.from([0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40]);

/** The WebM with Duration stored as a 4-byte float (padded with an EBML Void, so no size changes). */
export function webmDurationF32(): Buffer {
  const b = Buffer.from(webm());
  const at = b.indexOf(DURATION_F64);
  if (at < 0) throw new Error("no 8-byte Duration");
  const ms = b.readDoubleBE(at + 3);
  const patch = Buffer.alloc(11);
  Buffer.from([0x44, 0x89, 0x84]).copy(patch, 0);
  patch.writeFloatBE(ms, 3);
  Buffer.from([0xec, 0x82, 0x00, 0x00]).copy(patch, 7);
  patch.copy(b, at);
  return b;
}

/** The WebM with TimecodeScale 0.5 ms instead of 1 ms: the same Duration value means half the seconds. */
export function webmHalfTimecodeScale(): Buffer {
  const b = Buffer.from(webm());
  const at = b.indexOf(TIMECODE_SCALE_1MS);
  if (at < 0) throw new Error("no TimecodeScale of 1 ms");
  b.writeUIntBE(500_000, at + 4, 3);
  return b;
}

/** The WebM with Duration's size byte zeroed: an impossible EBML length (the decoder throws on it). */
export function webmCorruptLength(): Buffer {
  const b = Buffer.from(webm());
  const at = b.indexOf(DURATION_F64);
  if (at < 0) throw new Error("no 8-byte Duration");
  b[at + 2] = 0x00;
  return b;
}

/** The MP4 with an stsz claiming 4 294 967 295 samples of 1 byte (a hostile header). */
export function mp4HugeSampleCount(): Buffer {
  const b = Buffer.from(mp4());
  const at = b.indexOf(Buffer.from("stsz", "latin1"));
  if (at < 0) throw new Error("no stsz");
  b.writeUInt32BE(1, at + 8); // sample_size (after version/flags)
  b.writeUInt32BE(0xffffffff, at + 12); // sample_count
  return b;
}
