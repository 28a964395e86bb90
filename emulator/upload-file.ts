import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileTypeFromBuffer } from "file-type";

export const HEAD_BYTES = 4100;

/** Keeps the first bytes for content sniffing while passing everything through. */
class HeadTap extends Transform {
  head = Buffer.alloc(0);
  bytes = 0;
  _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

/** Paces the body to a byte rate; backpressure then slows the client's socket too. */
class Throttle extends Transform {
  private start = Date.now();
  private sent = 0;
  constructor(private rate: () => number) {
    super();
  }
  _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    const r = this.rate();
    this.sent += chunk.length;
    if (!r) return cb(null, chunk);
    const due = this.start + (this.sent / r) * 1000;
    const wait = due - Date.now();
    if (wait > 0) setTimeout(() => cb(null, chunk), wait);
    else cb(null, chunk);
  }
}

export interface TempFile {
  path: string;
  size: number;
  head: Buffer;
  truncated: boolean;
}

export function tempPath(dataDir: string): string {
  return path.join(dataDir, "tmp", `${Date.now()}-${crypto.randomBytes(8).toString("hex")}.part`);
}

/** Streams to a temp file with backpressure (constant memory); removes the file if anything fails. */
export async function writeToTemp(dataDir: string, stream: Readable & { truncated?: boolean }, rate: () => number): Promise<TempFile> {
  const p = tempPath(dataDir);
  const tap = new HeadTap();
  try {
    await pipeline(stream, new Throttle(rate), tap, fs.createWriteStream(p));
  } catch (e) {
    fs.rmSync(p, { force: true });
    throw e;
  }
  return { path: p, size: tap.bytes, head: tap.head, truncated: Boolean(stream.truncated) };
}

export async function readHead(file: string): Promise<Buffer> {
  const fh = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const EXTRA_MEDIA = new Set(["application/mxf", "application/vnd.ms-asf", "application/x-shockwave-flash"]);

/** Accepts common video and image containers judged by content, never by name or declared type. */
export async function sniff(head: Buffer): Promise<{ mime: string; video: boolean } | null> {
  const t = await fileTypeFromBuffer(head);
  if (!t) return null;
  if (t.mime.startsWith("video/") || EXTRA_MEDIA.has(t.mime)) return { mime: t.mime, video: true };
  // MP4-family audio brands (e.g. M4A) are rejected; images are accepted as photos.
  if (t.mime.startsWith("image/")) return { mime: t.mime, video: false };
  return null;
}
