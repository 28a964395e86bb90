// One multipart POST by XMLHttpRequest (fetch cannot report upload progress), as a promise.
import { AbortedError } from "./retry";

export type SendResult = { status: number; text: string };
export type SendOptions = { onProgress?: (loadedBytes: number) => void; signal?: AbortSignal; timeoutMs?: number };
export type Send = (url: string, body: FormData, opts?: SendOptions) => Promise<SendResult>;

/** The connection failed (offline, reset, refused, timed out, or blocked by CORS). */
export class NetworkError extends Error {
  override name = "NetworkError";
}

export const xhrSend: Send = (url, body, opts = {}) =>
  new Promise((resolve, reject) => {
    const { signal } = opts;
    if (signal?.aborted) return reject(new AbortedError());
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const settle = () => signal?.removeEventListener("abort", onAbort);
    xhr.open("POST", url);
    if (opts.timeoutMs) xhr.timeout = opts.timeoutMs;
    if (opts.onProgress) {
      const report = opts.onProgress;
      xhr.upload.onprogress = (e) => report(e.loaded);
    }
    xhr.onload = () => {
      settle();
      resolve({ status: xhr.status, text: xhr.responseText });
    };
    xhr.onerror = () => {
      settle();
      reject(new NetworkError("The connection to the video library failed"));
    };
    xhr.ontimeout = () => {
      settle();
      reject(new NetworkError("The video library took too long to answer"));
    };
    xhr.onabort = () => {
      settle();
      reject(new AbortedError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    xhr.send(body);
  });
