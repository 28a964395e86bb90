// One file to TwentyThree: plain multipart POST with retries, or the resumable chunked protocol
// above the threshold (resuming from localStorage). Tokens come from `getToken`, which mints
// (or re-mints) through the portal; the file itself only ever goes to the redeem URL.
import { fileIdentifier, planChunks, totalChunks } from "./chunk-plan";
import { ChunkFailedError, TokenRejectedError, UploadRejectedError, testChunkUrl, uploadChunked, type TokenField } from "./chunked";
import { parseRedeemAnswer, type RedeemAnswer } from "./redeem-answer";
import { clearResume, loadResume, saveResume, type ResumeRecord } from "./resume-store";
import { AbortedError, backoffMs, sleep } from "./retry";
import { NetworkError, xhrSend, type Send } from "./xhr";
import { englishNotes, type NoteWords } from "../words";

export type UploadTokenInfo = { uploadToken: string; redeemUrl: string; ticket: string; validUntil: string; maxUploads: number };
export type GetToken = (opts: { fresh: boolean }) => Promise<UploadTokenInfo>;
export type UploadOutcome = { ticket: string; answer: RedeemAnswer };
export type UploadEvent =
  { kind: "progress"; bytes: number } | { kind: "retrying"; reason: string } | { kind: "resuming"; chunksStored: number; chunksTotal: number };

export type FailCode = "failIncomplete" | "failLost" | "failRestart" | "failRefused";

/** `code` names the catalogue's words for the visitor (words.ts NoteKey); the message is for the
 * console (English, with the cause) or, without a code, an answer the server already translated. */
export class UploadFailedError extends Error {
  override name = "UploadFailedError";
  constructor(
    message: string,
    readonly code?: FailCode,
  ) {
    super(message);
  }
}

/** What the visitor reads of a failure: the words for its code, else its (translated) message. */
export const failureText = (err: UploadFailedError, n: NoteWords) => (err.code ? n(err.code) : err.message);
const failed = (code: FailCode, cause?: string) => new UploadFailedError(cause ? `${englishNotes(code)} (${cause})` : englishNotes(code), code);

type Options = {
  file: File;
  /** Names the resume records (the link's slug, or the video a replacement is for). */
  slug: string;
  getToken: GetToken;
  /** replace_token: the file replaces an existing video (redeem-replace-token); default upload_token. */
  tokenField?: TokenField;
  chunkSize: number;
  chunkThreshold: number;
  signal?: AbortSignal;
  onEvent?: (e: UploadEvent) => void;
  send?: Send;
  fetchFn?: typeof fetch;
  maxAttempts?: number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export async function uploadFile(o: Options): Promise<UploadOutcome> {
  return o.file.size > o.chunkThreshold ? uploadInChunks(o) : uploadWhole(o);
}

async function uploadWhole(o: Options): Promise<UploadOutcome> {
  const send = o.send ?? xhrSend;
  const wait = o.wait ?? sleep;
  const maxAttempts = o.maxAttempts ?? 5;
  let token = await o.getToken({ fresh: false });
  let reminted = false;
  for (let attempt = 0; ; attempt++) {
    const form = new FormData();
    form.append(o.tokenField ?? "upload_token", token.uploadToken);
    form.append("file", o.file, o.file.name);
    let reason: string;
    try {
      o.onEvent?.({ kind: "progress", bytes: 0 });
      const r = await send(token.redeemUrl, form, { signal: o.signal, onProgress: (b) => o.onEvent?.({ kind: "progress", bytes: Math.min(b, o.file.size) }) });
      if (r.status === 400) {
        // Expired or invalid token: nothing was stored, so a fresh token is safe, once.
        if (reminted) throw failed("failRefused", r.text.trim());
        token = await o.getToken({ fresh: true });
        reminted = true;
        attempt = -1;
        continue;
      }
      if (r.status >= 200 && r.status < 300) return { ticket: token.ticket, answer: parseRedeemAnswer(r.text) };
      reason = `HTTP ${r.status}`;
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      reason = err.message;
    }
    if (attempt + 1 >= maxAttempts) throw failed("failIncomplete", reason);
    o.onEvent?.({ kind: "retrying", reason });
    await wait(backoffMs(attempt, 1000, 16_000), o.signal);
  }
}

/** Asks TwentyThree which recorded chunks it really holds (resumable.js testChunks GET). */
async function confirmStored(o: Options, rec: ResumeRecord): Promise<number[]> {
  const fetchFn = o.fetchFn ?? fetch;
  const chunks = planChunks(o.file.size, rec.chunkSize);
  const total = chunks.length;
  const u = {
    url: rec.redeemUrl,
    file: o.file,
    fileName: o.file.name,
    uploadToken: rec.uploadToken,
    tokenField: o.tokenField,
    identifier: rec.identifier,
    chunkSize: rec.chunkSize,
  };
  const kept: number[] = [];
  const queue = rec.done.filter((n) => n >= 1 && n < total);
  const worker = async () => {
    while (queue.length) {
      const n = queue.shift()!;
      try {
        const r = await fetchFn(testChunkUrl(u, chunks[n - 1]!, total), { signal: o.signal });
        if (r.status === 200) kept.push(n);
      } catch {
        if (o.signal?.aborted) throw new AbortedError();
        kept.push(n); // could not ask: trust the record, the server will say if a chunk is missing
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return kept.sort((a, b) => a - b);
}

async function uploadInChunks(o: Options): Promise<UploadOutcome> {
  const identifier = fileIdentifier(o.file);
  let rec = loadResume(o.slug, o.file);
  if (rec && (rec.chunkSize !== o.chunkSize || rec.identifier !== identifier)) rec = null;
  let done: number[] = [];
  if (rec) {
    done = await confirmStored(o, rec);
    o.onEvent?.({ kind: "resuming", chunksStored: done.length, chunksTotal: totalChunks(o.file.size, o.chunkSize) });
  }
  let reminted = false;
  for (;;) {
    if (!rec) {
      const t = await o.getToken({ fresh: reminted });
      rec = { uploadToken: t.uploadToken, ticket: t.ticket, redeemUrl: t.redeemUrl, identifier, chunkSize: o.chunkSize, validUntil: t.validUntil, done: [] };
      done = [];
    }
    const current: ResumeRecord = rec;
    const acknowledged = new Set(done);
    saveResume(o.slug, o.file, { ...current, done: [...acknowledged] });
    try {
      const r = await uploadChunked({
        file: o.file,
        fileName: o.file.name,
        url: current.redeemUrl,
        uploadToken: current.uploadToken,
        tokenField: o.tokenField,
        identifier,
        chunkSize: o.chunkSize,
        done: acknowledged,
        signal: o.signal,
        send: o.send,
        wait: o.wait,
        maxAttempts: o.maxAttempts,
        onProgress: (bytes) => o.onEvent?.({ kind: "progress", bytes }),
        onRetry: (_n, _a, reason) => o.onEvent?.({ kind: "retrying", reason }),
        onChunkDone: (n) => {
          acknowledged.add(n);
          saveResume(o.slug, o.file, { ...current, done: [...acknowledged] });
        },
      });
      clearResume(o.slug, o.file);
      return { ticket: current.ticket, answer: parseRedeemAnswer(r.text) };
    } catch (err) {
      if (err instanceof TokenRejectedError && acknowledged.size === 0 && !reminted) {
        // Expired/invalid before anything was stored under it: start over with a fresh token.
        clearResume(o.slug, o.file);
        rec = null;
        reminted = true;
        continue;
      }
      if (err instanceof UploadRejectedError) {
        clearResume(o.slug, o.file);
        return { ticket: current.ticket, answer: { kind: "error", message: err.message } };
      }
      if (err instanceof TokenRejectedError) {
        clearResume(o.slug, o.file);
        throw failed("failRestart", err.message);
      }
      if (err instanceof ChunkFailedError) throw failed("failLost", err.message);
      throw err;
    }
  }
}
