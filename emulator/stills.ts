import fs from "node:fs";
import path from "node:path";
import jpeg from "jpeg-js";
import type { ObjectRow } from "./store.ts";

/**
 * Thumbnail formats and their boxes (width × height). small and standard are TwentyThree's
 * documented sizes; the others are the emulator's choice. quad* are square crops.
 */
export const THUMBNAILS: Record<string, [number, number]> = {
  quad16: [16, 16],
  quad50: [50, 50],
  quad75: [75, 75],
  quad100: [100, 100],
  small: [200, 150],
  medium: [400, 300],
  portrait: [270, 360],
  standard: [600, 450],
  large: [1024, 768],
};

export const MAX_FRAME_SIDE = 1920;
const MAX_DECODE = 25 << 20;

interface Rgba {
  width: number;
  height: number;
  data: Buffer | Uint8Array;
}

/** Nearest-neighbour "cover" scaling: fills the box, cropping the overflow (good enough for a preview). */
function cover(src: Rgba, w: number, h: number): Rgba {
  const scale = Math.max(w / src.width, h / src.height);
  const ox = (src.width * scale - w) / 2;
  const oy = (src.height * scale - h) / 2;
  const out = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, Math.floor((y + oy) / scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(src.width - 1, Math.floor((x + ox) / scale));
      const si = (sy * src.width + sx) * 4;
      const di = (y * w + x) * 4;
      out[di] = src.data[si]!;
      out[di + 1] = src.data[si + 1]!;
      out[di + 2] = src.data[si + 2]!;
      out[di + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * The emulator cannot decode video frames (no pure-JS decoder for H.264/VP8 worth shipping),
 * so a video's "frame" is a generated still: a gradient whose hue comes from the photo id and
 * a bar showing where `time` falls in the video. Distinct per object and per time, so a client
 * that mixes up thumbnails can be caught.
 */
function generated(photoId: number, time: number, length: number | null, w: number, h: number): Rgba {
  const data = Buffer.alloc(w * h * 4);
  const hue = (photoId * 47) % 360;
  const [r0, g0, b0] = hsl(hue, 0.55, 0.35);
  const [r1, g1, b1] = hsl((hue + 40) % 360, 0.6, 0.6);
  const pos = length && length > 0 ? Math.min(1, time / length) : (time % 10) / 10;
  const barTop = Math.floor(h * 0.85);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const t = (x + y) / (w + h);
      const i = (y * w + x) * 4;
      const bar = y >= barTop && x <= pos * w;
      data[i] = bar ? 255 : r0 + (r1 - r0) * t;
      data[i + 1] = bar ? 255 : g0 + (g1 - g0) * t;
      data[i + 2] = bar ? 255 : b0 + (b1 - b0) * t;
      data[i + 3] = 255;
    }
  return { width: w, height: h, data };
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** A JPEG photo is decoded and scaled for real; anything else gets a generated still. */
export function still(o: ObjectRow, time: number, w: number, h: number): Buffer {
  let img: Rgba | null = null;
  if (o.content_type === "image/jpeg" && o.size <= MAX_DECODE && fs.existsSync(o.file_path)) {
    try {
      img = cover(jpeg.decode(fs.readFileSync(o.file_path), { formatAsRGBA: true, maxMemoryUsageInMB: 256 }), w, h);
    } catch {
      img = null; // undecodable (progressive/CMYK edge cases): fall back to a generated still
    }
  }
  img ??= generated(o.photo_id, time, o.video_length, w, h);
  return jpeg.encode(img, 80).data;
}

/** Where a thumbnail format's still is taken: a tenth into the video, like a poster frame. */
export function posterTime(o: ObjectRow): number {
  return o.video_length ? o.video_length / 10 : 0;
}

/**
 * A thumbnail format's JPEG, made once and kept under <dataDir>/thumbs (decoding a large photo in
 * pure JS takes a while; a list page asks for many). The name carries replaced_count, so a
 * replacement gets fresh thumbnails.
 */
export function thumbnail(dataDir: string, o: ObjectRow, format: string): Buffer | null {
  const box = THUMBNAILS[format];
  if (!box) return null;
  const file = path.join(dataDir, "thumbs", `${o.photo_id}-${o.replaced_count}-${format}.jpg`);
  try {
    return fs.readFileSync(file);
  } catch {
    const img = still(o, posterTime(o), box[0], box[1]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, img);
    fs.renameSync(`${file}.tmp`, file);
    return img;
  }
}

export function dropThumbnails(dataDir: string, photoId: number): void {
  const dir = path.join(dataDir, "thumbs");
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) if (f.startsWith(`${photoId}-`)) fs.rmSync(path.join(dir, f), { force: true });
}
