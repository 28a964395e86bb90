// Exponential backoff with jitter, and a sleep that an AbortSignal cuts short.
export class AbortedError extends Error {
  override name = "AbortError";
  constructor() {
    super("The upload was cancelled");
  }
}

/** Delay before retry number `attempt` (0-based): half fixed, half random, doubling up to `maxMs`. */
export function backoffMs(attempt: number, baseMs = 500, maxMs = 15_000, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exp / 2 + random() * (exp / 2));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clearTimeout(t);
      reject(new AbortedError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
