// Fixed-window counters in Postgres (rate_limits), so every portal instance sees the same count.
import "server-only";
import { db } from "@/lib/db";
import { bump } from "@/lib/limits";

/** Add one to `key`'s window (a new window starts once the old one is over); returns the new count. */
export async function hit(key: string, windowMs: number, now = new Date()): Promise<number> {
  return (await bump(key, windowMs, now)).count;
}

/** The count in `key`'s current window (0 when the window is over or never started). */
export async function peek(key: string, windowMs: number, now = new Date()): Promise<number> {
  const row = await db().rateLimit.findUnique({ where: { key } });
  if (!row || row.windowStart.getTime() <= now.getTime() - windowMs) return 0;
  return row.count;
}
