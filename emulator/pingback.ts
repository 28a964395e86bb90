import type { Emu, PingbackLogEntry } from "./context.ts";

const TIMEOUT_MS = 10_000;
const MAX_LOG = 1000;

/**
 * TwentyThree POSTs `<pingback url>?type=photo&photo_id=N` (no signature, no body) when an
 * object changes; the receiver must re-read the object. Best effort: fire and forget, never
 * blocks or fails the request that caused it, and every attempt is logged.
 */
export function pingback(emu: Emu, photoId: number | string, reason: string): void {
  if (!emu.pingbackUrl) return;
  const base = emu.pingbackUrl;
  const sep = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  const url = `${base}${sep}type=photo&photo_id=${encodeURIComponent(String(photoId))}`;
  const entry: PingbackLogEntry = { at: new Date(emu.now()).toISOString(), url, photo_id: String(photoId), reason, status: null };
  emu.pingbackLog.push(entry);
  if (emu.pingbackLog.length > MAX_LOG) emu.pingbackLog.shift();
  fetch(url, { method: "POST", redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) })
    .then(async (r) => {
      entry.status = r.status;
      await r.body?.cancel();
      if (!emu.quiet) console.log(`[emulator] pingback ${reason} photo ${photoId} -> ${r.status}`);
    })
    .catch((e: unknown) => {
      entry.error = e instanceof Error ? e.message : String(e);
      if (!emu.quiet) console.warn(`[emulator] pingback ${reason} photo ${photoId} failed: ${entry.error}`);
    });
}
