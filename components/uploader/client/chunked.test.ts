import { describe, expect, it } from "vitest";
import { uploadChunked, UploadRejectedError, ChunkFailedError, TokenRejectedError } from "./chunked";
import { NetworkError, type Send, type SendResult } from "./xhr";

const noWait = async () => {};

type Seen = { number: number; size: number; fields: Record<string, string> };

/** A fake TwentyThree: records chunks and answers via `answer` (default: 200, redeem line on the last). */
function fakeServer(answer?: (n: number, calls: number) => SendResult | Error | undefined) {
  const seen: Seen[] = [];
  const calls = new Map<number, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const send: Send = async (_url, body, opts) => {
    const fields: Record<string, string> = {};
    for (const [k, v] of body.entries()) if (typeof v === "string") fields[k] = v;
    const n = Number(fields.resumableChunkNumber);
    const blob = body.get("file") as Blob;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Yield one event-loop turn (no clock involved): every send the uploader allows at once has
    // started before this one ends, so maxInFlight counts real concurrency.
    await new Promise((r) => setImmediate(r));
    opts?.onProgress?.(blob.size);
    inFlight--;
    calls.set(n, (calls.get(n) ?? 0) + 1);
    const a = answer?.(n, calls.get(n)!);
    if (a instanceof Error) throw a;
    if (a && a.status !== 200) return a;
    seen.push({ number: n, size: blob.size, fields });
    if (a) return a;
    return n === Number(fields.resumableTotalChunks) ? { status: 200, text: "ok localhost 1 60433001 tok http://x" } : { status: 200, text: "ok" };
  };
  return { send, seen, calls, maxInFlight: () => maxInFlight };
}

const base = (file: Blob) => ({
  file,
  fileName: "big.mp4",
  url: "http://t23/api/photo/redeem-upload-token",
  uploadToken: "tok1",
  identifier: "id-1",
  chunkSize: 100,
  wait: noWait,
});

describe("uploadChunked", () => {
  it("sends every chunk with resumable.js fields, at most 3 at once, the last one alone and last", async () => {
    const s = fakeServer();
    const progress: number[] = [];
    const r = await uploadChunked({ ...base(new Blob([new Uint8Array(1050)])), send: s.send, onProgress: (b) => progress.push(b) });
    expect(r.text).toMatch(/^ok localhost 1 60433001/);
    expect(s.seen.map((c) => c.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.seen.at(-1)).toMatchObject({ number: 10, size: 150 });
    expect(s.seen.filter((c) => c.number < 10).every((c) => c.size === 100)).toBe(true);
    expect(s.seen[0]!.fields).toMatchObject({
      upload_token: "tok1",
      resumableChunkSize: "100",
      resumableTotalSize: "1050",
      resumableIdentifier: "id-1",
      resumableFilename: "big.mp4",
      resumableTotalChunks: "10",
    });
    expect(s.maxInFlight()).toBeLessThanOrEqual(3);
    expect(s.maxInFlight()).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1050);
  });

  it("skips chunks already stored (resume) but always sends the last", async () => {
    const s = fakeServer();
    const acked: number[] = [];
    await uploadChunked({ ...base(new Blob([new Uint8Array(500)])), send: s.send, done: [1, 2, 5], onChunkDone: (n) => acked.push(n) });
    expect(s.seen.map((c) => c.number).sort()).toEqual([3, 4, 5]);
    expect(acked.sort()).toEqual([3, 4]);
  });

  it("retries a failing chunk (503, network error) and then succeeds", async () => {
    const s = fakeServer(
      (n, calls) =>
        (n === 2 && calls === 1 ? { status: 503, text: "busy" } : n === 3 && calls < 3 ? new NetworkError("reset") : undefined) as SendResult | Error,
    );
    const retries: string[] = [];
    await uploadChunked({ ...base(new Blob([new Uint8Array(400)])), send: s.send, onRetry: (n, a, reason) => retries.push(`${n}:${a}:${reason}`) });
    expect(retries).toEqual(expect.arrayContaining(["2:1:HTTP 503", "3:1:reset", "3:2:reset"]));
    expect(s.seen.map((c) => c.number).sort()).toEqual([1, 2, 3, 4]);
  });

  it("gives up on a chunk after maxAttempts and stops the others", async () => {
    const s = fakeServer((n) => (n >= 3 ? { status: 503, text: "busy" } : undefined) as SendResult | undefined);
    await expect(uploadChunked({ ...base(new Blob([new Uint8Array(1000)])), send: s.send, maxAttempts: 3 })).rejects.toBeInstanceOf(ChunkFailedError);
    expect(s.calls.get(10)).toBeUndefined(); // the final chunk was never sent
  });

  it("cancels the whole upload on a 500", async () => {
    const s = fakeServer((n) => (n === 1 ? { status: 500, text: "The file type isn't supported" } : undefined) as SendResult | undefined);
    const err = await uploadChunked({ ...base(new Blob([new Uint8Array(1000)])), send: s.send, parallel: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadRejectedError);
    expect((err as Error).message).toBe("The file type isn't supported");
    expect(s.calls.size).toBe(1);
  });

  it("reports a refused token (400) without retrying", async () => {
    const s = fakeServer(() => ({ status: 400, text: "The upload token has expired" }));
    await expect(uploadChunked({ ...base(new Blob([new Uint8Array(300)])), send: s.send, parallel: 1 })).rejects.toBeInstanceOf(TokenRejectedError);
    expect(s.calls.get(1)).toBe(1);
  });

  it("stops when the visitor cancels", async () => {
    const c = new AbortController();
    const s = fakeServer((n) => {
      if (n === 2) c.abort();
      return undefined as unknown as SendResult;
    });
    await expect(uploadChunked({ ...base(new Blob([new Uint8Array(1000)])), send: s.send, parallel: 1, signal: c.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(s.calls.get(10)).toBeUndefined();
  });
});
