// The resumable chunked upload (TwentyThree protocol §3, resumable.js field names). Chunks go
// with limited parallelism, each retried with backoff; a 500 cancels the whole upload; the last
// chunk is always sent alone after all the others are stored, so its answer is the redeem result.
import { planChunks, type Chunk } from "./chunk-plan";
import { AbortedError, backoffMs, sleep } from "./retry";
import { NetworkError, xhrSend, type Send, type SendResult } from "./xhr";

/** TwentyThree answered 500: the file is refused (e.g. unsupported type); do not retry. */
export class UploadRejectedError extends Error {
  override name = "UploadRejectedError";
}
/** The token is unknown, expired or used up (400): retrying with the same token cannot help. */
export class TokenRejectedError extends Error {
  override name = "TokenRejectedError";
}
/** A chunk kept failing after every retry (connection lost, server unavailable). */
export class ChunkFailedError extends Error {
  override name = "ChunkFailedError";
}

export type TokenField = "upload_token" | "replace_token";

export type ChunkedUpload = {
  file: Blob;
  fileName: string;
  url: string;
  uploadToken: string;
  /** The token's field: replace_token when the file replaces an existing video (protocol §7). */
  tokenField?: TokenField;
  identifier: string;
  chunkSize: number;
  /** Chunk numbers the server already holds (resume). */
  done?: Iterable<number>;
  parallel?: number;
  maxAttempts?: number;
  signal?: AbortSignal;
  onChunkDone?: (chunkNumber: number) => void;
  onProgress?: (bytesSent: number) => void;
  onRetry?: (chunkNumber: number, attempt: number, reason: string) => void;
  send?: Send;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export function chunkForm(
  u: Pick<ChunkedUpload, "file" | "fileName" | "uploadToken" | "tokenField" | "identifier" | "chunkSize">,
  c: Chunk,
  total: number,
): FormData {
  const f = new FormData();
  // The token first: TwentyThree checks it before reading the file.
  f.append(u.tokenField ?? "upload_token", u.uploadToken);
  f.append("resumableChunkNumber", String(c.number));
  f.append("resumableChunkSize", String(u.chunkSize));
  f.append("resumableTotalSize", String(u.file.size));
  f.append("resumableIdentifier", u.identifier);
  f.append("resumableFilename", u.fileName);
  f.append("resumableTotalChunks", String(total));
  f.append("file", u.file.slice(c.start, c.end), u.fileName);
  return f;
}

export function testChunkUrl(
  u: Pick<ChunkedUpload, "url" | "file" | "fileName" | "uploadToken" | "tokenField" | "identifier" | "chunkSize">,
  c: Chunk,
  total: number,
): string {
  const q = new URLSearchParams({
    [u.tokenField ?? "upload_token"]: u.uploadToken,
    resumableChunkNumber: String(c.number),
    resumableChunkSize: String(u.chunkSize),
    resumableTotalSize: String(u.file.size),
    resumableIdentifier: u.identifier,
    resumableFilename: u.fileName,
    resumableTotalChunks: String(total),
  });
  return `${u.url}?${q}`;
}

export async function uploadChunked(u: ChunkedUpload): Promise<SendResult> {
  const send = u.send ?? xhrSend;
  const wait = u.wait ?? sleep;
  const maxAttempts = u.maxAttempts ?? 6;
  const chunks = planChunks(u.file.size, u.chunkSize);
  const total = chunks.length;
  const last = chunks[total - 1]!;
  const done = new Set(u.done ?? []);
  done.delete(last.number); // never trust a "done" last chunk: it would have finished the upload
  const inFlight = new Map<number, number>();
  const size = (c: Chunk) => c.end - c.start;
  const report = () => {
    let bytes = 0;
    for (const c of chunks) if (done.has(c.number)) bytes += size(c);
    for (const [n, loaded] of inFlight) bytes += Math.min(loaded, size(chunks[n - 1]!));
    u.onProgress?.(bytes);
  };

  // One controller for the whole upload: a 500 or the visitor's cancel stops every chunk.
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  u.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (u.signal?.aborted) stop.abort();

  async function sendChunk(c: Chunk, final: boolean): Promise<SendResult> {
    for (let attempt = 0; ; attempt++) {
      if (stop.signal.aborted) throw new AbortedError();
      let reason: string;
      try {
        inFlight.set(c.number, 0);
        const r = await send(u.url, chunkForm(u, c, total), {
          signal: stop.signal,
          timeoutMs: 120_000,
          onProgress: (loaded) => {
            inFlight.set(c.number, loaded);
            report();
          },
        });
        inFlight.delete(c.number);
        if (r.status === 400) throw new TokenRejectedError(r.text.trim() || "The upload token was refused");
        if (r.status === 500) throw new UploadRejectedError(r.text.trim() || `HTTP ${r.status}`); // TwentyThree's own words, shown as "The video library said: …"
        if (r.status >= 200 && r.status < 300) {
          done.add(c.number);
          report();
          if (!final) u.onChunkDone?.(c.number);
          return r;
        }
        reason = `HTTP ${r.status}`;
      } catch (err) {
        inFlight.delete(c.number);
        if (!(err instanceof NetworkError)) throw err;
        reason = err.message;
      }
      report();
      if (attempt + 1 >= maxAttempts) throw new ChunkFailedError(`Chunk ${c.number} could not be sent (${reason})`);
      u.onRetry?.(c.number, attempt + 1, reason);
      await wait(backoffMs(attempt), stop.signal);
    }
  }

  try {
    const queue = chunks.filter((c) => c !== last && !done.has(c.number));
    let failure: unknown;
    const worker = async () => {
      while (failure === undefined && queue.length > 0) {
        const c = queue.shift()!;
        try {
          await sendChunk(c, false);
        } catch (err) {
          if (failure === undefined) failure = err;
          stop.abort();
        }
      }
    };
    report();
    await Promise.all(Array.from({ length: Math.max(1, u.parallel ?? 3) }, worker));
    if (failure !== undefined) throw u.signal?.aborted ? new AbortedError() : failure;
    return await sendChunk(last, true);
  } finally {
    u.signal?.removeEventListener("abort", onOuterAbort);
  }
}
